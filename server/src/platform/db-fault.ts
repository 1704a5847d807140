/**
 * Whether an error means the database cannot serve right now (unreachable, restarting, out of
 * connections, its disk full) rather than that the request was wrong: such requests should be
 * tried again later, so they answer 503 with Retry-After, never 500.
 *
 * Codes: Node's socket errors as mysql2 reports them, mysql2's own (PROTOCOL_CONNECTION_LOST …),
 * MySQL's server errors for shutdown, too many connections and a full disk, and SQLite's
 * SQLITE_FULL / SQLITE_IOERR* / SQLITE_BUSY (a lock held past the busy timeout) / SQLITE_CANTOPEN;
 * read on the error itself or on TypeORM's QueryFailedError (driverError).
 */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOSPC',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_RECORD_FILE_FULL',
  'ER_DISK_FULL',
  'ER_OUT_OF_RESOURCES',
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

function codesOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const e = error as { code?: unknown; driverError?: { code?: unknown }; cause?: { code?: unknown } };
  return [e.code, e.driverError?.code, e.cause?.code].filter((c): c is string => typeof c === 'string');
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).some((c) => unavailableCodes.has(c) || c.startsWith('SQLITE_IOERR'));
}

/** A full disk, for a message that says so. */
export function isDiskFull(error: unknown): boolean {
  return codesOf(error).some((c) => c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'ER_RECORD_FILE_FULL' || c === 'ER_DISK_FULL');
}

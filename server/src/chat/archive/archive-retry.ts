import { ChatArchiveError } from './chat-archive.port';

export interface ArchiveRetryOptions {
  /** How many calls in all, the first included (at least 1). */
  attempts: number;
  /** The wait before the second call; it doubles before each further call. */
  baseDelayMs: number;
  /** Waits; injected so tests need no real timers. */
  sleep: (ms: number) => Promise<void>;
  /** The longest single wait (default: no cap). */
  maxDelayMs?: number;
  /** Told before each wait (for a log line). */
  onRetry?: (error: ChatArchiveError, attempt: number, delayMs: number) => void;
}

/** The wait before call number `attempt + 1` (attempt counts from 1). */
export function archiveRetryDelay(attempt: number, baseDelayMs: number, maxDelayMs = Number.POSITIVE_INFINITY): number {
  return Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs);
}

/**
 * Calls `fn`, and calls it again after a growing wait while it fails with a retryable
 * ChatArchiveError (10001–10003). Anything else, and the last failure once the attempts are
 * spent, is thrown as it came.
 */
export async function withArchiveRetries<T>(fn: () => Promise<T>, options: ArchiveRetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof ChatArchiveError) || !error.retryable || attempt >= attempts) throw error;
      const delayMs = archiveRetryDelay(attempt, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(error, attempt, delayMs);
      await options.sleep(delayMs);
    }
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Runs fn in one transaction; everything it writes lands together or not at all. */
export function withTransaction<T>(ds: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(fn);
}

/** True when the error is a unique-key violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  const errno = e.driverError?.errno ?? e.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True when the database gave up on a transaction that a retry may well get through (MySQL deadlock, lock wait). */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const errno = e.driverError?.errno ?? e.errno;
  return errno === 1213 || errno === 1205;
}

/** Runs fn again (up to `attempts` runs in all, a few ms apart) when MySQL gave up on it for a deadlock or a lock wait. */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt));
    }
  }
}

/**
 * TypeORM's insert type cannot see through JSON columns typed as records or unknown; rows built
 * as the entity type are safe to insert as they are.
 */
export function asInsert<T>(row: T): QueryDeepPartialEntity<T> {
  return row as QueryDeepPartialEntity<T>;
}

/** A transaction handle, opaque to domain services: only repositories look inside. */
export type Tx = EntityManager;

import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * SQLite (better-sqlite3) has one connection per process, so two transactions begun at once fail
 * ("cannot start a transaction within a transaction") and take each other down. This queues them:
 * one at a time, in order. A transaction begun inside another runs as before (TypeORM would nest
 * it on its own query runner), so the queue never waits on itself.
 */
export function serializeTransactions(ds: DataSource): void {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const manager: EntityManager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const queued = (...args: unknown[]): Promise<unknown> => {
    if (inside.getStore()) return original(...args);
    const run = tail.then(() => inside.run(true, () => original(...args)));
    tail = run.catch(() => undefined);
    return run;
  };
  (manager as unknown as { transaction: typeof queued }).transaction = queued;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/** Marks code running inside a transaction's callback, while that transaction is open. */
const inside = new AsyncLocalStorage<{ open: boolean }>();

/**
 * SQLite (better-sqlite3) has one connection per process, so two transactions begun at once fail
 * ("cannot start a transaction within a transaction") and take each other down. This queues them:
 * one at a time, in order. A transaction begun inside another, while that one is open, runs as
 * before (TypeORM nests it on its own query runner), so the queue never waits on itself. Work
 * started in the background from inside a transaction (a queue kicked off by a write) carries the
 * mark along; once the transaction it was started in has closed, its own transactions queue again.
 */
export function serializeTransactions(ds: DataSource): void {
  let tail: Promise<unknown> = Promise.resolve();
  const manager: EntityManager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const queued = (...args: unknown[]): Promise<unknown> => {
    if (inside.getStore()?.open) return original(...args);
    const run = tail.then(() => {
      const mark = { open: true };
      return inside.run(mark, () => original(...args)).finally(() => {
        mark.open = false;
      });
    });
    tail = run.catch(() => undefined);
    return run;
  };
  (manager as unknown as { transaction: typeof queued }).transaction = queued;
}

/**
 * Runs `fn` as if no transaction were open: for background work started from code that may run
 * inside a transaction, so its own transactions take their turn in the queue.
 */
export function detachedFromTransactions<T>(fn: () => T): T {
  return inside.exit(fn);
}

interface RunnerLike {
  query(sql: string, ...rest: unknown[]): Promise<unknown>;
}

/**
 * Makes every transaction take SQLite's write lock when it begins (`BEGIN IMMEDIATE`) instead of
 * on its first write. With several processes on one file (WAL), a deferred transaction that read
 * first and then tries to write after another process committed fails at once with "database is
 * locked" — the busy timeout does not apply to that upgrade. Taken at BEGIN, the lock is waited for.
 */
export function beginImmediate(ds: DataSource): void {
  const driver = ds.driver as unknown as { createQueryRunner(mode: unknown): RunnerLike };
  const create = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<RunnerLike>();
  driver.createQueryRunner = (mode: unknown) => {
    const runner = create(mode);
    if (!patched.has(runner)) {
      const query = runner.query.bind(runner);
      runner.query = (sql: string, ...rest: unknown[]) => query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
      patched.add(runner);
    }
    return runner;
  };
}

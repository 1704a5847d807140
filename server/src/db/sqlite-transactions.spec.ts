import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginImmediate, detachedFromTransactions, serializeTransactions } from './sqlite-transactions';

describe('serializeTransactions (SQLite, one connection)', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await ds.initialize();
    serializeTransactions(ds);
    await ds.query('CREATE TABLE t (v INTEGER)');
  });
  afterEach(() => ds.destroy());

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const values = async () => (await ds.query<Array<{ v: number }>>('SELECT v FROM t ORDER BY v')).map((r) => r.v);

  it('runs transactions begun at once one after the other, each landing whole', async () => {
    await Promise.all(
      [1, 2, 3].map((n) =>
        ds.transaction(async (em) => {
          await em.query('INSERT INTO t (v) VALUES (?)', [n]);
          await pause(5);
          await em.query('INSERT INTO t (v) VALUES (?)', [n * 10]);
        }),
      ),
    );
    expect(await values()).toEqual([1, 2, 3, 10, 20, 30]);
  });

  it('runs a transaction awaited inside another without waiting for itself', async () => {
    await ds.transaction(async (em) => {
      await em.query('INSERT INTO t (v) VALUES (1)');
      await ds.transaction((inner) => inner.query('INSERT INTO t (v) VALUES (2)'));
    });
    expect(await values()).toEqual([1, 2]);
  });

  it('queues the transactions of background work started inside a transaction once that one has closed', async () => {
    let background: Promise<unknown> = Promise.resolve();
    await ds.transaction(async (em) => {
      await em.query('INSERT INTO t (v) VALUES (1)');
      // Kicked off from inside, not awaited: its transaction starts after the outer one has closed,
      // while another one is open, and outlives it.
      background = (async () => {
        await pause(20);
        await ds.transaction(async (x) => {
          await x.query('INSERT INTO t (v) VALUES (3)');
          await pause(40);
          await x.query('INSERT INTO t (v) VALUES (4)');
        });
      })();
    });
    const other = (async () => {
      await pause(10);
      await ds.transaction(async (x) => {
        await x.query('INSERT INTO t (v) VALUES (5)');
        await pause(30);
        throw new Error('changed its mind');
      });
    })();
    await expect(other).rejects.toThrow('changed its mind');
    await background;
    // The other transaction's rollback took only its own row; the background one landed whole.
    expect(await values()).toEqual([1, 3, 4]);
  });

  it('lets detached background work take its turn even while the transaction that started it is open', async () => {
    let background: Promise<unknown> = Promise.resolve();
    await ds.transaction(async (em) => {
      await em.query('INSERT INTO t (v) VALUES (1)');
      background = detachedFromTransactions(() => ds.transaction((x) => x.query('INSERT INTO t (v) VALUES (2)')));
      await pause(10);
      await em.query('INSERT INTO t (v) VALUES (3)');
    });
    await background;
    // It waited for the outer transaction to close instead of running inside it.
    expect((await ds.query<Array<{ v: number }>>('SELECT v FROM t ORDER BY rowid')).map((r) => r.v)).toEqual([1, 3, 2]);
  });
});

describe('beginImmediate (SQLite, several connections on one file)', () => {
  let dir: string;
  let first: DataSource;
  let second: DataSource;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestar-begin-'));
    const open = async () => {
      const ds = new DataSource({
        type: 'better-sqlite3',
        database: join(dir, 'db.sqlite'),
        enableWAL: true,
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          db.pragma('busy_timeout = 50');
        },
      });
      await ds.initialize();
      return ds;
    };
    first = await open();
    second = await open();
    await first.query('CREATE TABLE t (v INTEGER)');
    beginImmediate(first);
  });
  afterEach(async () => {
    await first.destroy();
    await second.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the write lock when the transaction begins, so another connection cannot write under a reader that will write', async () => {
    let otherWrite: unknown = 'not tried';
    await first.transaction(async (em) => {
      await em.query('SELECT COUNT(*) AS n FROM t');
      // A deferred transaction would hold only a read snapshot here, and this write would land —
      // making the insert below fail at once with "database is locked" (no busy wait for upgrades).
      otherWrite = await second.query('INSERT INTO t (v) VALUES (2)').then(() => 'landed', (error: Error) => error.message);
      await em.query('INSERT INTO t (v) VALUES (1)');
    });
    expect(otherWrite).toMatch(/locked/);
    expect((await second.query<Array<{ v: number }>>('SELECT v FROM t')).map((r) => r.v)).toEqual([1]);
  });
});

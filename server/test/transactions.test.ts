import { openTestDatabase, type TestDatabase } from './support/db';

describe(`transactions on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.ds.query('CREATE TABLE tx_probe (n INT NOT NULL)');
  });
  afterAll(() => db.close());

  it('lets transactions begun at the same time all commit, and a failed one roll back alone', async () => {
    const write = (n: number, fail = false) =>
      db.ds.transaction(async (em) => {
        await em.query('INSERT INTO tx_probe (n) VALUES (?)', [n]);
        await new Promise((r) => setTimeout(r, 10));
        if (fail) throw new Error(`fail ${n}`);
        await em.query('INSERT INTO tx_probe (n) VALUES (?)', [n * 10]);
        return n;
      });
    const results = await Promise.allSettled([write(1), write(2, true), write(3), write(4)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([1, 'fail 2', 3, 4]);
    const rows = await db.ds.query<Array<{ n: number }>>('SELECT n FROM tx_probe ORDER BY n');
    expect(rows.map((r) => Number(r.n))).toEqual([1, 3, 4, 10, 30, 40]);
  });

  it('still runs a transaction begun inside another', async () => {
    const n = await db.ds.transaction(async (outer) => {
      await outer.query('INSERT INTO tx_probe (n) VALUES (?)', [7]);
      return outer.transaction(async (inner) => {
        await inner.query('INSERT INTO tx_probe (n) VALUES (?)', [8]);
        return 2;
      });
    });
    expect(n).toBe(2);
    const rows = await db.ds.query<Array<{ c: number }>>('SELECT COUNT(*) AS c FROM tx_probe WHERE n IN (7, 8)');
    expect(Number(rows[0]!.c)).toBe(2);
  });
});

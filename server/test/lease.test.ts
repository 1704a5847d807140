import { TypeOrmLeaseStore } from '../src/db/lease.repository';
import { openTestDatabase, type TestDatabase } from './support/db';

describe(`database leases on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  let store: TypeOrmLeaseStore;
  const t0 = new Date('2026-11-23T10:00:00.000Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  beforeAll(async () => {
    db = await openTestDatabase();
    store = new TypeOrmLeaseStore(db.ds);
  });
  afterAll(() => db.close());

  it('gives a scheduled tick to exactly one of many concurrent claimants', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claimTick('job:2026-11-23T10:00:00.000Z', 'job', t0, `p${i}`, t0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    await store.finishTick('job:2026-11-23T10:00:00.000Z', 'done', at(1));
    const rows = await db.ds.query<{ status: string }[]>("SELECT status FROM job_run WHERE job = 'job'");
    expect(rows).toEqual([{ status: 'done' }]);
  });

  it('holds a named lease for one owner until it expires or is released', async () => {
    expect(await store.acquire('archive-pull', 'a', t0, at(30))).toBe(true);
    expect(await store.acquire('archive-pull', 'b', at(10), at(40))).toBe(false);
    expect(await store.acquire('archive-pull', 'a', at(20), at(50))).toBe(true); // renewal
    expect(await store.acquire('archive-pull', 'b', at(49), at(80))).toBe(false);
    expect(await store.acquire('archive-pull', 'b', at(51), at(80))).toBe(true); // a's lease ran out
    await store.release('archive-pull', 'b');
    expect(await store.acquire('archive-pull', 'a', at(52), at(90))).toBe(true);
    expect(await store.releaseAll('a')).toBe(1);
    expect(await store.acquire('archive-pull', 'c', at(53), at(90))).toBe(true);
  });
});

describe(`pruning tick records on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('deletes finished ticks before the cut-off and keeps running and recent ones', async () => {
    const store = new TypeOrmLeaseStore(db.ds);
    const at = (iso: string) => new Date(iso);
    await store.claimTick('j:old-done', 'j', at('2026-11-01T00:00:00Z'), 'p', at('2026-11-01T00:00:00Z'));
    await store.finishTick('j:old-done', 'done', at('2026-11-01T00:00:01Z'));
    await store.claimTick('j:old-running', 'j', at('2026-11-01T00:00:00Z'), 'p', at('2026-11-01T00:00:00Z'));
    await store.claimTick('j:new-done', 'j', at('2026-11-20T00:00:00Z'), 'p', at('2026-11-20T00:00:00Z'));
    await store.finishTick('j:new-done', 'done', at('2026-11-20T00:00:01Z'));
    expect(await store.pruneTicks(at('2026-11-16T00:00:00Z'))).toBe(1);
    const keys = (await db.ds.query<{ key: string }[]>('SELECT `key` FROM job_run ORDER BY `key`'.replace(/`/g, process.env.TEST_DB === 'mysql' ? '`' : '"'))).map((r) => r.key);
    expect(keys).toEqual(['j:new-done', 'j:old-running']);
  });
});

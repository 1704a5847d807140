import { metricKeys, type MetricKey, type MetricValue } from '@lodestar/shared';
import { MetricCatalog } from '../src/analytics/metric-catalog';
import type { RollupService } from '../src/analytics/rollup.service';
import { buildAnalytics } from '../src/app/analytics';
import { defaultSalesSops } from '../src/playbook';
import { ManualClock } from '../src/platform/clock';
import { SequentialIdGenerator } from '../src/platform/ids';
import { openTestDatabase, type TestDatabase } from './support/db';
import { C, corp, from, L, metricsDataSet, segS, teamA, teamB, to } from './support/metrics-data-set';

/**
 * The staff rollup (analytics_staff_day) against the live count, on the hand-made data set of
 * support/metrics-data-set.ts: the same answers, and late rows and merges folded in by the job.
 */
describe(`the agent metrics from the staff rollup on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  let metrics: MetricCatalog;
  let rollups: RollupService;
  let ins: ReturnType<typeof metricsDataSet>['ins'];
  let id: ReturnType<typeof metricsDataSet>['id'];

  beforeAll(async () => {
    db = await openTestDatabase();
    ({ metrics, rollups } = buildAnalytics({ ds: db.ds, clock: new ManualClock(L('03-06 12:00')), ids: new SequentialIdGenerator() }));
    const data = metricsDataSet(db.ds);
    ({ ins, id } = data);
    await data.seed();
  });

  afterAll(async () => {
    await db?.close();
  });

  const byKey = (items: MetricValue[]) => new Map(items.map((m) => [m.key, m]));

  it('answers the agent metrics from the staff rollup exactly as live, and folds in late rows and merges when the job runs', async () => {
    // The same catalogue without the rollup: every figure counted live.
    const live = new MetricCatalog(db.ds, new ManualClock(L('03-06 12:00')), new Map(defaultSalesSops.map((x) => [x.productLine as string, x.nodes.length])));
    const agentKeys: MetricKey[] = ['call_connect_rate', 'agent_activity'];
    const scopes = [corp, teamA, teamB, segS];
    const same = async () => {
      for (const scope of scopes) expect(await metrics.compute(scope, agentKeys, from, to)).toEqual(await live.compute(scope, agentKeys, from, to));
      for (const key of agentKeys) for (const by of ['agent', 'team'] as const) expect(await metrics.breakdown(corp, key, from, to, by)).toEqual(await live.breakdown(corp, key, from, to, by));
      expect(await metrics.series(corp, 'call_connect_rate', from, to, 'day')).toEqual(await live.series(corp, 'call_connect_rate', from, to, 'day'));
    };
    // Today is 03-06: the first run builds the 31 closed days up to yesterday, 02-03 to 03-05.
    const first = await rollups.runDue(C);
    expect(first.built).toEqual([{ from: '2026-02-03', last: '2026-03-05' }]);
    const day = async (staff: string, d: string) =>
      (await db.ds.query<Array<Record<string, unknown>>>('SELECT calls, connected, messages, follow_ups, tasks_done, sop_sent FROM analytics_staff_day WHERE corp_id = ? AND staff_id = ? AND `day` = ?', [C, staff, d])).map((r) =>
        Object.values(r).map(Number),
      );
    // a1 on 03-02: calls to k1 ✓ and k2 ✗, two messages to k1 (not the recall), follow-ups of L13 and L8.
    expect(await day('a1', '2026-03-02')).toEqual([[2, 1, 2, 2, 0, 0]]);
    // a1 on 03-03: the group message and the SOP send T1 and T2 (the call to km is merged).
    expect(await day('a1', '2026-03-03')).toEqual([[0, 0, 1, 0, 0, 2]]);
    // b1 on 03-04: the call to k4; its message to km is merged. Team lead l1's message counts under l1.
    expect(await day('b1', '2026-03-04')).toEqual([[1, 0, 0, 0, 0, 0]]);
    expect(await day('l1', '2026-03-02')).toEqual([[0, 0, 1, 0, 0, 0]]);
    // The hand-computed answers hold with 03-02..03-05 read from the rollup and 03-06..03-08 live.
    const m = byKey(await metrics.compute(corp, metricKeys, from, to));
    expect(m.get('call_connect_rate')!.ratio).toMatchObject({ numerator: 3, denominator: 5 });
    expect(m.get('agent_activity')!.ratio).toMatchObject({ numerator: 18, denominator: 3 });
    expect((await metrics.compute(teamA, ['agent_activity'], from, to))[0]!.ratio).toMatchObject({ numerator: 14, denominator: 2 });
    await same();
    // The rollup is what answers: a figure changed in it shows (and a rebuild by hand puts it right).
    await db.ds.query('UPDATE analytics_staff_day SET calls = calls + 10 WHERE corp_id = ? AND staff_id = ? AND `day` = ?', [C, 'a1', '2026-03-02']);
    expect((await metrics.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 3, denominator: 15 });
    await rollups.rebuild(C, { from: '2026-03-02', last: '2026-03-02' });
    await same();
    // A late row on a closed day within the settling days (a call on 03-04 logged on 03-06): counted
    // once the job runs again, which rebuilds 03-03..03-05 (and reaches a month further back).
    await ins('lead_call', { id: id('call'), corp_id: C, lead_id: 'Lx', customer_id: 'k5', seat_group_id: 'g', staff_id: 'b1', connected: true, intent: 'mid', next_step: 'assign', called_at: L('03-04 16:00') });
    expect((await live.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 4, denominator: 6 });
    expect((await rollups.runDue(C)).built).toEqual([
      { from: '2026-03-03', last: '2026-03-05' },
      { from: '2026-01-03', last: '2026-02-02' },
    ]);
    await same();
    // A merge (k2 into k1 on 03-06): k2's rows stop counting (the call a1→k2 ✗ on 03-02, the
    // follow-ups of L13 and L14, the SOP task T2), in closed days outside the settling days too.
    await db.ds.query('UPDATE customer SET merged_into_id = ? WHERE id = ?', ['k1', 'k2']);
    await ins('customer_merge', { id: id('mg'), corp_id: C, survivor_id: 'k1', merged_id: 'k2', reason: 'phone', at: L('03-06 11:00') });
    expect((await live.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 4, denominator: 5 });
    const merged = await rollups.runDue(C);
    expect(merged.merges).toBe(1);
    expect(merged.built).toContainEqual({ from: '2026-03-02', last: '2026-03-02' });
    await same();
    expect((await metrics.compute(corp, ['agent_activity'], from, to))[0]!.ratio).toMatchObject({ numerator: 15, denominator: 3 });
    // Nothing new: the next run rebuilds the settling days (and reaches back) and folds no merge in twice.
    const again = await rollups.runDue(C);
    expect(again.merges).toBe(0);
    expect(again.built[0]).toEqual({ from: '2026-03-03', last: '2026-03-05' });
    expect(again.built).not.toContainEqual({ from: '2026-03-02', last: '2026-03-02' });
    await same();
  });
});

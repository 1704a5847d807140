import { metricKeys, type MetricKey, type MetricValue } from '@lodestar/shared';
import type { Container } from '../src/app/container';
import { CorpZoneRepository } from '../src/analytics/corp-zone.repository';
import type { MetricCatalog } from '../src/analytics/metric-catalog';
import { metricRoutes } from '../src/analytics/metrics.router';
import type { AnalyticsScope } from '../src/analytics/scope';
import { ManualClock } from '../src/platform/clock';
import { SequentialIdGenerator } from '../src/platform/ids';
import { buildAnalytics } from '../src/app/analytics';
import type { Principal } from '../src/platform/http/principal';
import { createLogger } from '../src/platform/logger';
import { openTestDatabase, type TestDatabase } from './support/db';
import { C, corp, from, L, metricsDataSet, segE, segS, teamA, teamB, to } from './support/metrics-data-set';
import { serveRoutes, type RouteApp } from './support/route-app';

/** The seed's metrics on the hand-made data set of support/metrics-data-set.ts, every answer worked out by hand there and below. */
describe(`the seed's metrics on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  let metrics: MetricCatalog;
  let app: RouteApp | undefined;

  beforeAll(async () => {
    db = await openTestDatabase();
    // As the server builds it (the built-in sales SOPs come from playbook), on the test's clock.
    ({ metrics } = buildAnalytics({ ds: db.ds, clock: new ManualClock(L('03-06 12:00')), ids: new SequentialIdGenerator() }));
    await metricsDataSet(db.ds).seed();
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const byKey = (items: MetricValue[]) => new Map(items.map((m) => [m.key, m]));
  const value = async (scope: AnalyticsScope, key: MetricKey) => (await metrics.compute(scope, [key], from, to))[0]!;

  it('computes every metric for the whole corp', async () => {
    const items = await metrics.compute(corp, metricKeys, from, to);
    expect(items.map((i) => i.key)).toEqual([...metricKeys]);
    const m = byKey(items);
    const ratio = (k: MetricKey) => m.get(k)!.ratio && [m.get(k)!.ratio!.numerator, m.get(k)!.ratio!.denominator];
    // k1 (signed up O1, O3; played N1), k4 (played N1), k5 (waitlisted for O1, signed up in P) of 6
    // live customers. Not: k2 (cancelled), km (merged), k3/k4's sign-ups before P, k5's play after P.
    expect(ratio('activity_penetration')).toEqual([3, 6]);
    expect(m.get('activity_penetration')!.value).toBeCloseTo(0.5, 10);
    // Closed in P: L1 won, L2 lost, L3 won. Not: L4 (before P), L5 (merged), L6 (rejected).
    expect(ratio('underwriting_conversion')).toEqual([2, 3]);
    // Calls in P: a1→k1 ✓, a1→k2 ✗, a2→k3 ✓, b1→k4 ✗, b1→k5 ✓. Not: a1→km (merged), a1→k1 on 03-01.
    expect(ratio('call_connect_rate')).toEqual([3, 5]);
    expect(m.get('call_connect_rate')!.value).toBeCloseTo(0.6, 10);
    // O1 and O2 start in P. Seats held: k1 (O1, confirmed), k4 (O1, attended), k3 (O2, attended),
    // k6 (O2, confirmed). Not: k2 (cancelled), k5 (waitlisted), km (merged), O0 and O3.
    expect(ratio('event_attendance_rate')).toEqual([2, 4]);
    // Invited to O1/O2: k4 (attended), k1 (did not), k6 (did not). Not: uninvited views, km, O0, the online N1.
    expect(ratio('invited_attendance_rate')).toEqual([1, 3]);
    // k1 twice, k3 once in P. Not: km (merged), k4 (before P).
    expect(m.get('assessment_customers')).toMatchObject({ value: 2, unit: 'count', ratio: null });
    expect(m.get('assessment_times')).toMatchObject({ value: 3, unit: 'count', ratio: null });
    // Members before the end of P: k1 k2 k3 k4 k6 (km merged). Referrers in P: k1 (twice), k4. Not k3 (before P), km.
    expect(ratio('referral_rate')).toEqual([2, 5]);
    // Checked in during P: k1, k4, k6. Not: k2 (before P), km (merged), k5 (not a member).
    expect(ratio('checkin_active_rate')).toEqual([3, 5]);
    // Treated, entered in P, with a goal: J1 k1 ✓ k2 ✗; J2 k6 ✓ (converted after P, still its cohort); J4 k5 ✓.
    // Not: holdouts, km, J1 k5 (entered before P), J3 (no goal).
    expect(ratio('journey_conversion')).toEqual([3, 4]);
    // J1: 1/2 − 0/2 = +50 points, weight 4; J4: 1/1 − 1/1 = 0, weight 2; J2 has no holdout → 200/6.
    expect(m.get('journey_uplift')!.value).toBeCloseTo(100 / 3, 10);
    expect(m.get('journey_uplift')).toMatchObject({ unit: 'points', ratio: null });
    // Kept: L8 a1, L9 a1, L10 b1, L14 (second holding) a1. Missed: L9 a2, L14 (first holding) a1.
    // Not: L7 (undecided), L12 (released), L11 (merged), L13 (assigned before P).
    expect(ratio('lead_sla_compliance')).toEqual([4, 6]);
    // a1: 2 calls + 3 messages (2 to k1, 1 in a group; not the recall) + 4 follow-ups (L8, L9, L13, L14) + 2 SOP sends (T1, T2) = 11;
    // a2: 1 call + 1 message + 1 task = 3; b1: 2 calls + 1 follow-up (L10) + 1 SOP send (T7) = 4 (its message to km is merged).
    // l1 is a team lead, x1 left before P: 18 actions over 3 agents.
    expect(ratio('agent_activity')).toEqual([18, 3]);
    expect(m.get('agent_activity')!.value).toBeCloseTo(6, 10);
    // C1 3/5 + C2 2/3 + C3 5/5 + C4 3/3 (capped) + C7 0/5 = 13/21.
    expect(ratio('key_node_reach_rate')).toEqual([13, 21]);
    // Done: T1 T2 T7; due: those and T3 (failed), T4 (skipped), T5 (pending, due before now).
    // Not: T6 (pending, due after now), T8 cancelled, T9 planned, T10 merged, T11 before P.
    expect(ratio('sop_completion')).toEqual([3, 6]);
    expect([...m.values()].every((v) => v.better === 'higher' && v.name.length > 0)).toBe(true);
  });

  it('keeps to a team: its customers for customer metrics, its staff for what agents did', async () => {
    const a = byKey(await metrics.compute(teamA, ['activity_penetration', 'call_connect_rate', 'lead_sla_compliance', 'agent_activity', 'journey_conversion', 'journey_uplift', 'referral_rate', 'sop_completion', 'key_node_reach_rate', 'event_attendance_rate'], from, to));
    const r = (k: MetricKey) => [a.get(k)!.ratio!.numerator, a.get(k)!.ratio!.denominator];
    expect(r('activity_penetration')).toEqual([1, 3]); // k1 of k1 k2 k3
    expect(r('call_connect_rate')).toEqual([2, 3]); // a1 1/2, a2 1/1
    expect(r('lead_sla_compliance')).toEqual([3, 5]); // a1 3/4, a2 0/1
    expect(r('agent_activity')).toEqual([14, 2]); // a1 11 + a2 3
    expect(r('journey_conversion')).toEqual([1, 2]); // J1 k1 ✓ k2 ✗
    expect(a.get('journey_uplift')!.value).toBeCloseTo(50, 10); // J1: 1/2 − 0/1 (k3)
    expect(r('referral_rate')).toEqual([1, 3]); // k1 of members k1 k2 k3
    expect(r('sop_completion')).toEqual([2, 5]); // a1 2/3, a2 0/2
    expect(r('key_node_reach_rate')).toEqual([10, 13]); // a1 5/8, a2 5/5
    expect(r('event_attendance_rate')).toEqual([1, 2]); // k1 (O1) ✗, k3 (O2) ✓
    const b = byKey(await metrics.compute(teamB, ['activity_penetration', 'journey_conversion', 'journey_uplift', 'assessment_customers', 'lead_sla_compliance'], from, to));
    expect(b.get('activity_penetration')!.ratio).toEqual({ numerator: 2, denominator: 2, value: 1 }); // k4, k5
    expect(b.get('journey_conversion')!.ratio).toEqual({ numerator: 1, denominator: 1, value: 1 }); // J4 k5 ✓
    // J1 has only k4 held out in team B and J4 only k5 treated: no journey has both groups.
    expect(b.get('journey_uplift')!.value).toBeNull();
    expect(b.get('assessment_customers')!.value).toBe(0);
    expect(b.get('lead_sla_compliance')!.ratio).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('keeps to a segment’s current members, and a rate over nobody is null', async () => {
    const s = byKey(await metrics.compute(segS, ['activity_penetration', 'underwriting_conversion', 'call_connect_rate', 'event_attendance_rate', 'invited_attendance_rate', 'referral_rate', 'checkin_active_rate', 'journey_conversion', 'journey_uplift', 'lead_sla_compliance', 'agent_activity', 'key_node_reach_rate', 'sop_completion'], from, to));
    const r = (k: MetricKey) => [s.get(k)!.ratio!.numerator, s.get(k)!.ratio!.denominator];
    expect(r('activity_penetration')).toEqual([1, 2]); // k4 of k2 k4 (km merged)
    expect(r('underwriting_conversion')).toEqual([1, 2]); // L2 k2 lost, L3 k4 won
    expect(r('call_connect_rate')).toEqual([0, 2]); // a1→k2 ✗, b1→k4 ✗
    expect(s.get('call_connect_rate')!.value).toBe(0);
    expect(r('event_attendance_rate')).toEqual([1, 1]); // k4 attended O1 (k2 cancelled)
    expect(r('invited_attendance_rate')).toEqual([1, 1]); // k4
    expect(r('referral_rate')).toEqual([1, 2]); // k4 of members k2 k4
    expect(r('checkin_active_rate')).toEqual([1, 2]); // k4 (k2 checked in before P)
    expect(r('journey_conversion')).toEqual([0, 1]); // J1 k2 ✗
    expect(s.get('journey_uplift')!.value).toBe(0); // J1: 0/1 − 0/1 (k4)
    expect(r('lead_sla_compliance')).toEqual([2, 3]); // L14 a1 missed then kept, L10 b1 kept
    expect(r('agent_activity')).toEqual([6, 3]); // a1: call k2 + follow-ups L13 L14 + T2; b1: call k4 + follow-up L10
    expect(r('key_node_reach_rate')).toEqual([5, 6]); // C2 2/3, C4 3/3
    expect(r('sop_completion')).toEqual([1, 1]); // T2 (customer k2); group tasks name no member
    const e = await metrics.compute(segE, ['activity_penetration', 'call_connect_rate', 'sop_completion', 'journey_uplift', 'lead_sla_compliance'], from, to);
    for (const v of e) expect(v.value).toBeNull();
    expect(e[0]!.ratio).toEqual({ numerator: 0, denominator: 0, value: null });
    expect((await value(segE, 'assessment_times')).value).toBe(0);
  });

  it('counts nothing of another period', async () => {
    const items = await metrics.compute(corp, ['call_connect_rate', 'event_attendance_rate', 'journey_conversion', 'lead_sla_compliance', 'key_node_reach_rate', 'sop_completion'], L('05-01 00:00'), L('05-08 00:00'));
    expect(items.map((i) => i.value)).toEqual([null, null, null, null, null, null]);
    // The activity base does not depend on activity: 7 live customers exist by May (k7 too).
    expect((await metrics.compute(corp, ['activity_penetration'], L('05-01 00:00'), L('05-08 00:00')))[0]!.ratio).toEqual({ numerator: 0, denominator: 7, value: 0 });
  });

  it('breaks the agents’ metrics down by agent and by team', async () => {
    const rows = (list: Array<{ key: string; label: string; value: number | null; ratio: { numerator: number; denominator: number } | null }>) =>
      list.map((x) => [x.key, x.label, x.ratio ? [x.ratio.numerator, x.ratio.denominator] : x.value]);
    expect(rows(await metrics.breakdown(corp, 'call_connect_rate', from, to, 'agent'))).toEqual([
      ['a1', '安', [1, 2]],
      ['a2', '白', [1, 1]],
      ['b1', '陈', [1, 2]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'lead_sla_compliance', from, to, 'team'))).toEqual([
      ['tB', '乙队', [1, 1]],
      ['tA', '甲队', [3, 5]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'agent_activity', from, to, 'agent'))).toEqual([
      ['a1', '安', 11],
      ['a2', '白', 3],
      ['b1', '陈', 4],
    ]);
    expect(rows(await metrics.breakdown(corp, 'agent_activity', from, to, 'team'))).toEqual([
      ['tB', '乙队', [4, 1]],
      ['tA', '甲队', [14, 2]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'key_node_reach_rate', from, to, 'agent'))).toEqual([
      ['a1', '安', [5, 8]],
      ['a2', '白', [5, 5]],
      ['b1', '陈', [3, 8]],
    ]);
    expect(rows(await metrics.breakdown(teamA, 'sop_completion', from, to, 'agent'))).toEqual([
      ['a1', '安', [2, 3]],
      ['a2', '白', [0, 2]],
    ]);
    await expect(metrics.breakdown(corp, 'activity_penetration', from, to, 'agent')).rejects.toThrow(/no breakdown by agent or team/);
  });

  it('gives a series per local day and per week', async () => {
    // Calls: 03-02 a1 ✓ ✗; 03-04 a2 ✓, b1 ✗; 03-06 b1 ✓.
    expect(await metrics.series(corp, 'call_connect_rate', from, to, 'day')).toEqual([
      { day: '2026-03-02', value: 0.5 },
      { day: '2026-03-03', value: null },
      { day: '2026-03-04', value: 0.5 },
      { day: '2026-03-05', value: null },
      { day: '2026-03-06', value: 1 },
      { day: '2026-03-07', value: null },
      { day: '2026-03-08', value: null },
    ]);
    const week = await metrics.series(corp, 'call_connect_rate', L('02-23 00:00'), to, 'week');
    expect(week.map((p) => p.day)).toEqual(['2026-02-23', '2026-03-02']);
    expect(week[0]!.value).toBe(1); // a1→k1 on 03-01
    expect(week[1]!.value).toBeCloseTo(0.6, 10);
  });

  it('serves the metrics over HTTP: team leads held to their team, clear 400s', async () => {
    const principals: Record<string, Principal> = {
      admin: { id: 'ad', role: 'admin', corpId: C, teamId: null, name: 'ad' },
      leadA: { id: 'l1', role: 'team_lead', corpId: C, teamId: 'tA', name: '林' },
      agent: { id: 'a1', role: 'agent', corpId: C, teamId: 'tA', name: '安' },
    };
    const container = { logger: createLogger('silent'), tokens: { verify: (t: string) => (principals[t] ? Promise.resolve(principals[t]) : Promise.reject(new Error('no'))) } } as unknown as Container;
    app = await serveRoutes(container, metricRoutes({ metrics, zones: new CorpZoneRepository(db.ds) }));
    const get = async (path: string, token: string, q: Record<string, string>) => {
      const res = await fetch(`${app!.base}${path}?${new URLSearchParams({ from: '2026-03-02T00:00:00+08:00', to: '2026-03-09T00:00:00+08:00', ...q }).toString()}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>>; error?: { message: string } } };
    };
    const all = await get('/api/analytics/metrics', 'admin', {});
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(15);
    expect(all.body.from).toBe(from.toISOString());
    const lead = await get('/api/analytics/metrics', 'leadA', { teamId: 'tB', keys: 'call_connect_rate,agent_activity' });
    expect(lead.body.items.map((i) => [i.key, (i.ratio as { numerator: number; denominator: number }).numerator, (i.ratio as { denominator: number }).denominator])).toEqual([
      ['call_connect_rate', 2, 3],
      ['agent_activity', 14, 2],
    ]);
    const seg = await get('/api/analytics/metrics', 'admin', { segmentId: 'S', keys: 'checkin_active_rate' });
    expect(seg.body.items[0]!.value).toBe(0.5);
    expect((await get('/api/analytics/metrics', 'agent', {})).status).toBe(403);
    const backwards = await get('/api/analytics/metrics', 'admin', { from: '2026-03-09T00:00:00+08:00', to: '2026-03-02T00:00:00+08:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error!.message).toMatch(/before/);
    const long = await get('/api/analytics/metrics', 'admin', { from: '2025-01-01T00:00:00+08:00', to: '2026-01-03T00:00:00+08:00' });
    expect(long.status).toBe(400);
    expect(long.body.error!.message).toMatch(/366 days/);
    const unknown = await get('/api/analytics/metrics', 'admin', { keys: 'call_connect_rate,nps' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.message).toMatch(/Unknown metric nps/);
    const breakdown = await get('/api/analytics/metrics/call_connect_rate/breakdown', 'admin', { by: 'team' });
    expect(breakdown.body.items.map((i) => [i.key, i.value])).toEqual([
      ['tB', 0.5],
      ['tA', 2 / 3],
    ]);
    const noBreakdown = await get('/api/analytics/metrics/referral_rate/breakdown', 'admin', { by: 'agent' });
    expect(noBreakdown.status).toBe(400);
    expect(noBreakdown.body.error!.message).toMatch(/referral_rate has no breakdown/);
    const series = await get('/api/analytics/metrics/assessment_times/series', 'leadA', { interval: 'day' });
    expect(series.body.items.map((p) => p.value)).toEqual([1, 0, 0, 1, 1, 0, 0]); // team A: k1 03-02, k1 03-05, k3 03-06
    expect((await get('/api/analytics/metrics/call_connect_rate/series', 'admin', { from: '2026-01-01T00:00:00+08:00', interval: 'day' })).status).toBe(400);
    expect((await get('/api/analytics/metrics/nps/series', 'admin', {})).status).toBe(400);
  });
});

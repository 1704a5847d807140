import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { EvaluationSnapshot, MetricKey, MetricValue } from '@lodestar/shared';
import { CorpZoneRepository } from '../src/analytics/corp-zone.repository';
import { defaultTargets } from '../src/analytics/evaluation-defaults';
import { evaluationCsvRouter, evaluationRoutes } from '../src/analytics/evaluation.router';
import { EvaluationRepository, type NewSnapshot } from '../src/analytics/evaluation.repository';
import { EvaluationService } from '../src/analytics/evaluation.service';
import type { MetricSource } from '../src/analytics/metric-source';
import type { AnalyticsScope } from '../src/analytics/scope';
import { toDbTime } from '../src/db/naming';
import { ManualClock } from '../src/platform/clock';
import { errorHandler } from '../src/platform/http/error-handler';
import { mountRoutes } from '../src/platform/http/mount';
import type { Principal } from '../src/platform/http/principal';
import { SequentialIdGenerator } from '../src/platform/ids';
import { createLogger } from '../src/platform/logger';
import { openTestDatabase, type TestDatabase } from './support/db';

/** Fixed metric values per team ('' = the whole corp): the metrics themselves are tested with their catalogue. */
class StubMetrics implements MetricSource {
  readonly calls: Array<{ teamId: string | null; keys: string[]; from: string; to: string }> = [];
  private readonly names: Partial<Record<MetricKey, string>> = { call_connect_rate: '通话接通率', assessment_customers: '评估客户数', sop_completion: 'SOP 完成率', underwriting_conversion: '投保转化率' };
  private readonly values: Record<string, Partial<Record<MetricKey, number>>> = {
    '': { call_connect_rate: 0.28, assessment_customers: 27, sop_completion: 0.7, underwriting_conversion: 0.12 },
    'team-a': { call_connect_rate: 0.42 },
    'team-b': { call_connect_rate: 0.3 },
  };
  async compute(scope: AnalyticsScope, keys: readonly MetricKey[], from: Date, to: Date): Promise<MetricValue[]> {
    this.calls.push({ teamId: scope.teamId, keys: [...keys], from: from.toISOString(), to: to.toISOString() });
    // Slow enough that two workers started together both find the period not yet taken.
    await new Promise((r) => setTimeout(r, 25));
    const own = this.values[scope.teamId ?? ''] ?? {};
    return keys.map((key) => ({ key, name: this.names[key] ?? key, unit: key === 'assessment_customers' ? 'count' : 'ratio', value: own[key] ?? null, ratio: null, better: 'higher' }));
  }
}

/** The repository, counting the inserts that found their key already taken. */
class CountingRepository extends EvaluationRepository {
  lost = 0;
  override async insertSnapshot(s: NewSnapshot): Promise<boolean> {
    const inserted = await super.insertSnapshot(s);
    if (!inserted) this.lost += 1;
    return inserted;
  }
}

describe(`analytics evaluations on ${process.env.TEST_DB}`, () => {
  const corpId = 'corp-eval';
  // Monday 23 March 2026, 00:05 in Shanghai: the week of 16–22 March and February have just closed.
  const T1 = new Date('2026-03-22T16:05:00Z');
  // Wednesday 8 April 2026, 10:00 in Shanghai, after two weeks without a worker.
  const T2 = new Date('2026-04-08T02:00:00Z');
  const admin: Principal = { id: 'admin-1', role: 'admin', corpId, teamId: null, name: 'Admin' };
  const leadB: Principal = { id: 'lead-b', role: 'team_lead', corpId, teamId: 'team-b', name: 'Lead B' };
  let db: TestDatabase;
  let clock: ManualClock;
  let metrics: StubMetrics;
  let ids = 0;
  const service = (repo = new CountingRepository(db.ds)) =>
    new EvaluationService({ repo, metrics, zones: new CorpZoneRepository(db.ds), clock, ids: new SequentialIdGenerator(`p${++ids}`) });
  const snapshots = (period: string) =>
    db.ds.query<Array<{ snapshot_key: string; trigger_kind: string }>>('SELECT snapshot_key, trigger_kind FROM analytics_snapshot WHERE corp_id = ? AND `period` = ? ORDER BY period_start, taken_at', [corpId, period]);

  beforeAll(async () => {
    db = await openTestDatabase();
    clock = new ManualClock(T1);
    metrics = new StubMetrics();
    const at = toDbTime(new Date('2026-01-01T00:00:00Z'));
    await db.ds.query('INSERT INTO corp (id, wecom_corp_id, name, timezone, created_at) VALUES (?, ?, ?, ?, ?)', [corpId, 'wwEval', '评估保险', 'Asia/Shanghai', at]);
    await db.ds.query('INSERT INTO team (id, corp_id, name, lead_staff_id, created_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)', [
      'team-a', corpId, '一组, "华东"', null, at,
      'team-b', corpId, '=2+3', null, at,
    ]);
  });
  afterAll(() => db.close());

  it('sets targets, changing the one of the same metric, period and team in place', async () => {
    const s = service();
    const first = await s.setTarget(admin, { metric: 'call_connect_rate', period: 'week', target: 0.3, teamId: null, tolerance: 0.1 });
    const again = await s.setTarget(admin, { metric: 'call_connect_rate', period: 'week', target: 0.35, teamId: null, tolerance: 0.1 });
    expect(again).toMatchObject({ id: first.id, target: 0.35, tolerance: 0.1, teamId: null, updatedBy: 'admin-1', updatedAt: T1.toISOString() });
    await s.setTarget(admin, { metric: 'assessment_customers', period: 'week', target: 30, teamId: null, tolerance: 0.1 });
    await s.setTarget(admin, { metric: 'call_connect_rate', period: 'week', target: 0.4, teamId: 'team-a', tolerance: 0.1 });
    await s.setTarget(admin, { metric: 'call_connect_rate', period: 'week', target: 0.4, teamId: 'team-b', tolerance: 0.1 });
    await s.setTarget(admin, { metric: 'sop_completion', period: 'month', target: 0.85, teamId: null, tolerance: 0.1 });
    await s.setTarget(admin, { metric: 'assessment_customers', period: 'month', target: 45, teamId: null, tolerance: 0.1 });
    const doomed = await s.setTarget(admin, { metric: 'referral_rate', period: 'year', target: 0.05, teamId: null, tolerance: 0.2 });

    await expect(s.setTarget(admin, { metric: 'referral_rate', period: 'week', target: 0.05, teamId: 'no-such-team', tolerance: 0.1 })).rejects.toMatchObject({ code: 'not_found' });
    await s.deleteTarget(corpId, doomed.id);
    await expect(s.deleteTarget(corpId, doomed.id)).rejects.toMatchObject({ code: 'not_found' });

    const week = await s.listTargets(corpId, 'week');
    expect(week.map((t) => [t.metric, t.teamId, t.target])).toEqual([
      ['assessment_customers', null, 30],
      ['call_connect_rate', null, 0.35],
      ['call_connect_rate', 'team-a', 0.4],
      ['call_connect_rate', 'team-b', 0.4],
    ]);
    expect((await s.listTargets(corpId)).length).toBe(6);
  });

  it('seeds default targets only where the corp has none, keeping what an admin set', async () => {
    const other = 'corp-seeded';
    const s = service();
    await s.setTarget({ ...admin, corpId: other }, { metric: 'call_connect_rate', period: 'month', target: 0.5, teamId: null, tolerance: 0.1 });
    const defaults = defaultTargets();
    expect(await s.seedTargets(other, defaults)).toBe(defaults.length - 1);
    expect(await s.seedTargets(other, defaults)).toBe(0);
    const month = await s.listTargets(other, 'month');
    expect(month.find((t) => t.metric === 'call_connect_rate')).toMatchObject({ target: 0.5, updatedBy: 'admin-1' });
    expect(month.find((t) => t.metric === 'lead_sla_compliance')).toMatchObject({ target: 0.9, tolerance: 0.05, updatedBy: null });
  });

  it('takes each closed period once when two workers run at the same moment, and not again after a restart', async () => {
    const [repoA, repoB] = [new CountingRepository(db.ds), new CountingRepository(db.ds)];
    const [a, b] = await Promise.all([service(repoA).runDue(corpId), service(repoB).runDue(corpId)]);
    // The race really happened: both found the periods free, and the database let one of each in.
    expect(repoA.lost + repoB.lost).toBeGreaterThanOrEqual(1);
    expect([...a.taken, ...b.taken].sort()).toEqual(['month', 'realtime', 'week']);
    expect((await snapshots('week')).map((r) => r.snapshot_key)).toEqual([`${corpId}|week|2026-03-15T16:00:00.000Z|schedule`]);
    expect((await snapshots('month')).map((r) => r.snapshot_key)).toEqual([`${corpId}|month|2026-01-31T16:00:00.000Z|schedule`]);
    expect(await snapshots('realtime')).toHaveLength(1);
    // No targets for quarters, half years or years: nothing to take (yet).
    for (const p of ['quarter', 'half_year', 'year']) expect(await snapshots(p)).toHaveLength(0);

    // The closed week was measured over the whole week; the month to date up to now.
    expect(metrics.calls).toContainEqual({ teamId: null, keys: ['assessment_customers', 'call_connect_rate'], from: '2026-03-15T16:00:00.000Z', to: '2026-03-22T16:00:00.000Z' });
    expect(metrics.calls).toContainEqual({ teamId: 'team-a', keys: ['call_connect_rate'], from: '2026-03-15T16:00:00.000Z', to: '2026-03-22T16:00:00.000Z' });
    expect(metrics.calls).toContainEqual({ teamId: null, keys: ['assessment_customers', 'sop_completion'], from: '2026-02-28T16:00:00.000Z', to: T1.toISOString() });

    // A restarted worker, three minutes on (same 5-minute slot): nothing new.
    clock.advance(3 * 60_000);
    expect((await service().runDue(corpId)).taken).toEqual([]);
    // Into the next slot: only a fresh realtime snapshot.
    clock.advance(3 * 60_000);
    expect((await service().runDue(corpId)).taken).toEqual(['realtime']);
    expect(await snapshots('realtime')).toHaveLength(2);
    expect(await snapshots('week')).toHaveLength(1);
  });

  it('judges rows against hand-worked numbers: closed week, closed month and the month to date', async () => {
    const s = service();
    const [week] = await s.list(admin, 'week', 10);
    expect(week).toMatchObject({ period: 'week', periodStart: '2026-03-15T16:00:00.000Z', periodEnd: '2026-03-22T16:00:00.000Z', takenAt: T1.toISOString(), trigger: 'schedule', offTrack: 2 });
    const brief = (x: EvaluationSnapshot) => x.rows.map((r) => [r.metric, r.teamId, r.value, r.target, r.completion, r.expected, r.deviation, r.offTrack]);
    expect(brief(week!)).toEqual([
      ['call_connect_rate', null, 0.28, 0.35, 0.8, 1, -0.07, true], // 0.28 < 0.35 − 0.035
      ['assessment_customers', null, 27, 30, 0.9, 1, -3, false], // exactly at 1 − 0.1
      ['call_connect_rate', 'team-a', 0.42, 0.4, 1.05, 1, 0.02, false],
      ['call_connect_rate', 'team-b', 0.3, 0.4, 0.75, 1, -0.1, true], // 0.3 < 0.36
    ]);

    const [february] = await s.list(admin, 'month', 10);
    expect(brief(february!)).toEqual([
      ['assessment_customers', null, 27, 45, 0.6, 1, -18, true],
      ['sop_completion', null, 0.7, 0.85, 0.8235, 1, -0.15, true],
    ]);

    // The month to date at 00:05 on 23 March: 22 days 5 minutes of 31 days = 31685 / 44640 = 0.70979.
    // Counts are pro-rated: 45 × 0.70979 = 31.9405 expected by now, so 27 is 4.9405 behind, and
    // completion 0.6 is below 0.70979 − 0.1. Rates have no pro-rating: the month target stands.
    const realtime = (await s.list(admin, 'realtime', 10)).at(-1)!;
    expect(realtime).toMatchObject({ periodStart: '2026-02-28T16:00:00.000Z', periodEnd: '2026-03-31T16:00:00.000Z', takenAt: T1.toISOString(), offTrack: 2 });
    expect(brief(realtime)).toEqual([
      ['assessment_customers', null, 27, 45, 0.6, 0.7098, -4.9405, true],
      ['sop_completion', null, 0.7, 0.85, 0.8235, 0.7098, -0.15, true],
    ]);
  });

  it('catches up the last closed week after a gap, and the month and quarter that closed meanwhile', async () => {
    await service().setTarget(admin, { metric: 'underwriting_conversion', period: 'quarter', target: 0.1, teamId: null, tolerance: 0.2 });
    clock.set(T2);
    const s = service();
    expect((await s.runDue(corpId)).taken).toEqual(['week', 'month', 'quarter', 'realtime']);
    expect((await s.list(admin, 'week', 10)).map((x) => x.periodStart)).toEqual(['2026-03-29T16:00:00.000Z', '2026-03-15T16:00:00.000Z']);
    expect((await s.list(admin, 'month', 10)).map((x) => x.periodStart)).toEqual(['2026-02-28T16:00:00.000Z', '2026-01-31T16:00:00.000Z']);
    const [q1] = await s.list(admin, 'quarter', 10);
    expect(q1).toMatchObject({ periodStart: '2025-12-31T16:00:00.000Z', periodEnd: '2026-03-31T16:00:00.000Z', offTrack: 0 });
    expect(q1!.rows).toEqual([
      { metric: 'underwriting_conversion', name: '投保转化率', unit: 'ratio', teamId: null, value: 0.12, target: 0.1, better: 'higher', completion: 1.2, expected: 1, deviation: 0.02, offTrack: false },
    ]);
    expect((await s.runDue(corpId)).taken).toEqual([]);
  });

  it('shows a team lead the corp’s rows and their own team’s only', async () => {
    const s = service();
    const closed = (await s.list(leadB, 'week', 10)).find((x) => x.periodStart === '2026-03-15T16:00:00.000Z')!;
    expect(closed.rows.map((r) => r.teamId)).toEqual([null, null, 'team-b']);
    const own = await s.get(leadB, closed.id);
    expect(own.rows.map((r) => r.teamId)).toEqual([null, null, 'team-b']);
    expect(own.offTrack).toBe(2);
    expect((await s.get(admin, closed.id)).rows).toHaveLength(4);
    await expect(s.get(admin, 'no-such-snapshot')).rejects.toMatchObject({ code: 'not_found' });
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    let weekId: string;
    const as = (who: Principal | null, init: RequestInit = {}) => ({ ...init, headers: { 'content-type': 'application/json', ...(who ? { 'x-test-principal': JSON.stringify(who) } : {}) } });

    beforeAll(async () => {
      const evaluations = service();
      const app = new Koa();
      app.use(errorHandler({ logger: createLogger('silent') }));
      app.use(bodyParser());
      app.use(async (ctx, next) => {
        const who = ctx.get('x-test-principal');
        if (who) ctx.state.principal = JSON.parse(who) as Principal;
        await next();
      });
      const api = new Router();
      mountRoutes(api, evaluationRoutes({ evaluations }));
      // The CSV router goes first, as in app/http.ts, or /evaluations/:id would take "<id>.csv".
      for (const r of [evaluationCsvRouter({ evaluations }), api]) app.use(r.routes()).use(r.allowedMethods());
      server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      weekId = (await evaluations.list(admin, 'week', 10)).find((x) => x.periodStart === '2026-03-15T16:00:00.000Z')!.id;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('exports a snapshot as CSV: BOM, header, quoted team names, a defused formula, an attachment', async () => {
      const res = await fetch(`${base}/api/analytics/evaluations/${weekId}.csv`, as(admin));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="evaluation-week-2026-03-16.csv"');
      // Raw bytes: fetch's text() would drop the BOM.
      const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
      expect(body).toBe(
        '\uFEFFmetric,name,team,value,target,completion,expected,deviation,off_track\r\n' +
          'call_connect_rate,通话接通率,Whole corp,0.28,0.35,0.8,1,-0.07,yes\r\n' +
          'assessment_customers,评估客户数,Whole corp,27,30,0.9,1,-3,no\r\n' +
          'call_connect_rate,通话接通率,"一组, ""华东""",0.42,0.4,1.05,1,0.02,no\r\n' +
          "call_connect_rate,通话接通率,'=2+3,0.3,0.4,0.75,1,-0.1,yes\r\n",
      );
      const lead = Buffer.from(await (await fetch(`${base}/api/analytics/evaluations/${weekId}.csv`, as(leadB))).arrayBuffer()).toString('utf8');
      expect(lead.split('\r\n').filter(Boolean).map((l) => l.split(',')[2])).toEqual(['team', 'Whole corp', 'Whole corp', "'=2+3"]);
      expect((await fetch(`${base}/api/analytics/evaluations/${weekId}.csv`, as({ ...leadB, role: 'agent' }))).status).toBe(403);
      expect((await fetch(`${base}/api/analytics/evaluations/${weekId}.csv`, as(null))).status).toBe(401);
      expect((await fetch(`${base}/api/analytics/evaluations/nope.csv`, as(admin))).status).toBe(404);
    });

    it('serves targets and snapshots as JSON, to the roles allowed', async () => {
      const one = await fetch(`${base}/api/analytics/evaluations/${weekId}`, as(leadB));
      expect(one.status).toBe(200);
      expect(((await one.json()) as EvaluationSnapshot).rows.map((r) => r.teamId)).toEqual([null, null, 'team-b']);
      const list = (await (await fetch(`${base}/api/analytics/evaluations?period=week&limit=1`, as(admin))).json()) as { items: EvaluationSnapshot[] };
      expect(list.items.map((x) => x.periodStart)).toEqual(['2026-03-29T16:00:00.000Z']);

      const put = { method: 'PUT', body: JSON.stringify({ metric: 'event_attendance_rate', period: 'month', target: 0.6 }) };
      expect((await fetch(`${base}/api/analytics/targets`, as(leadB, put))).status).toBe(403);
      const created = await fetch(`${base}/api/analytics/targets`, as(admin, put));
      expect(created.status).toBe(200);
      expect(await created.json()).toMatchObject({ metric: 'event_attendance_rate', period: 'month', target: 0.6, teamId: null, tolerance: 0.1 });
      const bad = await fetch(`${base}/api/analytics/targets`, as(admin, { method: 'PUT', body: JSON.stringify({ metric: 'nope', period: 'month', target: 1 }) }));
      expect(bad.status).toBe(400);
      const targets = (await (await fetch(`${base}/api/analytics/targets?period=month`, as(leadB))).json()) as { items: Array<{ id: string; metric: string }> };
      expect(targets.items.map((t) => t.metric)).toEqual(['assessment_customers', 'event_attendance_rate', 'sop_completion']);
      const del = targets.items.find((t) => t.metric === 'event_attendance_rate')!.id;
      expect((await fetch(`${base}/api/analytics/targets/${del}`, as(admin, { method: 'DELETE' }))).status).toBe(200);
      expect((await fetch(`${base}/api/analytics/targets/${del}`, as(admin, { method: 'DELETE' }))).status).toBe(404);
    });

    it('takes a manual snapshot of the month to date, and refuses a period without targets', async () => {
      // 8 April 10:00 in Shanghai: 7 days 10 hours of April's 30 days = 178 / 720 = 0.24722 of the month;
      // 45 × 178 / 720 = 11.125 customers expected by now, so 27 is 15.875 ahead.
      const res = await fetch(`${base}/api/analytics/evaluations/run`, as(admin, { method: 'POST', body: JSON.stringify({ period: 'month' }) }));
      expect(res.status).toBe(201);
      const snap = (await res.json()) as EvaluationSnapshot;
      expect(snap).toMatchObject({ period: 'month', trigger: 'manual', periodStart: '2026-03-31T16:00:00.000Z', periodEnd: '2026-04-30T16:00:00.000Z', takenAt: T2.toISOString() });
      // Named in Shanghai's days whatever the reader's zone (in UTC the start would read 31 March).
      expect(snap).toMatchObject({ firstDay: '2026-04-01', lastDay: '2026-04-30' });
      const listed = (await (await fetch(`${base}/api/analytics/evaluations?period=month&limit=20`, as(admin))).json()) as { items: EvaluationSnapshot[] };
      expect(listed.items.find((x) => x.id === snap.id)).toMatchObject({ firstDay: '2026-04-01', lastDay: '2026-04-30' });
      expect(listed.items.find((x) => x.periodStart === '2026-02-28T16:00:00.000Z')).toMatchObject({ firstDay: '2026-03-01', lastDay: '2026-03-31' });
      expect(snap.rows.find((r) => r.metric === 'assessment_customers')).toMatchObject({ completion: 0.6, expected: 0.2472, deviation: 15.875, offTrack: false });
      // Manual snapshots never block the scheduled one of the same period.
      expect((await snapshots('month')).map((r) => r.trigger_kind)).toEqual(['schedule', 'schedule', 'manual']);

      const none = await fetch(`${base}/api/analytics/evaluations/run`, as(admin, { method: 'POST', body: JSON.stringify({ period: 'half_year' }) }));
      expect(none.status).toBe(400);
      expect((await fetch(`${base}/api/analytics/evaluations/run`, as(leadB, { method: 'POST', body: JSON.stringify({ period: 'month' }) }))).status).toBe(403);
    });
  });
});

import type { FunnelRequest, RetentionRequest } from '@lodestar/shared';
import { CorpZoneRepository } from '../src/analytics/corp-zone.repository';
import { funnelRoutes } from '../src/analytics/funnel.router';
import { FunnelRepository } from '../src/analytics/funnel.repository';
import { FunnelService } from '../src/analytics/funnel.service';
import { RetentionRepository } from '../src/analytics/retention.repository';
import type { AnalyticsScope } from '../src/analytics/scope';
import { journeySteps } from '../src/analytics/funnel.plan';
import { RollupService } from '../src/analytics/rollup.service';
import { StaffDayRepository } from '../src/analytics/staff-day.repository';
import { StageReachRepository } from '../src/analytics/stage-reach.repository';
import { StageTransitionRepository } from '../src/analytics/stage-transition.repository';
import type { Container } from '../src/app/container';
import { toDbTime } from '../src/db/naming';
import { ManualClock } from '../src/platform/clock';
import type { Principal } from '../src/platform/http/principal';
import { createLogger } from '../src/platform/logger';
import { openTestDatabase, type TestDatabase } from './support/db';
import { serveRoutes, type RouteApp } from './support/route-app';

/**
 * Funnels and retention on a small hand-made data set (corp zone Asia/Shanghai, March 2026; 03-02
 * is a Monday). Owners: team T1 has c1 c2 c5 c7 (and m9, merged into c1); team T2 has c3 c4 c6 c8.
 * Every expected figure below is worked out by hand in the comments.
 */
describe(`analytics funnels and retention on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase;
  let funnels: FunnelService;
  /** The same service reading every later step's (and every return's) corp-wide range instead of seeking per customer. */
  let scanning: FunnelService;
  /** Both strategies' answers, checked equal: the SQL of each is exercised by every case. */
  const both = async <T>(ask: (f: FunnelService) => Promise<T>): Promise<T> => {
    const [a, b] = [await ask(funnels), await ask(scanning)];
    expect(b).toEqual(a);
    return a;
  };
  let app: RouteApp | undefined;
  const K = 'corp-k';
  const whole: AnalyticsScope = { corpId: K, teamId: null, segmentId: null, timeZone: 'Asia/Shanghai' };
  const march = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
  /** A local (UTC+8) time as a Date. */
  const local = (day: string, time = '10:00'): Date => new Date(`${day}T${time}:00+08:00`);
  let seq = 0;
  const ids = { next: () => `id-${String(++seq).padStart(6, '0')}` };

  const customers: Array<[id: string, owner: string, stage: string, created: Date, mergedInto: string | null]> = [
    ['c1', 's1', 'purchase', local('2026-03-01'), null],
    ['c2', 's1', 'analysis', new Date('2026-02-28T17:00:00Z'), null], // 03-01 01:00 local: inside March
    ['c3', 's2', 'analysis', local('2026-02-20'), null],
    ['c4', 's2', 'need_clarified', local('2026-03-15'), null],
    ['c5', 's1', 'purchase', local('2026-01-10'), null],
    ['c6', 's2', 'interest', local('2026-03-25'), null],
    ['c7', 's1', 'referral', local('2026-03-01', '12:00'), null],
    ['c8', 's2', 'referral', local('2026-03-03'), null],
    ['m9', 's1', 'analysis', local('2026-03-02'), 'c1'],
  ];
  /** activity_count rows: customer → event → local days. */
  const activity: Record<string, Record<string, string[]>> = {
    c1: { view: ['2026-03-02', '2026-03-05'], buy: ['2026-03-06'], signup: ['2026-03-02', '2026-03-09'], visit: ['2026-03-03', '2026-03-05', '2026-03-09'] },
    c2: { view: ['2026-02-27', '2026-03-04'], buy: ['2026-03-12'], signup: ['2026-03-01', '2026-03-02'], visit: ['2026-03-05', '2026-03-12'] },
    c3: { view: ['2026-03-10'], buy: ['2026-03-11'], signup: ['2026-03-04'], visit: ['2026-03-05'] },
    c4: { view: ['2026-03-20'], buy: ['2026-03-20', '2026-03-25'], signup: ['2026-03-09'], visit: ['2026-03-10', '2026-03-12'] },
    c5: { view: ['2026-03-15'], buy: ['2026-03-17'], signup: ['2026-03-15'], visit: ['2026-03-16'] },
    c6: { view: ['2026-04-02'], signup: ['2026-03-16'] },
    c7: { view: ['2026-03-01'], buy: ['2026-03-08'], signup: ['2026-03-09'], visit: ['2026-03-09'] },
    m9: { view: ['2026-03-02'], buy: ['2026-03-04'], signup: ['2026-03-02'], visit: ['2026-03-03'] },
  };
  const transitions: Array<[customer: string, from: string, to: string, at: Date]> = [
    ['c1', 'interest', 'analysis', local('2026-03-03')],
    ['c1', 'analysis', 'purchase', local('2026-03-20')],
    ['c2', 'interest', 'analysis', new Date('2026-03-04T20:00:00Z')], // 03-05 04:00 local
    ['c3', 'interest', 'analysis', local('2026-03-08')],
    ['c4', 'interest', 'online_interaction', local('2026-03-16')],
    ['c4', 'online_interaction', 'need_clarified', local('2026-03-20', '09:00')],
    ['c5', 'interest', 'analysis', local('2026-02-20')],
    ['c5', 'analysis', 'purchase', local('2026-03-16')],
    ['c7', 'interest', 'analysis', local('2026-03-06')],
    ['c7', 'analysis', 'referral', local('2026-04-10')],
    ['c8', 'interest', 'purchase', local('2026-03-05')],
    ['c8', 'purchase', 'referral', local('2026-03-07')],
    ['m9', 'interest', 'analysis', local('2026-03-03')],
  ];

  beforeAll(async () => {
    db = await openTestDatabase();
    const q = (sql: string, params: unknown[]) => db.ds.query(sql, params);
    const t0 = toDbTime(local('2026-01-01'));
    await q('INSERT INTO corp (id, wecom_corp_id, name, timezone, created_at) VALUES (?, ?, ?, ?, ?)', [K, 'wwk', 'K', 'Asia/Shanghai', t0]);
    for (const t of ['T1', 'T2']) await q('INSERT INTO team (id, corp_id, name, lead_staff_id, created_at) VALUES (?, ?, ?, NULL, ?)', [t, K, t, t0]);
    for (const [s, t] of [['s1', 'T1'], ['s2', 'T2']]) {
      await q("INSERT INTO staff_member (id, corp_id, team_id, wecom_user_id, name, role, seniority, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'agent', 'junior', 'active', ?, ?)", [s, K, t, s, s, t0, t0]);
    }
    for (const [id, owner, stage, created, merged] of customers) {
      await q("INSERT INTO customer (id, corp_id, name, gender, owner_staff_id, stage, archive_consent, merged_into_id, created_at, updated_at) VALUES (?, ?, ?, 'unknown', ?, ?, 0, ?, ?, ?)", [
        id,
        K,
        id,
        owner,
        stage,
        merged,
        toDbTime(created),
        toDbTime(created),
      ]);
    }
    for (const [customer, events] of Object.entries(activity)) {
      for (const [name, days] of Object.entries(events)) {
        for (const day of days) await q('INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, 1)', [customer, `event:${name}`, day, K]);
      }
    }
    // Another corp's rows with the same event names never count.
    await q('INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, 1)', ['x1', 'event:view', '2026-03-02', 'corp-other']);
    const history = new StageTransitionRepository(db.ds, ids);
    for (const [customer, from, to, at] of transitions) await history.record(K, [{ customerId: customer, from: from as never, to: to as never }], at);
    await q('INSERT INTO segment_member (segment_id, customer_id, corp_id, entered_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)', ['S', 'c3', K, t0, 'S', 'c4', K, t0]);
    const clock = new ManualClock('2026-03-14T04:00:00Z');
    funnels = new FunnelService({ funnels: new FunnelRepository(db.ds, Infinity), retention: new RetentionRepository(db.ds, Infinity), clock });
    scanning = new FunnelService({ funnels: new FunnelRepository(db.ds, 0), retention: new RetentionRepository(db.ds, 0), clock });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('records stage changes with one multi-row insert per chunk', async () => {
    const [row] = await db.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM stage_transition WHERE corp_id = ?', [K]);
    expect(Number(row!.n)).toBe(transitions.length);
    const before = seq;
    await new StageTransitionRepository(db.ds, ids).record('corp-z', Array.from({ length: 1203 }, (_, i) => ({ customerId: `z${i}`, from: 'interest' as const, to: 'analysis' as const })), local('2026-05-01'));
    const [z] = await db.ds.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM stage_transition WHERE corp_id = 'corp-z'", []);
    expect(Number(z!.n)).toBe(1203);
    expect(seq - before).toBe(1203);
  });

  const viewAnalysisBuy: FunnelRequest = {
    ...march,
    windowDays: 7,
    steps: [
      { kind: 'event', name: 'view' },
      { kind: 'stage', stage: 'analysis', label: '需求分析' },
      { kind: 'event', name: 'buy' },
    ],
  };

  it('counts an ordered funnel of events and a stage in the database', async () => {
    // Entry = first view in March; then the first change into analysis-or-beyond from below it on or
    // after that day; then the first buy on or after that, all within 7 days of the entry:
    //   c1: 03-02 → 03-03 → 03-06                 (gaps 1, 3)
    //   c2: 03-04 (02-27 is before March) → 03-05 (04-Mar 20:00Z is 03-05 local) → buy 03-12 > 03-11: out (gap 1)
    //   c3: 03-10 → its change into analysis was 03-08, before the view: out (and so is its buy)
    //   c4: 03-20 → online_interaction→need_clarified on 03-20 passes analysis → buy 03-20 (gaps 0, 0)
    //   c5: 03-15 → analysis→purchase starts at analysis, so it does not enter it: out
    //   c6: only views in April: not in. c7: 03-01 → 03-06 → 03-08 = last day of the window (gaps 5, 2)
    //   m9: merged into c1: not counted. corp-other's view: another corp.
    // Counts 6, 4, 3. Step 2 gaps 0,1,1,5 → median 1; step 3 gaps 0,2,3 → median 2.
    const r = await both((f) => f.funnel(whole, viewAnalysisBuy));
    expect(r.steps).toEqual([
      { label: 'view', customers: 6, fromPrevious: null, fromFirst: 1, dropOff: 0, medianDaysFromPrevious: null },
      { label: '需求分析', customers: 4, fromPrevious: 4 / 6, fromFirst: 4 / 6, dropOff: 2, medianDaysFromPrevious: 1 },
      { label: 'buy', customers: 3, fromPrevious: 3 / 4, fromFirst: 0.5, dropOff: 1, medianDaysFromPrevious: 2 },
    ]);
    expect(r.overall).toBe(0.5);
    expect(r).toMatchObject({ windowDays: 7, from: march.from, to: march.to });
  });

  it('moves with the window: at 6 days c7’s buy on 03-08 falls out, at 14 c2’s buy on 03-12 comes in', async () => {
    const six = await both((f) => f.funnel(whole, { ...viewAnalysisBuy, windowDays: 6 }));
    expect(six.steps.map((s) => s.customers)).toEqual([6, 4, 2]);
    // c7's analysis on 03-06 is 5 days after its entry: still inside 6.
    const fourteen = await both((f) => f.funnel(whole, { ...viewAnalysisBuy, windowDays: 14 }));
    expect(fourteen.steps.map((s) => s.customers)).toEqual([6, 4, 4]);
    // Step 3 gaps now 0 (c4), 2 (c7), 3 (c1), 7 (c2: 03-05 → 03-12) → median 2.5.
    expect(fourteen.steps[2]!.medianDaysFromPrevious).toBe(2.5);
  });

  it('enforces the order: the same events the other way round', async () => {
    // buy, then view: c1 c2 c3 c4 c5 c7 buy in March (6 enter; m9 merged). Only c4 views on or after its buy
    // (both 03-20, the same day: in order, gap 0); the others viewed only before buying.
    const r = await both((f) => f.funnel(whole, { ...march, windowDays: 30, steps: [{ kind: 'event', name: 'buy' }, { kind: 'event', name: 'view' }] }));
    expect(r.steps.map((s) => s.customers)).toEqual([6, 1]);
    expect(r.steps[1]!.medianDaysFromPrevious).toBe(0);
  });

  it('keeps to the team and to the segment', async () => {
    // T1: c1, c2, c5, c7 enter; c1, c2, c7 reach analysis (gaps 1, 1, 5 → 1); c1, c7 buy (gaps 3, 2 → 2.5).
    const t1 = await both((f) => f.funnel({ ...whole, teamId: 'T1' }, viewAnalysisBuy));
    expect(t1.steps.map((s) => [s.customers, s.medianDaysFromPrevious])).toEqual([
      [4, null],
      [3, 1],
      [2, 2.5],
    ]);
    // Segment S = c3, c4: both enter, c4 goes on.
    const seg = await both((f) => f.funnel({ ...whole, segmentId: 'S' }, viewAnalysisBuy));
    expect(seg.steps.map((s) => s.customers)).toEqual([2, 1, 1]);
  });

  it('shows the six-stage journey funnel of the customers who joined in the period', async () => {
    // Joined in March (created_at): c1 c2 c4 c6 c7 c8 (c3, c5 earlier; m9 merged). Reach days, window 30 (to 03-31):
    //   c1: 03-01, OI 03-03, AN 03-03 (interest→analysis), NC 03-20, PU 03-20 (analysis→purchase)
    //   c2: 03-01 (01:00 local), OI 03-05, AN 03-05
    //   c4: 03-15, OI 03-16, AN 03-20, NC 03-20
    //   c6: 03-25 only. c7: 03-01, OI 03-06, AN 03-06 (referral on 04-10 is past the window)
    //   c8: 03-03, OI/AN/NC/PU 03-05 (interest→purchase), RE 03-07
    // Counts 6, 5, 5, 3, 2, 1. Gaps: OI 2,4,1,5,2 → 2; AN 0,0,4,0,0 → 0; NC 17,0,0 → 0; PU 0,0 → 0; RE 2.
    const r = await both((f) => f.journeyFunnel(whole, march.from, march.to, 30));
    expect(r.steps.map((s) => [s.label, s.customers, s.dropOff, s.medianDaysFromPrevious])).toEqual([
      ['interest', 6, 0, null],
      ['online_interaction', 5, 1, 2],
      ['analysis', 5, 0, 0],
      ['need_clarified', 3, 2, 0],
      ['purchase', 2, 1, 0],
      ['referral', 1, 1, 2],
    ]);
    expect(r.overall).toBe(1 / 6);
  });

  it('counts live customers per stage now, and at each stage or beyond', async () => {
    // c6 interest; c2 c3 analysis; c4 need_clarified; c1 c5 purchase; c7 c8 referral (m9 merged).
    const all = await funnels.stageSnapshot(whole);
    expect(all.total).toBe(8);
    expect(all.stages.map((s) => [s.customers, s.atLeast])).toEqual([
      [1, 8],
      [0, 7],
      [2, 7],
      [1, 5],
      [2, 4],
      [2, 2],
    ]);
    const t1 = await funnels.stageSnapshot({ ...whole, teamId: 'T1' });
    expect(t1.stages.map((s) => s.customers)).toEqual([0, 0, 1, 0, 2, 1]);
  });

  // Retention: signup then visit, 03-02 to 03-15 (local days), days 1, 3, 7. Start days:
  //   c1 03-02 (visits +1 +3 +7), c2 03-02 (03-01 is before the period; visits +3 +10), c3 03-04 (+1),
  //   c4 03-09 (+1 +3), c7 03-09 (a visit the same day is no return), c5 03-15 (+1); c6 signed up 03-16: out; m9 merged.
  const retention: RetentionRequest = { from: '2026-03-02T00:00:00+08:00', to: '2026-03-16T00:00:00+08:00', startEvent: 'signup', returnEvent: 'visit', cohort: 'day', days: [1, 3, 7], mode: 'bounded' };

  it('counts bounded retention by day, null where the day has not come', async () => {
    // today 03-14: 03-02 [1, 2, 1]; 03-04 [1, 0, 0]; 03-09 [1, 1, null (03-16)]; 03-15 all null.
    // Overall: day 1 = 3/5, day 3 = 3/5, day 7 = (1 + 0) / (2 + 1) = 1/3.
    const r = await both((f) => f.retention(whole, retention, '2026-03-14'));
    expect(r.cohorts).toEqual([
      { start: '2026-03-02', size: 2, returned: [1, 2, 1], rates: [0.5, 1, 0.5] },
      { start: '2026-03-04', size: 1, returned: [1, 0, 0], rates: [1, 0, 0] },
      { start: '2026-03-09', size: 2, returned: [1, 1, null], rates: [0.5, 0.5, null] },
      { start: '2026-03-15', size: 1, returned: [null, null, null], rates: [null, null, null] },
    ]);
    expect(r.overall).toEqual([3 / 5, 3 / 5, 1 / 3]);
  });

  it('counts unbounded retention: day N or later', async () => {
    // 03-02: c1 last +7, c2 last +10 → [2, 2, 2]; 03-04: c3 last +1 → [1, 0, 0]; 03-09: c4 last +3 → [1, 1, null].
    // Without a `today`, the clock's (03-14 in Shanghai) decides.
    const r = await both((f) => f.retention(whole, { ...retention, mode: 'unbounded' }));
    expect(r.cohorts.map((c) => c.returned)).toEqual([
      [2, 2, 2],
      [1, 0, 0],
      [1, 1, null],
      [null, null, null],
    ]);
    expect(r.overall).toEqual([4 / 5, 3 / 5, 2 / 3]);
  });

  it('counts week cohorts from Monday, each day only once it has come for every member', async () => {
    // Week 03-02: c1 c2 c3 (last start 03-04): day 1 c1 c3 = 2, day 3 c1 c2 = 2, day 7 c1 = 1 (03-11 ≤ 03-14).
    // Week 03-09: c4 c7 c5 (last start 03-15): all null on 03-14; on 03-22: day 1 c4 c5 = 2, day 3 c4 = 1, day 7 (03-22) = 0.
    const early = await both((f) => f.retention(whole, { ...retention, cohort: 'week' }, '2026-03-14'));
    expect(early.cohorts.map((c) => [c.start, c.size, c.returned])).toEqual([
      ['2026-03-02', 3, [2, 2, 1]],
      ['2026-03-09', 3, [null, null, null]],
    ]);
    expect(early.overall).toEqual([2 / 3, 2 / 3, 1 / 3]);
    const later = await both((f) => f.retention(whole, { ...retention, cohort: 'week' }, '2026-03-22'));
    expect(later.cohorts[1]!.returned).toEqual([2, 1, 0]);
    expect(later.overall).toEqual([4 / 6, 3 / 6, 1 / 6]);
  });

  it('keeps retention to the team', async () => {
    // T2: c3 (03-04) and c4 (03-09).
    const r = await both((f) => f.retention({ ...whole, teamId: 'T2' }, retention, '2026-03-30'));
    expect(r.cohorts.map((c) => [c.start, c.size, c.returned])).toEqual([
      ['2026-03-04', 1, [1, 0, 0]],
      ['2026-03-09', 1, [1, 1, 0]],
    ]);
  });

  it('answers 400 over HTTP for a period of more than 366 days or one that ends before it starts, and holds a team lead to their team', async () => {
    const principals: Record<string, Principal> = {
      admin: { id: 'a', role: 'admin', corpId: K, teamId: null, name: 'a' },
      lead2: { id: 'l', role: 'team_lead', corpId: K, teamId: 'T2', name: 'l' },
      agent: { id: 's1', role: 'agent', corpId: K, teamId: 'T1', name: 's1' },
    };
    const container = { logger: createLogger('silent'), tokens: { verify: (t: string) => (principals[t] ? Promise.resolve(principals[t]) : Promise.reject(new Error('no'))) } } as unknown as Container;
    app = await serveRoutes(container, funnelRoutes({ funnels, zones: new CorpZoneRepository(db.ds) }));
    const post = (path: string, token: string, body: unknown) => fetch(`${app!.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const long = await post('/api/analytics/funnels', 'admin', { ...viewAnalysisBuy, from: '2025-01-01T00:00:00+08:00', to: '2026-01-03T00:00:00+08:00' });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toMatch(/366 days/);
    const backwards = await post('/api/analytics/retention', 'admin', { ...retention, from: retention.to, to: retention.from });
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { error: { message: string } }).error.message).toMatch(/before/);
    expect((await post('/api/analytics/funnels', 'agent', viewAnalysisBuy)).status).toBe(403);
    // The T2 lead asks for T1 and gets T2: c3 and c4 enter, c4 goes on.
    const lead = await post('/api/analytics/funnels', 'lead2', { ...viewAnalysisBuy, teamId: 'T1' });
    expect(lead.status).toBe(200);
    expect(((await lead.json()) as { steps: Array<{ customers: number }> }).steps.map((s) => s.customers)).toEqual([2, 1, 1]);
    const journey = await fetch(`${app.base}/api/analytics/funnels/journey?from=${encodeURIComponent(march.from)}&to=${encodeURIComponent(march.to)}&windowDays=30`, { headers: { authorization: 'Bearer admin' } });
    expect(((await journey.json()) as { steps: Array<{ customers: number }> }).steps.map((s) => s.customers)).toEqual([6, 5, 5, 3, 2, 1]);
  });

  it('reads the journey funnel from the first-reach rollup with the step-by-step answer, histories older than the customer and merges included', async () => {
    const stepByStep = (scope: AnalyticsScope, windowDays: number) => funnels.funnel(scope, { ...march, steps: journeySteps(), windowDays });
    const fromRollup = (scope: AnalyticsScope, windowDays: number) => both((f) => f.journeyFunnel(scope, march.from, march.to, windowDays));
    const same = async () => {
      for (const scope of [whole, { ...whole, teamId: 'T1' }, { ...whole, teamId: 'T2' }, { ...whole, segmentId: 'S' }]) {
        for (const w of [0, 6, 30]) expect(await fromRollup(scope, w)).toEqual(await stepByStep(scope, w));
      }
    };
    await same();
    const q = (sql: string, params: unknown[]) => db.ds.query(sql, params);
    const addCustomer = (id: string, owner: string, created: Date, merged: string | null = null) =>
      q("INSERT INTO customer (id, corp_id, name, gender, owner_staff_id, stage, archive_consent, merged_into_id, created_at, updated_at) VALUES (?, ?, ?, 'unknown', ?, 'interest', 0, ?, ?, ?)", [id, K, id, owner, merged, toDbTime(created), toDbTime(created)]);
    const history = new StageTransitionRepository(db.ds, ids);
    // c9 (T1), created 03-10 with a history older than itself: analysis on 02-15, back to interest
    // 03-01, then straight to purchase on 03-12. Its first reach of online_interaction (02-15)
    // comes before its creation, so it is counted step by step: OI, AN, NC, PU all on 03-12.
    await addCustomer('c9', 's1', local('2026-03-10'));
    await history.record(K, [{ customerId: 'c9', from: 'interest', to: 'analysis' }], local('2026-02-15'));
    await history.record(K, [{ customerId: 'c9', from: 'analysis', to: 'interest' }], local('2026-03-01'));
    await history.record(K, [{ customerId: 'c9', from: 'interest', to: 'purchase' }], local('2026-03-12'));
    expect((await fromRollup(whole, 30)).steps.map((s) => s.customers)).toEqual([7, 6, 6, 4, 3, 1]);
    await same();
    // x1 (T2), created in February, reached online_interaction on 03-26 and is merged into c6
    // (created 03-25, never moved): the merge hands x1's history to c6. Until the rollup job folds
    // the merge in, c6's first-reach row knows nothing of it and c6 is counted step by step.
    await addCustomer('x1', 's2', local('2026-02-01'));
    await history.record(K, [{ customerId: 'x1', from: 'interest', to: 'online_interaction' }], local('2026-03-26'));
    await q('UPDATE stage_transition SET customer_id = ? WHERE customer_id = ?', ['c6', 'x1']);
    await q('UPDATE customer SET merged_into_id = ? WHERE id = ?', ['c6', 'x1']);
    await q("INSERT INTO customer_merge (id, corp_id, survivor_id, merged_id, reason, event_key, detail, at) VALUES (?, ?, 'c6', 'x1', 'phone', NULL, NULL, ?)", ['mg-1', K, toDbTime(local('2026-03-27'))]);
    expect((await fromRollup(whole, 30)).steps.map((s) => s.customers)).toEqual([7, 7, 6, 4, 3, 1]);
    await same();
    const rollups = new RollupService({ staffDays: new StaffDayRepository(db.ds), reach: new StageReachRepository(db.ds), zones: new CorpZoneRepository(db.ds), clock: new ManualClock('2026-03-28T04:00:00Z') });
    expect((await rollups.runDue(K)).merges).toBe(1);
    const [c6] = await db.ds.query<Array<{ online_interaction_at: string | null; analysis_at: string | null }>>('SELECT online_interaction_at, analysis_at FROM stage_reach WHERE customer_id = ?', ['c6']);
    expect(c6!.online_interaction_at).not.toBeNull();
    expect(c6!.analysis_at).toBeNull();
    expect((await fromRollup(whole, 30)).steps.map((s) => s.customers)).toEqual([7, 7, 6, 4, 3, 1]);
    await same();
  });
});

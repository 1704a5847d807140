/**
 * The analytics benchmark (issue 11), run by scripts/bench.mjs when BENCH_ONLY includes `analytics`
 * (in the default set). On MariaDB (database lodestar_bench_analytics, made and dropped), in-process
 * on the built analytics services:
 *
 * 1. A synthetic corp with BENCH_ANALYTICS_CUSTOMERS (1,000,000) customers and a year of their
 *    activity, generated inside MariaDB (scripts/lib/analytics-fill.cjs): stage history, the daily
 *    rollup (activity_count), mini-program check-ins, sign-ups, plays, views, assessments and
 *    referrals, leads with their moves and calls, chat messages and conversations, journey
 *    positions, SOP and agent tasks.
 * 2. The console's dashboards as they ask: the seed's 15 metrics for a month (whole corp and one
 *    team), the six-stage journey funnel for a quarter, a four-step event funnel, day cohorts of
 *    retention, a metric's daily trend, a breakdown by agent, and an evaluation run.
 * 2a. The analytics rollups (migration 014), built by the rollup job's buildAll as a server would
 *    after loading data without its writers: each customer's first reach of every journey stage
 *    (stage_reach) and the per-agent daily actions (analytics_staff_day) for the year up to
 *    yesterday. Timed on its own and reported as the rollup build time; a kept database whose
 *    rollups are built already is not rebuilt.
 * 3. The baseline, in the same run on the same data: counting the month's rows of the daily rollup
 *    through its index (the least any of these reads), and a SELECT 1 round trip.
 *
 * Each dashboard is run twice; the second (warm) time is the one reported, with the first beside it.
 * Settings: BENCH_ANALYTICS_CUSTOMERS, BENCH_ANALYTICS_KEEP=1 (keep the database for a rerun: a
 * later run with the same BENCH_ANALYTICS_CUSTOMERS finds the corp there and skips the fill; with
 * another size it stops and asks for the database to be dropped).
 */
import { createRequire } from 'node:module';
import cliProgress from 'cli-progress';

const require = createRequire(import.meta.url);
const { fillStatements } = require('./analytics-fill.cjs');

const env = process.env;
const customers = Number(env.BENCH_ANALYTICS_CUSTOMERS ?? 1_000_000);
const database = 'lodestar_bench_analytics';
const end = '2026-11-24';
const corpId = 'C';

async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

export async function benchAnalytics({ mysqlBase, fromDist }) {
  const { openDatabase } = fromDist('db/data-source.js');
  const url = new URL(mysqlBase);
  url.pathname = `/${database}`;
  const keep = env.BENCH_ANALYTICS_KEEP === '1';
  const ds = await openDatabase(url.toString());
  try {
    const [{ n: present }] = await ds.query('SELECT COUNT(*) AS n FROM customer WHERE corp_id = ?', [corpId]);
    if (Number(present) !== customers) {
      if (Number(present) > 0) throw new Error(`${database} holds ${present} customers, not ${customers}: drop it first`);
      const statements = fillStatements({ n: customers, end });
      const bar = new cliProgress.SingleBar(
        { format: `${'generating the corp'.padEnd(30)} [{bar}] {value}/{total} {label}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 },
        cliProgress.Presets.shades_classic,
      );
      const fill = await timed(async () => {
        bar.start(statements.length, 0, { label: '' });
        for (const [i, st] of statements.entries()) {
          bar.update(i, { label: st.label });
          await ds.query(st.sql);
        }
        bar.update(statements.length, { label: 'done' });
        bar.stop();
      });
      console.log(`generated in ${(fill.seconds / 60).toFixed(1)} min`);
    }
    const rows = {};
    for (const t of ['customer', 'activity_count', 'stage_transition', 'mp_checkin', 'lead_move', 'lead_call', 'chat_message', 'journey_position']) {
      rows[t] = Number((await ds.query(`SELECT COUNT(*) AS n FROM \`${t}\``))[0].n);
    }
    console.log(`data: ${Object.entries(rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`);

    const clock = { now: () => new Date(`${end}T02:00:00.000Z`) };
    let idn = 0;
    // Unique across runs: a kept database holds the evaluation snapshots of earlier runs (their ids and keys).
    const run = Date.now().toString(36);
    const ids = { next: () => `bench-${run}-${++idn}` };
    // Built as the server builds them (app/analytics.ts), on the bench's own clock.
    const { metrics, funnels, evaluations, rollups } = fromDist('app/analytics.js').buildAnalytics({ ds, clock, ids });
    const [state] = await ds.query('SELECT staff_through FROM analytics_rollup_state WHERE corp_id = ?', [corpId]);
    let rollupSeconds = null;
    if (state?.staff_through) console.log(`rollups: built already (through ${state.staff_through})`);
    else {
      const build = await timed(() => rollups.buildAll(corpId));
      rollupSeconds = build.seconds;
      const staffDays = Number((await ds.query('SELECT COUNT(*) AS n FROM analytics_staff_day'))[0].n);
      const reached = Number((await ds.query('SELECT COUNT(*) AS n FROM stage_reach'))[0].n);
      console.log(`rollup build time: ${build.seconds.toFixed(1)} s (stage_reach ${reached.toLocaleString('en-US')} rows, analytics_staff_day ${staffDays.toLocaleString('en-US')} rows for ${build.value.built[0].from}..${build.value.built[0].last})`);
    }
    // What one run of the analytics.rollups job costs once it is settled (the last 3 closed days again).
    const settle = await timed(() => rollups.runDue(corpId));
    console.log(`rollup job run (settled: ${settle.value.built.map((r) => `${r.from}..${r.last}`).join(', ')}): ${settle.seconds.toFixed(2)} s`);
    await evaluations.seedTargets(corpId, fromDist('analytics/index.js').defaultTargets());
    const scope = { corpId, teamId: null, segmentId: null, timeZone: 'Asia/Shanghai' };
    const team = { ...scope, teamId: 't3' };
    // The month before `end` in Shanghai, and the quarter before it.
    const month = { from: '2026-10-23T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' };
    const quarter = { from: '2026-08-23T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' };
    const all = [...require('@lodestar/shared').metricKeys];

    const baseline = await timed(() => ds.query("SELECT COUNT(*) AS n FROM activity_count WHERE corp_id = ? AND counter_key = 'event:$AppStart' AND `day` >= '2026-10-24' AND `day` < '2026-11-24'", [corpId]));
    await ds.query('SELECT 1');
    const roundTrip = await timed(() => ds.query('SELECT 1'));
    const dashboards = [
      ['15 metrics, a month, whole corp', () => metrics.compute(scope, all, new Date(month.from), new Date(month.to))],
      ['15 metrics, a month, one team', () => metrics.compute(team, all, new Date(month.from), new Date(month.to))],
      ['six-stage funnel, a quarter', () => funnels.journeyFunnel(scope, quarter.from, quarter.to, 60)],
      ['stage snapshot', () => funnels.stageSnapshot(scope)],
      [
        '4-step event funnel, a quarter',
        () =>
          funnels.funnel(scope, {
            ...quarter,
            windowDays: 30,
            steps: ['$AppStart', 'activity_view', 'activity_signup', 'activity_attended'].map((name) => ({ kind: 'event', name })),
          }),
      ],
      ['retention, 30 day cohorts', () => funnels.retention(scope, { ...month, startEvent: '$AppStart', returnEvent: '$AppStart', cohort: 'day', days: [1, 7, 14, 30], mode: 'bounded' }, '2026-11-24')],
      ['call connect rate, daily, a month', () => metrics.series(scope, 'call_connect_rate', new Date(month.from), new Date(month.to), 'day')],
      ['agent activity by agent, a month', () => metrics.breakdown(scope, 'agent_activity', new Date(month.from), new Date(month.to), 'agent')],
      ['evaluation run, month to date', () => evaluations.evaluate(corpId, 'month')],
    ];
    const results = [];
    for (const [label, run] of dashboards) {
      const cold = await timed(run);
      const warm = await timed(run);
      results.push({ label, cold: cold.seconds, warm: warm.seconds });
      console.log(`  ${label.padEnd(36)} ${warm.seconds.toFixed(2).padStart(7)} s   (first run ${cold.seconds.toFixed(2)} s)   ${(warm.seconds / baseline.seconds).toFixed(0)}× the baseline`);
    }
    console.log(`baseline: a month of one counter in the daily rollup counted through its index ${(baseline.seconds * 1000).toFixed(0)} ms; SELECT 1 ${(roundTrip.seconds * 1000).toFixed(1)} ms`);
    return { customers, rows, baseline: baseline.seconds, results, rollupSeconds, rollupJobSeconds: settle.seconds };
  } finally {
    if (!keep) await ds.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await ds.destroy();
  }
}

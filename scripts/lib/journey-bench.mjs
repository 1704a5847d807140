/**
 * The journey engine's benchmark (issue 6), run by scripts/bench.mjs when BENCH_ONLY includes
 * `journeys` (opt-in: about 7 minutes with 100,000 customers). On MariaDB (database
 * lodestar_bench_journeys, made and dropped for each run), in-process on the server's own
 * container (scripts/lib/journey-engine.mjs):
 *
 * 1. The young strivers template is installed and published as it ships (schedule trigger,
 *    Friday 19:00 local, audience: its segment) at Friday 18:50 Asia/Shanghai on the sandbox
 *    clock. N synthetic customers (default 100,000) go in (scripts/lib/journey-customers.mjs):
 *    aged 20–29, an app start in the last days, a mini-program openid and one subscription
 *    consent for the invitation's template. The segment is refreshed (as its daily job would).
 * 2. The clock moves to 19:00 and the schedule trigger fires (JourneyTriggers.tickSchedules).
 * 3. One runner drains (JourneyRunner.drain in a loop, as app/journey-loop.ts does): 10% leave
 *    at the holdout, the rest pass it, are sent the invitation and wait three days for an open.
 * 4. The clock moves 3 days on and the runner drains again: every wait times out to the exit.
 *    Transitions are the runner's own count (checked against journey_step_stat's `passed`).
 * This runs twice: with the sends going through the channel port over HTTP to the sandbox's fake
 * WeChat, and with an in-memory channel port (the engine's own rate). After the second, on the
 * same server, the claim's cost with 10k, 100k and 1M not-yet-due rows beside a fixed set of due
 * ones, with the plans of its statements (scripts/lib/journey-claim.mjs). Then the baseline: the
 * same transitions as BullMQ delayed jobs on the local Redis (scripts/lib/journey-bullmq.mjs).
 *
 * Settings: BENCH_JOURNEY_CUSTOMERS (100000), BENCH_JOURNEY_VARIANTS (sends,engine),
 * BENCH_JOURNEY_CLAIM_SIZES (10000,100000,1000000; empty: no claim bench), BENCH_JOURNEY_CLAIM_DUE
 * (2000), BENCH_JOURNEY_CLAIM_REPEATS (30), BENCH_JOURNEY_BULLMQ_CONCURRENCY (50),
 * BENCH_JOURNEY_BULLMQ_DAY_MS (1: a day of the journey is a millisecond), BENCH_REDIS_URL
 * (redis://127.0.0.1:6379; the queue lodestar-bench-journeys is obliterated before and after).
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { claimCost } from './journey-claim.mjs';
import { engineRun } from './journey-engine.mjs';
import { bullmqTimers } from './journey-bullmq.mjs';

const env = process.env;
const customers = Number(env.BENCH_JOURNEY_CUSTOMERS ?? 100_000);
const claimSizes = (env.BENCH_JOURNEY_CLAIM_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const claimDue = Number(env.BENCH_JOURNEY_CLAIM_DUE ?? 2_000);
const claimRepeats = Number(env.BENCH_JOURNEY_CLAIM_REPEATS ?? 30);
const concurrency = Number(env.BENCH_JOURNEY_BULLMQ_CONCURRENCY ?? 50);
const dayMs = Number(env.BENCH_JOURNEY_BULLMQ_DAY_MS ?? 1);
const redis = new URL(env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
const database = 'lodestar_bench_journeys';
const variants = (env.BENCH_JOURNEY_VARIANTS ?? 'sends,engine').split(',').filter((v) => v === 'sends' || v === 'engine');
const queueName = 'lodestar-bench-journeys';
const TARGET = 5_000;
const int = (n) => Math.round(n).toLocaleString('en-US');

/** A process's pid by name (for its CPU time from /proc), or null. */
function pidOf(name) {
  try {
    return Number(execFileSync('pidof', [name], { encoding: 'utf8' }).trim().split(' ')[0]) || null;
  } catch {
    return null;
  }
}

/** Whether something listens at host:port (BullMQ would retry a missing Redis for ever). */
function listening(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const rate = (t) => t.value.transitions / t.seconds;
const cores = (t) => `${(t.cpuSeconds / t.seconds).toFixed(2)} / ${t.dbCpuSeconds === null ? '–' : (t.dbCpuSeconds / t.seconds).toFixed(2)}`;

/** Both drains of one engine run as one timing. */
function total(e) {
  const sum = (k) => (e.entry[k] === null ? null : e.entry[k] + e.timer[k]);
  return { value: { transitions: e.entry.value.transitions + e.timer.value.transitions, claimed: e.entry.value.claimed + e.timer.value.claimed }, seconds: sum('seconds'), cpuSeconds: sum('cpuSeconds'), dbCpuSeconds: sum('dbCpuSeconds') };
}

function printThroughput(runs, b) {
  const bRate = b.transitions / b.seconds;
  console.log(`\nYoung strivers, ${int(customers)} customers, schedule trigger as shipped (Friday 19:00 Asia/Shanghai), one runner (batches of 500), MariaDB`);
  for (const e of runs) {
    console.log(
      `${e.variant}: customers inserted in ${e.insertSeconds.toFixed(1)} s, segment refreshed in ${e.segment.seconds.toFixed(1)} s, ` +
        `the schedule enrolled ${int(e.enrol.value)} in ${e.enrol.seconds.toFixed(1)} s (${int(e.enrol.value / e.enrol.seconds)}/s); run ${(e.seconds / 60).toFixed(1)} min`,
    );
  }
  const rows = [['', 'positions', 'transitions', 'seconds', 'transitions/s', 'vs BullMQ', 'CPU cores: node / db']];
  const row = (name, t) => [name, int(t.value.claimed), int(t.value.transitions), t.seconds.toFixed(1), int(rate(t)), (rate(t) / bRate).toFixed(3), cores(t)];
  const label = { sends: 'with sends (HTTP to the fake WeChat)', engine: 'engine only (in-memory channel port)' };
  for (const e of runs) {
    rows.push(row(`${label[e.variant]}: entry`, e.entry), row(`${label[e.variant]}: timer`, e.timer), row(`${label[e.variant]}: both`, total(e)));
  }
  rows.push([`BullMQ delayed jobs, concurrency ${concurrency}`, int(b.jobs), int(b.transitions), b.seconds.toFixed(1), int(bRate), '1', `${(b.cpuSeconds / b.seconds).toFixed(2)} / ${b.redisCpuSeconds === null ? '–' : (b.redisCpuSeconds / b.seconds).toFixed(2)} (redis)`]);
  for (const r of rows) console.log(r.map((x, i) => String(x).padEnd(i === 0 ? 50 : i === 6 ? 0 : 15)).join(''));
  console.log(`entry = holdout, invitation sent, waiting for an open; timer = the 3-day wait times out to the exit. BullMQ "positions" = jobs run; its ${int(customers)} entry jobs were added in bulk in ${b.enrolSeconds.toFixed(1)} s before the worker started; the 3-day wait was ${b.scaledWaitMs} ms.`);
  for (const e of runs) {
    const t = total(e);
    console.log(`target ≥ ${int(TARGET)} transitions/s with one worker, ${e.variant}: ${rate(t) >= TARGET ? 'met' : 'NOT met'} (${int(rate(t))}: entry ${int(rate(e.entry))}, timer ${int(rate(e.timer))}); ratio to BullMQ ${(rate(t) / bRate).toFixed(3)}`);
  }
  for (const e of runs) {
    console.log(`${e.variant}: sends ${Object.entries(e.sends).map(([k, n]) => `${k} ${int(n)}`).join(', ')}; fake WeChat outbox ${Object.entries(e.outbox).map(([k, n]) => `${k} ${int(n)}`).join(', ') || 'empty'}; positions after entry ${JSON.stringify(e.afterEntry)}, at the end ${JSON.stringify(e.statuses)}; ${int(e.timelineEvents)} timeline events`);
    const problems = [];
    if (e.statPassed !== total(e).value.transitions) problems.push(`journey_step_stat counts ${e.statPassed} passed, the runner ${total(e).value.transitions} transitions`);
    if ((e.statuses.waiting ?? 0) + (e.statuses.active ?? 0) + (e.statuses.parked ?? 0) > 0) problems.push('some customers did not finish the timer path');
    if ((e.sends.sent ?? 0) !== e.afterEntry.waiting) problems.push('not every customer who waits was sent the invitation');
    if (e.variant === 'sends' && (e.sends.sent ?? 0) !== (e.outbox.mp_subscribe ?? 0)) problems.push('sends recorded as sent and the fake WeChat outbox disagree');
    if (total(e).value.transitions !== 3 * (e.afterEntry.waiting ?? 0)) problems.push(`${total(e).value.transitions} transitions for ${e.afterEntry.waiting} customers who waited (3 each expected)`);
    if (e === runs[0] && total(e).value.transitions !== b.transitions) problems.push(`the engine made ${total(e).value.transitions} transitions and BullMQ ${b.transitions} for the same customers`);
    for (const p of problems) console.log(`WARNING (${e.variant}): ${p}`);
  }
}

function printClaim(claim) {
  console.log(`\nDue-row claim (PositionRepository.claim, 500 rows a claim, ${int(claimDue)} due rows, ${claimRepeats} claims a size; waiting rows inserted at ${int(claim.insertRate)} rows/s)`);
  const rows = [['waiting rows', 'p50 ms', 'mean ms', 'p99 ms', 'empty poll p50', 'due SELECT: key (type, rows estimated / read)']];
  for (const r of claim.results) {
    const select = r.plan.find((p) => p.due);
    rows.push([int(r.waiting), r.p50.toFixed(2), r.mean.toFixed(2), r.p99.toFixed(2), r.emptyP50.toFixed(2), select ? `${select.key} (${select.type}, ${select.rows} / ${select.read === null ? '?' : Math.round(Number(select.read))})` : '?']);
  }
  for (const r of rows) console.log(r.map((x, i) => String(x).padEnd(i === 0 ? 14 : i === 5 ? 0 : i === 4 ? 16 : 10)).join(''));
  const first = claim.results[0];
  const last = claim.results.at(-1);
  console.log(`ratio largest/smallest (${int(last.waiting)} vs ${int(first.waiting)} waiting): p50 ${(last.p50 / first.p50).toFixed(2)}x, mean ${(last.mean / first.mean).toFixed(2)}x, empty poll ${(last.emptyP50 / first.emptyP50).toFixed(2)}x`);
  console.log(`ANALYZE (SELECTs) and EXPLAIN (the UPDATE) at ${int(last.waiting)} waiting, of the statements the claim sent:`);
  for (const p of last.plan) console.log(`  key ${p.key ?? 'NULL'} (${p.type}, rows estimated ${p.rows}${p.read === null ? '' : `, read ${Math.round(Number(p.read))}`}${p.extra ? `, ${p.extra}` : ''}): ${p.statement}`);
}

/** `h`: the bench's helpers (mysqlBase, mysqlConnection, fromDist, cpuSeconds, mysqldPid). */
export async function benchJourneys(h) {
  const started = performance.now();
  try {
    const conn = await h.mysqlConnection();
    const [[v]] = await conn.query('SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool');
    await conn.end();
    console.log(`\nJourneys: MariaDB ${v.version}, innodb_flush_log_at_trx_commit=${v.flush}, buffer pool ${Math.round(Number(v.pool) / 2 ** 20)} MiB; ${os.cpus().length} cores, Node ${process.versions.node}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } catch (error) {
    console.log(`MariaDB at ${h.mysqlBase.host} is not reachable (${error.code ?? error.message}): the journey bench is skipped`);
    return;
  }
  if (!(await listening(redis.hostname, Number(redis.port || 6379)))) {
    console.log(`Redis at ${redis.host} is not reachable: the journey bench (whose baseline is BullMQ on Redis) is skipped`);
    return;
  }
  const dbPid = h.mysqldPid();
  const runs = [];
  let claim = null;
  for (const variant of variants) {
    const last = variant === variants.at(-1);
    const claimBench = last && claimSizes.length ? (c, corpId) => claimCost(c, corpId, { sizes: claimSizes, due: claimDue, limit: 500, repeats: claimRepeats }) : undefined;
    const run = await engineRun(h, { database, customers, variant, dbPid, then: claimBench });
    claim = run.then ?? claim;
    runs.push(run);
  }
  if (!runs.length) return;
  const { stableBucket } = h.fromDist('journeys/steps/index.js');
  const { youngStriversTemplate } = h.fromDist('journeys/templates/young-strivers.template.js');
  const step = (id) => youngStriversTemplate.definition.steps.find((s) => s.id === id);
  const redisPid = pidOf('redis-server');
  const baseline = await bullmqTimers({
    redis,
    queueName,
    journeyId: runs[0].journeyId,
    customerIds: runs[0].customerIds,
    stableBucket,
    holdoutPercent: step('holdout').percent,
    waitOpenMs: step('wait_open').timeoutMs,
    dayMs,
    concurrency,
    redisCpu: () => (redisPid ? h.cpuSeconds(redisPid) : null),
  });
  printThroughput(runs, baseline);
  if (claim) printClaim(claim);
  console.log(`(journeys section: ${((performance.now() - started) / 60_000).toFixed(1)} min; load average now ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
}

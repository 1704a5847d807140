/**
 * One run of the journey engine for the journey bench (scripts/lib/journey-bench.mjs): a fresh
 * MariaDB database, the server's own container in-process (startServer, ROLE=api, sandbox mode,
 * no demo customers: the fake WeChat API is served by the same process, and no journey loop or
 * scheduled job runs by itself), the young strivers template installed and published as it ships
 * (schedule trigger, Friday 19:00 local), N young customers, the segment refreshed, the schedule
 * fired, and one runner draining through the entry steps and then, three days later on the
 * sandbox clock, through the timer.
 *
 * `variant`:
 *   'sends'  the container's own runner: each invitation takes the customer's consent and goes
 *            through the channel port over HTTP to the sandbox's fake WeChat (which records it).
 *   'engine' the same runner wiring as app/journeys.ts on the same repositories, with the channel
 *            port an in-memory one that answers "sent" at once: everything the engine does
 *            (policy, consent, journey_send, positions, stats, timeline) but the provider call.
 */
import cliProgress from 'cli-progress';
import { insertYoungCustomers } from './journey-customers.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const int = (n) => Math.round(n).toLocaleString('en-US');

/** Friday `hh:mm` in Asia/Shanghai (UTC+8, no daylight saving), at least a day after `from`. */
function nextFridayAt(from, hh, mm) {
  const local = new Date(from.getTime() + 8 * HOUR + DAY);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const friday = day + ((5 - local.getUTCDay() + 7) % 7) * DAY;
  return new Date(friday + (hh * 60 + mm) * 60_000 - 8 * HOUR);
}

/** Wall, CPU (this process) and database CPU seconds of `fn`. */
export async function timed(fn, h, dbPid) {
  const db = dbPid ? h.cpuSeconds(dbPid) : null;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6, dbCpuSeconds: db === null ? null : h.cpuSeconds(dbPid) - db };
}

/** One runner drains until nothing is due (drain(1) in a loop: one batch a call, for the bar). */
async function drainAll(runner, title, total) {
  const bar = new cliProgress.SingleBar(
    { format: `${title.padEnd(34)} [{bar}] {value}/{total} positions, {transitions} transitions {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { transitions: 0 });
  let claimed = 0;
  let transitions = 0;
  let batches = 0;
  for (;;) {
    const r = await runner.drain(1);
    if (r.claimed === 0) break;
    claimed += r.claimed;
    transitions += r.transitions;
    batches += 1;
    bar.update(Math.min(claimed, total), { transitions: int(transitions) });
  }
  bar.stop();
  return { claimed, transitions, batches };
}

/** The runner of app/journeys.ts on the container's database, with an in-memory channel port. */
function engineOnlyRunner(c, fromDist) {
  const j = fromDist('journeys/index.js');
  const { ruleContext, SegmentRepository } = fromDist('customers/index.js');
  const repo = new j.JourneyRepository(c.ds);
  const segments = new SegmentRepository(c.ds);
  const absent = (what) => async () => {
    throw new Error(`${what} is not on the young strivers timer path`);
  };
  return new j.JourneyRunner({
    positions: new j.PositionRepository(c.ds),
    sends: new j.SendRepository(c.ds),
    stats: new j.StepStatRepository(c.ds),
    facts: new j.JourneyFactsRepository(c.ds),
    timeline: new j.JourneyTimelineRepository(c.ds, () => c.ids.next()),
    tasks: new j.AgentTaskRepository(c.ds),
    versions: new j.VersionCache(repo),
    ports: {
      channels: { send: async () => ({ status: 'sent', providerId: null }) },
      tags: absent('tagging'),
      setStage: absent('a stage change'),
      handOff: absent('a hand-off'),
      notify: absent('an agent notification'),
      phone: () => {
        throw new Error('SMS is not on the young strivers timer path');
      },
    },
    journeys: (ids) => repo.statuses(ids),
    policy: (corpId) => c.journeySettings.policy(corpId),
    ruleContext: (corpId) => ruleContext(segments, c.clock, corpId),
    clock: c.clock,
    ids: c.ids,
    logger: c.logger.child({ component: 'journey-runner' }),
    owner: c.owner,
  });
}

const counts = async (ds, sql, params = []) => Object.fromEntries((await ds.query(sql, params)).map((r) => [r.k, Number(r.n)]));

/**
 * Runs the engine once; `then(c, corpId)` runs on the same server before it stops (the claim
 * bench). Returns the timings and what the database holds after.
 */
export async function engineRun(h, { database, customers, variant, dbPid, then }) {
  const { startServer } = h.fromDist('app/server.js');
  const { loadConfig } = h.fromDist('platform/config.js');
  const { createLogger } = h.fromDist('platform/logger.js');
  const { counterKey } = h.fromDist('customers/counter-key.js');
  const { youngStriversTemplate: template } = h.fromDist('journeys/templates/young-strivers.template.js');
  const invite = template.definition.steps.find((s) => s.id === 'invite');
  const dropDatabase = async () => {
    const conn = await h.mysqlConnection();
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  };
  const out = { variant, customers };
  await dropDatabase();
  const started = performance.now();
  try {
    const config = loadConfig({ DATABASE_URL: new URL(`/${database}`, h.mysqlBase).toString(), ROLE: 'api', PORT: '0', LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(40), WECOM_SYNC_ON_START: 'false' });
    const running = await startServer(config, createLogger('warn'), { demoCustomers: 0 });
    try {
      const c = running.container;
      const corpId = running.corpId;
      const clock = c.sandboxClock;
      if (!clock) throw new Error('the server is not in sandbox mode (is a WeCom tenant configured?)');
      const runner = variant === 'sends' ? c.journeyRunner : engineOnlyRunner(c, h.fromDist);
      const fire = nextFridayAt(clock.now(), 19, 0);
      clock.set(new Date(fire.getTime() - 10 * 60_000));
      const installed = await c.journeyTemplates.install(corpId, template.key);
      await c.journeys.publish(corpId, installed.id, null);
      const [{ live_version_id: versionId }] = await c.ds.query('SELECT live_version_id FROM journey WHERE id = ?', [installed.id]);
      out.journeyId = installed.id;
      const inserted = await insertYoungCustomers(c, corpId, customers, { appStartKey: counterKey('$AppStart'), templateId: invite.message.templateId });
      out.insertSeconds = inserted.seconds;
      out.customerIds = inserted.ids;
      // The template's segment, as the daily refresh would have filled it by Friday evening.
      const segment = (await c.segments.list(corpId)).find((s) => s.name === template.segments[0].name);
      out.segment = await timed(() => c.segments.refreshSegment(corpId, segment.id), h, dbPid);

      clock.set(new Date(fire.getTime() + 5_000));
      out.enrol = await timed(() => c.journeyTriggers.tickSchedules(corpId), h, dbPid);
      if (out.enrol.value !== customers) throw new Error(`the schedule enrolled ${out.enrol.value} of ${customers} customers`);
      const tag = variant === 'sends' ? 'with sends' : 'engine only';
      out.entry = await timed(() => drainAll(runner, `entry, ${tag}`, customers), h, dbPid);
      out.afterEntry = await counts(c.ds, 'SELECT status AS k, COUNT(*) AS n FROM journey_position WHERE version_id = ? GROUP BY status', [versionId]);
      out.sends = await counts(c.ds, 'SELECT outcome AS k, COUNT(*) AS n FROM journey_send GROUP BY outcome');
      out.outbox = await counts(c.ds, 'SELECT channel AS k, COUNT(*) AS n FROM sandbox_outbox GROUP BY channel');

      clock.advance(3 * DAY + 10 * 60_000);
      out.timer = await timed(() => drainAll(runner, `timer, ${tag}`, out.afterEntry.waiting ?? 0), h, dbPid);
      out.statuses = await counts(c.ds, 'SELECT status AS k, COUNT(*) AS n FROM journey_position WHERE version_id = ? GROUP BY status', [versionId]);
      const [{ n: passed }] = await c.ds.query("SELECT COALESCE(SUM(count), 0) AS n FROM journey_step_stat WHERE version_id = ? AND metric = 'passed'", [versionId]);
      out.statPassed = Number(passed);
      const [{ n: events }] = await c.ds.query("SELECT COUNT(*) AS n FROM tracking_event WHERE source = 'journey'");
      out.timelineEvents = Number(events);
      if (then) out.then = await then(c, corpId);
    } finally {
      await running.stop();
    }
  } finally {
    await dropDatabase().catch(() => undefined);
  }
  out.seconds = (performance.now() - started) / 1000;
  return out;
}

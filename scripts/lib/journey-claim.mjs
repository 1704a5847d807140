/**
 * The cost of the journey engine's due-row claim (PositionRepository.claim, the server's own code)
 * as the number of customers waiting grows: journey_position gets 10k, then 100k, then 1M (by
 * default) rows that are not yet due, beside a fixed set of due rows; at each size a batch of due
 * rows is claimed many times (each claimed batch is made due again, at the back of the queue,
 * untimed), and an empty poll (nothing due) is timed too. The claim's statements are captured from
 * the DataSource's logger as the repository sends them and EXPLAINed on MariaDB.
 */
import cliProgress from 'cli-progress';
import { dbTime } from './journey-customers.mjs';

const rowsPerStatement = 1_000;
const statementsPerTransaction = 10;
const positionColumns = ['id', 'corp_id', 'journey_id', 'version_id', 'customer_id', 'instance_key', 'step_id', 'status', 'wake_at', 'wait_event', 'seq', 'entries', 'entered_at', 'step_entered_at', 'run_started_at', 'updated_at'];
const insertSql = (n) => `INSERT INTO journey_position (${positionColumns.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${positionColumns.map(() => '?').join(',')})`).join(',')}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Inserts `n` rows of version `versionId`; `wake(i)` gives row i's wake time (ms). */
async function insertPositions(c, corpId, versionId, from, n, wake, now, title) {
  const bar = new cliProgress.SingleBar({ format: `${title.padEnd(34)} [{bar}] {value}/{total} rows {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 }, cliProgress.Presets.shades_classic);
  const t = dbTime(now);
  const chunk = rowsPerStatement * statementsPerTransaction;
  bar.start(n, 0);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    await c.ds.transaction(async (em) => {
      for (let s = start; s < end; s += rowsPerStatement) {
        const params = [];
        const e = Math.min(end, s + rowsPerStatement);
        for (let i = s; i < e; i++) {
          params.push(c.ids.next(), corpId, 'bench-claim-journey', versionId, `bench-claim-customer-${from + i}`, '', 'wait_open', 'waiting', dbTime(wake(from + i)), 'message_opened', 2, 1, t, t, t, t);
        }
        await em.query(insertSql(e - s), params);
      }
    });
    bar.update(end);
  }
  bar.stop();
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** The SQL each call of `fn` sends through the DataSource (TypeORM's logger sees every query). */
async function captureSql(ds, fn) {
  const captured = [];
  const original = ds.logger;
  ds.logger = new Proxy(original, { get: (target, key) => (key === 'logQuery' ? (query, parameters) => captured.push({ query, parameters }) : target[key]) });
  try {
    await fn();
  } finally {
    ds.logger = original;
  }
  return captured;
}

/** The plan of each captured statement (transaction control left out): type, key, rows estimated and read, Extra. */
async function explain(ds, statements) {
  const out = [];
  for (const s of statements) {
    if (!/^\s*(SELECT|UPDATE)/i.test(s.query)) continue;
    // MariaDB's ANALYZE runs a SELECT and adds r_rows, the rows it really read (UPDATEs are only EXPLAINed).
    const select = /^\s*SELECT/i.test(s.query);
    const rows = await ds.query(`${select ? 'ANALYZE' : 'EXPLAIN'} ${s.query}`, s.parameters);
    const text = s.query.replace(/\s+/g, ' ').replace(/\(\?(, ?\?)+\)/g, '(…)');
    const due = /ORDER BY wake_at/.test(text);
    for (const r of rows) out.push({ due, statement: due ? text.replace(/SELECT .* FROM/, 'SELECT <columns> FROM') : text, type: r.type, key: r.key, rows: r.rows, read: r.r_rows ?? null, extra: r.Extra ?? '' });
  }
  return out;
}

/**
 * Claim cost at each size in `sizes` (rows not yet due), `due` rows due, `limit` rows a claim,
 * `repeats` timed claims a size. Returns [{ waiting, p50, mean, p99, emptyP50, plan }] and the
 * insert rate.
 */
export async function claimCost(c, corpId, { sizes, due, limit, repeats }) {
  const positions = c.positions;
  const owner = 'bench-claimer';
  const base = c.clock.now().getTime();
  // Claims run at a fixed `now`: due rows are an hour or less before it, waiting ones an hour to 30 days after.
  const now = new Date(base + HOUR);
  const lease = new Date(now.getTime() + 60_000);
  const dueVersion = 'bench-claim-due';
  await insertPositions(c, corpId, dueVersion, 0, due, (i) => base + i, base, `due rows (${due.toLocaleString('en-US')})`);
  let nextBack = base + due;
  const results = [];
  let inserted = 0;
  let insertSeconds = 0;
  for (const size of sizes) {
    const started = performance.now();
    await insertPositions(c, corpId, 'bench-claim-waiting', inserted, size - inserted, (i) => now.getTime() + HOUR + ((i * 7_919_993) % (30 * DAY)), base, `waiting rows → ${size.toLocaleString('en-US')}`);
    insertSeconds += (performance.now() - started) / 1000;
    const added = size - inserted;
    inserted = size;
    // Fresh statistics, as a long-running database would have them.
    await c.ds.query('ANALYZE TABLE journey_position');
    const times = [];
    const empty = [];
    let plan = null;
    const bar = new cliProgress.SingleBar({ format: `${`claims at ${size.toLocaleString('en-US')} waiting`.padEnd(34)} [{bar}] {value}/{total} claims`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 }, cliProgress.Presets.shades_classic);
    bar.start(repeats, 0);
    for (let i = -3; i < repeats; i++) {
      let rows;
      const t = performance.now();
      if (i === -3) {
        const sql = await captureSql(c.ds, async () => (rows = await positions.claim(owner, c.ids.next(), now, lease, limit)));
        plan = await explain(c.ds, sql);
      } else rows = await positions.claim(owner, c.ids.next(), now, lease, limit);
      const ms = performance.now() - t;
      if (rows.length !== limit) throw new Error(`a claim took ${rows.length} rows, not ${limit}`);
      // An idle poll: nothing is due an hour before the first due row.
      const e = performance.now();
      const none = await positions.claim(owner, c.ids.next(), new Date(base - HOUR), new Date(base), limit);
      const emptyMs = performance.now() - e;
      if (none.length !== 0) throw new Error('the empty poll claimed rows');
      if (i >= 0) {
        times.push(ms);
        empty.push(emptyMs);
        bar.update(i + 1);
      }
      // Untimed: the batch is due again, at the back of the due queue (the due count stays fixed).
      const ids = rows.map((r) => r.id);
      await c.ds.query(`UPDATE journey_position SET wake_at = ?, lease_owner = NULL, lease_token = NULL WHERE id IN (${ids.map(() => '?').join(',')})`, [dbTime(nextBack), ...ids]);
      nextBack += 1;
    }
    bar.stop();
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    times.sort((a, b) => a - b);
    empty.sort((a, b) => a - b);
    results.push({ waiting: size, added, p50: percentile(times, 0.5), mean, p99: percentile(times, 0.99), emptyP50: percentile(empty, 0.5), plan });
  }
  return { results, insertRate: inserted / Math.max(insertSeconds, 1e-9) };
}

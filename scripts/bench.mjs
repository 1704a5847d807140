#!/usr/bin/env node
/**
 * Benchmarks of the built server, each against a baseline measured in the same run on the same
 * machine, printing both and their ratio:
 *
 * callbacks: the real server (SQLite, sandbox tenant) taking freshly signed and encrypted WeCom
 *   callbacks, against a bare Koa endpoint that only reads the body and answers "success".
 * ingest: Sensors tracking through HTTP (POST /sa, 50 records a request, gzip, several connections)
 *   on SQLite (a temp file) and on MariaDB (database lodestar_bench, dropped after), against the same
 *   database's raw batched-insert rate of equivalent rows into tracking_event (500 rows a statement,
 *   2,000 rows a transaction, through better-sqlite3 / mysql2 directly).
 * rescore (opt-in: BENCH_ONLY=rescore, about 25 minutes with a million customers): lead scoring in
 *   the server's own container (in-process, ROLE=api) on SQLite and on MariaDB (lodestar_bench_rescore,
 *   dropped after). rescoreAll of the demo tenant and then of a million synthetic customers more
 *   (scripts/lib/rescore-facts.cjs), first with every score new and then with none changed, against
 *   reading the same facts (LeadFactsRepository.load) alone; and one customer rescored after one event,
 *   wall and CPU time a call, against a SELECT 1 round trip; and the pure scoreLead a customer.
 *
 *   npm run bench                      # both; callbacks 10 s per target with 20 connections
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench
 *   BENCH_ONLY=ingest BENCH_EVENTS=50000 BENCH_INGEST_CONNECTIONS=16 npm run bench
 *   BENCH_DATABASES=mysql BENCH_CPU_PROF=/tmp/prof npm run bench   # a .cpuprofile of each ingesting server
 *   BENCH_NODE_OPTIONS='-r ./timing.cjs' …                           # more node options for the ingesting servers
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306   (default; the database lodestar_bench is made and dropped)
 *   BENCH_ONLY=rescore BENCH_RESCORE_CUSTOMERS=50000 npm run bench   # synthetic customers (default 1,000,000)
 *   BENCH_RESCORE_EVENTS=1000 BENCH_RESCORE_PASS_SECONDS=180        # single rescores; time limit of a full pass
 *   BENCH_SERVER_DIST=/other/build   # the rescore and journey benches on another build of server/src (default server/dist)
 *
 * journeys (opt-in: BENCH_ONLY=journeys, about 7 minutes; scripts/lib/journey-bench.mjs): step
 *   transitions per second of one JourneyRunner on MariaDB (lodestar_bench_journeys, dropped after),
 *   in-process on the server's own container: the young strivers template as it ships, 100,000 young
 *   customers enrolled by its schedule, run through holdout, invitation and the 3-day timer, once with
 *   the sends over HTTP to the sandbox's fake WeChat and once with an in-memory channel port; against
 *   the same transitions as BullMQ delayed jobs on the local Redis (queue lodestar-bench-journeys,
 *   obliterated after). Then the due-row claim's cost with 10k, 100k and 1M waiting rows, with EXPLAIN.
 *   BENCH_ONLY=journeys BENCH_JOURNEY_CUSTOMERS=20000 BENCH_JOURNEY_CLAIM_SIZES=10000,100000 npm run bench  # about a minute
 *   (other settings in scripts/lib/journey-bench.mjs)
 *
 * chat (opt-in: BENCH_ONLY=chat, about 3 minutes; scripts/lib/chat-bench.mjs): archived messages a
 *   second through pull, decrypt, store and mine, in-process on SQLite and MariaDB, against bare loops
 *   of the same decrypting, inserting and mining in series; and the sidebar card's latency from a
 *   posted customer message to the chat.insight event on the agent's stream, against GET /healthz.
 *   BENCH_ONLY=chat BENCH_CHAT_CONVERSATIONS=300 BENCH_CHAT_DATABASES=sqlite npm run bench
 *
 * analytics (in the default set; scripts/lib/analytics-bench.mjs): the console's dashboards (the
 *   seed's metrics, funnels, retention, trends, breakdowns, an evaluation) on MariaDB over a year of a
 *   corp with a million customers generated inside the database (lodestar_bench_analytics, dropped
 *   after), against counting the same month's rows of the daily rollup through its index.
 *   BENCH_ONLY=analytics BENCH_ANALYTICS_CUSTOMERS=100000 npm run bench
 *
 * load (in the default set, about 4 minutes; scripts/lib/load-bench.mjs): the simulator's mixed traffic
 *   (30% WeCom callbacks, 30% Sensors posts, 10% archived chats, 30% sidebar reads) at fixed rates of
 *   25, 50, 100, 200, 400 and 800 requests a second, open loop, against 2 ROLE=api + 1 ROLE=worker processes
 *   on MariaDB (lodestar_bench_load, dropped after) and one ROLE=all process on SQLite; p50/p99 per step
 *   and kind, and the highest rate held with p99 under 200 ms; against two bare Koa processes driven the
 *   same way. Writes docs/bench/load-p99.svg (echarts SVG) and load-p99.json.
 *   BENCH_ONLY=load BENCH_LOAD_RATES=25,50,100 BENCH_LOAD_STEP_SECONDS=5 BENCH_LOAD_DATABASES=mysql npm run bench
 */
import http from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import cliProgress from 'cli-progress';
import sensorsEvents from './lib/sensors-events.cjs';
import rescoreFacts from './lib/rescore-facts.cjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const only = process.env.BENCH_ONLY ?? 'callbacks,ingest,analytics,load';
const mainJs = join(root, 'server', 'dist', 'main.js');
if (!existsSync(mainJs)) throw new Error('run `npm run build` first (npm run bench does)');

const Koa = require('koa');
const { bodyParser } = require('@koa/bodyparser');
const { callbackXml, contactEvent, signedCallback } = require(join(root, 'server', 'dist', 'sandbox', 'callback-driver.js'));
const { sandboxDefaults } = require(join(root, 'server', 'dist', 'platform', 'config.js'));
const tenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };

function bareKoa() {
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['xml', 'text'] }));
  app.use((ctx) => {
    ctx.body = 'success';
  });
  return new Promise((resolveUrl) => {
    const server = app.listen(0, '127.0.0.1', () => resolveUrl({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }));
  });
}

function lodestar(dir, opts = {}) {
  const databaseUrl = opts.databaseUrl ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  const profile = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const extra = process.env.BENCH_NODE_OPTIONS ? process.env.BENCH_NODE_OPTIONS.split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...(opts.instrument ? [...profile, ...extra] : []), mainJs], {
    env: { PATH: process.env.PATH, PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(40), ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let started = false;
    /** Error lines the server logged (pino JSON, level 50 and up), for the report. */
    const errors = [];
    child.stdout.on('data', (d) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        if (/"level":(50|60)/.test(line) && errors.length < 20) errors.push(line);
        const m = /Health:\s+(http:\/\/[^/\s]+)\/healthz/.exec(line);
        if (m && !started) {
          started = true;
          resolveUrl({
            url: m[1],
            child,
            errors,
            close: async () => {
              child.kill('SIGTERM');
              await exited;
            },
          });
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

let seq = 0;
function run(url, title) {
  return new Promise((resolveRun, reject) => {
    const instance = autocannon(
      {
        url,
        title,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              seq += 1;
              const xml = callbackXml(tenant.corpId, contactEvent.added(`agent${String((seq % 30) + 1).padStart(3, '0')}`, `wmBench${seq}`, Math.floor(Date.now() / 1000)));
              const signed = signedCallback(tenant, xml, new Date());
              const qs = new URLSearchParams(signed.query).toString();
              return { ...req, path: `/wecom/callback?${qs}`, headers: { 'content-type': 'text/xml' }, body: signed.body };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolveRun(result)),
    );
    autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (r) => ({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });

/** Time from an add callback through a channel code to the welcome message reaching the fake WeCom. */
async function welcomeLatency(url, samples = 20) {
  const post = (path, body, token) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json());
  const { token } = await post('/api/auth/login', { username: sandboxDefaults.adminUsername, password: sandboxDefaults.adminPassword });
  await post('/api/channel-codes', { name: 'bench', channel: 'bench', state: 'bench-welcome', agentUserIds: ['agent001', 'agent002'], welcomeText: '欢迎！' }, token);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const ext = `wmWelcomeBench${i}`;
    const signed = signedCallback(tenant, callbackXml(tenant.corpId, contactEvent.added('agent001', ext, Math.floor(Date.now() / 1000), 'bench-welcome')), new Date());
    const started = performance.now();
    await fetch(`${url}/wecom/callback?${new URLSearchParams(signed.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: signed.body });
    for (;;) {
      const out = await (await fetch(`${url}/api/sandbox/outbox?channel=wecom_welcome&limit=5`)).json();
      if (out.items.some((m) => m.recipient === `WELCOME_${ext}`)) break;
      if (performance.now() - started > 20_000) throw new Error('welcome message not sent within 20 s');
      await new Promise((r) => setTimeout(r, 2));
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

async function benchCallbacks() {
  const dir = mkdtempSync(join(tmpdir(), 'lodestar-bench-'));
  const bare = await bareKoa();
  const server = await lodestar(dir);
  try {
    const welcome = await welcomeLatency(server.url);
    console.log(`channel-code welcome message: add callback → sent in p50 ${welcome.p50.toFixed(1)} ms, max ${welcome.max.toFixed(1)} ms (WeCom allows 20 s)`);
    const base = summary(await run(bare.url, 'bare Koa'));
    const real = summary(await run(server.url, 'Lodestar /wecom/callback'));
    const rows = [
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
      ['bare Koa (baseline)', base.rps, base.p50, base.p99, base.non2xx, base.errors],
      ['Lodestar callback', real.rps, real.p50, real.p99, real.non2xx, real.errors],
    ];
    console.log(`\nWeCom callback throughput, ${connections} connections, ${seconds} s each, SQLite`);
    for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(i === 0 ? 22 : 9)).join(''));
    console.log(`ratio Lodestar/baseline: throughput ${(real.rps / base.rps).toFixed(3)}, p99 ${(real.p99 / Math.max(base.p99, 1)).toFixed(2)}x`);
  } finally {
    bare.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Sensors ingestion: HTTP against the same database's raw batched inserts.

const ingestEvents = Number(process.env.BENCH_EVENTS ?? 50_000);
const ingestConnections = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 16);
const perRequest = 50;
const rawStatementRows = 500;
const rawTransactionRows = 2_000;
const mysqlBase = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
const benchDatabase = 'lodestar_bench';
const eventColumns = ['id', 'corp_id', 'event_key', 'customer_id', 'source', 'project', 'type', 'name', 'occurred_at', 'received_at', 'distinct_id', 'properties'];
const insertSql = (n) => `INSERT INTO tracking_event (${eventColumns.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${eventColumns.map(() => '?').join(',')})`).join(',')}`;
const dbTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function mysqlConnection(database) {
  const mysql = require('mysql2/promise');
  return mysql.createConnection({
    host: mysqlBase.hostname,
    port: Number(mysqlBase.port || 3306),
    user: decodeURIComponent(mysqlBase.username || 'root'),
    password: decodeURIComponent(mysqlBase.password),
    ...(database ? { database } : {}),
  });
}

/** Realistic Sensors traffic of `events` good records in posts of about 50, encoded before the clock starts. */
function ingestTraffic(seed, events) {
  const { generateSensorsTraffic, pack, sensorsForm } = sensorsEvents;
  const traffic = generateSensorsTraffic({ events, seed, now: Date.now(), demoCustomers: 3000 });
  const posts = pack(traffic.batches, perRequest);
  return { events: traffic.good, posts: posts.map((p) => ({ records: p.records, body: sensorsForm(p.records) })) };
}

/**
 * Posts every body exactly once over `ingestConnections` keep-alive connections, as SDKs would
 * (a 503 is retried after its Retry-After); resolves when the last answer is in.
 */
async function postAll(url, posts, title) {
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: ingestConnections });
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  let busy = 0;
  let sent = 0;
  const answered = { stored: 0, duplicates: 0, rejected: 0 };
  const failures = {};
  const one = (body) =>
    new Promise((resolveOne) => {
      const t = performance.now();
      const req = http.request(
        { host: u.hostname, port: u.port, path: '/sa?project=default', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t);
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) {
              const answer = JSON.parse(text);
              for (const k of Object.keys(answered)) answered[k] += answer[k] ?? 0;
            } else if (res.statusCode !== 503) {
              const what = `${res.statusCode} ${text.replace(/"requestId":"[^"]*"|request id [0-9a-f-]+/g, '').slice(0, 200)}`;
              failures[what] = (failures[what] ?? 0) + 1;
            }
            resolveOne({ status: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 1) });
          });
        },
      );
      req.on('error', () => resolveOne({ status: 0, retryAfter: 1 }));
      req.end(body);
    });
  const total = posts.reduce((n, p) => n + p.records.length, 0);
  const bar = new cliProgress.SingleBar({ format: `${title.padEnd(24)} [{bar}] {value}/{total} events`, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ingestConnections }, async () => {
      while (next < posts.length) {
        const post = posts[next++];
        for (let attempt = 1; ; attempt++) {
          const { status, retryAfter } = await one(post.body);
          if (status === 503 && attempt < 30) {
            busy += 1;
            await new Promise((r) => setTimeout(r, retryAfter * 1000));
            continue;
          }
          if (status === 0) errors += 1;
          else if (status !== 200) non2xx += 1;
          break;
        }
        sent += post.records.length;
        bar.update(sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  bar.stop();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]);
  for (const [what, n] of Object.entries(failures)) console.log(`  ${n}× ${what}`);
  return { seconds, p50: at(0.5), p99: at(0.99), non2xx, errors, busy, answered };
}

/** Rows like the server writes for these records (properties JSON, keys, demo customers), ids fresh. */
function equivalentRows(posts, corpId, customerIds, n) {
  const { UuidV7Generator } = require(join(root, 'server', 'dist', 'platform', 'ids.js'));
  const ids = new UuidV7Generator({ now: () => new Date() });
  const { createHash } = require('node:crypto');
  const records = posts.flatMap((p) => p.records);
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < n; i++) {
    const r = records[i % records.length];
    const key = `sa#${createHash('sha256').update(`raw-${now}-${i}`).digest('base64url').slice(0, 43)}`;
    rows.push([ids.next(), corpId, key, customerIds[i % customerIds.length], 'sensors', 'default', 'track', r.event ?? '$profile_set', dbTime(r.time), dbTime(now), r.distinct_id, JSON.stringify(r.properties)]);
  }
  return rows;
}

function rawSqlite(file, rows) {
  const Database = require('better-sqlite3');
  const db = new Database(file);
  // The server's settings (server/src/db/data-source.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const full = db.prepare(insertSql(rawStatementRows));
  const write = db.transaction((chunk) => {
    for (let i = 0; i < chunk.length; i += rawStatementRows) {
      const part = chunk.slice(i, i + rawStatementRows);
      (part.length === rawStatementRows ? full : db.prepare(insertSql(part.length))).run(part.flat());
    }
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += rawTransactionRows) write(rows.slice(i, i + rawTransactionRows));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

async function rawMysql(rows) {
  const conn = await mysqlConnection(benchDatabase);
  try {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += rawTransactionRows) {
      const chunk = rows.slice(i, i + rawTransactionRows);
      await conn.beginTransaction();
      for (let j = 0; j < chunk.length; j += rawStatementRows) {
        const part = chunk.slice(j, j + rawStatementRows);
        await conn.query(insertSql(part.length), part.flat());
      }
      await conn.commit();
    }
    return (performance.now() - started) / 1000;
  } finally {
    await conn.end();
  }
}

/** Reads from the bench database while the server is stopped: a count, or demo customer ids and the corp. */
async function readBack(kind, file) {
  const sqls = {
    count: 'SELECT COUNT(*) AS n FROM tracking_event',
    rejections: 'SELECT reason, COUNT(*) AS n FROM tracking_rejection GROUP BY reason',
    customers: "SELECT c.id AS id, c.corp_id AS corp_id FROM customer c WHERE c.name NOT LIKE '访客%' ORDER BY c.id LIMIT 3000",
  };
  if (kind === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(file, { readonly: true });
    try {
      return { count: Number(db.prepare(sqls.count).get().n), customers: db.prepare(sqls.customers).all(), rejections: db.prepare(sqls.rejections).all() };
    } finally {
      db.close();
    }
  }
  const conn = await mysqlConnection(benchDatabase);
  try {
    const [[c]] = await conn.query(sqls.count);
    const [customers] = await conn.query(sqls.customers);
    const [rejections] = await conn.query(sqls.rejections);
    return { count: Number(c.n), customers, rejections };
  } finally {
    await conn.end();
  }
}

/** CPU seconds a process has used so far (Linux /proc), or null. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function mysqldPid() {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = execFileSync('pidof', [name], { encoding: 'utf8' }).trim().split(' ')[0];
      if (pid) return Number(pid);
    } catch {
      /* not running under this name */
    }
  }
  return null;
}

async function ingestOn(kind, warm, measured) {
  const dir = mkdtempSync(join(tmpdir(), 'lodestar-bench-ingest-'));
  const file = join(dir, 'bench.sqlite');
  const databaseUrl = kind === 'sqlite' ? `sqlite:${file}` : new URL(`/${benchDatabase}`, mysqlBase).toString();
  if (kind === 'mysql') {
    const conn = await mysqlConnection();
    await conn.query(`DROP DATABASE IF EXISTS \`${benchDatabase}\``);
    await conn.end();
  }
  try {
    const server = await lodestar(dir, { databaseUrl, instrument: true, env: { WECOM_SYNC_ON_START: 'false' } });
    let run;
    let warmRun;
    try {
      warmRun = await postAll(server.url, warm.posts, `warm-up on ${kind}`);
      const dbPid = kind === 'mysql' ? mysqldPid() : null;
      const before = { server: cpuSeconds(server.child.pid), db: dbPid && cpuSeconds(dbPid), bench: process.cpuUsage() };
      run = await postAll(server.url, measured.posts, `Lodestar /sa on ${kind}`);
      const bench = process.cpuUsage(before.bench);
      const used = (a, b) => (a === null || b === null || b === undefined ? null : (b - a) / run.seconds);
      run.cores = { server: used(before.server, cpuSeconds(server.child.pid)), db: dbPid ? used(before.db, cpuSeconds(dbPid)) : null, bench: (bench.user + bench.system) / 1e6 / run.seconds };
    } finally {
      await server.close();
    }
    const messages = server.errors.map((line) => {
      try {
        const o = JSON.parse(line);
        return `${o.msg ?? ''} ${o.err?.message ?? ''}`.trim();
      } catch {
        return line;
      }
    });
    for (const m of [...new Set(messages)].slice(0, 3)) console.log(`server error: ${m.slice(0, 300)}`);
    const { count, customers, rejections } = await readBack(kind, file);
    const rows = equivalentRows(measured.posts, customers[0].corp_id, customers.map((c) => c.id), measured.events);
    const rawSeconds = kind === 'sqlite' ? rawSqlite(file, rows) : await rawMysql(rows);
    return {
      kind,
      stored: count,
      expected: warm.events + measured.events,
      // Events the server acknowledged as stored, per second of the measured run.
      httpRate: run.answered.stored / run.seconds,
      httpSeconds: run.seconds,
      requests: measured.posts.length,
      p50: run.p50,
      p99: run.p99,
      non2xx: run.non2xx,
      errors: run.errors,
      busy: run.busy,
      answered: [warmRun.answered, run.answered],
      rejections: Object.fromEntries(rejections.map((r) => [r.reason, Number(r.n)])),
      cores: run.cores,
      rawRate: rows.length / rawSeconds,
    };
  } finally {
    if (kind === 'mysql') {
      const conn = await mysqlConnection();
      await conn.query(`DROP DATABASE IF EXISTS \`${benchDatabase}\``);
      await conn.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchIngest() {
  const databases = (process.env.BENCH_DATABASES ?? 'sqlite,mysql').split(',');
  const warm = ingestTraffic(99, Math.min(5_000, ingestEvents));
  const measured = ingestTraffic(1, ingestEvents);
  const results = [];
  for (const kind of databases) {
    if (kind === 'mysql') {
      const reachable = await mysqlConnection()
        .then(async (c) => {
          const [[v]] = await c.query('SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool');
          await c.end();
          console.log(`MariaDB/MySQL ${v.version}, innodb_flush_log_at_trx_commit=${v.flush}, buffer pool ${Math.round(Number(v.pool) / 2 ** 20)} MiB`);
          return true;
        })
        .catch((error) => {
          console.log(`MySQL/MariaDB at ${mysqlBase.host} is not reachable (${error.code ?? error.message}): its ingestion bench is skipped`);
          return false;
        });
      if (!reachable) continue;
    }
    results.push(await ingestOn(kind, warm, measured));
  }
  const records = measured.posts.reduce((n, p) => n + p.records.length, 0);
  console.log(`\nSensors ingestion: ${records} events in ${measured.posts.length} requests of ~${Math.round(records / measured.posts.length)} records (gzip), ${ingestConnections} connections, after a ${warm.events}-event warm-up`);
  const table = [['database', 'HTTP ev/s', 'p50 ms', 'p99 ms', 'failed', '503s', 'raw rows/s', 'HTTP/raw', 'CPU cores: server / db / load generator']];
  const cores = (c) => [c.server, c.db, c.bench].map((x) => (x === null ? '–' : x.toFixed(2))).join(' / ');
  for (const r of results) {
    table.push([r.kind === 'sqlite' ? 'SQLite' : 'MariaDB', Math.round(r.httpRate), r.p50, r.p99, r.non2xx + r.errors, r.busy, Math.round(r.rawRate), (r.httpRate / r.rawRate).toFixed(3), cores(r.cores)]);
  }
  for (const row of table) console.log(row.map((c, i) => String(c).padEnd(i === 0 ? 10 : i === 8 ? 0 : 11)).join(''));
  for (const r of results) {
    const said = r.answered.reduce((n, a) => n + a.stored, 0);
    const dup = r.answered.reduce((n, a) => n + a.duplicates, 0);
    const refused = r.answered.reduce((n, a) => n + a.rejected, 0);
    if (r.stored !== r.expected || said !== r.expected) {
      console.log(`WARNING: on ${r.kind} ${r.expected} events were sent; the answers said ${said} stored, ${dup} duplicates, ${refused} rejected; tracking_event holds ${r.stored}; rejections ${JSON.stringify(r.rejections)}`);
    }
  }
  const maria = results.find((r) => r.kind === 'mysql');
  if (maria) console.log(`target ≥ 10,000 events/s through HTTP on MariaDB: ${maria.httpRate >= 10_000 ? 'met' : 'NOT met'} (${Math.round(maria.httpRate)})`);
  console.log(`raw = multi-row INSERTs of ${rawStatementRows} rows, ${rawTransactionRows} rows a transaction, into the same table after the HTTP run`);
}

// ---------------------------------------------------------------------------------------------
// Rescoring: every customer of a corp, and one customer after one event, in-process on the server's
// own container, against reading the same facts (and against a SELECT 1 round trip).

const rescoreCustomers = Number(process.env.BENCH_RESCORE_CUSTOMERS ?? 1_000_000);
const rescoreEvents = Number(process.env.BENCH_RESCORE_EVENTS ?? 1_000);
/** A pass over every customer stops after this long; its rate then stands for the whole pass (see printRescore). */
const rescorePassSeconds = Number(process.env.BENCH_RESCORE_PASS_SECONDS ?? 180);
const rescoreDatabase = 'lodestar_bench_rescore';
/** Customers a transaction when the synthetic ones go in (each about 6 rows in all). */
const syntheticPerTransaction = 2_000;
const fromDist = (path) => require(join(process.env.BENCH_SERVER_DIST ?? join(root, 'server', 'dist'), path));

/** Milliseconds of CPU this process used since `before` (a process.cpuUsage()). */
const cpuMs = (before) => {
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
};

/** Wall and CPU time of `fn`, with the database server's CPU when we can see it (MariaDB's pid). */
async function timed(fn, dbPid) {
  const db = dbPid ? cpuSeconds(dbPid) : null;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  return { value, seconds, cpuSeconds: cpuMs(cpu) / 1000, dbCpuSeconds: db === null ? null : cpuSeconds(dbPid) - db };
}

function passBar(title, total) {
  const bar = new cliProgress.SingleBar({ format: `${title.padEnd(34)} [{bar}] {value}/{total} customers {eta_formatted}`, hideCursor: true, etaBuffer: 50, noTTYOutput: true, notTTYSchedule: 30_000 }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}

/** Thrown from rescoreAll's progress callback to end a pass at its time limit. */
class PassTimeUp extends Error {}

/**
 * Baseline: page through the corp's customers as rescoreAll does and read their facts
 * (LeadFactsRepository.load), nothing else. `value.done` customers, `value.partial` when the time limit ended it.
 */
async function readAllFacts(c, corpId, total, title, keep) {
  const { LeadFactsRepository } = fromDist('leads/lead-facts.repository.js');
  const { LeadScoreRepository } = fromDist('leads/lead-score.repository.js');
  const { lookbackDays } = fromDist('leads/scoring.plan.js');
  const facts = new LeadFactsRepository(c.ds);
  const scores = new LeadScoreRepository(c.ds);
  const model = (await c.leadSettings.get(corpId)).scoring;
  const zone = await scores.corpZone(corpId);
  const kept = [];
  const bar = passBar(title, total);
  const deadline = performance.now() + rescorePassSeconds * 1000;
  let after = '';
  let read = 0;
  let partial = false;
  for (;;) {
    if (performance.now() > deadline) {
      partial = true;
      break;
    }
    const page = await scores.customerPage(corpId, after, 1000);
    if (!page.length) break;
    const loaded = await facts.load(corpId, page, c.clock.now(), zone, Math.max(lookbackDays(model), 60));
    read += loaded.size;
    if (kept.length < keep) kept.push(...loaded.values());
    after = page[page.length - 1];
    bar.update(Math.min(read, total));
  }
  bar.stop();
  return { done: read, partial, kept, model };
}

/** rescoreAll, ended by its time limit if need be: `done` customers, `changed` (null when it was cut short). */
async function rescorePass(c, corpId, total, title) {
  const bar = passBar(title, total);
  const deadline = performance.now() + rescorePassSeconds * 1000;
  let done = 0;
  try {
    const r = await c.leadScoring.rescoreAll(corpId, 'bench', (n) => {
      done = n;
      bar.update(n);
      if (performance.now() > deadline && n < total) throw new PassTimeUp();
    });
    return { done: r.scored, changed: r.changed, partial: false };
  } catch (error) {
    if (!(error instanceof PassTimeUp)) throw error;
    return { done, changed: null, partial: true };
  } finally {
    bar.stop();
  }
}

/** Microseconds of scoreLead (scoring.plan, pure) per customer over `facts`, repeated for at least a second. */
function pureScoring(model, facts) {
  const { scoreLead } = fromDist('leads/scoring.plan.js');
  if (!facts.length) return null;
  for (const f of facts.slice(0, 2000)) scoreLead(model, f);
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const f of facts) scoreLead(model, f);
    n += facts.length;
  }
  return ((performance.now() - started) * 1000) / n;
}

/** The corp's dictionary, products and agents, for the synthetic customers. */
async function corpCatalog(ds, corpId) {
  const tags = await ds.query('SELECT t.id AS id, g.`key` AS group_key, g.source AS source FROM tag t JOIN tag_group g ON g.id = t.group_id WHERE t.corp_id = ?', [corpId]);
  const products = await ds.query('SELECT id, line, min_cover, max_cover, premium_from FROM product WHERE corp_id = ?', [corpId]);
  const staff = await ds.query("SELECT id, status FROM staff_member WHERE corp_id = ? AND role = 'agent'", [corpId]);
  return {
    tags: tags.map((t) => ({ id: String(t.id), groupKey: String(t.group_key), source: String(t.source) })),
    products: products.map((p) => ({ id: String(p.id), line: String(p.line), minCover: Number(p.min_cover), maxCover: Number(p.max_cover), premiumFrom: Number(p.premium_from) })),
    staffIds: staff.filter((s) => s.status === 'active').map((s) => String(s.id)),
    leftStaffIds: staff.filter((s) => s.status === 'left').map((s) => String(s.id)),
  };
}

/** Inserts `n` synthetic customers with their facts; returns rows written per table and a sample of ids (reservoir). */
async function insertSynthetic(c, corpId, n, keys, sampleSize, rnd) {
  const { columns, insertSql: sqlFor, syntheticCustomers } = rescoreFacts;
  const catalog = await corpCatalog(c.ds, corpId);
  const rows = Object.fromEntries(Object.keys(columns).map((t) => [t, 0]));
  const sample = [];
  let seen = 0;
  const now = c.clock.now().getTime();
  const bar = new cliProgress.SingleBar({ format: `${'inserting synthetic customers'.padEnd(34)} [{bar}] {value}/{total} customers {eta_formatted}`, hideCursor: true, etaBuffer: 20, noTTYOutput: true, notTTYSchedule: 30_000 }, cliProgress.Presets.shades_classic);
  bar.start(n, 0);
  for (let start = 0; start < n; start += syntheticPerTransaction) {
    const batch = syntheticCustomers({ corpId, start, count: Math.min(syntheticPerTransaction, n - start), now, seed: 5, nextId: () => c.ids.next(), ...catalog, keys });
    for (const row of batch.customer) {
      if (row[9] !== null) continue; // merged: scoring leaves it out
      seen += 1;
      if (sample.length < sampleSize) sample.push(row[0]);
      else {
        const j = Math.floor(rnd.next() * seen);
        if (j < sampleSize) sample[j] = row[0];
      }
    }
    await c.ds.transaction(async (em) => {
      for (const table of Object.keys(columns)) {
        const all = batch[table];
        rows[table] += all.length;
        for (let i = 0; i < all.length; i += 500) {
          const part = all.slice(i, i + 500);
          await em.query(sqlFor(table, part.length), part.flat());
        }
      }
    });
    bar.update(Math.min(n, start + syntheticPerTransaction));
  }
  bar.stop();
  return { rows, sample };
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** p50/p99 wall ms and CPU ms per call of `fn(i)` over `n` calls (after `warm` unmeasured ones); `between(i)` runs untimed before each. */
async function perCall(n, warm, fn, between, dbPid) {
  for (let i = 0; i < warm; i++) {
    if (between) await between(i);
    await fn(i);
  }
  const times = [];
  let cpu = 0;
  const db = dbPid ? cpuSeconds(dbPid) : null;
  for (let i = 0; i < n; i++) {
    if (between) await between(warm + i);
    const before = process.cpuUsage();
    const started = performance.now();
    await fn(warm + i);
    times.push(performance.now() - started);
    cpu += cpuMs(before);
  }
  const dbCpu = db === null ? null : ((cpuSeconds(dbPid) - db) * 1000) / n;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), cpu: cpu / n, dbCpu };
}

async function dropRescoreDatabase() {
  const conn = await mysqlConnection();
  await conn.query(`DROP DATABASE IF EXISTS \`${rescoreDatabase}\``);
  await conn.end();
}

async function rescoreOn(kind) {
  const { startServer } = fromDist('app/server.js');
  const { loadConfig } = fromDist('platform/config.js');
  const { createLogger } = fromDist('platform/logger.js');
  const { counterKey } = fromDist('customers/counter-key.js');
  const dir = mkdtempSync(join(tmpdir(), 'lodestar-bench-rescore-'));
  const databaseUrl = kind === 'sqlite' ? `sqlite:${join(dir, 'bench.sqlite')}` : new URL(`/${rescoreDatabase}`, mysqlBase).toString();
  if (kind === 'mysql') await dropRescoreDatabase();
  const sectionStarted = performance.now();
  const out = { kind };
  try {
    const config = loadConfig({ DATABASE_URL: databaseUrl, ROLE: 'api', PORT: '0', LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(40), WECOM_SYNC_ON_START: 'false' });
    const boot = await timed(() => startServer(config, createLogger('warn')));
    const running = boot.value;
    out.bootSeconds = boot.seconds;
    const dbPid = kind === 'mysql' ? mysqldPid() : null;
    try {
      const c = running.container;
      const corpId = running.corpId;
      const rnd = rescoreFacts.prng(42);
      const wipeScores = () => c.ds.query('DELETE FROM lead_score WHERE corp_id = ?', [corpId]);

      // (1) The demo tenant.
      const demoTotal = await c.leadScoring.customerCount(corpId);
      const demoRead = await timed(() => readAllFacts(c, corpId, demoTotal, `read facts, demo (${kind})`, demoTotal), dbPid);
      await wipeScores();
      const demoFirst = await timed(() => rescorePass(c, corpId, demoTotal, `rescoreAll demo, new (${kind})`), dbPid);
      const demoSecond = await timed(() => rescorePass(c, corpId, demoTotal, `rescoreAll demo, unchanged (${kind})`), dbPid);
      const demoReread = await timed(() => readAllFacts(c, corpId, demoTotal, `read facts again, demo (${kind})`, 0), dbPid);
      out.demo = { customers: demoTotal, reads: [demoRead, demoReread], first: demoFirst, second: demoSecond };
      out.pureDemo = pureScoring(demoRead.value.model, demoRead.value.kept);

      // (2) Synthetic customers beside them.
      const keys = {
        appStart: counterKey('$AppStart'),
        viewProduct: counterKey('view_product'),
        viewCriticalIllness: counterKey('view_product', { product_line: 'critical_illness' }),
        calculator: counterKey('use_calculator'),
        proposal: counterKey('request_proposal'),
        checkIn: counterKey('check_in'),
        signup: counterKey('activity_signup'),
      };
      let sample = [];
      if (rescoreCustomers > 0) {
        const inserted = await timed(() => insertSynthetic(c, corpId, rescoreCustomers, keys, rescoreEvents, rnd), dbPid);
        out.insert = { seconds: inserted.seconds, rows: inserted.value.rows };
        sample = inserted.value.sample;
        const total = await c.leadScoring.customerCount(corpId);
        const read = await timed(() => readAllFacts(c, corpId, total, `read facts, all (${kind})`, 20_000), dbPid);
        await wipeScores();
        const first = await timed(() => rescorePass(c, corpId, total, `rescoreAll all, new (${kind})`), dbPid);
        const second = await timed(() => rescorePass(c, corpId, total, `rescoreAll all, unchanged (${kind})`), dbPid);
        const reread = await timed(() => readAllFacts(c, corpId, total, `read facts again, all (${kind})`, 0), dbPid);
        out.all = { customers: total, reads: [read, reread], first, second };
        // The synthetic customers' facts (the first pages hold demo ones too; both are real facts).
        out.pureAll = pureScoring(read.value.model, read.value.kept);
      }

      // (3) One event, one rescore, one customer at a time.
      // Synthetic customers (the reservoir sample), or the demo's when there are none.
      const pool = sample.length ? sample : (await c.ds.query('SELECT id FROM customer WHERE corp_id = ? AND merged_into_id IS NULL', [corpId])).map((r) => String(r.id));
      const warm = 50;
      const targets = Array.from({ length: rescoreEvents + warm }, () => pool[Math.floor(rnd.next() * pool.length)]);
      const today = new Date(c.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const upsert =
        kind === 'mysql'
          ? 'INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, 1) ON DUPLICATE KEY UPDATE count = count + 1'
          : 'INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, 1) ON CONFLICT (customer_id, counter_key, day) DO UPDATE SET count = count + 1';
      // What ingestion would have counted for the event: a calculation, a critical-illness page view, an app start, a check-in.
      const eventKeys = [[keys.calculator], [keys.calculator], [keys.viewProduct, keys.viewCriticalIllness], [keys.viewProduct, keys.viewCriticalIllness], [keys.appStart], [keys.checkIn]];
      const bump = async (i) => {
        for (const key of eventKeys[i % eventKeys.length]) await c.ds.query(upsert, [targets[i], key, today, corpId]);
      };
      const { LeadFactsRepository } = fromDist('leads/lead-facts.repository.js');
      const facts = new LeadFactsRepository(c.ds);
      const zone = 'Asia/Shanghai';
      let changed = 0;
      out.single = {
        customers: pool === sample ? 'synthetic' : 'demo',
        select1: await perCall(rescoreEvents, warm, () => c.ds.query('SELECT 1 AS one'), null, dbPid),
        load: await perCall(rescoreEvents, warm, (i) => facts.load(corpId, [targets[i]], c.clock.now(), zone, 60), null, dbPid),
        rescore: await perCall(
          rescoreEvents,
          warm,
          async (i) => {
            const r = await c.leadScoring.rescore(corpId, [targets[i]], 'event');
            if (i >= warm) changed += r.changed;
          },
          bump,
          dbPid,
        ),
      };
      out.single.changed = changed;
    } finally {
      await running.stop();
    }
  } finally {
    if (kind === 'mysql') await dropRescoreDatabase().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  out.seconds = (performance.now() - sectionStarted) / 1000;
  return out;
}

async function benchRescore() {
  const databases = (process.env.BENCH_DATABASES ?? 'sqlite,mysql').split(',');
  const results = [];
  for (const kind of databases) {
    if (kind === 'mysql') {
      const reachable = await mysqlConnection()
        .then(async (conn) => {
          const [[v]] = await conn.query('SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool');
          await conn.end();
          console.log(`MariaDB/MySQL ${v.version}, innodb_flush_log_at_trx_commit=${v.flush}, buffer pool ${Math.round(Number(v.pool) / 2 ** 20)} MiB`);
          return true;
        })
        .catch((error) => {
          console.log(`MySQL/MariaDB at ${mysqlBase.host} is not reachable (${error.code ?? error.message}): its rescore bench is skipped`);
          return false;
        });
      if (!reachable) continue;
    }
    const r = await rescoreOn(kind);
    results.push(r);
    printRescore(r);
  }
  if (!results.length) return;
  console.log(`\nRescoring, summary (${os.cpus().length} cores, Node ${process.versions.node})`);
  for (const r of results) {
    const p = r.all ?? r.demo;
    const s = r.single.rescore;
    console.log(
      `${label(r.kind).padEnd(8)} rescoreAll of ${int(p.customers)}: ${int(rate(p.first))}/s new${p.first.value.partial ? ' (partial)' : ''}, ${int(rate(p.second))}/s unchanged${p.second.value.partial ? ' (partial)' : ''}, reading alone ${int(baseRate(p))}/s; ` +
        `one event: p50 ${s.p50.toFixed(2)} ms, ${s.cpu.toFixed(2)} ms CPU${s.dbCpu === null ? '' : ` + ${s.dbCpu.toFixed(2)} ms database CPU`} (scoreLead alone ${(r.pureAll ?? r.pureDemo).toFixed(0)} µs)`,
    );
  }
}

const label = (kind) => (kind === 'sqlite' ? 'SQLite' : 'MariaDB');
const int = (n) => Math.round(n).toLocaleString('en-US');
/** Customers a second of a timed pass. */
const rate = (t) => t.value.done / t.seconds;
/** The baseline: the faster of the two reads (one before the rescore passes, one after), so caches favour it. */
const baseRate = (p) => Math.max(...p.reads.map(rate));
const ms = (x) => (x === null ? '–' : x.toFixed(3));

function printRescore(r) {
  const cores = (t) => `${(t.cpuSeconds / t.seconds).toFixed(2)} / ${t.dbCpuSeconds === null ? '–' : (t.dbCpuSeconds / t.seconds).toFixed(2)}`;
  const minutes = (p, t) => (p.customers / rate(t) / 60).toFixed(1);
  const passes = (title, p) => {
    const base = baseRate(p);
    console.log(`\n${title}`);
    const row = (name, t, changed) => [name, int(rate(t)), `${int(t.value.done)}${t.value.partial ? ' (cut)' : ''}`, t.seconds.toFixed(1), minutes(p, t), (rate(t) / base).toFixed(3), changed, cores(t)];
    const rows = [
      ['', 'customers/s', 'done', 'seconds', 'all, min', 'vs read', 'changed', 'CPU cores: node / db'],
      row('read facts only (before)', p.reads[0], ''),
      row('rescoreAll, first (all new)', p.first, p.first.value.changed === null ? '–' : int(p.first.value.changed)),
      row('rescoreAll, again (unchanged)', p.second, p.second.value.changed === null ? '–' : int(p.second.value.changed)),
      row('read facts only (after)', p.reads[1], ''),
    ];
    for (const cells of rows) console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 31 : i === 7 ? 0 : i === 2 ? 16 : 12)).join(''));
    if ([p.first, p.second, ...p.reads].some((t) => t.value.partial)) {
      console.log(`(cut) = the pass stopped at BENCH_RESCORE_PASS_SECONDS=${rescorePassSeconds}; "all, min" extrapolates its rate to every customer`);
    }
  };
  console.log(`\nRescoring on ${label(r.kind)} (in-process, ROLE=api): migrations, demo tenant and its first scoring took ${r.bootSeconds.toFixed(1)} s`);
  passes(`Demo tenant: ${int(r.demo.customers)} customers (baseline: the faster read)`, r.demo);
  if (r.insert) {
    const rows = Object.values(r.insert.rows).reduce((a, b) => a + b, 0);
    console.log(
      `\nInserted ${int(rescoreCustomers)} synthetic customers in ${r.insert.seconds.toFixed(1)} s (${int(rows / r.insert.seconds)} rows/s): ` +
        Object.entries(r.insert.rows)
          .map(([t, n]) => `${t} ${int(n)}`)
          .join(', '),
    );
    passes(`Demo + synthetic: ${int(r.all.customers)} customers, merged ones left out (baseline: the faster read)`, r.all);
  }
  const s = r.single;
  console.log(`\nOne event, then rescore(corpId, [id], 'event'): ${int(rescoreEvents)} random customers (${s.customers}), one at a time, after 50 warm-up calls; ${int(s.changed)} scores changed`);
  const rows = [
    ['', 'p50 ms', 'p99 ms', 'CPU ms/call', 'db CPU ms/call'],
    ['SELECT 1 (baseline)', ms(s.select1.p50), ms(s.select1.p99), ms(s.select1.cpu), ms(s.select1.dbCpu)],
    ["read one customer's facts", ms(s.load.p50), ms(s.load.p99), ms(s.load.cpu), ms(s.load.dbCpu)],
    ['rescore one customer', ms(s.rescore.p50), ms(s.rescore.p99), ms(s.rescore.cpu), ms(s.rescore.dbCpu)],
  ];
  for (const cells of rows) console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 28 : 14)).join(''));
  console.log(`ratio rescore/SELECT 1: p50 ${(s.rescore.p50 / s.select1.p50).toFixed(1)}x, CPU ${(s.rescore.cpu / s.select1.cpu).toFixed(1)}x; rescore/read facts: p50 ${(s.rescore.p50 / s.load.p50).toFixed(2)}x, CPU ${(s.rescore.cpu / s.load.cpu).toFixed(2)}x`);
  console.log(
    `pure scoreLead (scoring.plan): ${r.pureDemo.toFixed(1)} µs a customer on the demo's facts` +
      (r.pureAll ? `, ${r.pureAll.toFixed(1)} µs on the first ${int(Math.min(20_000, r.all.reads[0].value.done))} read of all` : '') +
      `. CPU is this process's (on SQLite that includes SQLite's work); db CPU is mariadbd's, from /proc.`,
  );
  console.log(`(${label(r.kind)} rescore section: ${(r.seconds / 60).toFixed(1)} min)`);
}

if (only.includes('callbacks')) await benchCallbacks();
if (only.includes('ingest')) await benchIngest();
if (only.includes('rescore')) await benchRescore();
if (only.includes('journeys')) {
  const { benchJourneys } = await import('./lib/journey-bench.mjs');
  await benchJourneys({ mysqlBase, mysqlConnection, fromDist, cpuSeconds, mysqldPid });
}
if (only.includes('chat')) {
  const { benchChat } = await import('./lib/chat-bench.mjs');
  await benchChat({ mysqlBase, mysqlConnection, fromDist, cpuSeconds, mysqldPid });
}
if (only.includes('analytics')) {
  const { benchAnalytics } = await import('./lib/analytics-bench.mjs');
  await benchAnalytics({ mysqlBase, fromDist });
}
if (only.includes('load')) {
  const { benchLoad } = await import('./lib/load-bench.mjs');
  await benchLoad({ mysqlBase, mysqlConnection, cpuSeconds, mysqldPid });
}

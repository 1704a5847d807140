/**
 * The load bench (issue 12), run by scripts/bench.mjs when BENCH_ONLY includes `load` (in the default
 * set). The simulator's mixed traffic (scripts/lib/mixed-traffic.cjs) at fixed, increasing rates,
 * open loop (scripts/lib/load-driver.mjs), against the built server in the production layout:
 *
 * - MariaDB: two ROLE=api processes (requests alternate between them, as a round-robin balancer
 *   does) and one ROLE=worker process, on the database lodestar_bench_load (made and dropped);
 * - SQLite, the second line: one ROLE=all process on a temp file;
 * - the baseline, in the same run: two bare Koa processes (scripts/lib/load-baseline.mjs) that read
 *   each body and answer at once, driven with the same requests at the same rates.
 *
 * The mix, by requests: 30% WeCom callbacks (a signed, encrypted add_external_contact for a new
 * customer, 30% of them through a channel code whose welcome message the server sends), 30% Sensors
 * posts (5–20 records, gzip, each with $insert_id), 10% archived chats (10 messages a post to the
 * sandbox archive; the server pulls, decrypts, stores and mines them), 30% sidebar reads (an agent's
 * GET /api/customers/:id). Each step offers rate × BENCH_LOAD_STEP_SECONDS requests; latency counts
 * from the moment a request was due. A step whose p99 passes 5 s or with a fifth failed ends the
 * target (it is saturated: higher rates only queue). The sustained rate is the highest step with p99
 * under 200 ms, under 1% failed and at least 95% of the offered rate answered.
 *
 * Writes the chart of p99 against offered rate (echarts, server-side SVG) to BENCH_LOAD_CHART
 * (docs/bench/load-p99.svg) and the figures to the same name with .json.
 *
 * Settings: BENCH_LOAD_RATES (25,50,100,200,400,800), BENCH_LOAD_STEP_SECONDS (10),
 * BENCH_LOAD_DATABASES (mysql,sqlite), BENCH_LOAD_CHART.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDriver, runStep } from './load-driver.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const { createMixedTraffic } = require('./mixed-traffic.cjs');

const env = process.env;
const rates = (env.BENCH_LOAD_RATES ?? '25,50,100,200,400,800').split(',').map(Number);
const stepSeconds = Number(env.BENCH_LOAD_STEP_SECONDS ?? 10);
const databases = (env.BENCH_LOAD_DATABASES ?? 'mysql,sqlite').split(',').filter((d) => d === 'mysql' || d === 'sqlite');
const chartPath = resolve(root, env.BENCH_LOAD_CHART ?? 'docs/bench/load-p99.svg');
const mix = { callback: 30, tracking: 30, archive: 10, sidebar: 30 };
const database = 'lodestar_bench_load';
const kinds = ['callback', 'tracking', 'archive', 'sidebar'];
const WELCOME_STATE = 'load-welcome';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** From scripts/bench.mjs: CPU seconds of a process so far (/proc), and the database server's pid. */
let cpuSeconds;
let mysqldPid;

/** Starts a process and resolves once `ready` matches a line of its output (with the match). */
function start(args, procEnv, ready, label) {
  const child = spawn(process.execPath, args, { env: { PATH: env.PATH, ...procEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => child.once('exit', r));
  const tail = [];
  return new Promise((resolveStart, reject) => {
    let buffer = '';
    let done = false;
    const onData = (d) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 50) tail.shift();
        const m = ready.exec(line);
        if (m && !done) {
          done = true;
          resolveStart({
            match: m,
            child,
            close: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              await exited;
            },
          });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => !done && reject(new Error(`${label} exited with ${code}: ${tail.slice(-5).join(' | ')}`)));
  });
}

const mainJs = join(root, 'server', 'dist', 'main.js');
const serverEnv = { LOG_LEVEL: 'warn', JWT_SECRET: 'l'.repeat(40), WECOM_SYNC_ON_START: 'false', PORT: '0' };
const api = (databaseUrl, role = 'api') => start([mainJs], { ...serverEnv, DATABASE_URL: databaseUrl, ROLE: role }, /Health:\s+(http:\/\/[^/\s]+)\/healthz/, `ROLE=${role}`);
const worker = (databaseUrl, base) =>
  start(
    [mainJs],
    { ...serverEnv, LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, ROLE: 'worker', WECOM_API_BASE: `${base}/sandbox/wecom`, MP_API_BASE: `${base}/sandbox/wechat`, OA_API_BASE: `${base}/sandbox/wechat`, SMS_API_BASE: `${base}/sandbox/sms` },
    /scheduler started/,
    'ROLE=worker',
  );
const baseline = () => start([join(here, 'load-baseline.mjs')], {}, /Baseline:\s+(http:\S+)/, 'the baseline');

async function json(base, method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const out = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

/** What the traffic needs from a running sandbox: agents' tokens and customers, customers' WeCom ids, the channel code. */
async function prepare(base) {
  const { sandboxDefaults } = require(join(root, 'server', 'dist', 'platform', 'config.js'));
  const info = await json(base, 'GET', '/api/sandbox/info');
  const admin = (await json(base, 'POST', '/api/auth/login', { username: sandboxDefaults.adminUsername, password: sandboxDefaults.adminPassword })).token;
  const agents = info.agentUserIds.filter((u) => u.startsWith('agent'));
  await json(base, 'POST', '/api/channel-codes', { name: 'load', channel: 'load', state: WELCOME_STATE, agentUserIds: [agents[0]], welcomeText: '欢迎！' }, admin);
  const sidebar = [];
  for (const userId of agents.slice(0, 6)) {
    const token = (await json(base, 'POST', '/api/auth/login', { username: userId, password: sandboxDefaults.adminPassword })).token;
    const mine = await json(base, 'GET', '/api/customers?limit=5', undefined, token);
    for (const c of mine.items.slice(0, 5)) sidebar.push({ token, customerId: c.id });
  }
  const customers = (await json(base, 'GET', '/api/customers?limit=200', undefined, admin)).items.map((c) => c.externalUserId).filter(Boolean);
  return { agents, sidebar, customers };
}

function trafficFor(prepared, tag) {
  const { callbackXml, contactEvent, signedCallback } = require(join(root, 'server', 'dist', 'sandbox', 'callback-driver.js'));
  const { sandboxDefaults } = require(join(root, 'server', 'dist', 'platform', 'config.js'));
  const tenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };
  return createMixedTraffic({
    seed: 12,
    tag,
    signCallback: (fields) => signedCallback(tenant, callbackXml(tenant.corpId, fields), new Date()),
    addedEvent: contactEvent.added,
    agents: prepared.agents,
    channelState: WELCOME_STATE,
    welcomeShare: 0.3,
    sidebar: prepared.sidebar,
    archiveAgents: prepared.agents,
    archiveCustomers: prepared.customers,
    demoCustomers: 3000,
    archiveBatch: 10,
    mix,
  });
}

const fmt = (x) => (x === null || x === undefined ? '–' : x < 10 ? x.toFixed(1) : String(Math.round(x)));

/** Warms up, then runs the steps until one saturates; prints a row per step. */
async function drive(name, bases, traffic, pids = {}) {
  console.log(`\n${name}: warm-up 5 s at ${rates[0]}/s, then ${rates.join(', ')} req/s, ${stepSeconds} s each`);
  await runStep({ bases, rate: rates[0], requests: Array.from({ length: rates[0] * 5 }, () => traffic.next()) });
  console.log(['offered/s', 'answered/s', 'failed', 'p50 ms', 'p99 ms', ...kinds.map((k) => `${k} p50/p99`), 'CPU cores: server / db'].map((c, i) => c.padEnd(i < 5 ? 11 : 22)).join(''));
  const cpu = () => ({ at: performance.now(), server: (pids.server ?? []).reduce((n, pid) => n + (cpuSeconds?.(pid) ?? 0), 0), db: pids.db ? (cpuSeconds?.(pids.db) ?? 0) : null });
  const steps = [];
  for (const rate of rates) {
    const load = os.loadavg()[0];
    const requests = Array.from({ length: rate * stepSeconds }, () => traffic.next());
    const before = cpu();
    const r = await runStep({ bases, rate, requests });
    const after = cpu();
    const wall = (after.at - before.at) / 1000;
    r.loadAverage = load;
    r.cores = { server: cpuSeconds ? (after.server - before.server) / wall : null, db: before.db === null ? null : (after.db - before.db) / wall };
    steps.push(r);
    console.log(
      [String(rate), r.achieved.toFixed(0), `${r.all.failed}/${r.all.count}`, fmt(r.all.p50), fmt(r.all.p99), ...kinds.map((k) => (r.kinds[k] ? `${fmt(r.kinds[k].p50)} / ${fmt(r.kinds[k].p99)}` : '–')), `${r.cores.server?.toFixed(2) ?? '–'} / ${r.cores.db?.toFixed(2) ?? '–'}`]
        .map((c, i) => c.padEnd(i < 5 ? 11 : 22))
        .join(''),
    );
    if (r.all.failed) console.log(`  failed answers: ${kinds.filter((k) => r.kinds[k]?.failed).map((k) => `${k} ${JSON.stringify(r.kinds[k].statuses)}`).join(', ')}`);
    if (r.all.p99 > 5_000 || r.all.failed > r.all.count / 5) {
      console.log(`(saturated at ${rate}/s: the higher rates are not run)`);
      break;
    }
    await sleep(3_000);
  }
  return steps;
}

const sustains = (s, x = s.all) => x.p99 !== null && x.p99 < 200 && x.failed <= x.count / 100 && s.achieved >= 0.95 * s.rate;
/** The highest offered rate that held p99 < 200 ms (overall, or for one kind), or 0. */
export function sustained(steps, kind) {
  let best = 0;
  for (const s of steps) {
    const x = kind ? s.kinds[kind] : s.all;
    if (x && (kind ? x.p99 < 200 && x.failed <= x.count / 100 && s.achieved >= 0.95 * s.rate : sustains(s))) best = s.rate;
  }
  return best;
}

async function onMysql(mysqlConnection, mysqlBase) {
  const conn = await mysqlConnection();
  await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  const [[v]] = await conn.query('SELECT VERSION() AS version');
  await conn.end();
  const url = new URL(`/${database}`, mysqlBase).toString();
  const procs = [];
  try {
    const bootStarted = performance.now();
    const first = await api(url); // migrates and loads the demo tenant (3,000 customers)
    procs.push(first);
    const [second, w] = await Promise.all([api(url), worker(url, first.match[1])]);
    procs.push(second, w);
    const bases = [first.match[1], second.match[1]];
    console.log(`\nMariaDB ${v.version}: 2 api + 1 worker processes up in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
    const prepared = await prepare(bases[0]);
    return { prepared, steps: await drive('Lodestar on MariaDB (2 × ROLE=api, 1 × ROLE=worker)', bases, trafficFor(prepared, 'my'), { server: procs.map((p) => p.child.pid), db: mysqldPid?.() ?? null }) };
  } finally {
    for (const p of procs.reverse()) await p.close();
    const again = await mysqlConnection();
    await again.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await again.end();
  }
}

async function onSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'lodestar-bench-load-'));
  let p;
  try {
    p = await api(`sqlite:${join(dir, 'load.sqlite')}`, 'all');
    const base = p.match[1];
    const prepared = await prepare(base);
    return { prepared, steps: await drive('Lodestar on SQLite (1 × ROLE=all)', [base], trafficFor(prepared, 'sq'), { server: [p.child.pid] }) };
  } finally {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onBaseline(prepared) {
  const procs = [await baseline(), await baseline()];
  try {
    return await drive('Baseline: bare Koa (2 processes, body read, answered at once)', procs.map((p) => p.match[1]), trafficFor(prepared, 'bl'), { server: procs.map((p) => p.child.pid) });
  } finally {
    for (const p of procs) await p.close();
  }
}

/** p99 against offered rate, a line per kind and target: echarts' server-side SVG renderer. */
export function chartSvg(results) {
  const echarts = require('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 960, height: 560 });
  const line = (name, steps, pick, style = {}) => ({
    name,
    type: 'line',
    symbolSize: 6,
    data: rates.map((rate) => {
      const x = pick(steps.find((s) => s.rate === rate) ?? { kinds: {} });
      return x?.p99 == null ? null : Math.max(1, Math.round(x.p99 * 10) / 10);
    }),
    ...style,
  });
  const series = [];
  if (results.mysql) {
    for (const k of kinds) series.push(line(`MariaDB ${k}`, results.mysql, (s) => s.kinds[k]));
    series.push(line('MariaDB all', results.mysql, (s) => s.all, { lineStyle: { width: 4 }, itemStyle: { color: '#222' } }));
  }
  if (results.sqlite) series.push(line('SQLite all', results.sqlite, (s) => s.all, { lineStyle: { type: 'dashed', width: 3 } }));
  if (results.baseline) series.push(line('bare Koa (baseline) all', results.baseline, (s) => s.all, { lineStyle: { type: 'dotted', width: 3 }, itemStyle: { color: '#888' } }));
  series[0] = { ...series[0], markLine: { silent: true, symbol: 'none', lineStyle: { color: '#c00', type: 'dashed' }, label: { formatter: 'p99 200 ms', position: 'insideEndTop' }, data: [{ yAxis: 200 }] } };
  chart.setOption({
    animation: false,
    backgroundColor: '#fff',
    title: { text: 'Lodestar under the simulator\'s mixed traffic: p99 latency against offered rate', subtext: results.subtitle, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0, type: 'plain' },
    grid: { left: 70, right: 30, top: 70, bottom: 80 },
    xAxis: { type: 'category', boundaryGap: false, data: rates.map(String), name: 'offered requests/s (open loop, each step double the one before)', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'log', name: 'p99 ms', min: 1, nameLocation: 'middle', nameGap: 45 },
    series,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export async function benchLoad({ mysqlConnection, mysqlBase, cpuSeconds: cpu, mysqldPid: dbPid }) {
  cpuSeconds = cpu;
  mysqldPid = dbPid;
  const started = performance.now();
  const results = { date: new Date().toISOString().slice(0, 10), cores: os.cpus().length, node: process.versions.node, rates, stepSeconds, mix, loadBefore: os.loadavg() };
  let prepared;
  if (databases.includes('mysql')) {
    const reachable = await mysqlConnection().then(
      (c) => c.end().then(() => true),
      (error) => {
        console.log(`MySQL/MariaDB at ${mysqlBase.host} is not reachable (${error.code ?? error.message}): the load bench's MariaDB layout is skipped`);
        return false;
      },
    );
    if (reachable) ({ prepared, steps: results.mysql } = await onMysql(mysqlConnection, mysqlBase));
  }
  if (databases.includes('sqlite')) ({ prepared, steps: results.sqlite } = await onSqlite());
  // The baseline's requests have the same shape; it does not look at the tokens and ids in them.
  if (!prepared) throw new Error('the load bench needs MariaDB or SQLite (BENCH_LOAD_DATABASES)');
  results.baseline = await onBaseline(prepared);
  closeDriver();
  results.loadAfter = os.loadavg();

  console.log(`\nMixed load, summary (${results.cores} cores, Node ${results.node}; load average before ${results.loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${results.loadAfter.map((x) => x.toFixed(1)).join(' ')})`);
  for (const [name, steps] of [['MariaDB, 2 api + 1 worker', results.mysql], ['SQLite, 1 process', results.sqlite], ['bare Koa (baseline)', results.baseline]]) {
    if (!steps) continue;
    const s = sustained(steps);
    const at = steps.find((x) => x.rate === s);
    console.log(
      `${name.padEnd(28)} sustained ${s || 'none'} req/s with p99 < 200 ms${at ? ` (p50 ${fmt(at.all.p50)}, p99 ${fmt(at.all.p99)} ms)` : ''}; per kind: ${kinds.map((k) => `${k} ${sustained(steps, k) || 'none'}`).join(', ')}`,
    );
  }
  if (results.mysql && results.baseline) {
    const s = sustained(results.mysql);
    const b = results.baseline.find((x) => x.rate === s);
    const m = results.mysql.find((x) => x.rate === s);
    if (m && b) console.log(`at ${s}/s: MariaDB p99 ${fmt(m.all.p99)} ms against the baseline's ${fmt(b.all.p99)} ms (${(m.all.p99 / Math.max(b.all.p99, 0.1)).toFixed(1)}×)`);
  }
  results.subtitle = `${results.date}, ${results.cores} cores, load average ${results.loadBefore[0].toFixed(1)} → ${results.loadAfter[0].toFixed(1)}, ${stepSeconds} s a step; mix: callbacks ${mix.callback}%, tracking ${mix.tracking}%, archive ${mix.archive}%, sidebar ${mix.sidebar}%`;
  mkdirSync(dirname(chartPath), { recursive: true });
  writeFileSync(chartPath, chartSvg(results));
  writeFileSync(chartPath.replace(/\.svg$/, '.json'), `${JSON.stringify(results, null, 1)}\n`);
  console.log(`chart: ${chartPath} (figures beside it, .json); the load section took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

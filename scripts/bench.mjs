#!/usr/bin/env node
/**
 * Callback throughput: the real server (built, SQLite, sandbox tenant) taking freshly signed and
 * encrypted WeCom callbacks, against a bare Koa endpoint that only reads the body and answers
 * "success", measured in the same run on the same machine. Prints both and their ratio.
 *
 *   npm run bench                      # 10 s per target, 20 connections
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
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

function lodestar(dir) {
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH, PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(40) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = /Health:\s+(http:\/\/[^/\s]+)\/healthz/.exec(out);
      if (m) resolveUrl({ url: m[1], close: () => child.kill('SIGTERM'), child });
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
  server.close();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}

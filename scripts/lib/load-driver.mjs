/**
 * A fixed-rate, open-loop HTTP driver for scripts/lib/load-bench.mjs: request i of a step is due at
 * start + i / rate whatever happened to the ones before (no waiting for answers, so a slow server
 * cannot slow the offered load down: no coordinated omission). Latency is measured from the moment a
 * request was due to the end of its answer, so time a request spent waiting for the driver counts too.
 * Keep-alive sockets, as many as needed; targets are used in turn (round robin, like a load balancer).
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });

/** One request; resolves with its status (0 when it failed or timed out) and its end time. */
function fire(base, req, timeoutMs) {
  return new Promise((resolve) => {
    const url = new URL(base + req.path);
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: { ...req.headers, ...(body ? { 'content-length': body.length } : {}) }, timeout: timeoutMs },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, end: performance.now() }));
        res.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, end: performance.now() }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', (error) => resolve({ status: 0, error: error.message === 'timeout' ? 'timeout' : (error.code ?? error.message), end: performance.now() }));
    if (body) r.write(body);
    r.end();
  });
}

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] : null);

/** p50/p99/max of latencies (ms), the count and the failures (non-2xx, errors, timeouts). */
export function summarize(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const bad = samples.filter((s) => s.status < 200 || s.status >= 300);
  const statuses = {};
  for (const s of bad) statuses[s.status || s.error || 'error'] = (statuses[s.status || s.error || 'error'] ?? 0) + 1;
  return { count: samples.length, failed: bad.length, statuses, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99), max: ms.at(-1) ?? null };
}

/**
 * Offers `requests` (prepared up front) at `rate` a second to `bases` in turn; resolves when every
 * answer is in. Returns per kind and overall: count, failures, p50, p99, max; and the achieved rate
 * (answers a second over the step).
 */
export async function runStep({ bases, requests, rate, timeoutMs = 10_000 }) {
  const samples = [];
  const pending = [];
  const start = performance.now();
  let i = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < requests.length && start + (i * 1000) / rate <= now) {
        const due = start + (i * 1000) / rate;
        const req = requests[i];
        const base = bases[i % bases.length];
        pending.push(fire(base, req, timeoutMs).then((r) => samples.push({ kind: req.kind, status: r.status, error: r.error, ms: r.end - due })));
        i += 1;
      }
      if (i >= requests.length) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + (i * 1000) / rate - performance.now())));
    };
    tick();
  });
  const offeredSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  const kinds = {};
  for (const kind of new Set(samples.map((s) => s.kind))) kinds[kind] = summarize(samples.filter((s) => s.kind === kind));
  return { rate, offered: requests.length / offeredSeconds, achieved: samples.filter((s) => s.status >= 200 && s.status < 300).length / seconds, all: summarize(samples), kinds };
}

export function closeDriver() {
  agent.destroy();
}

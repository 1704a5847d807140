import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';

const repo = resolve(__dirname, '..', '..', '..');
const mainJs = join(repo, 'server', 'dist', 'main.js');

/** The built server with its front ends, and a browser: what the sidebar, console and mini-program browser tests drive. */
export interface UiStack {
  /** The server's origin; it serves the API and the built pages alike. */
  api: string;
  browser: Browser;
  /** The server's output, for failure messages. */
  log: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  await new Promise<void>((ok) => {
    const t = setTimeout(() => {
      server.kill('SIGKILL');
      ok();
    }, 10_000);
    server.once('exit', () => {
      clearTimeout(t);
      ok();
    });
  });
}

/**
 * Starts server/dist/main.js on an in-memory SQLite database in sandbox mode (demo data), waits for
 * /healthz, checks that `page` is served with `marker` in it (else says which build is missing), and
 * launches headless Chromium.
 */
export async function startUiStack(o: { page: string; marker: string; build: string; timeoutMs?: number }): Promise<UiStack> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const server = spawn(process.execPath, [mainJs], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'sqlite::memory:', PORT: String(port), LOG_LEVEL: 'warn', WECOM_SYNC_ON_START: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  server.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const limit = o.timeoutMs ?? 120_000;
  const started = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server stopped (${server.exitCode}):\n${log.join('').slice(-3000)}`);
    try {
      if ((await fetch(`${api}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > limit) {
      await stopProcess(server);
      throw new Error(`the server did not answer /healthz within ${limit / 1000} s:\n${log.join('').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const served = await fetch(`${api}${o.page}`);
  if (!(served.ok && (await served.text()).includes(o.marker))) {
    await stopProcess(server);
    throw new Error(`${o.page} is not built: run \`${o.build}\` first`);
  }
  const browser = await launchChromium();
  return {
    api,
    browser,
    log,
    stop: async () => {
      await browser.close();
      await stopProcess(server);
    },
  };
}

/** A JSON call to the API; throws with the status and body on anything but 2xx. */
export async function apiCall<T>(api: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

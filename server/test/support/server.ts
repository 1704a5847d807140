import type { DataSource } from 'typeorm';
import { startServer, type RunningServer } from '../../src/app/server';
import type { Clock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { dropTestDatabase, testDatabaseUrl } from './db';

export interface TestServer {
  url: string;
  running: RunningServer;
  ds: DataSource;
  /** Signs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  get(path: string, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Starts the real server in this process (sandbox mode, port 0) on the project's test database. */
export async function startTestServer(env: Record<string, string> = {}, opts: { clock?: Clock; demoCustomers?: number } = {}): Promise<TestServer> {
  const databaseUrl = env.DATABASE_URL ?? testDatabaseUrl();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-test-secret-test-secret-0001', WECOM_SYNC_ON_START: 'false', ...env });
  const running = await startServer(config, createLogger(config.logLevel), { demoCustomers: opts.demoCustomers ?? 150, ...(opts.clock ? { clock: opts.clock } : {}) });
  const url = running.url!;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    url,
    running,
    ds: running.container.ds,
    async login(username, password = 'lodestar-demo') {
      const res = await call('POST', '/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    get: (path, token) => call('GET', path, undefined, token),
    post: (path, body, token) => call('POST', path, body, token),
    async close() {
      await running.stop();
      await dropTestDatabase(databaseUrl);
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built server that the multi-process tests start (npm run build makes it); TEST_SERVER_DIST names another build. */
export const mainJs = resolve(process.env.TEST_SERVER_DIST ?? resolve(__dirname, '..', '..', 'dist'), 'main.js');

export function requireBuild(): void {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` first (npm test does)`);
}

export interface ServerProcess {
  child: ChildProcess;
  /** The last 2,000 lines it printed (stdout and stderr). */
  out: string[];
  exit: Promise<number | null>;
}

/** Starts `node server/dist/main.js` with only PATH and `env` (plus test defaults) in its environment. */
export function startProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH, JWT_SECRET: 'scale-secret-scale-secret-scale-secret-01', WECOM_SYNC_ON_START: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const keep = (d: Buffer) => {
    out.push(...d.toString().split('\n').filter(Boolean));
    if (out.length > 2000) out.splice(0, out.length - 2000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A JSON API caller on the bases `pick` gives (one process, or a balancer's next): the parsed
 * answer, or an error naming the call and status from 300 up. A call may name its own base.
 */
export function jsonCaller(pick: () => string) {
  return async (method: string, path: string, body?: unknown, token?: string, base = pick()): Promise<any> => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const out = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
}

/** Polls `what` every 50 ms until it gives a value; fails after `ms` naming `label`. */
export async function until<T>(what: () => Promise<T | undefined> | T | undefined, ms: number, label: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${label}`);
    await sleep(50);
  }
}

/** The base URL an api process printed (`Health: http://…/healthz`). */
export function baseUrlOf(p: ServerProcess, ms = 90_000): Promise<string> {
  return until(
    () => {
      if (p.child.exitCode !== null) throw new Error(`the process exited with ${p.child.exitCode}: ${p.out.slice(-5).join(' | ')}`);
      return p.out.map((l) => /Health:\s+(http:\S+)\/healthz/.exec(l)?.[1]).find(Boolean);
    },
    ms,
    'an api process to listen',
  );
}

/** Stops the processes still running (SIGTERM, or SIGKILL when `hard`) and waits for them. */
export async function stopAll(procs: ServerProcess[], hard = false): Promise<Array<number | null>> {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(hard ? 'SIGKILL' : 'SIGTERM');
  return Promise.all(procs.map((p) => p.exit));
}

/**
 * The smallest load balancer: each request goes to the next api process in turn (round robin), as
 * nginx's default upstream does. `other(base)` is a different one, for retries that a balancer would
 * send elsewhere.
 */
export class RoundRobin {
  private i = 0;
  readonly served: Map<string, number>;

  constructor(readonly bases: readonly string[]) {
    this.served = new Map(bases.map((b) => [b, 0]));
  }

  next(): string {
    const base = this.bases[this.i++ % this.bases.length]!;
    this.served.set(base, this.served.get(base)! + 1);
    return base;
  }

  other(base: string): string {
    return this.bases[(this.bases.indexOf(base) + 1) % this.bases.length]!;
  }
}

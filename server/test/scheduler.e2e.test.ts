import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTestDatabase, testDatabaseUrl, dropTestDatabase } from './support/db';

const mainJs = resolve(__dirname, '..', 'dist', 'main.js');

interface Proc {
  child: ChildProcess;
  out: string[];
  exit: Promise<number | null>;
}

function startWorker(databaseUrl: string): Proc {
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH, ROLE: 'worker', DATABASE_URL: databaseUrl, HEARTBEAT_CRON: '* * * * * *', LOG_LEVEL: 'debug', JWT_SECRET: 'x'.repeat(40) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  return { child, out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

const until = async (what: () => boolean, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe(`two worker processes on one ${process.env.TEST_DB} database`, () => {
  let dir: string | undefined;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('run each scheduled tick exactly once, and stop cleanly on SIGTERM', async () => {
    if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` first (npm test does)`);
    let url = testDatabaseUrl();
    if (url === 'sqlite::memory:') {
      dir = mkdtempSync(join(tmpdir(), 'lodestar-sched-'));
      url = `sqlite:${join(dir, 'db.sqlite')}`;
      // SQLite is single-node; migrate before the processes share the file.
      await (await openTestDatabase(url)).ds.destroy();
    }
    const procs = [startWorker(url), startWorker(url)];
    let bothStarted = Number.POSITIVE_INFINITY;
    try {
      // Generous: under the full suite's load the process that loads the demo data takes a while.
      await until(() => procs.every((p) => p.out.some((l) => l.includes('scheduler started'))), 60_000).catch((error: Error) => {
        // Say what each process was doing, so a slow or failed start can be told apart.
        throw new Error(`${error.message}: ${procs.map((p, i) => `process ${i}: ${p.out.slice(-5).join(' | ')}`).join('; ')}`);
      });
      bothStarted = Date.now();
      await new Promise((r) => setTimeout(r, 5_500));
    } finally {
      for (const p of procs) p.child.kill('SIGTERM');
    }
    const codes = await Promise.all(procs.map((p) => p.exit));
    expect(codes).toEqual([0, 0]);
    for (const p of procs) expect(p.out.some((l) => l.includes('"msg":"stopped"'))).toBe(true);

    const check = await openTestDatabase(url);
    try {
      const rows = await check.ds.query<{ target_id: string; actor_id: string }[]>(
        "SELECT target_id, actor_id FROM audit_log WHERE action = 'scheduler.heartbeat' ORDER BY target_id",
      );
      const perTick = new Map<string, number>();
      for (const r of rows) perTick.set(r.target_id, (perTick.get(r.target_id) ?? 0) + 1);
      expect(perTick.size).toBeGreaterThanOrEqual(4);
      expect([...perTick.values()].every((n) => n === 1)).toBe(true);
      // Hardly a second is missing between the first and the last tick. (A tick is skipped only when
      // both processes were still busy with the one before — noOverlap — which a loaded CI machine
      // can cause now and then; a skipped heartbeat is harmless, a doubled one would not be.)
      const seconds = [...perTick.keys()].map((k) => Date.parse(k.slice('platform.heartbeat:'.length)) / 1000).sort((a, b) => a - b);
      const span = seconds[seconds.length - 1]! - seconds[0]! + 1;
      expect(span - seconds.length).toBeLessThanOrEqual(Math.floor(span / 10));
      // Both processes competed: once both ran, every tick was lost by one of them. (Before that, the
      // first one alone took the ticks while the other was still loading the demo data.)
      const lost = procs.map((p) => p.out.filter((l) => l.includes('tick taken by another process')).length);
      const whileBoth = seconds.filter((s) => s * 1000 >= bothStarted + 1000).length;
      expect(whileBoth).toBeGreaterThanOrEqual(3);
      expect(lost[0]! + lost[1]!).toBeGreaterThanOrEqual(whileBoth - 1);
    } finally {
      await check.ds.destroy();
      await dropTestDatabase(url);
    }
  }, 120_000);
});

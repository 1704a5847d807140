import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDbTime } from '../src/db/naming';
import { sandboxDefaults } from '../src/platform/config';
import { openTestDatabase, type TestDatabase } from './support/db';
import { baseUrlOf, requireBuild, sleep, startProcess, stopAll, until, type ServerProcess } from './support/processes';
import { RetryingLoad } from './support/retrying-load';

/**
 * Issue 12, faults (SQLite; MariaDB's fault is the database stopped, db-outage.e2e.test.ts): the
 * disk under the SQLite file fills up while a real server process (ROLE=all, server/dist) takes
 * Sensors batches, WeCom callbacks and sidebar reads, then space is freed again. The file lives on
 * a tmpfs of its own (mounted by the test, which needs root, as CI and this machine have), filled
 * to the last byte by a ballast file.
 *
 * While the disk is full a write that needs new space answers 503 with Retry-After, saying the disk
 * is full (never a 500 or a false "success"). Most writes still succeed: SQLite reuses the pages of
 * its write-ahead log, which the demo load left large, so only writes that must grow a file are
 * refused (measured: a few per run, and a 5,000-record batch fitted). Reads never answer 500 or 401. The test reads the file only after the server
 * has stopped, so no second connection touches the live write-ahead log. Once space is freed everything the senders retried is stored, each record
 * exactly once, every callback answered "success" is processed, and the process never exited.
 */
const FULL_MS = 20_000;

function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1 << 9]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
          written += size;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

describe(`a full disk under load, on ${process.env.TEST_DB}`, () => {
  let dir: string | undefined;
  let mounted = false;
  let server: ServerProcess | undefined;
  let db: TestDatabase | undefined;

  afterAll(async () => {
    if (server) await stopAll([server]);
    await db?.ds.destroy();
    if (mounted) execFileSync('umount', [dir!]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers writes with "retry" while the disk is full, loses nothing it accepted, and goes on once space is freed', async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'lodestar-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=192m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`this test mounts a small tmpfs to fill, which needs root: ${String((error as { stderr?: Buffer }).stderr ?? error)}`, { cause: error });
    }
    mounted = true;
    const file = join(dir, 'lodestar.sqlite');
    server = startProcess({ ROLE: 'all', DATABASE_URL: `sqlite:${file}`, PORT: '0' });
    const base = await baseUrlOf(server, 180_000);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent001', password: sandboxDefaults.adminPassword }) });
    const agentToken = ((await login.json()) as { token: string }).token;
    const load = new RetryingLoad(base, { agentToken, contacts: await RetryingLoad.addContacts(base, 8) });

    const loadStart = new Date();
    load.start();
    await sleep(5_000);
    // Fill to the last byte, and keep taking any space that comes free while the fault lasts.
    let filled = fillDisk(join(dir, 'ballast-0'));
    let refills = 0;
    const keepFull = setInterval(() => {
      refills += 1;
      filled += fillDisk(join(dir!, `ballast-${refills}`));
    }, 100);
    load.phase = 'fault';
    await sleep(3_000);
    // Really full: not a byte left for anyone, and a batch of 5,000 records (the most a request
    // carries) sent into it; it is stored only if SQLite found room in pages it already held.
    expect(statfsSync(dir).bavail).toBe(0);
    const big = await load.sendBatch(5_000);
    await sleep(FULL_MS - 3_000);
    clearInterval(keepFull);
    for (let i = 0; i <= refills; i += 1) rmSync(join(dir, `ballast-${i}`), { force: true });
    const freedAt = Date.now();
    load.phase = 'after';
    await sleep(10_000);
    await load.stop();

    expect(server.child.exitCode).toBeNull();
    const { sa, callback, read } = load.duringFault;
    // While full: every write answered either stored (200) or "retry" (503 with Retry-After), never
    // a 500 or a false success (proved below: everything answered 200 is in the file).
    expect(sa.length).toBeGreaterThan(10);
    expect([200, 503]).toContain(big.status);
    expect([...sa, ...callback].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(read.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(load.saRetryAfters.filter((ra) => !(Number(ra) > 0))).toEqual([]);
    expect(load.reads.slice(-4)).toEqual([200, 200, 200, 200]);
    expect(load.health.filter((h) => h.at > freedAt + 5_000).every((h) => h.status === 200)).toBe(true);

    expect(load.notAccepted).toEqual([]);
    // Every callback processed (read through the server: no second connection while it runs).
    await until(async () => ((await (await fetch(`${base}/healthz`)).json()) as { status: string }).status === 'ok' || undefined, 30_000, 'health');
    expect(server.child.exitCode).toBeNull();
    await sleep(5_000);
    await stopAll([server]);
    server = undefined;
    db = await openTestDatabase(`sqlite:${file}`);
    expect(await load.recordsNotStoredOnce(db.ds)).toEqual([]);
    // Every callback answered "success" is in the inbox once (kept for the next start if not yet processed).
    const inbox = (await db.ds.query('SELECT status, COUNT(*) AS n FROM wecom_inbox WHERE received_at >= ? GROUP BY status', [toDbTime(loadStart)])) as { status: string; n: number | string }[];
    expect(inbox.reduce((sum, r) => sum + Number(r.n), 0)).toBe(load.callbacks.length);
    expect(inbox.filter((r) => r.status === 'failed')).toEqual([]);
     
    console.log(
      `disk full: ${(filled / 2 ** 20).toFixed(1)} MB of ballast; ${load.sent.length} sends (${load.insertIds.length} records, ${load.callbacks.length} callbacks), ${load.retried} retried; ` +
        `during the ${FULL_MS / 1000} s: /sa ${sa.filter((s) => s === 503).length}×503 ${sa.filter((s) => s === 200).length}×200, callbacks ${callback.filter((s) => s === 503).length}×503, reads ${read.filter((s) => s === 200).length}×200 ${read.filter((s) => s === 503).length}×503`,
    );
  }, 420_000);
});

import { sandboxDefaults } from '../src/platform/config';
import { openTestDatabase, testDatabaseUrl, type TestDatabase } from './support/db';
import { baseUrlOf, requireBuild, sleep, startProcess, stopAll, type ServerProcess } from './support/processes';
import { RetryingLoad } from './support/retrying-load';
import { TcpProxy } from './support/tcp-proxy';

/**
 * Issue 12, faults (MariaDB; SQLite's fault is a full disk, disk-full.e2e.test.ts): the database
 * goes away for 30 seconds while a real server process (ROLE=all, server/dist) takes Sensors
 * batches, WeCom callbacks and sidebar reads. The database is reached through a TCP proxy that the
 * test cuts (every connection dropped, new ones refused: what a stopped MariaDB looks like to its
 * clients) and restores, so the machine's shared MariaDB keeps running for everyone else.
 *
 * While it is gone every answer says "retry": 503 with Retry-After (never a 500, a 401 that would
 * sign people out, or a false "success"). Afterwards every record a sender was told was accepted
 * is stored exactly once, every callback answered "success" is in the inbox once and processed,
 * and the process never exited: it came back by itself.
 */
const OUTAGE_MS = 30_000;

describe(`the database stopped for 30 s under load, on ${process.env.TEST_DB}`, () => {
  let db: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (server) await stopAll([server]);
    await proxy?.stop();
    await db?.close();
  });

  it('answers "retry" while it is gone, loses nothing it accepted, and recovers by itself', async () => {
    requireBuild();
    const real = new URL(testDatabaseUrl());
    proxy = new TcpProxy(real.hostname, Number(real.port || 3306));
    await proxy.start();
    db = await openTestDatabase(real.toString());
    const viaProxy = new URL(real.toString());
    viaProxy.port = String(proxy.port);
    server = startProcess({ ROLE: 'all', DATABASE_URL: viaProxy.toString(), PORT: '0' });
    const base = await baseUrlOf(server, 180_000);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent001', password: sandboxDefaults.adminPassword }) });
    const agentToken = ((await login.json()) as { token: string }).token;
    const load = new RetryingLoad(base, { agentToken, contacts: await RetryingLoad.addContacts(base, 8) });
    const inboxBefore = Number((await db.ds.query('SELECT COUNT(*) AS n FROM wecom_inbox'))[0].n);

    load.start();
    await sleep(5_000);
    load.phase = 'fault';
    await proxy.cut();
    const cutAt = Date.now();
    await sleep(OUTAGE_MS);
    await proxy.restore();
    const restoredAt = Date.now();
    load.phase = 'after';
    await sleep(10_000);
    await load.stop();

    expect(server.child.exitCode).toBeNull();
    // While the database was gone: "retry" answers only.
    const { sa, callback, read } = load.duringFault;
    expect(sa.length).toBeGreaterThan(10);
    expect(callback.length).toBeGreaterThan(5);
    expect(read.length).toBeGreaterThan(5);
    expect([...sa, ...callback, ...read].filter((s) => s !== 503)).toEqual([]);
    expect(load.saRetryAfters.filter((ra) => !(Number(ra) > 0))).toEqual([]);
    const healthDown = load.health.filter((h) => h.at > cutAt + 3_000 && h.at < restoredAt);
    expect(healthDown.length).toBeGreaterThan(5);
    expect(healthDown.filter((h) => h.status !== 503)).toEqual([]);
    // Back by itself: healthy within 15 s of the database's return, and serving.
    const healthyAgain = load.health.find((h) => h.at > restoredAt && h.status === 200);
    expect(healthyAgain!.at - restoredAt).toBeLessThan(15_000);
    expect(load.reads.slice(-4)).toEqual([200, 200, 200, 200]);

    // Nothing accepted is lost or doubled.
    expect(load.notAccepted).toEqual([]);
    expect(load.retried).toBeGreaterThan(10);
    expect(await load.recordsNotStoredOnce(db.ds)).toEqual([]);
    const inboxAfter = Number((await db.ds.query('SELECT COUNT(*) AS n FROM wecom_inbox'))[0].n);
    expect(inboxAfter - inboxBefore).toBe(load.callbacks.length);
    expect(await RetryingLoad.inboxSettled(db.ds, 150_000)).toBe(0);
    expect(server.child.exitCode).toBeNull();
     
    console.log(
      `database outage: ${load.sent.length} sends (${load.insertIds.length} records, ${load.callbacks.length} callbacks), ${load.retried} retried; ` +
        `during the ${OUTAGE_MS / 1000} s: ${sa.length} /sa, ${callback.length} callback and ${read.length} read answers, all 503; ` +
        `healthy ${healthyAgain!.at - restoredAt} ms after the database came back`,
    );
  }, 420_000);
});

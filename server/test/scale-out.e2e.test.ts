import { randomUUID } from 'node:crypto';
import { createMixedTraffic, type TrafficRequest } from '../../scripts/lib/mixed-traffic.cjs';
import { PhoneVault } from '../src/customers';
import { toDbTime } from '../src/db/naming';
import { startServer } from '../src/app/server';
import { loadConfig, sandboxDefaults } from '../src/platform/config';
import { createLogger } from '../src/platform/logger';
import { callbackXml, contactEvent, signedCallback } from '../src/sandbox/callback-driver';
import { openTestDatabase, testDatabaseUrl, dropTestDatabase } from './support/db';
import { baseUrlOf, jsonCaller, requireBuild, RoundRobin, sleep, startProcess, stopAll, until, type ServerProcess } from './support/processes';

/**
 * Issue 12, scale-out: the production layout in small. Two ROLE=api processes behind a round-robin
 * balancer and two ROLE=worker processes, all from server/dist, on one MariaDB database, under the
 * simulator's mixed traffic (signed WeCom callbacks, the sandbox simulator's adds, Sensors posts with
 * $insert_id, archived chats, sidebar reads) while the workers run a journey that texts every
 * enrolled customer twice. WeCom and the SDKs retry: a share of callbacks and tracking posts is sent
 * again to the other api process. Afterwards:
 * - no duplicate sends: every journey SMS and every channel-code welcome message reached the fake
 *   provider exactly once (the sandbox outbox records each send);
 * - no lost events: every accepted tracking record is stored exactly once, every accepted callback
 *   produced its customer and relationship (and one inbox row), every archived message is stored once;
 * - each scheduled tick ran once (a heartbeat every second, both workers competing).
 *
 * MariaDB only: SQLite is one file on one machine, so it has no scale-out layout. jest.config.js
 * leaves this file out of integration:sqlite, and it fails (not passes) if run on SQLite anyway.
 */
const LOAD_MS = 40_000;
/** Mixed requests a second through the balancer (callbacks, tracking, sidebar), open loop. */
const RATE = 40;
const MAX_IN_FLIGHT = 24;
/** Share of callbacks and tracking posts that are sent a second time to the other api process. */
const RETRY_SHARE = 0.15;
const JOURNEY_CUSTOMERS = 600;
const ENROL_PAGES = 6;
const DEMO_CUSTOMERS = 200;
const WELCOME_STATE = 'scale-welcome';

const messages = {
  hello: { channel: 'sms', template: 'SCALE_HELLO', text: 'hello {{name}}' },
  bye: { channel: 'sms', template: 'SCALE_BYE', text: 'bye {{name}}' },
} as const;
const definition = {
  trigger: { type: 'manual' },
  reentry: { mode: 'never' },
  entry: 'hello',
  steps: [
    { id: 'hello', type: 'send', message: messages.hello, next: 'pause' },
    { id: 'pause', type: 'wait', durationMs: 2_000, next: 'bye' },
    { id: 'bye', type: 'send', message: messages.bye, next: 'done' },
    { id: 'done', type: 'exit', reason: 'texted twice' },
  ],
};

const tally = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};
/** What is not exactly once: keys seen more than once, keys not expected, expected keys missing. */
const notOnce = (what: string, got: Map<string, number>, expected: Set<string>) => [
  ...[...got].filter(([k, n]) => n !== 1 || !expected.has(k)).map(([k, n]) => `${what}: ${k} ×${n}${expected.has(k) ? '' : ' (not expected)'}`),
  ...[...expected].filter((k) => !got.has(k)).map((k) => `${what}: ${k} missing`),
];
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;

describe('scale-out on MariaDB: two api and two worker processes on one database under mixed load', () => {
  it('sends nothing twice, loses no event, and runs each scheduled tick once', async () => {
    if (process.env.TEST_DB !== 'mysql') {
      throw new Error('the scale-out test needs MariaDB/MySQL (integration:mysql); jest.config.js leaves it out of integration:sqlite');
    }
    requireBuild();
    const t0 = Date.now();
    const url = testDatabaseUrl();
    const procs: ServerProcess[] = [];
    const db = await openTestDatabase(url);
    try {
      // The sandbox tenant with a small demo (agents, customers with WeCom ids), loaded once before the
      // processes start, as a deploy's first start would; then customers for the journey.
      const config = loadConfig({ DATABASE_URL: url, ROLE: 'api', PORT: '0', LOG_LEVEL: 'silent', JWT_SECRET: 'scale-secret-scale-secret-scale-secret-01', WECOM_SYNC_ON_START: 'false' });
      const boot = await startServer(config, createLogger('silent'), { demoCustomers: DEMO_CUSTOMERS });
      const corpId = boot.corpId;
      await boot.stop();
      const now = toDbTime(new Date());
      const [owner] = await db.ds.query<Array<{ id: string }>>("SELECT id FROM staff_member WHERE corp_id = ? AND role = 'agent' ORDER BY wecom_user_id LIMIT 1", [corpId]);
      const vault = new PhoneVault(sandboxDefaults.phoneHashKey, sandboxDefaults.phoneEncryptionKey);
      const journeyCustomers = Array.from({ length: JOURNEY_CUSTOMERS }, (_, i) => ({ id: randomUUID(), name: `scale-${String(i).padStart(4, '0')}`, phone: vault.protect(`138${String(i).padStart(8, '0')}`)! }));
      for (let i = 0; i < journeyCustomers.length; i += 300) {
        const part = journeyCustomers.slice(i, i + 300);
        await db.ds.query(
          `INSERT INTO customer (id, corp_id, name, gender, city, owner_staff_id, stage, archive_consent, phone_cipher, phone_masked, created_at, updated_at) VALUES ${part.map(() => "(?, ?, ?, 'unknown', '上海', ?, 'interest', 0, ?, ?, ?, ?)").join(', ')}`,
          part.flatMap((c) => [c.id, corpId, c.name, owner!.id, c.phone.cipher, c.phone.masked, now, now]),
        );
      }
      // Agents with a customer each, for the sidebar reads and the chats.
      const owned = await db.ds.query<Array<{ user_id: string; customer_id: string; external_id: string }>>(
        `SELECT s.wecom_user_id AS user_id, c.id AS customer_id, i.value AS external_id FROM customer c
           JOIN staff_member s ON s.id = c.owner_staff_id
           JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
          WHERE c.corp_id = ? AND s.role = 'agent' ORDER BY c.id`,
        [corpId],
      );
      const booted = Date.now();

      const apis = [startProcess({ ROLE: 'api', DATABASE_URL: url, PORT: '0' }), startProcess({ ROLE: 'api', DATABASE_URL: url, PORT: '0' })];
      procs.push(...apis);
      const bases = await Promise.all(apis.map((p) => baseUrlOf(p)));
      const workerEnv = {
        ROLE: 'worker',
        DATABASE_URL: url,
        LOG_LEVEL: 'info',
        // The fake providers are served by the api processes; the sends land in the shared sandbox outbox.
        SMS_API_BASE: `${bases[0]}/sandbox/sms`,
        MP_API_BASE: `${bases[0]}/sandbox/wechat`,
        OA_API_BASE: `${bases[0]}/sandbox/wechat`,
        WECOM_API_BASE: `${bases[0]}/sandbox/wecom`,
        HEARTBEAT_CRON: '* * * * * *',
        JOURNEY_LEASE_MS: '20000',
      };
      const workers = [startProcess(workerEnv), startProcess(workerEnv)];
      procs.push(...workers);
      await until(() => (workers.every((w) => w.out.some((l) => l.includes('scheduler started'))) ? true : undefined), 60_000, 'both workers to start their schedulers');
      const started = Date.now();

      const lb = new RoundRobin(bases);
      const call = jsonCaller(() => lb.next());
      const admin = (await call('POST', '/api/auth/login', { username: sandboxDefaults.adminUsername, password: sandboxDefaults.adminPassword })).token as string;
      await call('PUT', '/api/journeys/policy', { quietHours: null, caps: {}, rateLimitsPerMinute: {}, wecomMassMonthlyCap: 4, dropAfterHeldMs: 3 * 86_400_000 }, admin);
      const journeyId = (await call('POST', '/api/journeys', { name: 'scale-out', definition }, admin)).id as string;
      await call('POST', `/api/journeys/${journeyId}/publish`, {}, admin);
      // One agent on the code: handing a code to the next agent updates the contact way in the
      // receiving process's own fake WeCom, which only the creating process knows in the sandbox.
      await call('POST', '/api/channel-codes', { name: 'scale', channel: 'scale', state: WELCOME_STATE, agentUserIds: [owned[0]!.user_id], welcomeText: '欢迎！' }, admin);
      const byAgent = new Map<string, { customerId: string }>();
      for (const o of owned) if (!byAgent.has(o.user_id) && byAgent.size < 6) byAgent.set(o.user_id, { customerId: o.customer_id });
      const sidebar = await Promise.all([...byAgent].map(async ([userId, { customerId }]) => ({ token: (await call('POST', '/api/auth/login', { username: userId, password: sandboxDefaults.adminPassword })).token as string, customerId })));
      const agentIds = [...new Set(owned.map((o) => o.user_id))];

      const tenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };
      const traffic = createMixedTraffic({
        seed: 12,
        tag: 'so',
        signCallback: (fields) => signedCallback(tenant, callbackXml(tenant.corpId, fields), new Date()),
        addedEvent: contactEvent.added,
        agents: agentIds,
        channelState: WELCOME_STATE,
        welcomeShare: 0.3,
        sidebar,
        archiveAgents: agentIds,
        archiveCustomers: owned.map((o) => o.external_id),
        demoCustomers: DEMO_CUSTOMERS,
        mix: { callback: 40, tracking: 35, sidebar: 25, archive: 0 },
      });

      // What the servers accepted, to check afterwards.
      const accepted = { callbacks: new Map<string, { userId: string; state: string | null }>(), insertIds: [] as string[], msgids: [] as string[], simulated: [] as Array<{ userId: string; externalUserId: string }> };
      const statuses = new Map<string, number>();
      const failures: string[] = [];
      const note = (what: string, status: number) => statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
      const send = async (req: TrafficRequest, base: string) => {
        for (let attempt = 1; ; attempt++) {
          const res = await fetch(base + req.path, { method: req.method, headers: req.headers, ...(req.body === undefined ? {} : { body: req.body }) });
          const text = await res.text();
          note(req.kind, res.status);
          // A busy answer (503 + Retry-After) asks the sender to come back: the SDKs and WeCom do.
          if (res.status === 503 && attempt < 10) {
            await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
            continue;
          }
          return { status: res.status, text };
        }
      };
      const handle = async (req: TrafficRequest) => {
        const base = lb.next();
        const r = await send(req, base);
        const ok = r.status < 300 && (req.kind !== 'callback' || r.text === 'success');
        if (!ok) {
          failures.push(`${req.kind} ${r.status} ${r.text.slice(0, 200)}`);
          return;
        }
        if (req.kind === 'callback') accepted.callbacks.set(req.meta.externalUserId, { userId: req.meta.userId, state: req.meta.state });
        if (req.kind === 'tracking') {
          const answer = JSON.parse(r.text) as { rejected: number };
          if (answer.rejected) failures.push(`tracking: ${r.text}`);
          accepted.insertIds.push(...(req.meta.insertIds as string[]));
        }
        // WeCom resends a callback it got no answer to, an SDK a post: the balancer sends it to the other process.
        if ((req.kind === 'callback' || req.kind === 'tracking') && Math.random() < RETRY_SHARE) {
          const again = await send(req, lb.other(base));
          if (again.status >= 300) failures.push(`${req.kind} retry ${again.status} ${again.text.slice(0, 200)}`);
        }
      };

      const t0Load = Date.now();
      const loadEnd = t0Load + LOAD_MS;
      const lanes: Array<Promise<void>> = [];
      // Mixed traffic, open loop at RATE a second (up to MAX_IN_FLIGHT at once).
      lanes.push(
        (async () => {
          const inFlight = new Set<Promise<void>>();
          for (let i = 0; Date.now() < loadEnd; i++) {
            const due = t0Load + (i * 1000) / RATE;
            if (due > Date.now()) await sleep(due - Date.now());
            if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
            const p: Promise<void> = handle(traffic.next()).catch((error: Error) => void failures.push(`request: ${error.message}`));
            inFlight.add(p);
            void p.finally(() => inFlight.delete(p));
          }
          await Promise.all(inFlight);
        })(),
      );
      // The sandbox simulator acting as WeCom users: customers add agents (two a second).
      lanes.push(
        (async () => {
          for (let i = 0; Date.now() < loadEnd; i++) {
            const userId = agentIds[i % agentIds.length]!;
            try {
              const r = await call('POST', '/api/sandbox/wecom/simulate', { type: 'contact_added', userId, name: `模拟客户${i}`, gender: 'female', remark: '重疾咨询' });
              accepted.simulated.push({ userId, externalUserId: r.externalUserId as string });
            } catch (error) {
              failures.push(`simulate: ${(error as Error).message}`);
            }
            await sleep(500);
          }
        })(),
      );
      // Archived chats, 20 messages a post, one post at a time (the vendor's archive has one writer).
      lanes.push(
        (async () => {
          while (Date.now() < loadEnd) {
            const req = traffic.make('archive');
            const r = await send(req, lb.next());
            if (r.status < 300) accepted.msgids.push(...(req.meta.msgids as string[]));
            else failures.push(`archive ${r.status} ${r.text.slice(0, 200)}`);
            await sleep(1_000);
          }
        })(),
      );
      // The journey's customers are enrolled in pages while the load runs; the workers text them.
      lanes.push(
        (async () => {
          const size = JOURNEY_CUSTOMERS / ENROL_PAGES;
          for (let i = 0; i < JOURNEY_CUSTOMERS; i += size) {
            const r = await call('POST', `/api/journeys/${journeyId}/enrol`, { customerIds: journeyCustomers.slice(i, i + size).map((c) => c.id) }, admin);
            expect(r.enrolled).toBe(size);
            await sleep(LOAD_MS / ENROL_PAGES - 1_000);
          }
        })(),
      );
      await Promise.all(lanes);
      const loadOver = Date.now();
      expect(failures.slice(0, 10)).toEqual([]);

      // Everything accepted is worked off: the inbox, the journey, the archive.
      const count = async (sql: string, params: unknown[] = []) => Number((await db.ds.query<Array<{ n: number | string }>>(sql, params))[0]!.n);
      await until(async () => ((await count("SELECT COUNT(*) AS n FROM wecom_inbox WHERE status <> 'done'")) === 0 ? true : undefined), 90_000, 'the callback inbox to empty').catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await db.ds.query("SELECT kind, status, attempts, error FROM wecom_inbox WHERE status <> 'done' LIMIT 5"))}`);
      });
      await until(async () => ((await count("SELECT COUNT(*) AS n FROM journey_position WHERE journey_id = ? AND status = 'done'", [journeyId])) === JOURNEY_CUSTOMERS ? true : undefined), 60_000, 'every journey customer to finish');
      const msgidsIn = async () => {
        const found = new Set<string>();
        for (let i = 0; i < accepted.msgids.length; i += 500) {
          const part = accepted.msgids.slice(i, i + 500);
          for (const r of await db.ds.query<Array<{ msgid: string }>>(`SELECT msgid FROM chat_message WHERE corp_id = ? AND msgid IN (${part.map(() => '?').join(', ')})`, [corpId, ...part])) found.add(r.msgid);
        }
        return found;
      };
      // The workers pull the archive every 30 s besides the notify callbacks.
      await until(async () => ((await msgidsIn()).size === accepted.msgids.length ? true : undefined), 45_000, 'every archived message to be stored');
      const drained = Date.now();

      const codes = await stopAll(procs);
      expect(codes).toEqual([0, 0, 0, 0]);

      // 1. No duplicate sends: each journey SMS once at the provider (and once in the engine's ledger),
      //    each welcome message once.
      const nameToId = new Map(journeyCustomers.map((c) => [c.name, c.id]));
      const expectedSms = new Set(journeyCustomers.flatMap((c) => [`${c.id}|hello`, `${c.id}|bye`]));
      const sms = await db.ds.query<Array<{ content: unknown }>>("SELECT content FROM sandbox_outbox WHERE channel = 'sms'");
      const smsKeys = sms.map((r) => {
        const [word, name] = String(json(r.content).text).split(' ');
        return `${nameToId.get(name!) ?? name}|${word}`;
      });
      const ledger = await db.ds.query<Array<{ customer_id: string; step_id: string; outcome: string }>>('SELECT customer_id, step_id, outcome FROM journey_send WHERE journey_id = ?', [journeyId]);
      expect(ledger.filter((s) => s.outcome !== 'sent').slice(0, 5)).toEqual([]);
      const welcomes = await db.ds.query<Array<{ recipient: string }>>("SELECT recipient FROM sandbox_outbox WHERE channel = 'wecom_welcome'");
      const expectedWelcomes = new Set([...accepted.callbacks].filter(([, c]) => c.state === WELCOME_STATE).map(([ext]) => `WELCOME_${ext}`));
      expect(expectedWelcomes.size).toBeGreaterThan(20);
      expect(
        [
          ...notOnce('sms', tally(smsKeys), expectedSms),
          ...notOnce('journey_send', tally(ledger.map((s) => `${s.customer_id}|${s.step_id}`)), expectedSms),
          ...notOnce('welcome', tally(welcomes.map((w) => w.recipient)), expectedWelcomes),
        ].slice(0, 10),
      ).toEqual([]);

      // 2. No lost events. Tracking: every accepted record with an insert id stored exactly once.
      expect(accepted.insertIds.length).toBeGreaterThan(1_000);
      const storedKeys: string[] = [];
      for (let i = 0; i < accepted.insertIds.length; i += 1000) {
        const part = accepted.insertIds.slice(i, i + 1000).map((id) => `sa:${id}`);
        storedKeys.push(...(await db.ds.query<Array<{ event_key: string }>>(`SELECT event_key FROM tracking_event WHERE corp_id = ? AND event_key IN (${part.map(() => '?').join(', ')})`, [corpId, ...part])).map((r) => r.event_key));
      }
      expect(notOnce('tracking', tally(storedKeys), new Set(accepted.insertIds.map((id) => `sa:${id}`))).slice(0, 10)).toEqual([]);

      // Callbacks: each accepted add (signed callbacks, retried ones included, and the simulator's)
      // is one inbox row, one customer with that external_userid, and an active relationship with the agent.
      const adds = new Map([...[...accepted.callbacks].map(([ext, c]) => [ext, c.userId] as const), ...accepted.simulated.map((s) => [s.externalUserId, s.userId] as const)]);
      expect(accepted.callbacks.size).toBeGreaterThan(300);
      expect(accepted.simulated.length).toBeGreaterThan(20);
      const follows: Array<{ ext: string; user_id: string; status: string }> = [];
      const exts = [...adds.keys()];
      for (let i = 0; i < exts.length; i += 500) {
        const part = exts.slice(i, i + 500);
        follows.push(
          ...(await db.ds.query<typeof follows>(
            `SELECT i.value AS ext, s.wecom_user_id AS user_id, f.status FROM customer_identity i
               JOIN customer_follow f ON f.customer_id = i.customer_id
               JOIN staff_member s ON s.id = f.staff_id
              WHERE i.corp_id = ? AND i.kind = 'external_userid' AND i.value IN (${part.map(() => '?').join(', ')})`,
            [corpId, ...part],
          )),
        );
      }
      const identities = tally(follows.map((f) => f.ext));
      const lost = [...adds].filter(([ext, userId]) => !follows.some((f) => f.ext === ext && f.user_id === userId && f.status === 'active'));
      expect(lost.slice(0, 5).map(([ext, userId]) => `${userId} ↔ ${ext}: no active relationship`)).toEqual([]);
      expect([...adds.keys()].filter((ext) => identities.get(ext) !== 1).slice(0, 5)).toEqual([]);
      const addRows = await count("SELECT COUNT(*) AS n FROM wecom_inbox WHERE kind = 'contact.added'");
      expect(addRows).toBe(adds.size);

      // Archived chats: every appended message stored exactly once.
      const archived = tally(
        (await db.ds.query<Array<{ msgid: string }>>(`SELECT msgid FROM chat_message WHERE corp_id = ? AND msgid LIKE 'so-%'`, [corpId])).map((r) => r.msgid),
      );
      expect(notOnce('archive', archived, new Set(accepted.msgids)).slice(0, 10)).toEqual([]);

      // 3. Each scheduled tick once: a heartbeat a second, claimed by one of the two workers.
      const beats = tally((await db.ds.query<Array<{ target_id: string }>>("SELECT target_id FROM audit_log WHERE action = 'scheduler.heartbeat'")).map((r) => r.target_id));
      const seconds = [...beats.keys()].map((k) => Date.parse(k.slice('platform.heartbeat:'.length)) / 1000).sort((a, b) => a - b);
      expect([...beats].filter(([, n]) => n !== 1)).toEqual([]);
      expect(seconds.length).toBeGreaterThanOrEqual(LOAD_MS / 1000);
      // Hardly a second missing (a tick is skipped only while both workers still run the one before).
      const span = seconds.at(-1)! - seconds[0]! + 1;
      expect(span - seconds.length).toBeLessThanOrEqual(Math.floor(span / 5));
      const owners = await db.ds.query<Array<{ owner: string; n: number | string }>>("SELECT owner, COUNT(*) AS n FROM job_run WHERE job = 'platform.heartbeat' GROUP BY owner");
      expect(owners.length).toBe(2); // both workers took ticks
      expect(owners.reduce((n, o) => n + Number(o.n), 0)).toBe(seconds.length);
      const otherTicks = tally((await db.ds.query<Array<{ key: string }>>("SELECT `key` FROM job_run WHERE job <> 'platform.heartbeat'")).map((r) => r.key));
      expect([...otherTicks.values()].every((n) => n === 1)).toBe(true);

      process.stdout.write(
        `scale-out on MariaDB: ${[...lb.served].map(([b, n]) => `${b} ${n}`).join(', ')} requests; answers ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `${accepted.callbacks.size} signed adds (${expectedWelcomes.size} welcomed) + ${accepted.simulated.length} simulated, ${accepted.insertIds.length} tracking records, ${accepted.msgids.length} archived messages, ` +
          `${smsKeys.length} SMS, ${seconds.length} heartbeats (${owners.map((o) => o.n).join(' + ')}); ` +
          `boot ${((booted - t0) / 1000).toFixed(1)} s, processes ${((started - booted) / 1000).toFixed(1)} s, load ${((loadOver - started) / 1000).toFixed(1)} s, drain ${((drained - loadOver) / 1000).toFixed(1)} s, total ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await stopAll(procs, true);
      await db.ds.destroy();
      await dropTestDatabase(url);
    }
  }, 240_000);
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { PhoneVault } from '../src/customers';
import { fromDbTime, toDbTime } from '../src/db/naming';
import { sandboxDefaults } from '../src/platform/config';
import { Prng } from '../src/sandbox/prng';
import { openTestDatabase, testDatabaseUrl, dropTestDatabase } from './support/db';
import { baseUrlOf, jsonCaller, requireBuild, sleep, startProcess, until, type ServerProcess } from './support/processes';

/**
 * Issue 6, the chaos test: customers move through a journey while one of two worker processes is
 * SIGKILLed again and again in the middle of its batches (and started again). Afterwards no
 * customer is lost or stuck, no message went out twice or not at all, and the step stats add up.
 *
 * Real processes from server/dist: one ROLE=api (sandbox: the SMS gateway fake and the admin API)
 * and two ROLE=worker (the journey engine loop), all on one database. Each process keeps its own
 * sandbox clock (an in-memory offset, not shared), so the journey waits in real seconds and the
 * test never moves the clock; a killed worker's rows come back when the runner's lease (60 s, not
 * settable from the environment) runs out.
 */
const mysql = process.env.TEST_DB === 'mysql';
const CUSTOMERS = mysql ? 10_000 : 1_000;
const PAGES = mysql ? 10 : 20;
const PAGE_GAP_MS = mysql ? 2_500 : 1_500;
/** A kill lands this long at most after a worker is seen holding a batch (about a batch's length on each database). */
const STRIKE_MS = mysql ? 1_500 : 250;
const WAIT_MS = 3_000;
/** Kills that left rows leased (mid-batch); the chaos goes on until there are this many. */
const MID_BATCH_KILLS = 5;
const MAX_KILLS = 15;
/** The workers' lease (JOURNEY_LEASE_MS): the longest a killed worker's rows stay hidden; above the longest batch. */
const LEASE_MS = 20_000;
const SHANGHAI = '上海';

/** The send steps' messages: the text's first word names the step, the rest is the customer's unique name. */
const messages = {
  hello: { channel: 'sms', template: 'CHAOS_HELLO', text: 'hello {{name}}' },
  intro: { channel: 'wecom_task', text: 'intro {{name}}' },
  follow: { channel: 'wecom_task', text: 'follow {{name}}' },
  remind: { channel: 'sms', template: 'CHAOS_REMIND', text: 'remind {{name}}' },
  bye: { channel: 'sms', template: 'CHAOS_BYE', text: 'bye {{name}}' },
} as const;
type SendStep = keyof typeof messages;
const sendSteps = new Set<string>(Object.keys(messages));
const stepOfWord = new Map(Object.entries(messages).map(([step, m]) => [m.text.split(' ')[0]!, step as SendStep]));

const definition = {
  trigger: { type: 'manual' },
  reentry: { mode: 'never' },
  entry: 'hello',
  steps: [
    { id: 'hello', type: 'send', message: messages.hello, next: 'pause' },
    { id: 'pause', type: 'wait', durationMs: WAIT_MS, next: 'by_city' },
    { id: 'by_city', type: 'branch', branches: [{ name: 'Shanghai', when: { type: 'attribute', field: 'city', op: 'eq', value: SHANGHAI }, next: 'intro' }], otherwise: 'remind' },
    { id: 'intro', type: 'send', message: messages.intro, next: 'settle' },
    { id: 'settle', type: 'wait', durationMs: WAIT_MS, next: 'follow' },
    { id: 'follow', type: 'send', message: messages.follow, next: 'done_sh' },
    { id: 'done_sh', type: 'exit', reason: 'followed up' },
    { id: 'remind', type: 'send', message: messages.remind, next: 'cool' },
    { id: 'cool', type: 'wait', durationMs: WAIT_MS, next: 'bye' },
    { id: 'bye', type: 'send', message: messages.bye, next: 'done_other' },
    { id: 'done_other', type: 'exit', reason: 'reminded' },
  ],
};
/** Each branch's steps in order: what a finished customer went through. */
const paths = {
  shanghai: ['hello', 'pause', 'by_city', 'intro', 'settle', 'follow', 'done_sh'],
  other: ['hello', 'pause', 'by_city', 'remind', 'cool', 'bye', 'done_other'],
};

/** The corp, five agents and the customers, in bulk, before any process starts (no demo data then). */
async function seed(ds: DataSource, n: number): Promise<Array<{ id: string; name: string; city: string }>> {
  const now = toDbTime(new Date());
  const corpId = randomUUID();
  await ds.query('INSERT INTO corp (id, wecom_corp_id, name, timezone, created_at) VALUES (?, ?, ?, ?, ?)', [corpId, sandboxDefaults.corpId, 'chaos', 'Asia/Shanghai', now]);
  const agents = [1, 2, 3, 4, 5].map((i) => ({ id: randomUUID(), userId: `chaosagent${i}` }));
  for (const a of agents) {
    await ds.query(
      "INSERT INTO staff_member (id, corp_id, team_id, wecom_user_id, name, role, seniority, years_of_service, status, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, 'agent', 'senior', 3, 'active', ?, ?)",
      [a.id, corpId, a.userId, a.userId, now, now],
    );
  }
  const vault = new PhoneVault(sandboxDefaults.phoneHashKey, sandboxDefaults.phoneEncryptionKey);
  const customers = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), name: `chaos-${String(i).padStart(5, '0')}`, city: i % 2 === 0 ? SHANGHAI : '北京', owner: agents[i % agents.length]!.id, phone: vault.protect(`139${String(i).padStart(8, '0')}`)! }));
  for (let i = 0; i < customers.length; i += 500) {
    const part = customers.slice(i, i + 500);
    await ds.query(
      `INSERT INTO customer (id, corp_id, name, gender, city, owner_staff_id, stage, archive_consent, phone_cipher, phone_masked, created_at, updated_at) VALUES ${part.map(() => "(?, ?, ?, 'unknown', ?, ?, 'interest', 0, ?, ?, ?, ?)").join(', ')}`,
      part.flatMap((c) => [c.id, corpId, c.name, c.city, c.owner, c.phone.cipher, c.phone.masked, now, now]),
    );
    await ds.query(
      `INSERT INTO customer_identity (id, corp_id, customer_id, kind, value, created_at) VALUES ${part.map(() => "(?, ?, ?, 'external_userid', ?, ?)").join(', ')}`,
      part.flatMap((c) => [randomUUID(), corpId, c.id, `wmchaos${c.name}`, now]),
    );
  }
  return customers.map(({ id, name, city }) => ({ id, name, city }));
}

interface Kill {
  at: number;
  pid: number;
  /** Rows the killed process held leased when it died: its batch in hand. */
  orphaned: number;
  /** Of that batch's sends: reserved but not finished (the channel may or may not have been called), and finished as sent. */
  pending: number;
  sent: number;
}

describe(`journey engine chaos on ${process.env.TEST_DB}: ${CUSTOMERS} customers, two workers, one killed again and again`, () => {
  let dir: string | undefined;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('loses no customer, leaves none stuck, sends every message exactly once, and counts every step', async () => {
    requireBuild();
    const t0 = Date.now();
    const seedValue = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const prng = new Prng(seedValue);
    let url = testDatabaseUrl();
    if (url === 'sqlite::memory:') {
      dir = mkdtempSync(join(tmpdir(), 'lodestar-chaos-'));
      url = `sqlite:${join(dir, 'db.sqlite')}`;
    }
    const db = await openTestDatabase(url);
    const procs: ServerProcess[] = [];
    const kills: Kill[] = [];
    try {
      const customers = await seed(db.ds, CUSTOMERS);
      const seeded = Date.now();

      const api = startProcess({ ROLE: 'api', DATABASE_URL: url, PORT: '0' });
      procs.push(api);
      const base = await baseUrlOf(api, 60_000);
      const workerEnv = {
        ROLE: 'worker',
        DATABASE_URL: url,
        SMS_API_BASE: `${base}/sandbox/sms`,
        MP_API_BASE: `${base}/sandbox/wechat`,
        OA_API_BASE: `${base}/sandbox/wechat`,
        WECOM_API_BASE: `${base}/sandbox/wecom`,
        JOURNEY_LEASE_MS: String(LEASE_MS),
      };
      const workers = [startProcess(workerEnv), startProcess(workerEnv)];
      procs.push(...workers);

      const call = jsonCaller(() => base);
      const admin = (await call('POST', '/api/auth/login', { username: sandboxDefaults.adminUsername, password: sandboxDefaults.adminPassword })).token as string;
      // No quiet hours, caps or rate limits: the wall clock decides nothing here, only the kills do.
      await call('PUT', '/api/journeys/policy', { quietHours: null, caps: {}, rateLimitsPerMinute: {}, wecomMassMonthlyCap: 4, dropAfterHeldMs: 3 * 86_400_000 }, admin);
      const journeyId = (await call('POST', '/api/journeys', { name: 'chaos', definition }, admin)).id as string;
      await call('POST', `/api/journeys/${journeyId}/publish`, {}, admin);
      const ready = Date.now();

      // Customers come in pages while the chaos runs, so the workers are busy whenever a kill lands.
      let enrolled = 0;
      const pageSize = Math.ceil(CUSTOMERS / PAGES);
      const enrolling = (async () => {
        for (let i = 0; i < CUSTOMERS; i += pageSize) {
          const r = await call('POST', `/api/journeys/${journeyId}/enrol`, { customerIds: customers.slice(i, i + pageSize).map((c) => c.id) }, admin);
          enrolled += r.enrolled as number;
          expect(r.skipped).toEqual([]);
          await sleep(PAGE_GAP_MS);
        }
      })();
      enrolling.catch(() => undefined); // awaited below, after the chaos

      const leasedBy = async (pid: number) =>
        Number((await db.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM journey_position WHERE lease_owner LIKE ?', [`%:${pid}:%`]))[0]!.n);
      /** What a killed worker left: its leased rows, and the sends its batch had reserved or finished for them. */
      const leftBehind = async (pid: number): Promise<Omit<Kill, 'at' | 'pid'>> => {
        const rows = await db.ds.query<Array<{ id: string; wake_at: string | Date }>>('SELECT id, wake_at FROM journey_position WHERE lease_owner LIKE ?', [`%:${pid}:%`]);
        if (rows.length === 0) return { orphaned: 0, pending: 0, sent: 0 };
        // The claim set wake_at to the lease's end: the batch began LEASE_MS before.
        const claimed = Math.min(...rows.map((r) => fromDbTime(r.wake_at).getTime())) - LEASE_MS;
        const sends = await db.ds.query<Array<{ outcome: string; first_at: string | Date }>>(
          `SELECT outcome, first_at FROM journey_send WHERE position_id IN (${rows.map(() => '?').join(', ')})`,
          rows.map((r) => r.id),
        );
        const ours = sends.filter((x) => fromDbTime(x.first_at).getTime() >= claimed);
        return { orphaned: rows.length, pending: ours.filter((x) => x.outcome === 'pending').length, sent: ours.filter((x) => x.outcome === 'sent').length };
      };
      const chaosEnd = Date.now() + PAGES * PAGE_GAP_MS + 30_000;
      while (kills.filter((k) => k.orphaned > 0).length < MID_BATCH_KILLS && kills.length < MAX_KILLS && Date.now() < chaosEnd) {
        await sleep(prng.int(300, 1_500));
        // Wait until a worker holds a batch, pick one of those at random, and strike somewhere inside the batch.
        const busy: number[] = [];
        while (busy.length === 0 && Date.now() < chaosEnd) {
          for (const [i, w] of workers.entries()) if ((await leasedBy(w.child.pid!)) > 0) busy.push(i);
          if (busy.length === 0) await sleep(20);
        }
        if (busy.length === 0) break;
        const slot = prng.pick(busy);
        const victim = workers[slot]!;
        const pid = victim.child.pid!;
        await sleep(prng.int(0, STRIKE_MS));
        victim.child.kill('SIGKILL');
        await victim.exit;
        kills.push({ at: Date.now(), pid, ...(await leftBehind(pid)) });
        workers[slot] = startProcess(workerEnv);
        procs.push(workers[slot]);
      }
      await enrolling;
      const chaosOver = Date.now();
      expect(enrolled).toBe(CUSTOMERS);

      // Everyone finishes: the killed workers' rows come back when their lease ends.
      const counts = async () =>
        new Map((await db.ds.query<Array<{ status: string; n: number | string }>>('SELECT status, COUNT(*) AS n FROM journey_position WHERE journey_id = ? GROUP BY status', [journeyId])).map((r) => [r.status, Number(r.n)]));
      await until(
        async () => {
          const c = await counts();
          if ((c.get('parked') ?? 0) > 0) {
            const parked = await db.ds.query('SELECT customer_id, step_id, parked_reason FROM journey_position WHERE journey_id = ? AND status = ? LIMIT 5', [journeyId, 'parked']);
            throw new Error(`customers parked: ${JSON.stringify(parked)}`);
          }
          return (c.get('done') ?? 0) + (c.get('exited') ?? 0) === CUSTOMERS ? true : undefined;
        },
        LEASE_MS + 60_000,
        'every customer to finish',
      );
      const finished = Date.now();

      // Kills that struck mid-batch: the chaos really happened.
      expect(kills.filter((k) => k.orphaned > 0).length).toBeGreaterThanOrEqual(MID_BATCH_KILLS);

      // No customer lost, none stuck: one position each, finished on the branch its city decides.
      const byId = new Map(customers.map((c) => [c.id, c]));
      const positions = await db.ds.query<Array<{ customer_id: string; step_id: string; status: string; visited: string | null; wake_at: unknown; lease_token: string | null; seq: number | string }>>(
        'SELECT customer_id, step_id, status, visited, wake_at, lease_token, seq FROM journey_position WHERE journey_id = ?',
        [journeyId],
      );
      expect(positions).toHaveLength(CUSTOMERS);
      expect(new Set(positions.map((p) => p.customer_id)).size).toBe(CUSTOMERS);
      const pathOf = (customerId: string) => (byId.get(customerId)!.city === SHANGHAI ? paths.shanghai : paths.other);
      const wrong = positions.filter((p) => {
        const path = pathOf(p.customer_id);
        return p.status !== 'done' || p.step_id !== path.at(-1) || p.visited !== `,${path.slice(0, -1).join(',')},` || Number(p.seq) !== path.length - 1 || p.wake_at !== null || p.lease_token !== null;
      });
      expect(wrong.slice(0, 5)).toEqual([]);

      // Every message exactly once: in the engine's ledger, and at the providers (the SMS gateway's
      // outbox, the agents' task list), one per customer and send step of their path.
      const expected = new Set(customers.flatMap((c) => (c.city === SHANGHAI ? paths.shanghai : paths.other).filter((s) => sendSteps.has(s)).map((s) => `${c.id}|${s}`)));
      const tally = (keys: string[]) => {
        const m = new Map<string, number>();
        for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
        return m;
      };
      const differences = (what: string, got: Map<string, number>) => [
        ...[...got].filter(([k, n]) => n !== 1 || !expected.has(k)).map(([k, n]) => `${what}: ${k} ×${n}${expected.has(k) ? '' : ' (not on the path)'}`),
        ...[...expected].filter((k) => !got.has(k)).map((k) => `${what}: ${k} missing`),
      ];
      const ledger = await db.ds.query<Array<{ customer_id: string; step_id: string; send_key: string; outcome: string; attempts: number | string; sent_at: string | Date | null }>>(
        'SELECT customer_id, step_id, send_key, outcome, attempts, sent_at FROM journey_send WHERE journey_id = ?',
        [journeyId],
      );
      expect(new Set(ledger.map((s) => s.send_key)).size).toBe(ledger.length);
      expect(ledger.filter((s) => s.outcome !== 'sent').slice(0, 5)).toEqual([]);
      const nameToId = new Map(customers.map((c) => [c.name, c.id]));
      const keyOfText = (text: string, customerId?: string) => {
        const [word, name] = text.split(' ');
        return `${customerId ?? nameToId.get(name!) ?? `unknown customer ${name}`}|${stepOfWord.get(word!) ?? `unknown step ${word}`}`;
      };
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { text: string };
      const sms = await db.ds.query<Array<{ content: unknown }>>("SELECT content FROM sandbox_outbox WHERE channel = 'sms'");
      const tasks = await db.ds.query<Array<{ customer_id: string; content: unknown }>>('SELECT customer_id, content FROM agent_message_task');
      const problems = [
        ...differences('journey_send', tally(ledger.map((s) => `${s.customer_id}|${s.step_id}`))),
        ...differences('provider', tally([...sms.map((r) => keyOfText(parse(r.content).text)), ...tasks.map((r) => keyOfText(parse(r.content).text, r.customer_id))])),
      ];
      expect(problems.slice(0, 10)).toEqual([]);

      // The step stats add up: entered, passed, each branch edge and each send, as the customers went.
      const stats = await call('GET', `/api/journeys/${journeyId}/stats`, undefined, admin);
      const through = (step: string) => positions.filter((p) => pathOf(p.customer_id).includes(step)).length;
      const got = (stats.steps as Array<{ stepId: string; entered: number; passed: number; sends: { sent?: number }; edges: Array<{ to: string; count: number }> }>).map((s) => ({
        step: s.stepId,
        entered: s.entered,
        passed: s.passed,
        sent: s.sends.sent ?? 0,
        ...(s.stepId === 'by_city' ? { edges: s.edges.map((e) => [e.to, e.count]) } : {}),
      }));
      const want = definition.steps.map((s) => ({
        step: s.id,
        entered: through(s.id),
        passed: s.type === 'exit' ? 0 : through(s.id),
        sent: s.type === 'send' ? through(s.id) : 0,
        ...(s.id === 'by_city' ? { edges: [['intro', through('intro')], ['remind', through('remind')]] } : {}),
      }));
      expect(got).toEqual(want);
      expect(stats.customers).toMatchObject({ total: CUSTOMERS, done: CUSTOMERS, active: 0, waiting: 0, parked: 0 });

      const retried = ledger.filter((s) => Number(s.attempts) > 1).length;
      // Throughput: sends a second in the busiest five seconds (the engine's pace, not the test's pacing).
      const perSecond = tally(ledger.flatMap((x) => (x.sent_at ? [String(Math.floor(fromDbTime(x.sent_at).getTime() / 1000))] : [])));
      const peak = Math.max(...[...perSecond.keys()].map((k) => [0, 1, 2, 3, 4].reduce((n, d) => n + (perSecond.get(String(Number(k) + d)) ?? 0), 0))) / 5;
      const failedBatches = procs.reduce((n, p) => n + p.out.filter((l) => l.includes('journey batch failed')).length, 0);
      process.stdout.write(
        `chaos on ${process.env.TEST_DB} (seed ${seedValue}): ${CUSTOMERS} customers, ${ledger.length} sends, ${positions.reduce((n, p) => n + Number(p.seq), 0)} transitions, peak ${Math.round(peak)} sends/s; ` +
          `seed ${((seeded - t0) / 1000).toFixed(1)} s, processes up ${((ready - seeded) / 1000).toFixed(1)} s, chaos ${((chaosOver - ready) / 1000).toFixed(1)} s, ` +
          `all finished ${((finished - ready) / 1000).toFixed(1)} s after the first page, ${((finished - (kills.at(-1)?.at ?? finished)) / 1000).toFixed(1)} s after the last kill; ` +
          `${kills.length} kills (rows orphaned/sends pending/sent: ${kills.map((k) => `${k.orphaned}/${k.pending}/${k.sent}`).join(', ')}); ${retried} sends finished twice; ${failedBatches} batches failed; total ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(procs.map((p) => p.exit));
      await db.ds.destroy();
      await dropTestDatabase(url);
    }
  }, 235_000);
});

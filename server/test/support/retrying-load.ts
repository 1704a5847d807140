import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { sandboxDefaults } from '../../src/platform/config';
import { CallbackDriver } from '../../src/sandbox/callback-driver';
import { sleep, until } from './processes';
import { sensorsForm } from './sensors';

/**
 * The fault tests' traffic against one running server: Sensors batches (20 records, each with its
 * own $insert_id) every 250 ms, WeCom edit callbacks every 500 ms, and an agent's customer list and
 * /healthz every 500 ms. Batches and callbacks are sent until accepted, one second between tries,
 * as Sensors' batch mode and WeCom do; every answer is kept by the phase it came in.
 */
export type Phase = 'before' | 'fault' | 'after';
type Kind = 'sa' | 'callback' | 'read';

interface Sent {
  what: string;
  statuses: number[];
  retryAfter: (string | null)[];
  accepted: boolean;
}

const tenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };

export class RetryingLoad {
  phase: Phase = 'before';
  readonly sent: Sent[] = [];
  readonly insertIds: string[] = [];
  readonly callbacks: string[] = [];
  readonly health: { at: number; status: number }[] = [];
  readonly reads: number[] = [];
  /** Answers received while the fault lasted, by kind (0 = no answer at all). */
  readonly duringFault: Record<Kind, number[]> = { sa: [], callback: [], read: [] };
  private generating = false;
  private readonly senders: Promise<void>[] = [];
  private generators: Promise<void>[] = [];
  private batches = 0;

  constructor(
    private readonly base: string,
    private readonly o: { agentToken: string; contacts: string[]; giveUpMs?: number },
  ) {}

  /** Contacts the fake WeCom knows (their edit callbacks can be processed), added through the sandbox. */
  static async addContacts(base: string, n: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const res = await fetch(`${base}/api/sandbox/wecom/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'contact_added', userId: 'agent001', name: `故障客户${i}` }) });
      const body = (await res.json()) as { externalUserId?: string };
      if (res.status !== 200 || !body.externalUserId) throw new Error(`adding a contact failed: ${res.status} ${JSON.stringify(body)}`);
      out.push(body.externalUserId);
    }
    return out;
  }

  start(): void {
    this.generating = true;
    this.generators = [this.every(250, async () => void this.sendBatch()), this.every(500, () => this.sendCallback()), this.every(500, () => this.read())];
  }

  /** Stops making new traffic and waits until every batch and callback was accepted (or given up). */
  async stop(): Promise<void> {
    this.generating = false;
    await Promise.all(this.generators);
    await Promise.all(this.senders);
  }

  get notAccepted(): string[] {
    return this.sent.filter((s) => !s.accepted).map((s) => `${s.what}: ${s.statuses.join(',')}`);
  }

  get retried(): number {
    return this.sent.filter((s) => s.statuses.length > 1).length;
  }

  /** Retry-After of every 503 the tracking endpoint gave. */
  get saRetryAfters(): (string | null)[] {
    return this.sent.filter((s) => s.what.startsWith('sa')).flatMap((s) => s.statuses.flatMap((st, i) => (st === 503 ? [s.retryAfter[i] ?? null] : [])));
  }

  /** Every record a sender was told was accepted, counted in tracking_event: ids not stored exactly once. */
  async recordsNotStoredOnce(ds: DataSource): Promise<string[]> {
    const keys = this.insertIds.map((id) => `sa:${id}`);
    const stored = new Map<string, number>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = (await ds.query(`SELECT event_key AS k, COUNT(*) AS n FROM tracking_event WHERE event_key IN (${chunk.map(() => '?').join(',')}) GROUP BY event_key`, chunk)) as { k: string; n: number | string }[];
      for (const r of rows) stored.set(r.k, Number(r.n));
    }
    return keys.filter((k) => stored.get(k) !== 1);
  }

  /** Waits until the inbox holds nothing pending or in process; answers how many rows failed for good. */
  static async inboxSettled(ds: DataSource, ms: number): Promise<number> {
    await until(
      async () => {
        const [row] = (await ds.query("SELECT COUNT(*) AS n FROM wecom_inbox WHERE status IN ('pending', 'processing')")) as { n: number | string }[];
        return Number(row!.n) === 0 ? true : undefined;
      },
      ms,
      'every callback to be processed',
    );
    const [failed] = (await ds.query("SELECT COUNT(*) AS n FROM wecom_inbox WHERE status = 'failed'")) as { n: number | string }[];
    return Number(failed!.n);
  }

  private async every(ms: number, step: () => Promise<void>): Promise<void> {
    while (this.generating) {
      await step();
      await sleep(ms);
    }
  }

  /**
   * Queues one batch of `size` records, sent until accepted like the others; answers the first
   * attempt's status and error message.
   */
  sendBatch(size = 20): Promise<{ status: number; message: string | null }> {
    this.batches += 1;
    const batch = this.batches;
    let first: ((answer: { status: number; message: string | null }) => void) | undefined;
    const firstAnswer = new Promise<{ status: number; message: string | null }>((resolve) => (first = resolve));
    const records = Array.from({ length: size }, (_, i) => {
      const insertId = randomUUID();
      this.insertIds.push(insertId);
      return { type: 'track', event: 'fault_probe', time: Date.now(), distinct_id: `fault-visitor-${i % 7}`, properties: { $lib: 'js', $insert_id: insertId, batch } };
    });
    const body = sensorsForm(records);
    this.senders.push(
      this.untilAccepted(`sa batch ${batch}`, 'sa', async () => {
        const res = await fetch(`${this.base}/sa?project=default`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
        const text = await res.text();
        first?.({ status: res.status, message: res.status === 200 ? null : (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text });
        first = undefined;
        return { status: res.status, ok: res.status === 200, retryAfter: res.headers.get('retry-after') };
      }),
    );
    return firstAnswer;
  }

  private readonly driver = () => new CallbackDriver(this.base, tenant, () => new Date());
  private readonly createBase = Math.floor(Date.now() / 1000);

  private sendCallback(): Promise<void> {
    const n = this.callbacks.length + 1;
    const externalUserId = this.o.contacts[n % this.o.contacts.length]!;
    const createTime = this.createBase + n;
    this.callbacks.push(`${externalUserId}@${createTime}`);
    const fields = { CreateTime: createTime, Event: 'change_external_contact', ChangeType: 'edit_external_contact', UserID: 'agent001', ExternalUserID: externalUserId };
    const driver = this.driver();
    this.senders.push(
      this.untilAccepted(`callback ${n}`, 'callback', async () => {
        const r = await driver.send(fields);
        return { status: r.status, ok: r.status === 200 && r.text === 'success', retryAfter: null };
      }),
    );
    return Promise.resolve();
  }

  private async read(): Promise<void> {
    const status = async (path: string, headers: Record<string, string> = {}) => {
      try {
        const res = await fetch(this.base + path, { headers });
        await res.text();
        return res.status;
      } catch {
        return 0;
      }
    };
    const read = await status('/api/customers?limit=5', { authorization: `Bearer ${this.o.agentToken}` });
    this.reads.push(read);
    if (this.phase === 'fault') this.duringFault.read.push(read);
    this.health.push({ at: Date.now(), status: await status('/healthz') });
  }

  private async untilAccepted(what: string, kind: Kind, attempt: () => Promise<{ status: number; ok: boolean; retryAfter: string | null }>): Promise<void> {
    const s: Sent = { what, statuses: [], retryAfter: [], accepted: false };
    this.sent.push(s);
    const end = Date.now() + (this.o.giveUpMs ?? 120_000);
    while (Date.now() < end) {
      let answer: { status: number; ok: boolean; retryAfter: string | null } = { status: 0, ok: false, retryAfter: null };
      try {
        answer = await attempt();
      } catch {
        /* no answer: try again */
      }
      s.statuses.push(answer.status);
      s.retryAfter.push(answer.retryAfter);
      if (this.phase === 'fault') this.duringFault[kind].push(answer.status);
      if (answer.ok) {
        s.accepted = true;
        return;
      }
      await sleep(1000);
    }
  }
}

import { fromDbTime } from '../../src/db/naming';
import { postSensors, track } from './sensors';
import type { TestServer } from './server';

/** A demo customer the journey tests drive, with the identities its channels and events need. */
export interface DrivenCustomer {
  id: string;
  distinctId: string;
  openid: string | null;
  oaOpenid: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo corp's zone (Asia/Shanghai) is UTC+8 all year. */
const SHANGHAI = 8 * HOUR;

/**
 * Moves the sandbox clock through local days from a base day, posts tracking events at the clock's
 * time, and waits until what they set in motion has happened; the journeys' end-to-end tests read
 * as the product brief's story this way.
 */
export class JourneyDriver {
  now = 0;

  constructor(
    private readonly s: TestServer,
    /** 00:00 local time of day 0, in epoch ms. */
    private readonly day0: number,
  ) {}

  /**
   * Day 0 is the first `weekday` (1 = Monday … 7 = Sunday, local) at least `minDays` days after
   * the sandbox clock's current time.
   */
  static async from(s: TestServer, weekday: number, minDays: number): Promise<JourneyDriver> {
    const now = Date.parse((await s.post('/api/sandbox/clock', { advanceMs: 1 })).body.now);
    const local = new Date(now + SHANGHAI + minDays * DAY);
    let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI;
    while (((new Date(day + SHANGHAI).getUTCDay() + 6) % 7) + 1 !== weekday) day += DAY;
    const d = new JourneyDriver(s, day);
    d.now = now;
    return d;
  }

  /** Epoch ms of a local time on a day, e.g. at(3, '09:00:30'). */
  at(day: number, time: string): number {
    const [h, m, sec] = time.split(':').map(Number);
    return this.day0 + day * DAY + (h! * 60 + m!) * 60_000 + (sec ?? 0) * 1000;
  }

  /** The local calendar date of a day, YYYY-MM-DD. */
  date(day: number): string {
    return new Date(this.day0 + day * DAY + SHANGHAI).toISOString().slice(0, 10);
  }

  /** Sets the clock (forward only), which runs the clock jobs and drains the engine. */
  async moveTo(day: number, time: string): Promise<void> {
    const t = this.at(day, time);
    if (t < this.now) throw new Error(`the clock only moves forward: day ${day} ${time} is behind it`);
    const res = await this.s.post('/api/sandbox/clock', { set: new Date(t).toISOString() });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
    this.now = Date.parse(res.body.now);
  }

  /**
   * Posts events at the clock's time through the Sensors endpoint, waits until the product has
   * stored them (ingest runs behind the request), then nudges the clock a second so the engine runs
   * what they woke.
   */
  async events(list: Array<{ who: DrivenCustomer; event: string; properties?: Record<string, unknown> }>): Promise<void> {
    if (list.length === 0) return;
    const ids = [...new Set(list.map((e) => e.who.id))];
    const names = [...new Set(list.map((e) => e.event))];
    const waiting = await this.waiting(ids, names);
    const before = await this.stored();
    const res = await postSensors(
      this.s.url,
      list.map((e) => track(e.who.distinctId, e.event, e.properties ?? {}, this.now)),
    );
    if (res.status !== 200) throw new Error(`/sa: ${res.status} ${JSON.stringify(res.body)}`);
    for (let i = 0; (await this.stored()) < before + list.length; i++) {
      if (i > 300) throw new Error('tracking did not store the events');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The stored rows' listeners wake the customers after the insert commits, and the engine loop
    // runs them: wait until every customer who waited for one of these events has moved.
    for (let i = 0; ; i++) {
      const now = await this.waiting(ids, names);
      if ([...waiting].every(([id, state]) => now.get(id) !== state)) break;
      if (i > 300) throw new Error(`the events did not wake the customers waiting for ${names.join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const res2 = await this.s.post('/api/sandbox/clock', { advanceMs: 1000 });
    this.now = Date.parse(res2.body.now);
  }

  /** Positions of these customers that wait for one of these events, with a fingerprint of their state. */
  private async waiting(customerIds: string[], events: string[]): Promise<Map<string, string>> {
    const rows = await this.s.ds.query<Array<{ id: string; step_id: string; status: string; wake_at: Date | string | null; run_started_at: Date | string }>>(
      `SELECT id, step_id, status, wake_at, run_started_at FROM journey_position WHERE customer_id IN (${customerIds.map(() => '?').join(',')}) AND wait_event IN (${events.map(() => '?').join(',')})`,
      [...customerIds, ...events],
    );
    const time = (v: Date | string | null) => (v === null ? '' : fromDbTime(v).toISOString());
    return new Map(rows.filter((r) => r.status === 'waiting').map((r) => [r.id, `${r.step_id}|${time(r.wake_at)}|${time(r.run_started_at)}`]));
  }

  private async stored(): Promise<number> {
    const [row] = await this.s.ds.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM tracking_event WHERE source <> 'journey'");
    return Number(row!.n);
  }
}

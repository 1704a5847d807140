import { base64Encode } from './base64';
import { platform } from './platform';
import { deviceId } from './wechat';

/**
 * A small reporter that speaks the Sensors wire format to POST /sa (what server/src/tracking
 * parses): records `{ type: 'track', event, distinct_id, time, _track_id, lib, properties }`,
 * batched and sent as `data_list` = base64 of the JSON array. Page views are `$MPViewScreen`, as
 * the official Sensors mini-program SDK names them. Records wait for the login (at most a few
 * seconds) so they carry the customer id as distinct_id with `$is_login_id: true`; without a login
 * they go out under the device's anonymous id.
 */

export interface SensorsRecord {
  type: 'track';
  event: string;
  distinct_id: string;
  anonymous_id: string;
  login_id?: string;
  time: number;
  _track_id: number;
  lib: { $lib: string; $lib_version: string; $lib_method: 'code' };
  properties: Record<string, unknown>;
}

export interface Transport {
  send(path: string, form: Record<string, string>): Promise<number>;
}

export interface ReporterOptions {
  transport: Transport;
  project: string;
  now: () => number;
  trackId: () => number;
  anonymousId: () => string;
  lib: string;
  version: string;
  /** Flush when this many records wait. */
  batchSize?: number;
  /** Flush this long after the first waiting record (ms). */
  delayMs?: number;
  /** Send anonymously when no login arrived this long after a record was made (ms). */
  loginWaitMs?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
}

interface Pending {
  event: string;
  time: number;
  trackId: number;
  properties: Record<string, unknown>;
}

export class Reporter {
  private queue: Pending[] = [];
  private loginId: string | null = null;
  private timer: unknown = null;
  private sending: Promise<void> = Promise.resolve();
  private lastPath: string | null = null;
  private failures = 0;

  constructor(private readonly o: ReporterOptions) {}

  /** The customer logged in: later (and waiting) records carry their id. */
  identify(customerId: string): void {
    this.loginId = customerId;
    if (this.queue.length) this.schedule(0);
  }

  track(event: string, properties: Record<string, unknown> = {}): void {
    this.queue.push({ event, time: this.o.now(), trackId: this.o.trackId(), properties });
    this.schedule(this.queue.length >= (this.o.batchSize ?? 10) ? 0 : (this.o.delayMs ?? 1500));
  }

  /** A page was shown: `$MPViewScreen` with its path, query and title. */
  pageView(path: string, title: string, query: Record<string, string | undefined> = {}): void {
    const q = Object.entries(query)
      .filter(([k, v]) => v !== undefined && k !== '$taroTimestamp' && k !== 'stamp')
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    this.track('$MPViewScreen', { $url_path: path.replace(/^\//, ''), $url_query: q, $title: title, $referrer: this.lastPath ?? '' });
    this.lastPath = path.replace(/^\//, '');
  }

  /** The records as they would be sent now (for tests and for the flush). */
  build(pending: Pending[], loginId: string | null): SensorsRecord[] {
    const anon = this.o.anonymousId();
    return pending.map((p) => ({
      type: 'track',
      event: p.event,
      distinct_id: loginId ?? anon,
      anonymous_id: anon,
      ...(loginId ? { login_id: loginId } : {}),
      time: p.time,
      _track_id: p.trackId,
      lib: { $lib: this.o.lib, $lib_version: this.o.version, $lib_method: 'code' },
      properties: { $lib: this.o.lib, $lib_version: this.o.version, $is_login_id: loginId !== null, platform: this.o.lib === 'js' ? 'h5' : 'weapp', ...p.properties },
    }));
  }

  /** Sends what waits; records older than loginWaitMs go anonymously when nobody logged in. */
  flush(): Promise<void> {
    this.timer = null;
    this.sending = this.sending.then(async () => {
      if (!this.queue.length) return;
      const waitMs = this.o.loginWaitMs ?? 5000;
      const now = this.o.now();
      if (!this.loginId && this.queue.every((p) => now - p.time < waitMs)) {
        this.schedule(waitMs);
        return;
      }
      const batch = this.queue.splice(0, 50);
      const records = this.build(batch, this.loginId);
      let failed: boolean;
      try {
        const status = await this.o.transport.send(`/sa?project=${encodeURIComponent(this.o.project)}`, { data_list: base64Encode(JSON.stringify(records)), gzip: '0' });
        failed = status === 429 || status >= 500 || status === 0;
      } catch {
        failed = true;
      }
      if (failed) {
        // Try again later, backing off (2 s, 4 s … 60 s); a 4xx other than 429 is not retried.
        this.requeue(batch);
        this.failures += 1;
        this.schedule(Math.min(60_000, 2000 * 2 ** (this.failures - 1)));
        return;
      }
      this.failures = 0;
      if (this.queue.length) this.schedule(0);
    });
    return this.sending;
  }

  /** Resolves when the sends in flight have finished. */
  idle(): Promise<void> {
    return this.sending;
  }

  private requeue(batch: Pending[]): void {
    // Keep at most 500 records across failures; the same _track_id makes a resend a duplicate server-side.
    this.queue = [...batch, ...this.queue].slice(0, 500);
  }

  private schedule(ms: number): void {
    if (this.timer !== null && ms > 0) return;
    const run = (): void => void this.flush();
    this.timer = (this.o.schedule ?? setTimeout)(run, ms);
  }
}

export function anonymousId(): string {
  return `anon-${deviceId()}`;
}

export function createReporter(transport: Transport): Reporter {
  return new Reporter({
    transport,
    project: platform.saProject,
    now: () => platform.nowMs(),
    trackId: () => platform.randomInt(1_000_000_000),
    anonymousId,
    lib: platform.target === 'h5' ? 'js' : 'MiniProgram',
    version: platform.version,
  });
}

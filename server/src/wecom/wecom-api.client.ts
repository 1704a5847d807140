import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock';
import { UpstreamUnavailable, type UpstreamBreaker } from '../platform/upstream/upstream-breaker';
import type { AccessTokenCache } from './access-token.port';
import { WecomApiError } from './wecom-api.port';
import { meaningOf } from './wecom-error.meaning';

export interface WecomEnvelope {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

/** errcodes after which the cached token is dropped and the call retried once. */
const tokenErrors = new Set([40014, 42001, 41001]);
/** Busy or throttled: retried with backoff. */
const retryable = new Set([-1, 45009, 45033]);
/** Renew tokens and tickets five minutes before WeCom says they expire, so none expires in flight. */
const renewEarlySeconds = 300;
/** With a shared cache, a value stays in this process's memory a minute at most, so one dropped elsewhere is not used for long. */
const memoryMs = 60_000;

export type TicketKind = 'jsapi' | 'agent_config';

export interface WecomHttpOptions {
  /** A function when the address is known only later (the sandbox's own server). */
  baseUrl: string | (() => string);
  corpId: string;
  secret: string;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Waits between retries; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** Shares tokens and jsapi tickets between processes; without it each process keeps its own. */
  tokenCache?: AccessTokenCache;
  /** Stops calling a WeCom that keeps failing (timeouts, unreachable, 5xx) for a while; see isWecomOutage. */
  breaker?: UpstreamBreaker;
}

/** What opens the circuit: WeCom could not be reached or stayed busy through the retries (errcode -1). */
export function isWecomOutage(error: unknown): boolean {
  return error instanceof WecomApiError && error.errcode === -1;
}

/** How a failure reads in the breaker's snapshot and the incident: the path and WeCom's (or our) reason. */
export function describeWecomFailure(error: unknown): string {
  return error instanceof WecomApiError ? `${error.path}: ${error.errmsg}` : String(error);
}

/**
 * WeCom's server API over fetch: one cached access token per (corp, secret), the two jsapi tickets
 * cached the same way, errcodes retried or turned into coded WecomApiErrors.
 */
export class WecomApiClient {
  private readonly memory = new Map<string, { value: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** corp id + a hash of the secret: never the secret itself. */
  readonly cacheKey: string;

  constructor(private readonly o: WecomHttpOptions) {
    this.fetch = o.fetch ?? fetch;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.cacheKey = `${o.corpId}:${createHash('sha256').update(o.secret).digest('hex').slice(0, 16)}`;
  }

  get(path: string, query: Record<string, string> = {}): Promise<WecomEnvelope> {
    return this.call('GET', path, query);
  }

  post(path: string, body: unknown): Promise<WecomEnvelope> {
    return this.call('POST', path, {}, body);
  }

  /** The corp's jsapi ticket or the app's agent_config ticket, fetched once per lifetime across processes. */
  ticket(kind: TicketKind): Promise<string> {
    return this.cached(`${this.cacheKey}:${kind}`, async () => {
      const res = kind === 'jsapi' ? await this.get('/cgi-bin/get_jsapi_ticket') : await this.get('/cgi-bin/ticket/get', { type: 'agent_config' });
      return { token: String(res.ticket), expiresAt: this.expiry(res.expires_in) };
    });
  }

  private accessToken(): Promise<string> {
    return this.cached(this.cacheKey, async () => {
      const path = '/cgi-bin/gettoken';
      const res = await this.request('GET', path, { corpid: this.o.corpId, corpsecret: this.o.secret });
      if (res.errcode) throw new WecomApiError(res.errcode, res.errmsg ?? '', path, meaningOf(res.errcode));
      return { token: String(res.access_token), expiresAt: this.expiry(res.expires_in) };
    });
  }

  private expiry(expiresIn: unknown): Date {
    return new Date(this.o.clock.now().getTime() + (Number(expiresIn ?? 7200) - renewEarlySeconds) * 1000);
  }

  /**
   * A value from memory, else from the shared cache, else fetched. One fetch at a time: concurrent
   * callers in this process share one promise, and the shared cache's lease makes other processes
   * wait for it too.
   */
  private cached(key: string, fetchValue: () => Promise<{ token: string; expiresAt: Date }>): Promise<string> {
    const held = this.memory.get(key);
    if (held && held.expiresAt > this.o.clock.now().getTime()) return Promise.resolve(held.value);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = (async () => {
        try {
          let value: string;
          let expiresAt: number;
          if (this.o.tokenCache) {
            value = await this.o.tokenCache.refresh(key, fetchValue);
            expiresAt = this.o.clock.now().getTime() + memoryMs;
          } else {
            const fresh = await fetchValue();
            value = fresh.token;
            expiresAt = fresh.expiresAt.getTime();
          }
          this.memory.set(key, { value, expiresAt });
          return value;
        } finally {
          this.pending.delete(key);
        }
      })();
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** One API call through the breaker (when there is one): refused at once, as errcode -1, while WeCom is paused. */
  private async call(method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, body?: unknown): Promise<WecomEnvelope> {
    if (!this.o.breaker) return this.callWithRetries(method, path, query, body);
    try {
      return await this.o.breaker.run(() => this.callWithRetries(method, path, query, body));
    } catch (error) {
      if (error instanceof UpstreamUnavailable) throw new WecomApiError(-1, 'not sent', path, { code: 'unavailable', hint: error.message });
      throw error;
    }
  }

  private async callWithRetries(method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, body?: unknown): Promise<WecomEnvelope> {
    let tokenRetried = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.request(method, path, { ...query, access_token: token }, body);
      const code = res.errcode ?? 0;
      if (code === 0) return res;
      if (tokenErrors.has(code) && !tokenRetried) {
        tokenRetried = true;
        if (this.memory.get(this.cacheKey)?.value === token) this.memory.delete(this.cacheKey);
        await this.o.tokenCache?.drop(this.cacheKey, token);
        continue;
      }
      if (retryable.has(code) && attempt < 3) {
        await this.sleep(200 * 2 ** attempt);
        continue;
      }
      throw new WecomApiError(code, res.errmsg ?? '', path, meaningOf(code));
    }
  }

  /** One HTTP exchange; a network failure, a timeout, an HTTP error or a body that is not JSON reads as errcode -1. */
  private async request(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WecomEnvelope> {
    const base = typeof this.o.baseUrl === 'function' ? this.o.baseUrl() : this.o.baseUrl;
    const url = new URL(base.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const unreachable = (why: string): WecomApiError => new WecomApiError(-1, why, path, meaningOf(-1));
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (error) {
      // A timeout is a DOMException, which is not always an Error (another realm): read its name.
      const { name, message } = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
      throw unreachable(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${this.o.timeoutMs ?? 10_000} ms` : `request failed: ${typeof message === 'string' ? message : String(error)}`);
    }
    if (!res.ok) throw unreachable(`HTTP ${res.status}`);
    try {
      return (await res.json()) as WecomEnvelope;
    } catch {
      throw unreachable('the answer is not JSON');
    }
  }
}

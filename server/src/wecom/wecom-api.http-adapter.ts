import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock';
import type { AccessTokenCache } from './access-token.port';
import { WecomApiError, type ContactWayRequest, type WecomApiPort } from './wecom-api.port';

interface WecomEnvelope {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

/** errcodes after which the cached token is dropped and the call retried once. */
const tokenErrors = new Set([40014, 42001, 41001]);
/** Busy or throttled: retried with backoff. */
const retryable = new Set([-1, 45009, 45033]);

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
  /** Shares tokens between processes; without it each process keeps its own. */
  tokenCache?: AccessTokenCache;
}

/** The WeCom server API over fetch: one cached access token per (corp, secret), errcodes handled. */
export class WecomHttpAdapter implements WecomApiPort {
  private token: { value: string; expiresAt: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly cacheKey: string;

  constructor(private readonly o: WecomHttpOptions) {
    this.fetch = o.fetch ?? fetch;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.cacheKey = `${o.corpId}:${createHash('sha256').update(o.secret).digest('hex').slice(0, 16)}`;
  }

  async listFollowUsers(): Promise<string[]> {
    const res = await this.call('GET', '/cgi-bin/externalcontact/get_follow_user_list');
    return (res.follow_user as string[] | undefined) ?? [];
  }

  async listExternalContacts(wecomUserId: string): Promise<string[]> {
    const res = await this.call('GET', '/cgi-bin/externalcontact/list', { userid: wecomUserId });
    return (res.external_userid as string[] | undefined) ?? [];
  }

  async addContactWay(req: ContactWayRequest): Promise<{ configId: string; qrCode: string }> {
    const res = await this.call('POST', '/cgi-bin/externalcontact/add_contact_way', {}, {
      type: req.userIds.length > 1 ? 2 : 1,
      scene: 2,
      user: req.userIds,
      state: req.state,
      skip_verify: req.skipVerify,
      remark: req.remark,
    });
    return { configId: String(res.config_id), qrCode: String(res.qr_code) };
  }

  async updateContactWay(configId: string, userIds: string[]): Promise<void> {
    await this.call('POST', '/cgi-bin/externalcontact/update_contact_way', {}, { config_id: configId, user: userIds });
  }

  async sendWelcomeMessage(welcomeCode: string, text: string): Promise<void> {
    await this.call('POST', '/cgi-bin/externalcontact/send_welcome_msg', {}, { welcome_code: welcomeCode, text: { content: text } });
  }

  private async accessToken(): Promise<string> {
    const now = this.o.clock.now().getTime();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    // One refresh at a time: concurrent callers in this process share one promise, and the
    // shared cache's lease makes other processes wait for it too.
    this.pendingToken ??= (async () => {
      try {
        const value = this.o.tokenCache ? await this.o.tokenCache.refresh(this.cacheKey, () => this.fetchToken()) : (await this.fetchToken()).token;
        // Kept in memory for a minute at most, so a token dropped by another process is not used for long.
        this.token = { value, expiresAt: this.o.clock.now().getTime() + 60_000 };
        return value;
      } finally {
        this.pendingToken = undefined;
      }
    })();
    return this.pendingToken;
  }

  private async fetchToken(): Promise<{ token: string; expiresAt: Date }> {
    const res = await this.request('GET', '/cgi-bin/gettoken', { corpid: this.o.corpId, corpsecret: this.o.secret });
    if (res.errcode) throw new WecomApiError(res.errcode, res.errmsg ?? '', '/cgi-bin/gettoken');
    const expiresIn = Number(res.expires_in ?? 7200);
    // Renew five minutes early so a token never expires in flight.
    return { token: String(res.access_token), expiresAt: new Date(this.o.clock.now().getTime() + (expiresIn - 300) * 1000) };
  }

  private async call(method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, body?: unknown): Promise<WecomEnvelope> {
    let tokenRetried = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.request(method, path, { ...query, access_token: token }, body);
      const code = res.errcode ?? 0;
      if (code === 0) return res;
      if (tokenErrors.has(code) && !tokenRetried) {
        tokenRetried = true;
        if (this.token?.value === token) this.token = undefined;
        await this.o.tokenCache?.drop(this.cacheKey, token);
        continue;
      }
      if (retryable.has(code) && attempt < 3) {
        await this.sleep(200 * 2 ** attempt);
        continue;
      }
      throw new WecomApiError(code, res.errmsg ?? '', path);
    }
  }

  private async request(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WecomEnvelope> {
    const base = typeof this.o.baseUrl === 'function' ? this.o.baseUrl() : this.o.baseUrl;
    const url = new URL(base.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await this.fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new WecomApiError(-1, `HTTP ${res.status}`, path);
    return (await res.json()) as WecomEnvelope;
  }
}

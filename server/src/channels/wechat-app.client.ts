import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock';
import type { AccessTokenCache } from '../wecom';
import { failed, sent, type ChannelResult } from './channel.port';
import { defaultTimeoutMs, exchangeJson, httpFailure, isObject, unreadableAnswer, urlOf, type BaseUrl, type FetchLike } from './json-http.client';

/** One WeChat app (a mini-program or an official account) and how to reach its server API. */
export interface WechatAppOptions {
  /** https://api.weixin.qq.com in production; the sandbox's fake WeChat server otherwise. */
  baseUrl: BaseUrl;
  appId: string;
  secret: string;
  clock: Clock;
  fetch?: FetchLike;
  timeoutMs?: number;
  /**
   * Shares the access token between processes. Every call to /cgi-bin/token replaces the app's
   * token (the old one lives five more minutes) and the endpoint has a daily quota, so several
   * workers each fetching their own would keep invalidating one another.
   */
  tokenCache?: AccessTokenCache;
}

/** How one errcode reads in our vocabulary. */
export interface ErrcodeMeaning {
  code: string;
  retryable: boolean;
  hint: string;
}

/** The token was refused, expired or missing: fetch a new one and try once more. */
const tokenErrors = new Set([40001, 40014, 41001, 42001]);

/** errcodes every WeChat send API shares. */
const sendMeanings: Record<number, ErrcodeMeaning> = {
  [-1]: { code: 'busy', retryable: true, hint: 'WeChat is busy: try again shortly' },
  45009: { code: 'rate_limited', retryable: true, hint: "the API's call quota is spent for now" },
  40003: { code: 'invalid_recipient', retryable: false, hint: 'the openid is empty or not of this app' },
  40037: { code: 'invalid_template', retryable: false, hint: 'the template id is empty or not one of this app' },
  47003: { code: 'invalid_data', retryable: false, hint: 'a template field is empty or breaks its rule (errmsg names it)' },
  48001: { code: 'not_authorized', retryable: false, hint: 'this app may not call this API' },
};

/** errcodes of /cgi-bin/token: credentials or the server's address need an admin. */
const tokenMeanings: Record<number, ErrcodeMeaning> = {
  [-1]: sendMeanings[-1]!,
  45009: sendMeanings[45009]!,
  40001: { code: 'bad_credentials', retryable: false, hint: 'WeChat rejected the app secret' },
  40013: { code: 'bad_credentials', retryable: false, hint: 'WeChat does not know this appid' },
  40125: { code: 'bad_credentials', retryable: false, hint: 'WeChat rejected the app secret' },
  40164: { code: 'ip_not_allowed', retryable: false, hint: "this server's IP address is not on the app's IP allow list" },
};

export function meaningOfErrcode(errcode: number, table: Record<number, ErrcodeMeaning>): ErrcodeMeaning {
  return table[errcode] ?? { code: `wechat_${errcode}`, retryable: false, hint: 'WeChat refused the call' };
}

/** Our template fields as WeChat wants them: { key: { value } }. */
export function templateData(data: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }]));
}

/** WeChat's msgid is a 64-bit integer that JSON.parse would round, so it is read from the text. */
export function msgIdOf(text: string): string | null {
  return /"msgid"\s*:\s*"?(\d+)/.exec(text)?.[1] ?? null;
}

/** Renew five minutes before WeChat says the token expires, so none expires in flight. */
const renewEarlySeconds = 300;
/** With a shared cache, a token stays in this process's memory a minute at most. */
const memoryMs = 60_000;

class TokenRefused extends Error {
  constructor(readonly result: ChannelResult) {
    super(result.status === 'failed' ? result.message : 'token refused');
  }
}

type TokenOutcome = { ok: true; value: string } | { ok: false; result: ChannelResult };

/**
 * One WeChat app's server API for sends: one cached access token, a POST that refreshes the
 * token once when WeChat says it is stale, and errcodes read as retryable or final failures.
 */
export class WechatAppClient {
  private memory: { value: string; expiresAt: number } | null = null;
  private pending: Promise<TokenOutcome> | null = null;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly meanings: Record<number, ErrcodeMeaning>;
  /** appid + a hash of the secret: never the secret itself. */
  readonly cacheKey: string;

  /** `ownMeanings`: the errcodes of this app's own send API (43101 for subscriptions, …). */
  constructor(
    private readonly o: WechatAppOptions,
    ownMeanings: Record<number, ErrcodeMeaning>,
  ) {
    this.meanings = { ...sendMeanings, ...ownMeanings };
    this.fetch = o.fetch ?? fetch;
    this.timeoutMs = o.timeoutMs ?? defaultTimeoutMs;
    this.cacheKey = `wechat:${o.appId}:${createHash('sha256').update(o.secret).digest('hex').slice(0, 16)}`;
  }

  /** POSTs `body` to `path` with the access token; sent carries WeChat's msgid when it gives one. */
  async post(path: string, body: unknown): Promise<ChannelResult> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.token();
      if (!token.ok) return token.result;
      const url = urlOf(this.o.baseUrl, path, { access_token: token.value });
      const x = await exchangeJson(this.fetch, { method: 'POST', url, body, timeoutMs: this.timeoutMs });
      if (x.kind === 'failed') return x.result;
      if (x.status < 200 || x.status >= 300) return httpFailure(x.status, url.host);
      if (!isObject(x.json)) return unreadableAnswer(url.host);
      const errcode = Number(x.json.errcode ?? 0);
      if (errcode === 0) return sent(msgIdOf(x.text));
      const errmsg = String(x.json.errmsg ?? '');
      if (tokenErrors.has(errcode)) {
        await this.forget(token.value);
        if (!refreshed) continue;
        return failed(true, 'token_rejected', `WeChat ${path} refused a freshly fetched access token (${errcode} ${errmsg})`);
      }
      const m = meaningOfErrcode(errcode, this.meanings);
      return failed(m.retryable, m.code, `WeChat ${path} failed with ${errcode} (${errmsg}): ${m.hint}`);
    }
  }

  /**
   * Any other API of the app with its access token (the mini-program's phone numbers and codes):
   * `call` makes the request and answers WeChat's errcode (0 when fine) with its result. A refused
   * or expired token is fetched again and the call made once more; other errcodes come back read
   * through this client's meanings, with the errcode itself for callers that map their own.
   */
  async authorized<T>(call: (accessToken: string) => Promise<{ errcode: number; errmsg: string; value?: T }>): Promise<{ ok: true; value: T } | { ok: false; errcode: number | null; result: ChannelResult }> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.token();
      if (!token.ok) return { ok: false, errcode: null, result: token.result };
      const r = await call(token.value);
      if (r.errcode === 0) return { ok: true, value: r.value as T };
      if (tokenErrors.has(r.errcode)) {
        await this.forget(token.value);
        if (!refreshed) continue;
      }
      const m = meaningOfErrcode(r.errcode, this.meanings);
      return { ok: false, errcode: r.errcode, result: failed(m.retryable, m.code, `WeChat failed with ${r.errcode} (${r.errmsg}): ${m.hint}`) };
    }
  }

  /** The app's token from memory, else from the shared cache, else fetched; concurrent callers share one fetch. */
  private token(): Promise<TokenOutcome> {
    const held = this.memory;
    if (held && held.expiresAt > this.o.clock.now().getTime()) return Promise.resolve({ ok: true, value: held.value });
    this.pending ??= (async (): Promise<TokenOutcome> => {
      try {
        if (this.o.tokenCache) {
          const value = await this.o.tokenCache.refresh(this.cacheKey, () => this.fetchToken());
          this.memory = { value, expiresAt: this.o.clock.now().getTime() + memoryMs };
        } else {
          const fresh = await this.fetchToken();
          this.memory = { value: fresh.token, expiresAt: fresh.expiresAt.getTime() };
        }
        return { ok: true, value: this.memory.value };
      } catch (error) {
        if (error instanceof TokenRefused) return { ok: false, result: error.result };
        throw error;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  private async forget(token: string): Promise<void> {
    if (this.memory?.value === token) this.memory = null;
    await this.o.tokenCache?.drop(this.cacheKey, token);
  }

  /** GET /cgi-bin/token; failures are thrown as TokenRefused so a shared cache's refresh lets go of its lease. */
  private async fetchToken(): Promise<{ token: string; expiresAt: Date }> {
    const url = urlOf(this.o.baseUrl, '/cgi-bin/token', { grant_type: 'client_credential', appid: this.o.appId, secret: this.o.secret });
    const x = await exchangeJson(this.fetch, { method: 'GET', url, timeoutMs: this.timeoutMs });
    if (x.kind === 'failed') throw new TokenRefused(x.result);
    if (x.status < 200 || x.status >= 300) throw new TokenRefused(httpFailure(x.status, url.host));
    if (!isObject(x.json)) throw new TokenRefused(unreadableAnswer(url.host));
    const errcode = Number(x.json.errcode ?? 0);
    if (errcode === 0 && (typeof x.json.access_token !== 'string' || x.json.access_token === '')) throw new TokenRefused(unreadableAnswer(url.host));
    if (errcode !== 0) {
      const m = meaningOfErrcode(errcode, tokenMeanings);
      throw new TokenRefused(failed(m.retryable, m.code, `WeChat /cgi-bin/token failed with ${errcode} (${String(x.json.errmsg ?? '')}): ${m.hint}`));
    }
    const expiresIn = Number(x.json.expires_in ?? 7200);
    return { token: String(x.json.access_token), expiresAt: new Date(this.o.clock.now().getTime() + (expiresIn - renewEarlySeconds) * 1000) };
  }
}

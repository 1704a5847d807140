import { WechatApiError, type WechatApiPort } from './wechat-api.port';

export interface WechatHttpOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  timeoutMs?: number;
}

/** The WeChat mini-program server API over fetch. */
export class WechatHttpAdapter implements WechatApiPort {
  constructor(private readonly o: WechatHttpOptions) {}

  async code2session(code: string): Promise<{ openid: string; unionid: string | null }> {
    const url = new URL(`${this.o.baseUrl.replace(/\/$/, '')}/sns/jscode2session`);
    url.search = new URLSearchParams({ appid: this.o.appId, secret: this.o.secret, js_code: code, grant_type: 'authorization_code' }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) });
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`);
    const body = (await res.json()) as { errcode?: number; errmsg?: string; openid?: string; unionid?: string };
    if (body.errcode || !body.openid) throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no openid');
    return { openid: body.openid, unionid: body.unionid ?? null };
  }
}

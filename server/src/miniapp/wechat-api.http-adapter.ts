import { systemClock, type Clock } from '../platform/clock';
import { urlOf, WechatAppClient, type BaseUrl } from '../channels';
import type { AccessTokenCache } from '../wecom';
import { WechatApiError, type UnlimitedQrRequest, type WechatApiPort, type WechatPhone } from './wechat-api.port';

export interface WechatHttpOptions {
  baseUrl: BaseUrl;
  appId: string;
  secret: string;
  /** The product clock (token expiry); the system clock when absent. */
  clock?: Clock;
  /** Shared with the subscription-message sender: one access token per app across processes. */
  tokenCache?: AccessTokenCache;
  timeoutMs?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The WeChat mini-program server API over fetch; WeChat's shapes end here. */
export class WechatHttpAdapter implements WechatApiPort {
  private readonly client: WechatAppClient;
  private readonly timeoutMs: number;

  constructor(private readonly o: WechatHttpOptions) {
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.client = new WechatAppClient(
      { baseUrl: o.baseUrl, appId: o.appId, secret: o.secret, clock: o.clock ?? systemClock, timeoutMs: this.timeoutMs, ...(o.tokenCache ? { tokenCache: o.tokenCache } : {}) },
      {
        40029: { code: 'invalid_code', retryable: false, hint: 'the code is invalid, used or expired' },
        41030: { code: 'invalid_page', retryable: false, hint: 'the page does not exist in the released mini-program (or pass check_path false)' },
        40129: { code: 'invalid_scene', retryable: false, hint: 'the scene has characters WeChat does not allow' },
        40169: { code: 'invalid_scene', retryable: false, hint: 'the scene is longer than 32 characters' },
        45011: { code: 'rate_limited', retryable: true, hint: 'too many calls for this user' },
      },
    );
  }

  async code2session(code: string): Promise<{ openid: string; unionid: string | null }> {
    const url = urlOf(this.o.baseUrl, '/sns/jscode2session', { appid: this.o.appId, secret: this.o.secret, js_code: code, grant_type: 'authorization_code' });
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`);
    const body = (await res.json()) as { errcode?: number; errmsg?: string; openid?: string; unionid?: string };
    if (body.errcode || !body.openid) throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no openid');
    return { openid: body.openid, unionid: body.unionid ?? null };
  }

  async getPhoneNumber(code: string): Promise<WechatPhone> {
    const r = await this.client.authorized<WechatPhone>(async (token) => {
      const body = await this.postJson('/wxa/business/getuserphonenumber', token, { code });
      const info = isObject(body.phone_info) ? body.phone_info : null;
      const errcode = Number(body.errcode ?? 0);
      if (errcode === 0 && (!info || typeof info.purePhoneNumber !== 'string')) return { errcode: -1, errmsg: 'no phone_info in the answer' };
      return {
        errcode,
        errmsg: String(body.errmsg ?? ''),
        ...(info ? { value: { phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber), purePhoneNumber: String(info.purePhoneNumber), countryCode: String(info.countryCode ?? '86') } } : {}),
      };
    });
    if (!r.ok) throw new WechatApiError(r.errcode ?? -1, r.result.status === 'failed' ? r.result.message : 'failed');
    return r.value;
  }

  async getUnlimitedQrCode(req: UnlimitedQrRequest): Promise<{ contentType: string; image: Buffer }> {
    const r = await this.client.authorized<{ contentType: string; image: Buffer }>(async (token) => {
      const res = await fetch(urlOf(this.o.baseUrl, '/wxa/getwxacodeunlimit', { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scene: req.scene,
          ...(req.page ? { page: req.page } : {}),
          check_path: req.checkPath ?? true,
          env_version: req.envVersion ?? 'release',
          width: req.width ?? 430,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) return { errcode: -1, errmsg: `HTTP ${res.status}` };
      const contentType = res.headers.get('content-type') ?? '';
      const bytes = Buffer.from(await res.arrayBuffer());
      // An image on success; JSON with an errcode on failure.
      if (contentType.includes('json') || bytes[0] === 0x7b) {
        let body: Record<string, unknown> = {};
        try {
          const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
          if (isObject(parsed)) body = parsed;
        } catch {
          return { errcode: -1, errmsg: 'an unreadable answer' };
        }
        return { errcode: Number(body.errcode ?? -1) || -1, errmsg: String(body.errmsg ?? '') };
      }
      return { errcode: 0, errmsg: 'ok', value: { contentType: contentType.split(';')[0]!.trim() || 'image/jpeg', image: bytes } };
    });
    if (!r.ok) throw new WechatApiError(r.errcode ?? -1, r.result.status === 'failed' ? r.result.message : 'failed');
    return r.value;
  }

  private async postJson(path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(urlOf(this.o.baseUrl, path, { access_token: token }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) return { errcode: -1, errmsg: `HTTP ${res.status}` };
    const parsed = (await res.json().catch(() => null)) as unknown;
    return isObject(parsed) ? parsed : { errcode: -1, errmsg: 'an unreadable answer' };
  }
}

import { ManualClock } from '../platform/clock';
import type { AccessTokenCache } from '../wecom';
import type { ChannelSendOf } from './channel.port';
import { MpSubscribeHttpAdapter } from './mp-subscribe.http-adapter';
import { OaTemplateHttpAdapter } from './oa-template.http-adapter';

type Answer = { status?: number; text: string } | Error;

/** A fetch that answers from queues per path and records every request. */
function scriptedFetch(script: Record<string, Answer[]>) {
  const calls: Array<{ path: string; query: URLSearchParams; body: any }> = [];
  const fn = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    calls.push({ path: url.pathname, query: url.searchParams, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const next = script[url.pathname]?.shift();
    if (!next) throw new Error(`unscripted call to ${url.pathname}`);
    if (next instanceof Error) throw next;
    return new Response(next.text, { status: next.status ?? 200 });
  };
  return { fn, calls, sends: () => calls.filter((c) => c.path !== '/cgi-bin/token'), tokenFetches: () => calls.filter((c) => c.path === '/cgi-bin/token').length };
}

const token = (t: string, expiresIn = 7200): Answer => ({ text: JSON.stringify({ access_token: t, expires_in: expiresIn }) });
const ok: Answer = { text: '{"errcode":0,"errmsg":"ok"}' };
const err = (errcode: number, errmsg = 'x'): Answer => ({ text: JSON.stringify({ errcode, errmsg }) });
const subscribePath = '/cgi-bin/message/subscribe/send';

const req: ChannelSendOf<'mp_subscribe'> = {
  key: 'j1:v1:c1:step-2',
  corpId: 'corp-1',
  customerId: 'cust-1',
  recipient: 'oOPENID123',
  senderUserId: null,
  message: { channel: 'mp_subscribe', templateId: 'TPL-RENEW', page: 'pages/policy/index?id=9', data: { thing1: '保单续期', time2: '2026-03-01' } },
};

describe('MpSubscribeHttpAdapter', () => {
  const clock = new ManualClock('2026-03-01T00:00:00.000Z');
  const adapter = (f: ReturnType<typeof scriptedFetch>, extra: { tokenCache?: AccessTokenCache; miniprogramState?: 'trial' } = {}) =>
    new MpSubscribeHttpAdapter({ baseUrl: 'https://wx.example/', appId: 'wxAPP', secret: 's3cret', clock, fetch: f.fn, timeoutMs: 50, ...extra });

  it('posts subscribeMessage.send with the token, the template fields as {value} and the formal build', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('T1')], [subscribePath]: [ok] });
    expect(await adapter(f).send(req)).toEqual({ status: 'sent', providerId: null });
    expect(f.calls[0]!.query.get('appid')).toBe('wxAPP');
    expect(f.calls[0]!.query.get('secret')).toBe('s3cret');
    expect(f.calls[0]!.query.get('grant_type')).toBe('client_credential');
    const send = f.sends()[0]!;
    expect(send.query.get('access_token')).toBe('T1');
    expect(send.body).toEqual({
      touser: 'oOPENID123',
      template_id: 'TPL-RENEW',
      page: 'pages/policy/index?id=9',
      data: { thing1: { value: '保单续期' }, time2: { value: '2026-03-01' } },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  });

  it('keeps the token until five minutes before it expires', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('T1', 7200), token('T2', 7200)], [subscribePath]: [ok, ok, ok] });
    const a = adapter(f, { miniprogramState: 'trial' });
    await a.send(req);
    clock.advance(6_000_000); // 100 minutes: still inside 7200 s - 300 s
    await a.send(req);
    expect(f.tokenFetches()).toBe(1);
    clock.advance(960_000); // 116 minutes: past the renewal point (115)
    await a.send(req);
    expect(f.tokenFetches()).toBe(2);
    expect(f.sends().map((s) => s.query.get('access_token'))).toEqual(['T1', 'T1', 'T2']);
    expect(f.sends()[0]!.body.miniprogram_state).toBe('trial');
  });

  it('refreshes a stale token once and tries again, and drops it from the shared cache', async () => {
    const dropped: string[] = [];
    const cache: AccessTokenCache = {
      read: async () => null,
      refresh: async (_key, fetchToken) => (await fetchToken()).token,
      drop: async (_key, t) => void dropped.push(t),
    };
    const f = scriptedFetch({ '/cgi-bin/token': [token('OLD'), token('NEW')], [subscribePath]: [err(40001, 'invalid credential'), ok] });
    expect(await adapter(f, { tokenCache: cache }).send(req)).toEqual({ status: 'sent', providerId: null });
    expect(f.sends().map((s) => s.query.get('access_token'))).toEqual(['OLD', 'NEW']);
    expect(dropped).toEqual(['OLD']);
  });

  it('gives up (retryably) when even a fresh token is refused', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('A'), token('B')], [subscribePath]: [err(42001), err(42001)] });
    expect(await adapter(f).send(req)).toMatchObject({ status: 'failed', retryable: true, code: 'token_rejected' });
    expect(f.sends()).toHaveLength(2);
  });

  it.each([
    [43101, 'no_consent', false],
    [41030, 'invalid_page', false],
    [40003, 'invalid_recipient', false],
    [47003, 'invalid_data', false],
    [-1, 'busy', true],
    [45009, 'rate_limited', true],
    [40999, 'wechat_40999', false],
  ])('reads errcode %i as %s (retryable: %s)', async (errcode, code, retryable) => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('T')], [subscribePath]: [err(errcode)] });
    expect(await adapter(f).send(req)).toMatchObject({ status: 'failed', code, retryable });
    expect(f.sends()).toHaveLength(1);
  });

  it('fails for good when WeChat refuses the credentials, without trying to send', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [err(40013, 'invalid appid')] });
    const result = await adapter(f).send(req);
    expect(result).toMatchObject({ status: 'failed', retryable: false, code: 'bad_credentials' });
    expect(JSON.stringify(result)).not.toContain('s3cret');
    expect(f.sends()).toHaveLength(0);
  });

  it('reads a timeout, a network failure, a 502 and a body that is not JSON as retryable', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const f = scriptedFetch({
      '/cgi-bin/token': [token('T')],
      [subscribePath]: [timeout, new TypeError('fetch failed'), { status: 502, text: 'Bad Gateway' }, { text: '<html>busy</html>' }, { status: 404, text: '' }],
    });
    const a = adapter(f);
    expect(await a.send(req)).toMatchObject({ status: 'failed', retryable: true, code: 'timeout' });
    expect(await a.send(req)).toMatchObject({ status: 'failed', retryable: true, code: 'unreachable' });
    expect(await a.send(req)).toMatchObject({ status: 'failed', retryable: true, code: 'http_502' });
    expect(await a.send(req)).toMatchObject({ status: 'failed', retryable: true, code: 'bad_answer' });
    expect(await a.send(req)).toMatchObject({ status: 'failed', retryable: false, code: 'http_404' });
  });
});

describe('OaTemplateHttpAdapter', () => {
  const clock = new ManualClock('2026-03-01T00:00:00.000Z');
  const oaReq: ChannelSendOf<'oa_template'> = {
    key: 'j1:v1:c1:step-3',
    corpId: 'corp-1',
    customerId: 'cust-1',
    recipient: 'oOA-OPENID',
    senderUserId: null,
    message: { channel: 'oa_template', templateId: 'OA-TPL', url: 'https://example.com/p/1', data: { first: '您好', keyword1: '保单' } },
  };

  it('sends the key as client_msg_id and keeps a 64-bit msgid exact', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('T')], '/cgi-bin/message/template/send': [{ text: '{"errcode":0,"errmsg":"ok","msgid":2868960284557590529}' }] });
    const a = new OaTemplateHttpAdapter({ baseUrl: 'https://wx.example', appId: 'wxOA', secret: 'oa', clock, fetch: f.fn });
    expect(await a.send(oaReq)).toEqual({ status: 'sent', providerId: '2868960284557590529' });
    expect(f.sends()[0]!.body).toEqual({
      touser: 'oOA-OPENID',
      template_id: 'OA-TPL',
      url: 'https://example.com/p/1',
      client_msg_id: 'j1:v1:c1:step-3',
      data: { first: { value: '您好' }, keyword1: { value: '保单' } },
    });
  });

  it('reads 43004 as a customer who no longer follows the account', async () => {
    const f = scriptedFetch({ '/cgi-bin/token': [token('T')], '/cgi-bin/message/template/send': [err(43004, 'require subscribe')] });
    const a = new OaTemplateHttpAdapter({ baseUrl: 'https://wx.example', appId: 'wxOA', secret: 'oa', clock, fetch: f.fn });
    expect(await a.send(oaReq)).toMatchObject({ status: 'failed', retryable: false, code: 'not_following' });
  });
});

import { WechatApiError, WechatHttpAdapter } from '../src/miniapp';
import { sandboxDefaults } from '../src/platform/config';
import { systemClock } from '../src/platform/clock';
import { WecomApiError, WecomHttpAdapter } from '../src/wecom';
import { startTestServer, type TestServer } from './support/server';

describe(`sandbox mode on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('describes itself at /api/sandbox/info', async () => {
    const res = await s.get('/api/sandbox/info');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ corpId: sandboxDefaults.corpId, callbackToken: sandboxDefaults.callbackToken, mpAppId: sandboxDefaults.mpAppId });
    expect(res.body.callbackAesKey).toHaveLength(43);
    expect(res.body.agentUserIds).toEqual(expect.arrayContaining(['agent001', 'agent030', 'lead01']));
    expect(res.body.agentUserIds).not.toContain('left01');
  });

  it('loaded the demo tenant: 3 teams, 30 agents, products of every line, activities, content, scripts', async () => {
    const count = async (sql: string) => Number((await s.ds.query<{ n: number }[]>(sql))[0]!.n);
    expect(await count('SELECT COUNT(*) AS n FROM team')).toBe(3);
    expect(await count("SELECT COUNT(*) AS n FROM staff_member WHERE role = 'agent' AND status = 'active'")).toBe(30);
    expect(await count("SELECT COUNT(DISTINCT seniority) AS n FROM staff_member WHERE role = 'agent'")).toBe(4);
    expect(await count('SELECT COUNT(DISTINCT line) AS n FROM product')).toBe(7);
    expect(await count("SELECT COUNT(*) AS n FROM activity WHERE kind = 'offline'")).toBeGreaterThanOrEqual(2);
    expect(await count('SELECT COUNT(*) AS n FROM content_article')).toBeGreaterThanOrEqual(10);
    expect(await count("SELECT COUNT(*) AS n FROM talk_script WHERE `trigger` LIKE 'objection:%'".replace(/`/g, process.env.TEST_DB === 'mysql' ? '`' : '"'))).toBeGreaterThanOrEqual(4);
    expect(await count('SELECT COUNT(*) AS n FROM customer')).toBe(150);
  });

  it('moves the product clock forward and reports the new time', async () => {
    const before = Date.now();
    const res = await s.post('/api/sandbox/clock', { advanceMs: 86_400_000 });
    expect(res.status).toBe(200);
    expect(new Date(res.body.now).getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    const set = await s.post('/api/sandbox/clock', { set: '2027-03-01T01:00:00.000Z' });
    expect(new Date(set.body.now).getTime() - Date.parse('2027-03-01T01:00:00.000Z')).toBeLessThan(5_000);
    const bad = await s.post('/api/sandbox/clock', { advanceMs: -5 });
    expect(bad.status).toBe(400);
  });

  it('lets the production WeCom adapter fetch, cache and renew tokens against the fake over HTTP', async () => {
    const info = (await s.get('/api/sandbox/info')).body;
    let gettokenCalls = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/gettoken')) gettokenCalls += 1;
      return fetch(input, init);
    };
    const wecom = new WecomHttpAdapter({ baseUrl: info.wecomApiBase, corpId: info.corpId, secret: sandboxDefaults.contactSecret, clock: systemClock, fetch: counting });
    const users = await wecom.listFollowUsers();
    expect(users).toContain('agent001');
    const contacts = await wecom.listExternalContacts('agent001');
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((c) => c.startsWith('wmSandbox'))).toBe(true);
    expect(gettokenCalls).toBe(1);

    const wrongSecret = new WecomHttpAdapter({ baseUrl: info.wecomApiBase, corpId: info.corpId, secret: 'nope', clock: systemClock });
    await expect(wrongSecret.listFollowUsers()).rejects.toMatchObject({ errcode: 40001 });
    await expect(wecom.listExternalContacts('nobody')).rejects.toBeInstanceOf(WecomApiError);
  });

  it('exchanges a mini-program login code through the WeChat adapter, and rejects a bad one with 40029', async () => {
    const info = (await s.get('/api/sandbox/info')).body;
    const mp = new WechatHttpAdapter({ baseUrl: info.mpApiBase, appId: info.mpAppId, secret: sandboxDefaults.mpSecret });
    const a = await mp.code2session('user-42-first');
    const b = await mp.code2session('user-42-second');
    expect(a.openid).toBe(b.openid);
    expect(a.unionid).toMatch(/^u/);
    await expect(mp.code2session('invalid-code')).rejects.toEqual(new WechatApiError(40029, 'invalid code'));
  });

  it('records subscription messages sent to the fake WeChat in the outbox', async () => {
    const info = (await s.get('/api/sandbox/info')).body;
    const tok = await (await fetch(`${info.mpApiBase}/cgi-bin/token?grant_type=client_credential&appid=${info.mpAppId}&secret=${sandboxDefaults.mpSecret}`)).json() as { access_token: string };
    const sent = await (
      await fetch(`${info.mpApiBase}/cgi-bin/message/subscribe/send?access_token=${tok.access_token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: 'oTestUser', template_id: 'tmpl-checkin', data: { thing1: { value: '签到提醒' } } }),
      })
    ).json();
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok' });
    const outbox = await s.get('/api/sandbox/outbox?channel=mp_subscribe');
    expect(outbox.body.items[0]).toMatchObject({ channel: 'mp_subscribe', recipient: 'oTestUser', content: { template_id: 'tmpl-checkin' } });
  });
});

import { sandboxDefaults } from '../src/platform/config';
import { CallbackDriver, callbackXml, contactEvent, signedCallback } from '../src/sandbox/callback-driver';
import { startTestServer, type TestServer } from './support/server';

const tenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };

describe(`channel codes on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let driver: CallbackDriver;
  const code = {
    name: '春季直播活动',
    channel: '直播',
    state: 'live-2026-spring',
    agentUserIds: ['agent001', 'agent002', 'agent003'],
    strategy: 'round_robin',
    tagNames: ['直播', '活动留资'],
    welcomeText: '您好，我是您的专属保险顾问，直播福利已为您预留，回复“1”领取。',
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 30 });
    admin = await s.login('admin');
    driver = new CallbackDriver(s.url, tenant, () => new Date());
  });
  afterAll(() => s.close());

  it('lets an admin create a code in WeCom, and refuses duplicates, unknown tags and agents', async () => {
    const res = await s.post('/api/channel-codes', code, admin);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: code.state, strategy: 'round_robin', qrCode: expect.stringContaining('/qr/') });
    expect((await s.post('/api/channel-codes', code, admin)).status).toBe(409);
    const badTag = await s.post('/api/channel-codes', { ...code, state: 'x1', tagNames: ['不存在的标签'] }, admin);
    expect(badTag.status).toBe(400);
    expect(badTag.body.error.message).toContain('不存在的标签');
    const agent = await s.login('agent001');
    expect((await s.post('/api/channel-codes', { ...code, state: 'x2' }, agent)).status).toBe(403);
    const list = await s.get('/api/channel-codes', admin);
    expect(list.body.items.map((c: { state: string }) => c.state)).toEqual([code.state]);
  });

  it('sends the welcome message within 2 seconds of the add, once, and tags and attributes the customer', async () => {
    const fields = contactEvent.added('agent001', 'wmLiveViewer01', Math.floor(Date.now() / 1000), code.state);
    const signed = signedCallback(tenant, callbackXml(tenant.corpId, fields), new Date());
    const started = Date.now();
    expect((await driver.post(signed)).text).toBe('success');
    let elapsed = -1;
    while (Date.now() - started < 5000) {
      const outbox = await s.get('/api/sandbox/outbox?channel=wecom_welcome');
      if (outbox.body.items.some((i: { recipient: string }) => i.recipient === 'WELCOME_wmLiveViewer01')) {
        elapsed = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    process.stdout.write(`welcome message delivered ${elapsed} ms after the add callback (${process.env.TEST_DB})\n`);
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(2000);
    const sent = (await s.get('/api/sandbox/outbox?channel=wecom_welcome')).body.items[0];
    expect(sent.content).toEqual({ welcome_code: 'WELCOME_wmLiveViewer01', text: { content: code.welcomeText } });

    // WeCom retries the same event: no second welcome.
    await driver.post(signed);
    await s.running.container.inbox.idle();
    expect((await s.get('/api/sandbox/outbox?channel=wecom_welcome')).body.total).toBe(1);

    const id = (await s.get('/api/customers?externalUserId=wmLiveViewer01', admin)).body.items[0].id;
    const view = await s.get(`/api/customers/${id}`, admin);
    const tags = view.body.tags.filter((t: { name: string }) => code.tagNames.includes(t.name));
    expect(tags).toHaveLength(2);
    expect(tags[0]).toMatchObject({ source: 'static', evidence: expect.stringContaining(code.name) });
  });

  it('gives no welcome for an add without a code', async () => {
    const before = (await s.get('/api/sandbox/outbox?channel=wecom_welcome')).body.total;
    await driver.send(contactEvent.added('agent002', 'wmPlainAdd01', Math.floor(Date.now() / 1000)));
    await s.running.container.inbox.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect((await s.get('/api/sandbox/outbox?channel=wecom_welcome')).body.total).toBe(before);
  });
});

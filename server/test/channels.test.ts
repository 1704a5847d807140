import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { JourneyMessage } from '@lodestar/shared';
import {
  AgentMessageTaskRepository,
  ChannelDispatcher,
  MpSubscribeHttpAdapter,
  OaTemplateHttpAdapter,
  SmsHttpAdapter,
  WecomMassAdapter,
  WecomTaskSender,
  type ChannelSend,
  type FetchLike,
} from '../src/channels';
import { ManualClock } from '../src/platform/clock';
import { UuidV7Generator } from '../src/platform/ids';
import { FakeTokenIssuer } from '../src/sandbox/fake-token-issuer';
import { OutboxRepository } from '../src/sandbox/outbox.repository';
import { smsFakeRouter } from '../src/sandbox/sms-fake.router';
import { wechatFakeRouter } from '../src/sandbox/wechat-fake.router';
import type { MassMessageRequest } from '../src/wecom';
import { openTestDatabase, type TestDatabase } from './support/db';

const mp = { appId: 'wxchannelsmp0001', secret: 'mp-secret' };
const oa = { appId: 'wxchannelsoa0001', secret: 'oa-secret' };
const smsKey = 'sms-test-key';

describe(`outbound channels against the sandbox's fake WeChat and SMS gateway on ${process.env.TEST_DB}`, () => {
  const clock = new ManualClock('2026-03-02T02:00:00.000Z');
  const ids = new UuidV7Generator(clock);
  const tokens = new FakeTokenIssuer(() => clock.now().getTime());
  let db: TestDatabase;
  let outbox: OutboxRepository;
  let tasks: AgentMessageTaskRepository;
  let http: Server;
  let base: string;
  /** Paths the adapters fetched, in order. */
  const fetched: string[] = [];
  const counting: FetchLike = (input, init) => {
    fetched.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };

  const wechat = (app = mp) => ({ baseUrl: () => `${base}/wechat`, ...app, clock, fetch: counting });
  const sms = (path = '/sms-gw', extra: { apiKey?: string; timeoutMs?: number } = {}) => new SmsHttpAdapter({ baseUrl: `${base}${path}`, apiKey: smsKey, fetch: counting, ...extra });
  const req = <M extends JourneyMessage>(key: string, recipient: string, message: M, senderUserId: string | null = null): Omit<ChannelSend, 'message'> & { message: M } => ({
    key,
    corpId: 'corp-ch',
    customerId: `cust-${key}`,
    recipient,
    senderUserId,
    message,
  });
  const outboxRows = async (channel: string, recipient: string) => (await outbox.list({ channel, limit: 1000 })).rows.filter((r) => r.recipient === recipient);
  const taskRows = (key: string) => db.ds.query<Array<{ id: string; status: string; staff_user_id: string | null; content: string }>>('SELECT id, status, staff_user_id, content FROM agent_message_task WHERE `key` = ?', [key]);

  beforeAll(async () => {
    db = await openTestDatabase();
    outbox = new OutboxRepository(db.ds);
    tasks = new AgentMessageTaskRepository(db.ds);
    const now = () => clock.now();
    const app = new Koa();
    const broken = new Router();
    // A gateway in trouble, and one that never answers.
    broken.post('/broken/sms/send', (ctx) => {
      ctx.status = 500;
      ctx.body = 'Internal Server Error';
    });
    broken.post('/hang/sms/send', async (ctx) => {
      await new Promise<void>((resolve) => ctx.res.once('close', () => resolve()));
    });
    app.use(bodyParser());
    for (const r of [
      wechatFakeRouter({ ...mp, officialAccount: oa, tokens, outbox, ids, now }, '/wechat'),
      smsFakeRouter({ apiKey: smsKey, outbox, now }, '/sms-gw'),
      broken,
    ])
      app.use(r.routes()).use(r.allowedMethods());
    http = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => http.once('listening', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await db.close();
  });
  beforeEach(() => {
    fetched.length = 0;
  });

  it('delivers a subscription message that shows in the outbox with its template data', async () => {
    const adapter = new MpSubscribeHttpAdapter(wechat());
    const message = { channel: 'mp_subscribe' as const, templateId: 'TPL-RENEW', page: 'pages/policy/index?id=7', data: { thing1: '保单续期提醒', date2: '2026-03-10' } };
    expect(await adapter.send(req('mp-1', 'oOpenIdMp1', message))).toEqual({ status: 'sent', providerId: null });
    const [row, ...more] = await outboxRows('mp_subscribe', 'oOpenIdMp1');
    expect(more).toHaveLength(0);
    expect(row!.content).toMatchObject({
      touser: 'oOpenIdMp1',
      template_id: 'TPL-RENEW',
      page: 'pages/policy/index?id=7',
      data: { thing1: { value: '保单续期提醒' }, date2: { value: '2026-03-10' } },
      miniprogram_state: 'formal',
    });
  });

  it('refreshes an expired token once and delivers', async () => {
    const adapter = new MpSubscribeHttpAdapter(wechat());
    const message = { channel: 'mp_subscribe' as const, templateId: 'TPL-A', data: { thing1: '一' } };
    expect(await adapter.send(req('mp-2', 'oOpenIdMp2', message))).toMatchObject({ status: 'sent' });
    tokens.expireAll();
    expect(await adapter.send(req('mp-3', 'oOpenIdMp2', message))).toMatchObject({ status: 'sent' });
    const send = '/wechat/cgi-bin/message/subscribe/send';
    const token = '/wechat/cgi-bin/token';
    // send, then (expired) send, new token, send again
    expect(fetched).toEqual([token, send, send, token, send]);
    expect(await outboxRows('mp_subscribe', 'oOpenIdMp2')).toHaveLength(2);
  });

  it('delivers an official-account template message once per key, with its own app', async () => {
    const adapter = new OaTemplateHttpAdapter(wechat(oa));
    const message = { channel: 'oa_template' as const, templateId: 'OA-TPL', url: 'https://example.com/renew', data: { first: '您好', keyword1: '重疾险' } };
    const first = await adapter.send(req('oa-1', 'oOaOpenId1', message));
    expect(first).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^\d+$/) });
    expect(await adapter.send(req('oa-1', 'oOaOpenId1', message))).toEqual(first);
    const rows = await outboxRows('oa_template', 'oOaOpenId1');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content).toMatchObject({ template_id: 'OA-TPL', url: 'https://example.com/renew', client_msg_id: 'oa-1', data: { first: { value: '您好' }, keyword1: { value: '重疾险' } } });
    expect(await adapter.send(req('oa-2', 'oOaOpenId1', message))).toMatchObject({ status: 'sent' });
    expect(await outboxRows('oa_template', 'oOaOpenId1')).toHaveLength(2);

    // The mini-program's token may not send the official account's template messages.
    const wrongApp = new OaTemplateHttpAdapter(wechat(mp));
    expect(await wrongApp.send(req('oa-3', 'oOaOpenId2', message))).toMatchObject({ status: 'failed', retryable: false, code: 'not_authorized' });
    expect(await outboxRows('oa_template', 'oOaOpenId2')).toHaveLength(0);
  });

  it('texts once for a repeated clientRef, the number masked in the outbox', async () => {
    const message = { channel: 'sms' as const, template: 'SMS_RENEW', text: '您的保单3月10日到期' };
    const first = await sms().send(req('sms-1', '13812341234', message));
    expect(first).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^sms_/) });
    expect(await sms().send(req('sms-1', '13812341234', message))).toEqual(first);
    const rows = await outboxRows('sms', '138****1234');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content).toEqual({ template: 'SMS_RENEW', text: '您的保单3月10日到期' });
    const other = await sms().send(req('sms-2', '13812341234', message));
    expect(other).toMatchObject({ status: 'sent' });
    expect(other).not.toEqual(first);
    expect(await outboxRows('sms', '138****1234')).toHaveLength(2);
  });

  it('reads a gateway refusal as final and a gateway error or silence as retryable', async () => {
    const message = { channel: 'sms' as const, template: 'SMS_RENEW', text: '提醒' };
    expect(await sms().send(req('sms-3', '12345', message))).toMatchObject({ status: 'failed', retryable: false, code: 'invalid_phone' });
    expect(await sms('/sms-gw', { apiKey: 'wrong' }).send(req('sms-4', '13900001111', message))).toMatchObject({ status: 'failed', retryable: false, code: 'unauthorized' });
    expect(await outboxRows('sms', '139****1111')).toHaveLength(0);
    expect(await sms('/broken').send(req('sms-5', '13900001111', message))).toMatchObject({ status: 'failed', retryable: true, code: 'http_500' });
    expect(await sms('/hang', { timeoutMs: 200 }).send(req('sms-6', '13900001111', message))).toMatchObject({ status: 'failed', retryable: true, code: 'timeout' });
  });

  it('puts one sidebar task per key, however often it is sent, until the agent marks it sent', async () => {
    const sender = new WecomTaskSender({ tasks, ids, clock });
    const message = { channel: 'wecom_task' as const, text: '王先生,您的体检报告出来了', attachments: [{ type: 'link' as const, title: '报告', url: 'https://example.com/r/1' }] };
    const first = await sender.send(req('task-1', 'wmExtTask1', message, 'agent-task'));
    expect(await sender.send(req('task-1', 'wmExtTask1', message, 'agent-task'))).toEqual(first);
    const rows = await taskRows('task-1');
    expect(rows).toHaveLength(1);
    expect(first).toEqual({ status: 'sent', providerId: rows[0]!.id });
    expect(JSON.parse(rows[0]!.content)).toEqual({ text: message.text, attachments: message.attachments });

    await sender.send(req('task-2', 'wmExtTask2', message, 'agent-task'));
    const open = await tasks.listOpen('corp-ch', 'agent-task', 10);
    expect(open.map((t) => t.key)).toEqual(['task-1', 'task-2']);
    expect(open[0]!.content.attachments).toEqual(message.attachments);
    expect(await tasks.markSent('corp-ch', rows[0]!.id, clock.now())).toBe(true);
    expect(await tasks.markSent('corp-ch', rows[0]!.id, clock.now())).toBe(false);
    expect(await tasks.markSent('other-corp', open[1]!.id, clock.now())).toBe(false);
    expect((await tasks.listOpen('corp-ch', 'agent-task', 10)).map((t) => t.key)).toEqual(['task-2']);
    expect((await taskRows('task-1'))[0]!.status).toBe('sent');
  });

  it('routes each channel kind to its adapter through the dispatcher', async () => {
    const mass: MassMessageRequest[] = [];
    const dispatcher = new ChannelDispatcher({
      mpSubscribe: new MpSubscribeHttpAdapter(wechat()),
      sms: sms(),
      oaTemplate: new OaTemplateHttpAdapter(wechat(oa)),
      wecomTask: new WecomTaskSender({ tasks, ids, clock }),
      wecomMass: new WecomMassAdapter({ wecom: { createMassMessage: async (r) => (mass.push(r), { msgId: 'msg-d', failedExternalUserIds: [] }) } }),
    });
    const results = [
      await dispatcher.send(req('d-mp', 'oDispatchMp', { channel: 'mp_subscribe', templateId: 'T', data: { a: 'x' } })),
      await dispatcher.send(req('d-sms', '13700002222', { channel: 'sms', template: 'S', text: 'x' })),
      await dispatcher.send(req('d-oa', 'oDispatchOa', { channel: 'oa_template', templateId: 'O', data: { a: 'x' } })),
      await dispatcher.send(req('d-task', 'wmDispatch', { channel: 'wecom_task', text: 'x' }, 'agent-d')),
      await dispatcher.send(req('d-mass', 'wmDispatch', { channel: 'wecom_mass', text: 'y' }, 'agent-d')),
    ];
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(await outboxRows('mp_subscribe', 'oDispatchMp')).toHaveLength(1);
    expect(await outboxRows('sms', '137****2222')).toHaveLength(1);
    expect(await outboxRows('oa_template', 'oDispatchOa')).toHaveLength(1);
    expect(await taskRows('d-task')).toHaveLength(1);
    expect(mass).toEqual([{ chatType: 'single', senderUserId: 'agent-d', externalUserIds: ['wmDispatch'], text: 'y' }]);
    expect(results[4]).toEqual({ status: 'sent', providerId: 'msg-d' });
  });
});

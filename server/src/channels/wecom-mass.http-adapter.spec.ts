import { WecomApiError, meaningOf, type MassMessageRequest, type WecomApiPort } from '../wecom';
import type { ChannelSendOf } from './channel.port';
import { WecomMassAdapter, wecomPagePath } from './wecom-mass.http-adapter';

type Create = WecomApiPort['createMassMessage'];

function fakeWecom(answer: (req: MassMessageRequest) => ReturnType<Create>) {
  const requests: MassMessageRequest[] = [];
  return { requests, createMassMessage: (r: MassMessageRequest) => (requests.push(r), answer(r)) };
}

const req = (over: Partial<ChannelSendOf<'wecom_mass'>> = {}): ChannelSendOf<'wecom_mass'> => ({
  key: 'j1:c1:s4',
  corpId: 'corp-1',
  customerId: 'cust-1',
  recipient: 'wmEXT1',
  senderUserId: 'agent001',
  message: {
    channel: 'wecom_mass',
    text: '王先生您好,续保提醒',
    attachments: [
      { type: 'link', title: '续保说明', url: 'https://example.com/renew', description: '三分钟看懂' },
      { type: 'miniprogram', title: '一键续保', page: 'pages/renew/index?policy=9' },
    ],
  },
  ...over,
});

const wecomError = (errcode: number) => new WecomApiError(errcode, 'x', '/cgi-bin/externalcontact/add_msg_template', meaningOf(errcode));

describe('WecomMassAdapter', () => {
  const miniprogram = { appId: 'wxMP', coverMediaId: async () => 'MEDIA-1' };

  it('asks for a single-chat task from the agent to the one customer, attachments in WeCom shapes', async () => {
    const wecom = fakeWecom(async () => ({ msgId: 'msg-1', failedExternalUserIds: [] }));
    expect(await new WecomMassAdapter({ wecom, miniprogram }).send(req())).toEqual({ status: 'sent', providerId: 'msg-1' });
    expect(wecom.requests).toEqual([
      {
        chatType: 'single',
        senderUserId: 'agent001',
        externalUserIds: ['wmEXT1'],
        text: '王先生您好,续保提醒',
        attachments: [
          { kind: 'link', title: '续保说明', url: 'https://example.com/renew', desc: '三分钟看懂' },
          { kind: 'miniprogram', title: '一键续保', appId: 'wxMP', page: 'pages/renew/index.html?policy=9', picMediaId: 'MEDIA-1' },
        ],
      },
    ]);
  });

  it('fails for good when WeCom puts the customer on the fail list', async () => {
    const wecom = fakeWecom(async () => ({ msgId: 'msg-2', failedExternalUserIds: ['wmEXT1'] }));
    expect(await new WecomMassAdapter({ wecom, miniprogram }).send(req())).toMatchObject({ status: 'failed', retryable: false, code: 'refused' });
  });

  it('reads busy and throttled as retryable, a lost relationship as final', async () => {
    for (const [errcode, code, retryable] of [
      [-1, 'busy', true],
      [45033, 'rate_limited', true],
      [84061, 'no_relationship', false],
      [40058, 'wecom_40058', false],
    ] as const) {
      const wecom = fakeWecom(() => Promise.reject(wecomError(errcode)));
      expect(await new WecomMassAdapter({ wecom, miniprogram }).send(req())).toMatchObject({ status: 'failed', code, retryable });
    }
  });

  it('lets an error that is not WeCom’s through', async () => {
    const wecom = fakeWecom(() => Promise.reject(new RangeError('bug')));
    await expect(new WecomMassAdapter({ wecom, miniprogram }).send(req())).rejects.toThrow('bug');
  });

  it('does not call WeCom without a sender, or with a mini-program attachment and no mini-program configured', async () => {
    const wecom = fakeWecom(async () => ({ msgId: 'm', failedExternalUserIds: [] }));
    expect(await new WecomMassAdapter({ wecom, miniprogram }).send(req({ senderUserId: null }))).toMatchObject({ status: 'failed', retryable: false, code: 'no_sender' });
    expect(await new WecomMassAdapter({ wecom }).send(req())).toMatchObject({ status: 'failed', retryable: false, code: 'miniprogram_not_configured' });
    expect(wecom.requests).toHaveLength(0);
    const textOnly = req({ message: { channel: 'wecom_mass', text: '你好' } });
    expect(await new WecomMassAdapter({ wecom }).send(textOnly)).toEqual({ status: 'sent', providerId: 'm' });
    expect(wecom.requests[0]).not.toHaveProperty('attachments');
  });

  it('puts .html on a page path, before the query, once', () => {
    expect(wecomPagePath('pages/a/index')).toBe('pages/a/index.html');
    expect(wecomPagePath('/pages/a/index?x=1&y=a?b')).toBe('/pages/a/index.html?x=1&y=a?b');
    expect(wecomPagePath('pages/a/index.html?x=1')).toBe('pages/a/index.html?x=1');
  });
});

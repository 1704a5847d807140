import type { ChannelKind, JourneyMessage } from '@lodestar/shared';
import { ChannelDispatcher, type ChannelSenders } from './channel-dispatcher';
import type { ChannelSend } from './channel.port';

const messages: Record<ChannelKind, JourneyMessage> = {
  mp_subscribe: { channel: 'mp_subscribe', templateId: 'T', data: { a: '1' } },
  sms: { channel: 'sms', template: 'S', text: 'hi' },
  oa_template: { channel: 'oa_template', templateId: 'O', data: { b: '2' } },
  wecom_task: { channel: 'wecom_task', text: 'task' },
  wecom_mass: { channel: 'wecom_mass', text: 'mass' },
};

function recordingSenders() {
  const seen: Array<{ sender: string; req: ChannelSend }> = [];
  const sender = (name: string) => ({
    send: async (req: ChannelSend) => {
      seen.push({ sender: name, req });
      return { status: 'sent' as const, providerId: name };
    },
  });
  const senders: ChannelSenders = { mpSubscribe: sender('mpSubscribe'), sms: sender('sms'), oaTemplate: sender('oaTemplate'), wecomTask: sender('wecomTask'), wecomMass: sender('wecomMass') };
  return { senders, seen };
}

const send = (message: JourneyMessage, recipient = 'addr'): ChannelSend => ({ key: `k-${message.channel}`, corpId: 'c', customerId: 'cu', recipient, senderUserId: 'agent001', message });

describe('ChannelDispatcher', () => {
  it('hands each channel kind to its own adapter, the request unchanged', async () => {
    const { senders, seen } = recordingSenders();
    const d = new ChannelDispatcher(senders);
    const expected: Record<ChannelKind, string> = { mp_subscribe: 'mpSubscribe', sms: 'sms', oa_template: 'oaTemplate', wecom_task: 'wecomTask', wecom_mass: 'wecomMass' };
    for (const [kind, name] of Object.entries(expected) as Array<[ChannelKind, string]>) {
      const req = send(messages[kind]);
      expect(await d.send(req)).toEqual({ status: 'sent', providerId: name });
      expect(seen.at(-1)).toEqual({ sender: name, req });
    }
    expect(seen).toHaveLength(5);
  });

  it('refuses an empty address without bothering any adapter', async () => {
    const { senders, seen } = recordingSenders();
    expect(await new ChannelDispatcher(senders).send(send(messages.sms, '  '))).toMatchObject({ status: 'failed', retryable: false, code: 'no_recipient' });
    expect(seen).toHaveLength(0);
  });
});

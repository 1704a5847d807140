import { failed, type ChannelPort, type ChannelResult, type ChannelSend, type ChannelSender } from './channel.port';

/** One adapter per channel kind. */
export interface ChannelSenders {
  mpSubscribe: ChannelSender<'mp_subscribe'>;
  sms: ChannelSender<'sms'>;
  oaTemplate: ChannelSender<'oa_template'>;
  wecomTask: ChannelSender<'wecom_task'>;
  wecomMass: ChannelSender<'wecom_mass'>;
}

/**
 * The channel port the journey engine holds: it hands each send to the adapter of its channel.
 * The switch is exhaustive, so a new channel kind fails to compile until it has an adapter.
 */
export class ChannelDispatcher implements ChannelPort {
  constructor(private readonly senders: ChannelSenders) {}

  send(req: ChannelSend): Promise<ChannelResult> {
    // An empty address can only be the engine's mistake; no provider would take it.
    if (req.recipient.trim() === '') return Promise.resolve(failed(false, 'no_recipient', `no ${req.message.channel} address for customer ${req.customerId}`));
    const message = req.message;
    switch (message.channel) {
      case 'mp_subscribe':
        return this.senders.mpSubscribe.send({ ...req, message });
      case 'sms':
        return this.senders.sms.send({ ...req, message });
      case 'oa_template':
        return this.senders.oaTemplate.send({ ...req, message });
      case 'wecom_task':
        return this.senders.wecomTask.send({ ...req, message });
      case 'wecom_mass':
        return this.senders.wecomMass.send({ ...req, message });
      default: {
        const never: never = message;
        throw new Error(`no adapter for channel ${JSON.stringify(never)}`);
      }
    }
  }
}

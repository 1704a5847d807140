import type { ChannelResult, ChannelSender, ChannelSendOf } from './channel.port';
import { templateData, WechatAppClient, type WechatAppOptions } from './wechat-app.client';

export interface MpSubscribeOptions extends WechatAppOptions {
  /** Which build a tap on the message opens: formal in production, developer or trial while testing. */
  miniprogramState?: 'formal' | 'trial' | 'developer';
}

/**
 * Mini-program subscription messages (subscribeMessage.send) over WeChat's server API. WeChat
 * takes no idempotency key here, so a timeout leaves the outcome unknown: the engine's ledger of
 * keys is the only guard against a second delivery.
 */
export class MpSubscribeHttpAdapter implements ChannelSender<'mp_subscribe'> {
  private readonly client: WechatAppClient;

  constructor(private readonly o: MpSubscribeOptions) {
    this.client = new WechatAppClient(o, {
      43101: { code: 'no_consent', retryable: false, hint: 'the customer has not subscribed to this template (or used up a one-time consent, or cancelled)' },
      41030: { code: 'invalid_page', retryable: false, hint: 'the page does not exist in the released mini-program' },
    });
  }

  send(req: ChannelSendOf<'mp_subscribe'>): Promise<ChannelResult> {
    const m = req.message;
    return this.client.post('/cgi-bin/message/subscribe/send', {
      touser: req.recipient,
      template_id: m.templateId,
      ...(m.page ? { page: m.page } : {}),
      data: templateData(m.data),
      miniprogram_state: this.o.miniprogramState ?? 'formal',
      lang: 'zh_CN',
    });
  }
}

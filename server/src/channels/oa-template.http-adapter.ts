import type { ChannelResult, ChannelSender, ChannelSendOf } from './channel.port';
import { providerRef } from './provider-ref';
import { templateData, WechatAppClient, type WechatAppOptions } from './wechat-app.client';

/**
 * Official-account template messages (message/template/send) over WeChat's server API, with the
 * official account's own appid and secret. The key goes as `client_msg_id`, WeChat's guard against
 * re-entry: for one openid and client_msg_id it sends one message, for ten minutes (beyond that
 * WeChat promises nothing, so the engine's ledger of keys still matters).
 */
export class OaTemplateHttpAdapter implements ChannelSender<'oa_template'> {
  private readonly client: WechatAppClient;

  constructor(o: WechatAppOptions) {
    this.client = new WechatAppClient(o, {
      43004: { code: 'not_following', retryable: false, hint: 'the customer does not follow the official account (any more)' },
      40036: { code: 'invalid_template', retryable: false, hint: 'the template id has the wrong size' },
    });
  }

  send(req: ChannelSendOf<'oa_template'>): Promise<ChannelResult> {
    const m = req.message;
    return this.client.post('/cgi-bin/message/template/send', {
      touser: req.recipient,
      template_id: m.templateId,
      ...(m.url ? { url: m.url } : {}),
      client_msg_id: providerRef(req.key),
      data: templateData(m.data),
    });
  }
}

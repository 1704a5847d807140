import type { JourneyAttachment } from '@lodestar/shared';
import { WecomApiError, type MassAttachment, type WecomApiPort } from '../wecom';
import { failed, sent, type ChannelResult, type ChannelSender, type ChannelSendOf } from './channel.port';

export interface WecomMassOptions {
  /** The WeCom API with the customer-contact secret (its HTTP adapter keeps the token and retries). */
  wecom: Pick<WecomApiPort, 'createMassMessage'>;
  /**
   * What a mini-program attachment needs beyond our title and page: the mini-program's appid and
   * a cover image as a WeCom media id. Uploaded media live three days, so the media id is asked
   * for at each send. Without it, a message with a mini-program attachment fails (not retryable).
   */
  miniprogram?: { appId: string; coverMediaId: () => Promise<string> };
}

/** WeCom's errcodes in our vocabulary, for the ones a journey can act on. */
const meanings: Record<number, { code: string; retryable: boolean }> = {
  [-1]: { code: 'busy', retryable: true },
  45009: { code: 'rate_limited', retryable: true },
  45033: { code: 'rate_limited', retryable: true },
  84061: { code: 'no_relationship', retryable: false },
  40096: { code: 'invalid_recipient', retryable: false },
  60111: { code: 'invalid_sender', retryable: false },
};

/**
 * WeCom's docs want a mini-program attachment's page with an .html suffix on the path (before any
 * query), or WeChat cannot find the page; our pages are written the mini-program's way, without it.
 */
export function wecomPagePath(page: string): string {
  const [path = '', query] = page.split(/\?(.*)/s, 2);
  const withSuffix = path.endsWith('.html') ? path : `${path}.html`;
  return query === undefined ? withSuffix : `${withSuffix}?${query}`;
}

/**
 * A WeCom mass-send task (add_msg_template, chat_type single) to one customer from their agent,
 * who confirms it in the WeCom client. "Sent" means WeCom accepted the task; whether the agent
 * confirmed it is read later from the send results. add_msg_template takes no idempotency key, so
 * the engine's ledger of keys is the only guard against a second task for the same key.
 */
export class WecomMassAdapter implements ChannelSender<'wecom_mass'> {
  constructor(private readonly o: WecomMassOptions) {}

  async send(req: ChannelSendOf<'wecom_mass'>): Promise<ChannelResult> {
    if (!req.senderUserId) return failed(false, 'no_sender', 'a WeCom mass send needs the agent who sends it, and the customer has none');
    try {
      const attachments: MassAttachment[] = [];
      for (const a of req.message.attachments ?? []) {
        const mapped = await this.attachment(a);
        if (!mapped) return failed(false, 'miniprogram_not_configured', 'a mini-program attachment needs the mini-program appid and a cover image, and none is configured');
        attachments.push(mapped);
      }
      const res = await this.o.wecom.createMassMessage({
        chatType: 'single',
        senderUserId: req.senderUserId,
        externalUserIds: [req.recipient],
        text: req.message.text,
        ...(attachments.length ? { attachments } : {}),
      });
      if (res.failedExternalUserIds.includes(req.recipient)) {
        return failed(false, 'refused', 'WeCom refused the recipient: not a customer of this agent, or their monthly limit of mass messages is reached');
      }
      return sent(res.msgId);
    } catch (error) {
      // The WeCom client has already refreshed tokens and retried busy answers; what is left is final or for later.
      if (!(error instanceof WecomApiError)) throw error;
      const m = meanings[error.errcode] ?? { code: `wecom_${error.errcode}`, retryable: false };
      return failed(m.retryable, m.code, error.message);
    }
  }

  private async attachment(a: JourneyAttachment): Promise<MassAttachment | null> {
    switch (a.type) {
      case 'link':
        return { kind: 'link', title: a.title, url: a.url, ...(a.description ? { desc: a.description } : {}) };
      case 'miniprogram': {
        const mp = this.o.miniprogram;
        if (!mp) return null;
        return { kind: 'miniprogram', title: a.title, appId: mp.appId, page: wecomPagePath(a.page), picMediaId: await mp.coverMediaId() };
      }
      default: {
        const never: never = a;
        throw new Error(`unknown attachment ${JSON.stringify(never)}`);
      }
    }
  }
}

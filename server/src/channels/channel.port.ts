import type { ChannelKind, JourneyMessage } from '@lodestar/shared';

/** One message to one customer on one channel, as the journey engine hands it over. */
export interface ChannelSend {
  /** Idempotency key: the same key is never delivered twice (the engine retries after crashes with the same key). */
  key: string;
  corpId: string;
  customerId: string;
  /** The address on this channel, resolved by the engine: openid (mp_subscribe), official-account openid (oa_template), phone in clear (sms), external_userid (wecom_*). */
  recipient: string;
  /** The agent's WeCom userid, for wecom_task / wecom_mass (the sender who confirms). */
  senderUserId: string | null;
  /** The message with placeholders already filled. */
  message: JourneyMessage;
}

/**
 * What came of a send. A failure says whether trying the same key again later may succeed
 * (busy, throttled, unreachable, timed out) or never will (no consent, bad address, bad template),
 * so the engine can schedule a retry or give up without knowing any provider's error codes.
 */
export type ChannelResult = { status: 'sent'; providerId: string | null } | { status: 'failed'; retryable: boolean; code: string; message: string };

/** The one port the journey engine sends through. */
export interface ChannelPort {
  send(req: ChannelSend): Promise<ChannelResult>;
}

/** The message variant of one channel. */
export type MessageOf<K extends ChannelKind> = Extract<JourneyMessage, { channel: K }>;

/** A send already narrowed to one channel: what each adapter receives from the dispatcher. */
export type ChannelSendOf<K extends ChannelKind> = Omit<ChannelSend, 'message'> & { message: MessageOf<K> };

/** One channel's adapter. Narrowing here means an adapter never has to re-check the channel. */
export interface ChannelSender<K extends ChannelKind> {
  send(req: ChannelSendOf<K>): Promise<ChannelResult>;
}

/** Shorthands so adapters read the same way. */
export const sent = (providerId: string | null): ChannelResult => ({ status: 'sent', providerId });
export const failed = (retryable: boolean, code: string, message: string): ChannelResult => ({ status: 'failed', retryable, code, message });

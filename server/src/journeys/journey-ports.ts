import type { ChannelKind, JourneyNoticePayload, JourneyStage, LeadProductLine } from '@lodestar/shared';
import type { ChannelPort, ChannelResult, ChannelSend } from '../channels';

/**
 * What the runner asks of the rest of the product, as small ports the composition root fills
 * (channels, tagging, stages, the leads domain's hand-off, agent notifications). The runner's
 * tests pass fakes; the product passes the real services.
 */

/** The channels port of the channels domain: one send, with our idempotency key. */
export type JourneySendRequest = ChannelSend;
export type JourneySendResult = ChannelResult;
export type JourneyChannels = ChannelPort;

export interface JourneyTagEdit {
  customerId: string;
  group: string | undefined;
  add: readonly string[];
  remove: readonly string[];
}

export interface JourneyEffectPorts {
  channels: JourneyChannels;
  tags(corpId: string, edits: readonly JourneyTagEdit[], evidence: string, at: Date): Promise<void>;
  setStage(corpId: string, customerIds: readonly string[], stage: JourneyStage, at: Date): Promise<void>;
  handOff(req: { corpId: string; customerId: string; productLine: LeadProductLine; reason: string; origin: string }): Promise<{ staffId: string | null; leadId: string }>;
  notify(corpId: string, staffId: string, payload: JourneyNoticePayload): Promise<void>;
  /** The phone number in clear, for SMS only. */
  phone(cipher: string): string;
}

/**
 * Channels that accept our idempotency key end to end (the SMS gateway's clientRef, our own
 * sidebar tasks): a send left pending by a crashed worker is retried with the same key. On the
 * others (WeChat and WeCom have no such key) it is not retried but parked for a person, so
 * nothing is ever sent twice.
 */
export const idempotentChannels: readonly ChannelKind[] = ['sms', 'wecom_task'];

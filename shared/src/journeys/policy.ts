import { z } from 'zod';
import { localTimeSchema } from './common';
import { channelKinds, channelKindSchema } from './messages';

const cap = z
  .object({ perDay: z.number().int().min(0).max(1000).optional(), perWeek: z.number().int().min(0).max(10_000).optional(), perMonth: z.number().int().min(0).max(100_000).optional() })
  .strict();

/**
 * The corp's outbound policy, applied to every journey send in one place: quiet hours in the
 * customer's time zone, frequency caps per channel across all journeys, per-channel rate limits,
 * and the platforms' own caps (a WeCom mass-send monthly cap; subscription messages need consent).
 */
export const journeyPolicySchema = z
  .object({
    quietHours: z
      .object({ start: localTimeSchema, end: localTimeSchema, channels: z.array(channelKindSchema).default([...channelKinds]) })
      .strict()
      .nullable()
      .describe('no message goes out between start and end (local); held until the window opens'),
    caps: z.partialRecord(channelKindSchema, cap).default({}).describe('at most this many messages a customer receives per channel, across all journeys'),
    rateLimitsPerMinute: z.partialRecord(channelKindSchema, z.number().int().min(1).max(1_000_000)).default({}).describe('sends a minute per channel, all journeys'),
    wecomMassMonthlyCap: z.number().int().min(1).max(31).default(4).describe('WeCom’s own cap on mass-send messages a customer receives a month (configurable: WeCom has changed it)'),
    dropAfterHeldMs: z.number().int().min(60_000).max(30 * 86_400_000).default(3 * 86_400_000).describe('a message held longer than this is dropped'),
  })
  .strict();
export type JourneyPolicy = z.infer<typeof journeyPolicySchema>;
export type JourneyPolicyInput = z.input<typeof journeyPolicySchema>;

export const defaultJourneyPolicy: JourneyPolicy = journeyPolicySchema.parse({
  quietHours: { start: '21:30', end: '08:30' },
  caps: { sms: { perWeek: 2, perMonth: 4 }, oa_template: { perDay: 2 }, mp_subscribe: { perDay: 3 }, wecom_task: { perDay: 3 }, wecom_mass: { perDay: 1 } },
  rateLimitsPerMinute: {},
});

/** What became of one send. */
export const sendOutcomes = ['sent', 'held', 'skipped', 'dropped', 'failed', 'holdout'] as const;
export const sendOutcomeSchema = z.enum(sendOutcomes);
export type SendOutcome = z.infer<typeof sendOutcomeSchema>;

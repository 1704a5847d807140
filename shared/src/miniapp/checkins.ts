import { z } from 'zod';
import { isoTime, mpLocalDateSchema, mpMonthSchema, mpRequestIdSchema } from './common';

/** Check-ins and points (see index.ts). */
export const mpCheckinQuerySchema = z
  .object({ month: mpMonthSchema.optional().describe('YYYY-MM in the customer’s zone; default: this month') })
  .strict();
export type MpCheckinQuery = z.infer<typeof mpCheckinQuerySchema>;

export const mpCheckinRewardSchema = z
  .object({ day: z.number().int().describe('the streak day that earns it'), title: z.string(), points: z.number().int() })
  .meta({ id: 'MpCheckinReward' });
export type MpCheckinReward = z.infer<typeof mpCheckinRewardSchema>;

export const mpCheckinCalendarSchema = z
  .object({
    timezone: z.string(),
    today: mpLocalDateSchema,
    checkedToday: z.boolean(),
    streak: z.number().int().describe('consecutive local days up to today (or yesterday, when today is not checked yet)'),
    days: z.array(mpLocalDateSchema).describe('the dates checked in during the month, ascending'),
    rewards: z.array(mpCheckinRewardSchema),
    nextReward: z.object({ inDays: z.number().int(), title: z.string() }).nullable(),
    balance: z.number().int(),
  })
  .meta({ id: 'MpCheckinCalendar' });
export type MpCheckinCalendar = z.infer<typeof mpCheckinCalendarSchema>;

export const mpCheckinRequestSchema = z.object({ requestId: mpRequestIdSchema }).strict().meta({ id: 'MpCheckinRequest' });
export type MpCheckinRequest = z.infer<typeof mpCheckinRequestSchema>;

export const mpCheckinResultSchema = z
  .object({
    date: mpLocalDateSchema,
    streak: z.number().int(),
    pointsAwarded: z.number().int().describe('base points plus any reward; 0 when already checked in'),
    reward: z.object({ title: z.string(), points: z.number().int() }).nullable(),
    balance: z.number().int(),
    already: z.boolean().describe('true: the customer had checked in that day already; nothing was awarded'),
  })
  .meta({ id: 'MpCheckinResult' });
export type MpCheckinResult = z.infer<typeof mpCheckinResultSchema>;

/** Why points moved. */
export const mpPointsReasons = ['checkin', 'streak_reward', 'referral_reward', 'quiz', 'lottery', 'adjustment'] as const;
export const mpPointsReasonSchema = z.enum(mpPointsReasons);
export type MpPointsReason = z.infer<typeof mpPointsReasonSchema>;

export const mpPointsEntrySchema = z
  .object({
    id: z.string(),
    delta: z.number().int(),
    reason: mpPointsReasonSchema,
    ref: z.string().nullable().describe('what earned it: a local date, a referee, an activity'),
    at: isoTime,
  })
  .meta({ id: 'MpPointsEntry' });
export type MpPointsEntry = z.infer<typeof mpPointsEntrySchema>;

export const mpPointsSchema = z
  .object({ balance: z.number().int().describe('the sum of every entry'), entries: z.array(mpPointsEntrySchema).describe('newest first, at most 200') })
  .meta({ id: 'MpPoints' });
export type MpPoints = z.infer<typeof mpPointsSchema>;

export const mpSubscriptionScenes = ['checkin_reminder', 'activity_reminder'] as const;
export const mpSubscriptionSceneSchema = z.enum(mpSubscriptionScenes);
export type MpSubscriptionScene = z.infer<typeof mpSubscriptionSceneSchema>;

export const mpSubscriptionRequestSchema = z
  .object({
    templateId: z.string().min(1).max(128),
    scene: mpSubscriptionSceneSchema,
    result: z.enum(['accept', 'reject']).describe('what wx.requestSubscribeMessage answered for the template'),
  })
  .strict()
  .meta({ id: 'MpSubscriptionRequest' });
export type MpSubscriptionRequest = z.infer<typeof mpSubscriptionRequestSchema>;

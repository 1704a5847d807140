import { z } from 'zod';
import { segmentRuleSchema } from '../segments';
import { eventNameSchema, journeyEventWhereSchema, localTimeSchema, stepIdSchema, weekdaySchema } from './common';
import { journeyStepSchema } from './step';

/** When a schedule fires: in each customer's own time zone (the corp's default when unknown). */
export const journeyScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), time: localTimeSchema }).strict().describe('every day at a local time'),
  z.object({ kind: z.literal('weekly'), weekdays: z.array(weekdaySchema).min(1).max(7), time: localTimeSchema }).strict().describe('on these weekdays (1 = Monday) at a local time'),
  z
    .object({ kind: z.literal('cron'), expr: z.string().min(9).max(100).describe('five fields: minute hour day-of-month month day-of-week') })
    .strict()
    .describe('a cron expression, read in the customer’s time zone'),
]);
export type JourneySchedule = z.infer<typeof journeyScheduleSchema>;

/** What puts customers into a journey. */
export const journeyTriggerSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('event'),
      event: eventNameSchema,
      where: journeyEventWhereSchema.optional(),
      instanceKeyProperty: z.string().min(1).max(64).optional().describe('a property (e.g. policy_no) that keys the instance: one customer can be in several'),
    })
    .strict()
    .describe('a tracking or engine event, with property conditions'),
  z
    .object({
      type: z.literal('segment'),
      segmentId: z.string().min(1).max(64),
      includeMembers: z.boolean().optional().describe('also enrol the customers already in the segment when the journey is first published'),
    })
    .strict()
    .describe('the customer entered a segment'),
  z
    .object({
      type: z.literal('schedule'),
      schedule: journeyScheduleSchema,
      audience: segmentRuleSchema.describe('who is enrolled when the schedule fires'),
    })
    .strict()
    .describe('a schedule in the customer’s own time zone, for an audience'),
  z.object({ type: z.literal('manual') }).strict().describe('enrolled by hand or through the API only'),
]);
export type JourneyTrigger = z.infer<typeof journeyTriggerSchema>;

export const journeyReentrySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }).strict(),
  z.object({ mode: z.literal('after'), days: z.number().int().min(1).max(3650) }).strict(),
  z.object({ mode: z.literal('always') }).strict(),
]);
export type JourneyReentry = z.infer<typeof journeyReentrySchema>;

/** The journey's goal: a conversion event within a window from entry (holdout customers count too). */
export const journeyGoalSchema = z
  .object({ event: eventNameSchema, where: journeyEventWhereSchema.optional(), withinDays: z.number().int().min(1).max(366), exitOnGoal: z.boolean().default(false) })
  .strict();
export type JourneyGoal = z.infer<typeof journeyGoalSchema>;

/** Leave the journey wherever the customer is when this event happens, or when the rule holds at a step. */
export const journeyExitSchema = z
  .object({ event: eventNameSchema.optional(), where: journeyEventWhereSchema.optional(), rule: segmentRuleSchema.optional() })
  .strict()
  .refine((e) => e.event !== undefined || e.rule !== undefined, { message: 'Name an exit event, a rule, or both', path: ['event'] });
export type JourneyExit = z.infer<typeof journeyExitSchema>;

/** A journey as operations staff draw it: validated on save, published as immutable versions. */
export const journeyDefinitionSchema = z
  .object({
    trigger: journeyTriggerSchema,
    reentry: journeyReentrySchema.default({ mode: 'never' }),
    entry: stepIdSchema.describe('the first step'),
    steps: z.array(journeyStepSchema).min(1).max(200),
    goal: journeyGoalSchema.optional(),
    exit: journeyExitSchema.optional(),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).optional().describe('sends a minute from this journey, all channels'),
  })
  .strict();
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;
export type JourneyDefinitionInput = z.input<typeof journeyDefinitionSchema>;

import { z } from 'zod';
import { journeyStageSchema } from '../customers';
import { analyticsPeriodQuerySchema } from './common';

/** One funnel step: an event by name (tracking, mini-program, WeCom events) or entering a journey stage. */
export const funnelStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), name: z.string().trim().min(1).max(100), label: z.string().trim().max(40).optional() }).strict(),
  z.object({ kind: z.literal('stage'), stage: journeyStageSchema, label: z.string().trim().max(40).optional() }).strict(),
]);
export type FunnelStep = z.infer<typeof funnelStepSchema>;

export const funnelRequestSchema = analyticsPeriodQuerySchema
  .extend({
    steps: z.array(funnelStepSchema).min(2).max(10),
    windowDays: z.number().int().min(1).max(180).default(30).describe('each customer must reach the last step within this many days of the first'),
  })
  .strict()
  .meta({ id: 'FunnelRequest' });
export type FunnelRequest = z.infer<typeof funnelRequestSchema>;

export const funnelStepResultSchema = z.object({
  label: z.string(),
  customers: z.number().int().describe('customers who reached this step, in order, within the window'),
  fromPrevious: z.number().nullable().describe('customers / the previous step’s customers'),
  fromFirst: z.number().nullable().describe('customers / the first step’s customers'),
  dropOff: z.number().int().describe('previous step’s customers who did not reach this one (0 for the first step)'),
  medianDaysFromPrevious: z.number().nullable().describe('median days from the previous step to this one, among those who reached it'),
});
export const funnelResultSchema = z
  .object({
    steps: z.array(funnelStepResultSchema),
    overall: z.number().nullable().describe('last step’s customers / first step’s customers'),
    windowDays: z.number().int(),
    from: z.string(),
    to: z.string(),
  })
  .meta({ id: 'FunnelResult' });
export type FunnelResult = z.infer<typeof funnelResultSchema>;

export const retentionRequestSchema = analyticsPeriodQuerySchema
  .extend({
    startEvent: z.string().trim().min(1).max(100),
    returnEvent: z.string().trim().min(1).max(100),
    cohort: z.enum(['day', 'week']).default('day'),
    days: z.array(z.number().int().min(1).max(365)).min(1).max(12).default([1, 3, 7, 14, 30]),
    mode: z.enum(['bounded', 'unbounded']).default('bounded').describe('bounded: returned on exactly day N; unbounded: on day N or any later day'),
  })
  .strict()
  .meta({ id: 'RetentionRequest' });
export type RetentionRequest = z.infer<typeof retentionRequestSchema>;

export const retentionResultSchema = z
  .object({
    days: z.array(z.number().int()),
    mode: z.enum(['bounded', 'unbounded']),
    cohorts: z.array(
      z.object({
        start: z.string().describe('the cohort’s first local day (YYYY-MM-DD); a week cohort starts on Monday'),
        size: z.number().int(),
        returned: z.array(z.number().int().nullable()).describe('per day in `days`; null when that day has not come yet'),
        rates: z.array(z.number().nullable()),
      }),
    ),
    overall: z.array(z.number().nullable()).describe('per day: returned / size over the cohorts old enough'),
  })
  .meta({ id: 'RetentionResult' });
export type RetentionResult = z.infer<typeof retentionResultSchema>;

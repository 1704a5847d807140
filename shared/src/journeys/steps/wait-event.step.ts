import { z } from 'zod';
import { durationMsSchema, eventNameSchema, journeyEventWhereSchema, stepBase, stepIdSchema } from '../common';

/**
 * Wait for an event, with a timeout branch. An event that already happened since the customer's
 * last wait ended (or within `lookbackMs` before arriving) satisfies the step on arrival.
 */
export const waitEventStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('wait_event'),
    event: eventNameSchema,
    where: journeyEventWhereSchema.optional(),
    timeoutMs: durationMsSchema,
    lookbackMs: z.number().int().min(0).max(366 * 86_400_000).optional().describe('also count events this long before the customer arrived'),
    next: stepIdSchema.describe('the event happened'),
    timeoutNext: stepIdSchema.describe('the timeout ran out first'),
  })
  .strict()
  .describe('wait for an event, or take the timeout branch');

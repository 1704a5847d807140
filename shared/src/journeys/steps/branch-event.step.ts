import { z } from 'zod';
import { durationMsSchema, eventNameSchema, journeyEventWhereSchema, stepBase, stepIdSchema } from '../common';

/** Branch on whether an event happened within a window before now. */
export const branchEventStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('branch_event'),
    event: eventNameSchema,
    where: journeyEventWhereSchema.optional(),
    withinMs: durationMsSchema.describe('how far back to look'),
    minCount: z.number().int().min(1).max(1000).default(1),
    yes: stepIdSchema,
    no: stepIdSchema,
  })
  .strict()
  .describe('branch on whether the customer did something recently');

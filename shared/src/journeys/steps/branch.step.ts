import { z } from 'zod';
import { segmentRuleSchema } from '../../segments';
import { durationMsSchema, eventNameSchema, journeyEventWhereSchema, stepBase, stepIdSchema } from '../common';

/** Branch on the customer: attributes, profile, tags, score, grade, stage, policies, segment membership (the segment rule language). */
export const branchStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('branch'),
    branches: z
      .array(z.object({ name: z.string().min(1).max(80).optional(), when: segmentRuleSchema, next: stepIdSchema }).strict())
      .min(1)
      .max(10)
      .describe('tried in order; the first that holds wins'),
    otherwise: stepIdSchema.describe('no branch held'),
  })
  .strict()
  .describe('branch on who the customer is now');

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

/** A random split by percentage (stable per customer and journey). */
export const splitStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('split'),
    paths: z
      .array(z.object({ name: z.string().min(1).max(80).optional(), percent: z.number().int().min(1).max(99), next: stepIdSchema }).strict())
      .min(2)
      .max(10),
  })
  .strict()
  .refine((s) => s.paths.reduce((n, p) => n + p.percent, 0) === 100, { message: 'The split’s percentages must add up to 100', path: ['paths'] })
  .describe('send customers down paths at random, in fixed shares');

/** A holdout group: a stable share of customers receives nothing from here on, so the goal's uplift can be measured. */
export const holdoutStepSchema = z
  .object({ ...stepBase, type: z.literal('holdout'), percent: z.number().int().min(1).max(50), next: stepIdSchema.describe('the treated customers') })
  .strict()
  .describe('hold a stable share of customers out (recorded; their goal conversions still count)');

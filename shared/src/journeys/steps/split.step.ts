import { z } from 'zod';
import { stepBase, stepIdSchema } from '../common';

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

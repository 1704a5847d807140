import { z } from 'zod';
import { stepBase, stepIdSchema } from '../common';

/** A holdout group: a stable share of customers receives nothing from here on, so the goal's uplift can be measured. */
export const holdoutStepSchema = z
  .object({ ...stepBase, type: z.literal('holdout'), percent: z.number().int().min(1).max(50), next: stepIdSchema.describe('the treated customers') })
  .strict()
  .describe('hold a stable share of customers out (recorded; their goal conversions still count)');

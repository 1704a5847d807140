import { z } from 'zod';
import { segmentRuleSchema } from '../../segments';
import { stepBase, stepIdSchema } from '../common';

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

import { z } from 'zod';
import { productLineSchema } from '../../segments';
import { stepBase, stepIdSchema } from '../common';

/** Hand the customer to an agent through the assignment rules (a lead of the product line is opened if none is). */
export const handoffStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('handoff'),
    productLine: productLineSchema,
    reason: z.string().min(1).max(200),
    next: stepIdSchema,
  })
  .strict()
  .describe('hand to an agent by the assignment rules (e.g. a rule for senior agents on this product line)');

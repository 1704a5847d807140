import { z } from 'zod';
import { stepBase } from '../common';

/** Leave the journey here. */
export const exitStepSchema = z
  .object({ ...stepBase, type: z.literal('exit'), reason: z.string().min(1).max(100).optional() })
  .strict()
  .describe('the customer leaves the journey');

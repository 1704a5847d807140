import { z } from 'zod';
import { stepBase, stepIdSchema, templateTextSchema } from '../common';

/** Tell the customer's agent now, in the sidebar's live feed. */
export const notifyAgentStepSchema = z
  .object({ ...stepBase, type: z.literal('notify_agent'), title: z.string().min(1).max(100), body: templateTextSchema, next: stepIdSchema })
  .strict()
  .describe('notify the customer’s agent in real time');

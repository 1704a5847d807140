import { z } from 'zod';
import { stepBase, stepIdSchema } from '../common';
import { journeyMessageSchema } from '../messages';

/** Send a message through the channels port (the policy layer may hold, skip or drop it). */
export const sendStepSchema = z
  .object({ ...stepBase, type: z.literal('send'), message: journeyMessageSchema, next: stepIdSchema })
  .strict()
  .describe('send a message on one channel');

import { z } from 'zod';
import { durationMsSchema, stepBase, stepIdSchema } from '../common';

/** Wait a fixed duration. */
export const waitStepSchema = z
  .object({ ...stepBase, type: z.literal('wait'), durationMs: durationMsSchema, next: stepIdSchema })
  .strict()
  .describe('wait a duration, then go on');

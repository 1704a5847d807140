import { z } from 'zod';
import { journeyStageSchema } from '../../customers';
import { stepBase, stepIdSchema } from '../common';

/** Move the customer to a stage of the six-stage journey. */
export const setStageStep = z
  .object({ ...stepBase, type: z.literal('set_stage'), stage: journeyStageSchema, next: stepIdSchema })
  .strict()
  .describe('set the customer’s stage');

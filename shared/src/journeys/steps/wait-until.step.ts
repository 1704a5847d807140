import { z } from 'zod';
import { localTimeSchema, stepBase, stepIdSchema, weekdaySchema } from '../common';

/** Wait until the next local time (in the customer's time zone), optionally on given weekdays only. */
export const waitUntilStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('wait_until'),
    time: localTimeSchema,
    weekdays: z.array(weekdaySchema).min(1).max(7).optional().describe('ISO weekdays (1 = Monday); unset: any day'),
    next: stepIdSchema,
  })
  .strict()
  .describe('wait until the next matching local time in the customer’s time zone (a time already reached today means tomorrow’s)');

import { z } from 'zod';
import { stepBase, stepIdSchema } from '../common';

const tagNames = z.array(z.string().min(1).max(64)).max(20);

/** Put tags on the customer or take them off (source "journey"). */
export const tagStepSchema = z
  .object({ ...stepBase, type: z.literal('tag'), group: z.string().min(1).max(64).optional(), add: tagNames.default([]), remove: tagNames.default([]), next: stepIdSchema })
  .strict()
  .refine((s) => s.add.length + s.remove.length > 0, { message: 'Add or remove at least one tag', path: ['add'] })
  .describe('add or remove tags');

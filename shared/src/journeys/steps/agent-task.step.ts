import { z } from 'zod';
import { durationMsSchema, stepBase, stepIdSchema, templateTextSchema } from '../common';

export const agentTaskKinds = ['call', 'chat', 'invite'] as const;

/** A task on the agent's to-do list. */
export const agentTaskStepSchema = z
  .object({
    ...stepBase,
    type: z.literal('agent_task'),
    kind: z.enum(agentTaskKinds),
    title: z.string().min(1).max(100),
    note: templateTextSchema.optional(),
    dueInMs: durationMsSchema.optional().describe('due this long after it is created; unset: due at once'),
    next: stepIdSchema,
  })
  .strict()
  .describe('create a task for the customer’s agent (call, chat, invite)');

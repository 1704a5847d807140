import { z } from 'zod';
import { journeyStageSchema } from '../../customers';
import { productLineSchema } from '../../segments';
import { durationMsSchema, stepBase, stepIdSchema, templateTextSchema } from '../common';
import { journeyMessageSchema } from '../messages';

/** Send a message through the channels port (the policy layer may hold, skip or drop it). */
export const sendStepSchema = z
  .object({ ...stepBase, type: z.literal('send'), message: journeyMessageSchema, next: stepIdSchema })
  .strict()
  .describe('send a message on one channel');

const tagNames = z.array(z.string().min(1).max(64)).max(20);

/** Put tags on the customer or take them off (source "journey"). */
export const tagStepSchema = z
  .object({ ...stepBase, type: z.literal('tag'), group: z.string().min(1).max(64).optional(), add: tagNames.default([]), remove: tagNames.default([]), next: stepIdSchema })
  .strict()
  .refine((s) => s.add.length + s.remove.length > 0, { message: 'Add or remove at least one tag', path: ['add'] })
  .describe('add or remove tags');

/** Move the customer to a stage of the six-stage journey. */
export const setStageStep = z
  .object({ ...stepBase, type: z.literal('set_stage'), stage: journeyStageSchema, next: stepIdSchema })
  .strict()
  .describe('set the customer’s stage');

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

/** Tell the customer's agent now, in the sidebar's live feed. */
export const notifyAgentStepSchema = z
  .object({ ...stepBase, type: z.literal('notify_agent'), title: z.string().min(1).max(100), body: templateTextSchema, next: stepIdSchema })
  .strict()
  .describe('notify the customer’s agent in real time');

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

/** Leave the journey here. */
export const exitStepSchema = z
  .object({ ...stepBase, type: z.literal('exit'), reason: z.string().min(1).max(100).optional() })
  .strict()
  .describe('the customer leaves the journey');

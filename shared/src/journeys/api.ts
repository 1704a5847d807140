import { z } from 'zod';
import { journeyDefinitionSchema } from './definition';
import { sendOutcomeSchema } from './policy';
import { channelKindSchema } from './messages';

export const journeyStatuses = ['draft', 'live', 'paused', 'archived'] as const;
export const journeyStatusSchema = z.enum(journeyStatuses);
export type JourneyStatus = z.infer<typeof journeyStatusSchema>;

export const positionStatuses = ['active', 'waiting', 'parked', 'done', 'exited', 'holdout'] as const;
export const positionStatusSchema = z.enum(positionStatuses);
export type PositionStatus = z.infer<typeof positionStatusSchema>;

/** One problem the validator found, with where it is. */
export const journeyIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), stepId: z.string().nullable(), message: z.string() });
export type JourneyIssue = z.infer<typeof journeyIssueSchema>;

export const journeyInputSchema = z
  .object({ name: z.string().min(1).max(100), description: z.string().max(1000).optional(), definition: journeyDefinitionSchema })
  .strict();
export type JourneyInput = z.infer<typeof journeyInputSchema>;

export const journeySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: journeyStatusSchema,
  /** The draft being edited (what the next publish makes a version of). */
  definition: journeyDefinitionSchema,
  liveVersion: z.number().int().nullable(),
  versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable(), customers: z.number().int() })),
  template: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Journey = z.infer<typeof journeySchema>;

export const journeyListSchema = z.object({
  items: z.array(journeySchema.omit({ definition: true, versions: true }).extend({ active: z.number().int(), entered: z.number().int() })),
});

export const enrolRequestSchema = z
  .object({
    customerIds: z.array(z.string().min(1).max(64)).min(1).max(10_000),
    instanceKey: z.string().min(1).max(64).optional(),
  })
  .strict();
export const enrolResultSchema = z.object({ enrolled: z.number().int(), skipped: z.array(z.object({ customerId: z.string(), reason: z.string() })) });
export type EnrolResult = z.infer<typeof enrolResultSchema>;

export const stepStatsSchema = z.object({
  stepId: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  entered: z.number().int(),
  waiting: z.number().int(),
  passed: z.number().int(),
  exited: z.number().int(),
  parked: z.number().int(),
  converted: z.number().int().describe('customers who reached the goal after passing this step'),
  edges: z.array(z.object({ label: z.string(), to: z.string(), count: z.number().int() })),
  sends: z.partialRecord(sendOutcomeSchema, z.number().int()),
});

export const journeyStatsSchema = z.object({
  journeyId: z.string(),
  version: z.number().int().nullable(),
  customers: z.object({ total: z.number().int(), active: z.number().int(), waiting: z.number().int(), parked: z.number().int(), done: z.number().int(), exited: z.number().int(), holdout: z.number().int() }),
  goal: z
    .object({
      event: z.string(),
      treated: z.object({ customers: z.number().int(), converted: z.number().int(), rate: z.number() }),
      holdout: z.object({ customers: z.number().int(), converted: z.number().int(), rate: z.number() }),
      uplift: z.number().nullable().describe('treated rate minus holdout rate, in percentage points'),
    })
    .nullable(),
  steps: z.array(stepStatsSchema),
});
export type JourneyStats = z.infer<typeof journeyStatsSchema>;

export const positionSchema = z.object({
  id: z.string(),
  journeyId: z.string(),
  version: z.number().int(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  instanceKey: z.string(),
  stepId: z.string(),
  status: positionStatusSchema,
  wakeAt: z.string().nullable(),
  waitingFor: z.string().nullable(),
  parkedReason: z.string().nullable(),
  enteredAt: z.string(),
  convertedAt: z.string().nullable(),
});
export type JourneyPosition = z.infer<typeof positionSchema>;

export const positionListQuerySchema = z.object({
  status: positionStatusSchema.optional(),
  stepId: z.string().max(40).optional(),
  customerId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const journeySendSchema = z.object({
  id: z.string(),
  journeyId: z.string(),
  stepId: z.string(),
  customerId: z.string(),
  channel: channelKindSchema,
  outcome: sendOutcomeSchema,
  reason: z.string().nullable(),
  at: z.string(),
});
export type JourneySend = z.infer<typeof journeySendSchema>;

export const positionListSchema = z.object({ items: z.array(positionSchema), total: z.number().int() });

/** A task a journey gave an agent (call, chat, invite). */
export const agentTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(['call', 'chat', 'invite']).describe('as the agent_task step’s kind'),
  title: z.string(),
  note: z.string().nullable(),
  status: z.enum(['open', 'done', 'cancelled']),
  source: z.string().describe('journey:<id>:<step>'),
  customerId: z.string(),
  customerName: z.string().nullable(),
  dueAt: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type AgentTask = z.infer<typeof agentTaskSchema>;
export const agentTaskListSchema = z.object({ items: z.array(agentTaskSchema) });
export const agentTaskFinishSchema = z.object({ status: z.enum(['done', 'cancelled']) }).strict();

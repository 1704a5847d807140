import { z } from 'zod';
import { assignmentRuleSetSchema, slaSettingsSchema } from './assignment';
import { leadGradeSchema } from './customers';
import { leadScoreSchema, scoreReasonSchema, scoringModelSchema } from './lead-scoring';
import { productLineSchema } from './segments';

/**
 * A lead: one customer's chance of one more policy in one product line, from one source.
 *
 * calling   cleaned and waiting for a seat group (坐席) to call it
 * ready     cleaned (and called where the source says so): waiting for the assignment rules
 * assigned  with an agent, under the SLA
 * pool      in the common pool (公海): nobody could take it, or the SLA took it back
 * won, lost closed with an outcome (the model learns from these)
 * rejected  dropped by cleaning (invalid or do-not-contact phone), or its number turned out invalid
 */
export const leadStatuses = ['calling', 'ready', 'assigned', 'pool', 'won', 'lost', 'rejected'] as const;
export const leadStatusSchema = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatusSchema>;
/** A customer has at most one lead in these statuses per product line. */
export const openLeadStatuses: readonly LeadStatus[] = ['calling', 'ready', 'assigned', 'pool'];

export type LeadProductLine = z.infer<typeof productLineSchema>;

const id = z.string().min(1).max(64);
const days = z.number().int().min(1).max(366);

/**
 * What a lead source looks for among existing customers. The closed union is dispatched
 * exhaustively by the miner; each kind is one indexed query.
 */
export const leadSourceDefinitionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('orphan_policy'),
      lines: z.array(productLineSchema).min(1).optional().describe('only orphan policies of these lines; unset: every line'),
    })
    .strict()
    .describe('holders of an active policy whose agent left (孤儿单); the lead is for that policy’s line'),
  z
    .object({
      kind: z.literal('coverage_gap'),
      line: productLineSchema.default('critical_illness'),
      coverAtMost: z.number().int().min(0).max(100_000_000).describe('total active cover of the line at most this (0 = none at all)'),
      tagGroup: z.string().min(1).max(64).default('family_stage').describe('a tag of this group (key or name) put on the customer recently'),
      withinDays: days.describe('how recently the tag was put on'),
    })
    .strict()
    .describe('cover of a line at most a sum, and a recent life change (a family-stage tag): e.g. 重疾保额 ≤ 80 万 + 家庭阶段变化'),
  z
    .object({
      kind: z.literal('engagement_jump'),
      recentDays: z.number().int().min(1).max(30),
      baselineDays: z.number().int().min(7).max(180),
      factor: z.number().min(1.1).max(100).describe('events a day in the recent window at least this times the baseline’s'),
      minEvents: z.number().int().min(1).max(10_000).describe('and at least this many events in the recent window'),
    })
    .strict()
    .describe('customers whose activity jumped: the recent window against the baseline before it'),
  z
    .object({
      kind: z.literal('left_contact'),
      event: z.string().min(1).max(100).default('leave_contact').describe('the tracking event a contact form sends'),
      withinDays: days,
      productLineProperty: z.string().min(1).max(64).default('product_line').describe('the event property naming the line, when the form has one'),
    })
    .strict()
    .describe('left contact details on an activity or product page (留资)'),
  z
    .object({ kind: z.literal('segment'), segmentId: id })
    .strict()
    .describe('every member of a segment'),
  z
    .object({ kind: z.literal('handoff') })
    .strict()
    .describe('built in: leads a customer journey hands to an agent; the miner never finds any, the first hand-off of a corp makes the source'),
]);
export type LeadSourceDefinition = z.infer<typeof leadSourceDefinitionSchema>;
export type LeadSourceKind = LeadSourceDefinition['kind'];

export const leadSourceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    productLine: productLineSchema.describe('the line of its leads, unless the source finds one (the orphan policy’s, the form’s)'),
    seatGroupId: id.nullable().default(null).describe('cleaned leads are called by this seat group first; null: straight to assignment'),
    definition: leadSourceDefinitionSchema,
  })
  .strict();
export type LeadSourceInput = z.infer<typeof leadSourceInputSchema>;

export const leadMiningRunSchema = z.object({
  at: z.string(),
  found: z.number().int().describe('customers the source matched'),
  created: z.number().int().describe('new leads'),
  rejected: z.number().int().describe('new leads dropped by cleaning'),
  skipped: z.number().int().describe('customers who already have an open lead of the line'),
});
export type LeadMiningRun = z.infer<typeof leadMiningRunSchema>;

export const leadSourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    productLine: productLineSchema,
    seatGroupId: z.string().nullable(),
    definition: leadSourceDefinitionSchema,
    openLeads: z.number().int(),
    lastRun: leadMiningRunSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LeadSource' });
export type LeadSource = z.infer<typeof leadSourceSchema>;

/** Why cleaning dropped a lead, or sent it straight to the agent who serves the customer. */
export const cleaningVerdicts = ['ok', 'duplicate', 'invalid_phone', 'do_not_contact', 'in_service'] as const;
export type CleaningVerdict = (typeof cleaningVerdicts)[number];

export const leadMoveKinds = [
  'created',
  'rejected',
  'queued_for_call',
  'called',
  'ready',
  'assigned',
  'pooled',
  'reminded',
  'returned',
  'claimed',
  'released',
  'activity',
  'closed',
  'upgraded',
] as const;
export const leadMoveKindSchema = z.enum(leadMoveKinds);
export type LeadMoveKind = z.infer<typeof leadMoveKindSchema>;

export const leadMoveSchema = z.object({
  kind: leadMoveKindSchema,
  at: z.string(),
  from: z.object({ id: z.string(), name: z.string() }).nullable().describe('the agent the lead left'),
  to: z.object({ id: z.string(), name: z.string() }).nullable().describe('the agent the lead went to'),
  ruleId: z.string().nullable(),
  reason: z.string(),
  actor: z.string().describe('system, or the staff member who did it'),
});
export type LeadMove = z.infer<typeof leadMoveSchema>;

export const leadSlaSchema = z.object({
  status: z.enum(['ok', 'remind', 'reclaim']),
  touched: z.boolean(),
  deadline: z.string(),
  remindAt: z.string().nullable(),
  maxDeadline: z.string(),
  reason: z.string(),
});

export const leadSchema = z
  .object({
    id: z.string(),
    customer: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable().describe('masked') }),
    productLine: productLineSchema,
    status: leadStatusSchema,
    source: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    detail: z.string().describe('what the source saw, e.g. the orphan policy number'),
    grade: leadGradeSchema.nullable(),
    score: z.number().nullable(),
    reasons: z.array(scoreReasonSchema),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    seatGroupId: z.string().nullable(),
    assignedAt: z.string().nullable(),
    sla: leadSlaSchema.nullable(),
    rejectReason: z.string().nullable(),
    outcome: z.string().nullable(),
    suggestedMessage: z.string().describe('a first message for the agent, from the source and the strongest reason'),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof leadSchema>;

export const leadDetailSchema = leadSchema
  .and(
    z.object({
      moves: z.array(leadMoveSchema),
      calls: z.array(
        z.object({
          id: z.string(),
          at: z.string(),
          seat: z.object({ id: z.string(), name: z.string() }),
          connected: z.boolean(),
          intent: z.string(),
          nextStep: z.string(),
          note: z.string().nullable(),
        }),
      ),
    }),
  )
  .meta({ id: 'LeadDetail' });
export type LeadDetail = z.infer<typeof leadDetailSchema>;

export const leadListQuerySchema = z
  .object({
    status: leadStatusSchema.optional(),
    open: z.enum(['true', 'false']).optional().describe('true: calling, ready, assigned or pool'),
    grade: leadGradeSchema.optional(),
    ownerStaffId: id.optional(),
    sourceId: id.optional(),
    productLine: productLineSchema.optional(),
    customerId: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type LeadListQuery = z.infer<typeof leadListQuerySchema>;

export const leadListSchema = z.object({ items: z.array(leadSchema), total: z.number().int() }).meta({ id: 'LeadList' });

export const leadActivityInputSchema = z
  .object({ kind: z.enum(['note', 'message', 'call', 'visit']), note: z.string().trim().max(1000).optional() })
  .strict();
export const leadCloseInputSchema = z
  .object({ outcome: z.enum(['won', 'lost']), reason: z.string().trim().min(1).max(500).optional() })
  .strict();
export const leadAssignInputSchema = z.object({ staffId: id, reason: z.string().trim().min(1).max(500).optional() }).strict();

export const leadSettingsSchema = z
  .object({ scoring: scoringModelSchema, assignment: assignmentRuleSetSchema, sla: slaSettingsSchema })
  .meta({ id: 'LeadSettings' });
export type LeadSettings = z.infer<typeof leadSettingsSchema>;

/** One customer's score with its history, newest first. */
export const customerScoreSchema = z
  .object({
    current: leadScoreSchema.and(z.object({ probability: z.number().nullable(), modelVersion: z.number().int().nullable(), at: z.string() })).nullable(),
    history: z.array(z.object({ at: z.string(), fit: z.number(), engagement: z.number(), score: z.number(), grade: leadGradeSchema, probability: z.number().nullable(), cause: z.string() })),
  })
  .meta({ id: 'CustomerScore' });
export type CustomerScore = z.infer<typeof customerScoreSchema>;

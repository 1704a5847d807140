import { z } from 'zod';
import { leadGradeSchema } from './customers';
import { scoreReasonSchema } from './lead-scoring';
import { productLineSchema } from './segments';
import { chatInsightPayloadSchema, complianceNoticePayloadSchema, type ChatInsightPayload, type ComplianceNoticePayload } from './chat';

/**
 * What the agent's sidebar is told at once (server-sent events from GET /api/leads/stream, and the
 * list at GET /api/notifications).
 *
 * lead.assigned      a lead was given to the agent
 * lead.upgraded      one of the agent's leads reached a better grade
 * lead.sla_reminder  one of the agent's leads is near its SLA deadline without a first touch
 * lead.returned      one of the agent's leads went back to the pool (公海)
 * journey.notice     a journey's note about one of the agent's customers
 * chat.insight       the customer's last message showed a need, an objection or an intent: what to say
 * compliance.alert   (team leads) an agent's message broke a compliance rule
 * proposal.viewed    a customer opened a proposal (计划书) the agent shared, in the mini-program
 */
export const agentNotificationKinds = ['lead.assigned', 'lead.upgraded', 'lead.sla_reminder', 'lead.returned', 'journey.notice', 'chat.insight', 'compliance.alert', 'sop.task', 'proposal.viewed'] as const;
export const agentNotificationKindSchema = z.enum(agentNotificationKinds).meta({ id: 'AgentNotificationKind' });
export type AgentNotificationKind = z.infer<typeof agentNotificationKindSchema>;

/** The lead as the sidebar card shows it: who, which line, how good, why, and what to say first. */
export const leadNoticePayloadSchema = z
  .object({
    leadId: z.string(),
    customer: z.object({ id: z.string(), name: z.string() }),
    productLine: productLineSchema,
    grade: leadGradeSchema.nullable().describe('null while the lead is not scored yet'),
    score: z.number().nullable(),
    reasons: z.array(scoreReasonSchema).max(3).describe('the three strongest reasons of the score, strongest first'),
    suggestedMessage: z.string().describe('a first message the agent could send the customer'),
    slaDeadline: z.string().optional().describe('when the lead goes back to the pool without a first touch (assigned leads)'),
    source: z.object({ name: z.string(), kind: z.string() }),
  })
  .meta({ id: 'LeadNoticePayload' });
export type LeadNoticePayload = z.infer<typeof leadNoticePayloadSchema>;

/** A journey's real-time note to the customer's agent (notify_agent steps). */
export const journeyNoticePayloadSchema = z
  .object({
    journey: z.object({ id: z.string(), name: z.string() }),
    customer: z.object({ id: z.string(), name: z.string() }),
    title: z.string(),
    body: z.string(),
  })
  .meta({ id: 'JourneyNoticePayload' });
export type JourneyNoticePayload = z.infer<typeof journeyNoticePayloadSchema>;

/** A group SOP task for the agent (created, a reminder, overdue), or an overdue one for the team lead. */
export const sopNoticePayloadSchema = z
  .object({
    task: z.object({ id: z.string(), planName: z.string(), stepName: z.string(), targetName: z.string(), dueAt: z.string(), mode: z.enum(['mass', 'manual']) }),
    reason: z.enum(['created', 'reminder', 'overdue']),
    owner: z.object({ id: z.string(), name: z.string() }),
    text: z.string().describe('the content ready to send, or what to confirm in the WeCom client'),
  })
  .meta({ id: 'SopNoticePayload' });
export type SopNoticePayload = z.infer<typeof sopNoticePayloadSchema>;

/** A customer opened a proposal the agent shared (every opening notifies: a second look is a buying signal too). */
export const proposalViewedPayloadSchema = z
  .object({
    proposal: z.object({ id: z.string(), totalPremium: z.number(), items: z.number().int().describe('how many products it holds') }),
    customer: z.object({ id: z.string(), name: z.string() }),
    views: z.number().int().describe('how often the customer has opened it, this time included'),
    at: z.string(),
  })
  .meta({ id: 'ProposalViewedPayload' });
export type ProposalViewedPayload = z.infer<typeof proposalViewedPayloadSchema>;

export const agentNotificationSchema = z
  .object({
    id: z.string().describe('also the SSE event id: send it back as Last-Event-ID to resume'),
    kind: agentNotificationKindSchema,
    at: z.string(),
    read: z.boolean(),
    payload: z
      .union([leadNoticePayloadSchema, journeyNoticePayloadSchema, chatInsightPayloadSchema, complianceNoticePayloadSchema, sopNoticePayloadSchema, proposalViewedPayloadSchema])
      .describe('a lead card (lead.*), a journey note (journey.notice), a chat insight (chat.insight), a compliance alert (compliance.alert), an SOP task (sop.task) or a proposal opened (proposal.viewed)'),
  })
  .meta({ id: 'AgentNotification' });
export type AgentNotification = z.infer<typeof agentNotificationSchema>;

export const agentNotificationListQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional().describe('true: only unread ones; false: only read ones'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AgentNotificationListQuery = z.infer<typeof agentNotificationListQuerySchema>;

export const agentNotificationListSchema = z
  .object({ items: z.array(agentNotificationSchema).describe('newest first'), unread: z.number().int().describe('all unread ones of the caller') })
  .meta({ id: 'AgentNotificationList' });
export type AgentNotificationList = z.infer<typeof agentNotificationListSchema>;

export const agentNotificationReadInputSchema = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) })
  .strict()
  .meta({ id: 'AgentNotificationReadInput' });
export type AgentNotificationReadInput = z.infer<typeof agentNotificationReadInputSchema>;

/** Every payload a notification can carry. */
export type AgentNotificationPayload = LeadNoticePayload | JourneyNoticePayload | ChatInsightPayload | ComplianceNoticePayload | SopNoticePayload | ProposalViewedPayload;

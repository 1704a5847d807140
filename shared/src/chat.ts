import { z } from 'zod';
import { productLineSchema } from './segments';

/**
 * Conversation intelligence: the chat archive (会话内容存档), what mining found in each message,
 * compliance rules and alerts, the sales SOP's key nodes, best talk tracks and candidate tags.
 */

/** One archived message as the archive SDK returns it once decrypted (the body is keyed by msgtype). */
export const archivePlaintextSchema = z
  .object({
    msgid: z.string().min(1).max(64).optional().describe('generated when absent'),
    action: z.enum(['send', 'recall', 'switch']).default('send'),
    from: z.string().min(1).max(64).describe('a member’s userid or a customer’s external_userid'),
    tolist: z.array(z.string().min(1).max(64)).min(1).max(500),
    roomid: z.string().max(64).optional(),
    msgtime: z.number().int().positive().optional().describe('milliseconds; the product clock’s now when absent'),
    msgtype: z.string().min(1).max(32),
  })
  .loose()
  .meta({ id: 'ArchivePlaintext' });
export type ArchivePlaintext = z.infer<typeof archivePlaintextSchema>;

export const sandboxArchiveInputSchema = z
  .object({ messages: z.array(archivePlaintextSchema).min(1).max(1000) })
  .strict()
  .meta({ id: 'SandboxArchiveInput' });
export type SandboxArchiveInput = z.infer<typeof sandboxArchiveInputSchema>;

export const sandboxArchiveResultSchema = z.object({ appended: z.number().int(), firstSeq: z.number().int(), lastSeq: z.number().int() }).meta({ id: 'SandboxArchiveResult' });

export const archiveStatusSchema = z
  .object({
    source: z.enum(['sandbox', 'native', 'none']).describe('none: the archive is not configured (WECOM_ARCHIVE_SDK_PATH)'),
    cursor: z.number().int().describe('the highest seq stored'),
    lastPullAt: z.string().nullable(),
    lastError: z.object({ code: z.number().int(), message: z.string(), at: z.string() }).nullable(),
    messages: z.number().int(),
    parked: z
      .array(z.object({ code: z.number().int(), publickeyVer: z.number().int(), count: z.number().int(), hint: z.string() }))
      .describe('records that could not be decrypted (e.g. 10007: no private key for that publickey_ver), kept to retry'),
  })
  .meta({ id: 'ArchiveStatus' });
export type ArchiveStatus = z.infer<typeof archiveStatusSchema>;

export const insightKinds = ['tag', 'objection', 'intent'] as const;
export const objectionNames = ['价格', '信任', '已有保障', '再考虑'] as const;
export const intentNames = ['asks_price', 'asks_claims', 'asks_proposal', 'ready_to_buy'] as const;

export const detectedSchema = z.object({ name: z.string(), group: z.string().optional(), confidence: z.number(), cue: z.string() });
export type Detected = z.infer<typeof detectedSchema>;

export const chatMessageSchema = z
  .object({
    id: z.string(),
    msgid: z.string(),
    at: z.string(),
    by: z.enum(['staff', 'customer', 'other']),
    fromId: z.string(),
    type: z.string(),
    text: z.string().nullable(),
    media: z.object({ sdkFileId: z.string(), md5: z.string().nullable(), size: z.number().nullable(), ext: z.string().nullable() }).nullable(),
    recalled: z.boolean(),
    mined: z.enum(['pending', 'mined', 'no_consent', 'not_text']),
    insights: z.array(detectedSchema.extend({ kind: z.enum([...insightKinds, 'compliance']) })),
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const keyNodeReachedSchema = z.object({ key: z.string(), name: z.string(), at: z.string(), messageId: z.string().nullable() });

export const conversationSchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    customerId: z.string(),
    startedAt: z.string(),
    lastAt: z.string(),
    messages: z.number().int(),
    productLine: z.string(),
    nodes: z.array(keyNodeReachedSchema),
    items: z.array(chatMessageSchema).describe('the conversation’s messages, oldest first'),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof conversationSchema>;
export const conversationListSchema = z.object({ items: z.array(conversationSchema) }).meta({ id: 'ConversationList' });

// Compliance.
export const complianceCategories = ['guaranteed_return', 'principal_guarantee', 'deposit_comparison', 'superlative', 'misleading_claim', 'custom'] as const;
export const complianceRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(['word', 'pattern']),
    value: z.string().min(1).max(200),
    category: z.enum(complianceCategories).default('custom'),
    severity: z.enum(['high', 'medium']).default('high'),
    enabled: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'ComplianceRuleInput' });
export type ComplianceRuleInput = z.infer<typeof complianceRuleInputSchema>;
export const complianceRuleSchema = complianceRuleInputSchema.extend({ id: z.string(), builtin: z.boolean(), updatedAt: z.string() }).meta({ id: 'ComplianceRule' });
export type ComplianceRuleView = z.infer<typeof complianceRuleSchema>;
export const complianceRuleListSchema = z.object({ items: z.array(complianceRuleSchema) }).meta({ id: 'ComplianceRuleList' });

export const complianceHitSchema = z.object({ ruleId: z.string(), name: z.string(), category: z.string(), severity: z.enum(['high', 'medium']), match: z.string(), index: z.number().int() });
export const complianceCheckInputSchema = z.object({ text: z.string().min(1).max(5000) }).strict().meta({ id: 'ComplianceCheckInput' });
export const complianceCheckResultSchema = z.object({ ok: z.boolean(), hits: z.array(complianceHitSchema) }).meta({ id: 'ComplianceCheckResult' });

export const complianceAlertSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    staff: z.object({ id: z.string(), name: z.string() }),
    customer: z.object({ id: z.string(), name: z.string() }).nullable(),
    messageId: z.string(),
    text: z.string(),
    rule: z.object({ id: z.string(), name: z.string(), category: z.string(), severity: z.enum(['high', 'medium']) }),
    match: z.string(),
    status: z.enum(['open', 'acknowledged']),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'ComplianceAlert' });
export type ComplianceAlert = z.infer<typeof complianceAlertSchema>;
export const complianceAlertListSchema = z.object({ items: z.array(complianceAlertSchema), open: z.number().int() }).meta({ id: 'ComplianceAlertList' });

// Sales SOP key nodes.
export const keyNodeSignals = ['objection_detected', 'objection_handled', 'proposal_shared', 'proposal_viewed', 'asks_proposal', 'ready_to_buy'] as const;
export const keyNodeDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    name: z.string().trim().min(1).max(40),
    by: z.enum(['agent', 'customer', 'either']),
    cues: z.array(z.string().trim().min(1).max(40)).max(60),
    signals: z.array(z.enum(keyNodeSignals)).max(6).optional(),
  })
  .strict();
export const salesSopProductLineSchema = z.union([productLineSchema, z.literal('any')]);
export const salesSopInputSchema = z
  .object({ nodes: z.array(keyNodeDefinitionSchema).min(1).max(12) })
  .strict()
  .meta({ id: 'SalesSopInput' });
export const salesSopSchema = z
  .object({ productLine: salesSopProductLineSchema, nodes: z.array(keyNodeDefinitionSchema), custom: z.boolean() })
  .meta({ id: 'SalesSop' });
export const salesSopListSchema = z.object({ items: z.array(salesSopSchema) }).meta({ id: 'SalesSopList' });

export const reachRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  conversations: z.number().int(),
  reached: z.record(z.string(), z.number().int()),
  rate: z.record(z.string(), z.number()),
  fullReach: z.number(),
});
export const keyNodeReachSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    nodes: z.array(z.object({ key: z.string(), name: z.string() })),
    overall: reachRowSchema,
    agents: z.array(reachRowSchema),
    teams: z.array(reachRowSchema),
  })
  .meta({ id: 'KeyNodeReach' });
export type KeyNodeReach = z.infer<typeof keyNodeReachSchema>;

// Best talk tracks.
export const talkTrackSchema = z.object({ key: z.string(), example: z.string(), uses: z.number().int(), progressed: z.number().int(), rate: z.number(), score: z.number(), agents: z.number().int() });
export const talkTrackListSchema = z
  .object({ windowDays: z.number().int(), items: z.array(z.object({ objection: z.string(), baseline: z.number(), replies: z.number().int(), tracks: z.array(talkTrackSchema) })) })
  .meta({ id: 'TalkTrackList' });
export const talkTrackPromoteSchema = z
  .object({ objection: z.enum(objectionNames), title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(2000), productLine: productLineSchema.optional() })
  .strict()
  .meta({ id: 'TalkTrackPromote' });
export const talkScriptSchema = z
  .object({ id: z.string(), trigger: z.string(), title: z.string(), body: z.string(), productLine: z.string().nullable() })
  .meta({ id: 'TalkScript' });

// Candidate tags.
export const candidateTagSchema = z
  .object({
    id: z.string(),
    phrase: z.string(),
    customers: z.number().int(),
    count: z.number().int(),
    examples: z.array(z.string()),
    status: z.enum(['pending', 'accepted', 'rejected']),
    updatedAt: z.string(),
  })
  .meta({ id: 'CandidateTag' });
export const candidateTagListSchema = z.object({ items: z.array(candidateTagSchema) }).meta({ id: 'CandidateTagList' });
export const candidateTagAcceptSchema = z
  .object({ group: z.string().trim().min(1).max(40).describe('the dictionary group key or name the new tag joins'), name: z.string().trim().min(1).max(40).optional() })
  .strict()
  .meta({ id: 'CandidateTagAccept' });

/** The sidebar's live card when the customer's message shows a need, an objection or an intent. */
export const chatInsightPayloadSchema = z
  .object({
    customer: z.object({ id: z.string(), name: z.string() }),
    messageId: z.string(),
    text: z.string(),
    needs: z.array(detectedSchema),
    objections: z.array(detectedSchema),
    intents: z.array(detectedSchema),
    scripts: z.array(talkScriptSchema).max(5),
    articles: z.array(z.object({ id: z.string(), title: z.string(), summary: z.string(), productLine: z.string().nullable() })).max(3),
  })
  .meta({ id: 'ChatInsightPayload' });
export type ChatInsightPayload = z.infer<typeof chatInsightPayloadSchema>;

/** The team lead's real-time note of an agent message that broke a compliance rule. */
export const complianceNoticePayloadSchema = z
  .object({
    alertId: z.string(),
    staff: z.object({ id: z.string(), name: z.string() }),
    customer: z.object({ id: z.string(), name: z.string() }).nullable(),
    text: z.string(),
    rules: z.array(z.object({ name: z.string(), category: z.string(), severity: z.enum(['high', 'medium']), match: z.string() })),
  })
  .meta({ id: 'ComplianceNoticePayload' });
export type ComplianceNoticePayload = z.infer<typeof complianceNoticePayloadSchema>;

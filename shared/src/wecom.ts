import { z } from 'zod';

export const syncRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    phase: z.enum(['tags', 'contacts', 'groups', 'done']),
    percent: z.number().int().min(0).max(100),
    agentsTotal: z.number().int(),
    agentsDone: z.number().int(),
    relationshipsSeen: z.number().int(),
    customersCreated: z.number().int(),
    groupsSeen: z.number().int(),
    error: z.string().nullable().describe('the last error; a running run with an error is waiting to retry'),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'SyncRun' });
export type SyncRunView = z.infer<typeof syncRunSchema>;

export const groupListQuerySchema = z
  .object({
    status: z.enum(['active', 'dismissed']).optional(),
    tag: z.string().max(30).optional(),
    q: z.string().max(100).optional(),
    ownerUserId: z.string().max(64).optional(),
    chatId: z.string().max(64).optional().describe('the WeCom chat id (the sidebar opened in a group finds its group)'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type GroupListQuery = z.infer<typeof groupListQuerySchema>;

export const groupSchema = z
  .object({
    id: z.string(),
    chatId: z.string(),
    name: z.string(),
    ownerUserId: z.string(),
    ownerStaffId: z.string().nullable(),
    status: z.enum(['active', 'dismissed']),
    tags: z.array(z.string()),
    memberCount: z.number().int(),
    customerCount: z.number().int(),
    notice: z.string().nullable(),
    createdAt: z.string(),
    syncedAt: z.string(),
  })
  .meta({ id: 'CustomerGroup' });
export type GroupView = z.infer<typeof groupSchema>;

export const groupListSchema = z.object({ items: z.array(groupSchema), total: z.number().int() });

export const groupMemberEventSchema = z.object({
  memberId: z.string(),
  customerId: z.string().nullable(),
  kind: z.enum(['join', 'quit']),
  scene: z.number().int().nullable().describe('join: 0 invited, 3 scanned the QR code; quit: 0 left, 1 removed'),
  at: z.string(),
});

export const groupDetailSchema = groupSchema
  .extend({
    members: z.array(
      z.object({
        memberId: z.string(),
        kind: z.enum(['customer', 'staff']),
        customerId: z.string().nullable(),
        name: z.string(),
        status: z.enum(['in', 'left']),
        joinScene: z.number().int().nullable(),
        joinedAt: z.string(),
        leftAt: z.string().nullable(),
      }),
    ),
    history: z.array(groupMemberEventSchema),
  })
  .meta({ id: 'CustomerGroupDetail' });

export const groupTagsSchema = z.object({ tags: z.array(z.string().trim().min(1).max(30)).max(20) }).strict();

export const handoverStatuses = ['pending', 'waiting', 'done', 'failed'] as const;

export const startHandoverSchema = z
  .object({
    fromUserId: z.string().min(1).max(64).describe('the WeCom user id of the agent whose customers and groups are handed over'),
    toUserIds: z.array(z.string().min(1).max(64)).max(100).optional().describe('takeover agents; the assignment rules pick among active agents of the same team when absent'),
  })
  .strict()
  .meta({ id: 'StartHandoverRequest' });
export type StartHandover = z.infer<typeof startHandoverSchema>;

export const handoverSchema = z
  .object({
    id: z.string(),
    batchId: z.string(),
    kind: z.enum(['customer', 'group']),
    fromUserId: z.string(),
    toUserId: z.string(),
    subjectId: z.string(),
    customerId: z.string().nullable(),
    resigned: z.boolean(),
    status: z.enum(handoverStatuses),
    reason: z.string().nullable(),
    requestedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Handover' });
export type HandoverView = z.infer<typeof handoverSchema>;

export const handoverListQuerySchema = z
  .object({
    status: z.enum(handoverStatuses).optional(),
    batchId: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const handoverBatchSchema = z
  .object({
    batchId: z.string(),
    customers: z.number().int(),
    groups: z.number().int(),
    counts: z.record(z.enum(handoverStatuses), z.number().int()),
    items: z.array(handoverSchema),
  })
  .meta({ id: 'HandoverBatch' });

export const handoverListSchema = z.object({ items: z.array(handoverSchema), total: z.number().int(), counts: z.record(z.enum(handoverStatuses), z.number().int()) });

export const wecomLoginSchema = z.object({ code: z.string().min(1).max(512) }).strict().meta({ id: 'WecomLoginRequest' });

export const jssdkQuerySchema = z.object({ url: z.url().max(2000).describe('the page URL, as the browser has it; anything after # is ignored') }).strict();

export const jssdkConfigSchema = z
  .object({
    corpId: z.string(),
    agentId: z.string(),
    config: z.object({ timestamp: z.number().int(), nonceStr: z.string(), signature: z.string() }).describe('for ww.register getConfigSignature (corp jsapi_ticket)'),
    agentConfig: z.object({ timestamp: z.number().int(), nonceStr: z.string(), signature: z.string() }).describe('for ww.register getAgentConfigSignature (agent_config ticket)'),
  })
  .meta({ id: 'JssdkConfig' });
export type JssdkConfig = z.infer<typeof jssdkConfigSchema>;

export const oauthUrlQuerySchema = z.object({ redirect: z.url().max(2000), state: z.string().max(128).optional() }).strict();

import { z } from 'zod';

export const sandboxClockRequestSchema = z.union([
  // Bounded: before 1970 WeCom's callback timestamps would be negative and every signed callback refused.
  z
    .object({
      set: z.iso.datetime({ offset: true }).refine((v) => Date.parse(v) >= Date.UTC(2000, 0, 1) && Date.parse(v) < Date.UTC(2100, 0, 1), 'must be a time in the years 2000 to 2099'),
    })
    .strict(),
  z.object({ advanceMs: z.number().int().min(0).max(366 * 24 * 3600 * 1000) }).strict(),
]);
export type SandboxClockRequest = z.infer<typeof sandboxClockRequestSchema>;

export const sandboxClockResponseSchema = z.object({ now: z.string() });

export const sandboxInfoSchema = z.object({
  corpId: z.string(),
  callbackToken: z.string(),
  callbackAesKey: z.string(),
  agentUserIds: z.array(z.string()),
  mpAppId: z.string(),
  wecomApiBase: z.string(),
  mpApiBase: z.string(),
});

export const outboxQuerySchema = z
  .object({
    customerId: z.string().max(64).optional(),
    channel: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const outboxItemSchema = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  customerId: z.string().nullable(),
  content: z.unknown(),
  sentAt: z.string(),
});
export const outboxSchema = z.object({ items: z.array(outboxItemSchema), total: z.number().int() });

const wecomUserId = z.string().min(1).max(64);
const externalUserId = z.string().min(1).max(64);
const externalUserIds = z.array(externalUserId).min(1).max(200);
const chatId = z.string().min(1).max(64);
const tagId = z.string().min(1).max(64);

/**
 * What a WeCom user can do, for POST /api/sandbox/wecom/simulate: the fake tenant changes, then
 * the matching encrypted, signed callback reaches this server's /wecom/callback.
 */
export const sandboxSimulateRequestSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('contact_added'),
      userId: wecomUserId,
      externalUserId: externalUserId.optional().describe('generated (wm…) when absent'),
      name: z.string().min(1).max(64),
      gender: z.enum(['male', 'female', 'unknown']).optional(),
      state: z.string().max(64).optional().describe("the contact way's state or the acquisition link's customer_channel (WeCom refuses more than 30 characters)"),
      remark: z.string().max(100).optional(),
      unionId: z.string().max(64).optional(),
      half: z.boolean().optional().describe('add_half_external_contact: the customer added the agent without verification'),
    })
    .strict(),
  z
    .object({
      type: z.literal('contact_edited'),
      userId: wecomUserId,
      externalUserId,
      remark: z.string().max(100).optional(),
      description: z.string().max(150).optional(),
      addTagIds: z.array(tagId).max(100).optional(),
      removeTagIds: z.array(tagId).max(100).optional(),
    })
    .strict(),
  z.object({ type: z.literal('contact_deleted_by_agent'), userId: wecomUserId, externalUserId }).strict(),
  z.object({ type: z.literal('contact_deleted_by_customer'), userId: wecomUserId, externalUserId }).strict(),
  z.object({ type: z.literal('archive_approved'), userId: wecomUserId, externalUserId }).strict(),
  z.object({ type: z.literal('group_created'), ownerUserId: wecomUserId, name: z.string().min(1).max(64), externalUserIds: z.array(externalUserId).max(200), staffUserIds: z.array(wecomUserId).max(50).optional() }).strict(),
  z
    .object({
      type: z.literal('group_members_joined'),
      chatId,
      externalUserIds,
      joinScene: z.union([z.literal(0), z.literal(3)]).default(0).describe('0 invited by a member, 3 scanned the group QR code'),
      invitorUserId: wecomUserId.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('group_members_quit'),
      chatId,
      externalUserIds,
      quitScene: z.union([z.literal(0), z.literal(1)]).default(0).describe('0 left, 1 removed by the owner'),
    })
    .strict(),
  z.object({ type: z.literal('group_renamed'), chatId, name: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('group_dismissed'), chatId }).strict(),
  z.object({ type: z.literal('corp_tag_created'), groupName: z.string().min(1).max(30), tagName: z.string().min(1).max(30) }).strict(),
  z.object({ type: z.literal('corp_tag_renamed'), tagId: tagId.describe('a tag or a tag group'), name: z.string().min(1).max(30) }).strict(),
  z.object({ type: z.literal('corp_tag_deleted'), tagId: tagId.describe('a tag or a tag group') }).strict(),
  z.object({ type: z.literal('staff_left'), userId: wecomUserId }).strict(),
  z.object({ type: z.literal('customer_refuses_handover'), externalUserId }).strict(),
  z.object({ type: z.literal('handovers_complete') }).strict(),
  z.object({ type: z.literal('mass_send_confirmed'), msgId: z.string().min(1).max(128), userId: wecomUserId }).strict(),
]);
export type SandboxSimulateRequest = z.infer<typeof sandboxSimulateRequestSchema>;

export const sandboxSimulateResponseSchema = z.object({
  /** "Event/ChangeType" of each callback delivered, in order. */
  delivered: z.array(z.string()),
  externalUserId: z.string().optional(),
  chatId: z.string().optional(),
  tagId: z.string().optional(),
  welcomeCode: z.string().optional(),
});
export type SandboxSimulateResponse = z.infer<typeof sandboxSimulateResponseSchema>;

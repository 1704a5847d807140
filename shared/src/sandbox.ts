import { z } from 'zod';

export const sandboxClockRequestSchema = z.union([
  z.object({ set: z.iso.datetime({ offset: true }) }).strict(),
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

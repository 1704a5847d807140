import { z } from 'zod';

export const poolStrategies = ['round_robin', 'least_loaded'] as const;

export const createChannelCodeSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    channel: z.string().trim().min(1).max(30).describe('where the code is shown, e.g. 公众号, 直播, 线下活动'),
    state: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,30}$/, 'up to 30 letters, digits, _ or -')
      .describe('comes back as State on the add event; unique per corp'),
    agentUserIds: z.array(z.string().min(1).max(64)).min(1).max(100),
    strategy: z.enum(poolStrategies).default('round_robin'),
    tagNames: z.array(z.string().min(1).max(64)).max(20).default([]),
    welcomeText: z.string().trim().min(1).max(4000).nullable().default(null),
    skipVerify: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateChannelCodeRequest' });
export type CreateChannelCode = z.infer<typeof createChannelCodeSchema>;

export const channelCodeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.string(),
    state: z.string(),
    agentUserIds: z.array(z.string()),
    strategy: z.enum(poolStrategies),
    tagNames: z.array(z.string()),
    welcomeText: z.string().nullable(),
    qrCode: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ChannelCode' });
export type ChannelCodeView = z.infer<typeof channelCodeSchema>;

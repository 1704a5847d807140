import { z } from 'zod';
import { templateTextSchema } from './common';

/** The outbound channels (server/src/channels): one closed union, dispatched exhaustively. */
export const channelKinds = ['mp_subscribe', 'sms', 'oa_template', 'wecom_task', 'wecom_mass'] as const;
export const channelKindSchema = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof channelKindSchema>;

const templateData = z.record(z.string().min(1).max(32), templateTextSchema).describe('template fields; values may hold {{placeholders}}');
const attachment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('link'), title: z.string().min(1).max(128), url: z.string().url().max(1000), description: z.string().max(512).optional() }).strict(),
  z.object({ type: z.literal('miniprogram'), title: z.string().min(1).max(64), page: z.string().min(1).max(256) }).strict(),
]);

/** What a send step sends, by channel. */
export const journeyMessageSchema = z.discriminatedUnion('channel', [
  z
    .object({
      channel: z.literal('mp_subscribe'),
      templateId: z.string().min(1).max(128),
      page: z.string().max(256).optional(),
      data: templateData,
    })
    .strict()
    .describe('a mini-program subscription message: needs one consent per message'),
  z
    .object({ channel: z.literal('sms'), template: z.string().min(1).max(64).describe('the SMS template code'), text: templateTextSchema.describe('the rendered text, for review and the outbox') })
    .strict()
    .describe('an SMS to the customer’s phone'),
  z
    .object({ channel: z.literal('oa_template'), templateId: z.string().min(1).max(128), url: z.string().url().max(1000).optional(), data: templateData })
    .strict()
    .describe('an official-account template message (needs the customer’s official-account openid)'),
  z
    .object({ channel: z.literal('wecom_task'), text: templateTextSchema, attachments: z.array(attachment).max(9).optional() })
    .strict()
    .describe('a 1:1 WeCom message the customer’s agent confirms in the sidebar'),
  z
    .object({ channel: z.literal('wecom_mass'), text: templateTextSchema, attachments: z.array(attachment).max(9).optional() })
    .strict()
    .describe('a WeCom mass-send task (add_msg_template, chat_type single) the agent confirms in the WeCom client'),
]);
export type JourneyMessage = z.infer<typeof journeyMessageSchema>;
export type JourneyAttachment = z.infer<typeof attachment>;

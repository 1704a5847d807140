import { z } from 'zod';
import { channelCodeSchema, createChannelCodeSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { ChannelCodeService } from './channel-code.service';

export function channelCodeRoutes(codes: ChannelCodeService): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/channel-codes',
      tag: 'acquisition',
      summary: 'Creates a channel code (渠道活码) in WeCom with an agent pool, auto-tags and a welcome message',
      access: ['admin'],
      body: createChannelCodeSchema,
      response: channelCodeSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => codes.create(principal!.corpId, body),
    }),
    route({
      method: 'get',
      path: '/api/channel-codes',
      tag: 'acquisition',
      summary: 'Every channel code of the corp, newest first',
      access: ['admin', 'team_lead'],
      response: z.object({ items: z.array(channelCodeSchema) }),
      handler: async ({ principal }) => ({ items: await codes.list(principal!.corpId) }),
    }),
  ];
}

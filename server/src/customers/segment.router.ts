import { z } from 'zod';
import { segmentInputSchema, segmentListSchema, segmentMembersQuerySchema, segmentMembersSchema, segmentPreviewInputSchema, segmentPreviewSchema, segmentSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import { customerScope } from './customer-scope';
import type { SegmentService } from './segment.service';

/** Admins and team leads manage segments; agents work from their own customer lists. */
const managers = ['admin', 'team_lead'] as const;
const params = z.object({ id: z.string().min(1).max(64) });

export function segmentRoutes(segments: SegmentService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/segments',
      tag: 'segments',
      summary: 'Every segment of the corp, by name, with its member count',
      access: managers,
      response: segmentListSchema,
      handler: async ({ principal }) => ({ items: await segments.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/segments',
      tag: 'segments',
      summary: 'Creates a segment from a rule and fills it at once; names are unique in the corp',
      access: managers,
      body: segmentInputSchema,
      response: segmentSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => segments.create(principal!.corpId, body),
    }),
    route({
      method: 'post',
      path: '/api/segments/preview',
      tag: 'segments',
      summary: 'How many customers of the corp a rule holds for, and the first ten the caller may see',
      access: managers,
      body: segmentPreviewInputSchema,
      response: segmentPreviewSchema,
      handler: ({ principal, body }) => segments.preview(customerScope(principal!), body.rule),
    }),
    route({
      method: 'get',
      path: '/api/segments/:id',
      tag: 'segments',
      summary: 'One segment',
      access: managers,
      params,
      response: segmentSchema,
      errors: [404],
      handler: ({ principal, params }) => segments.get(principal!.corpId, params.id),
    }),
    route({
      method: 'put',
      path: '/api/segments/:id',
      tag: 'segments',
      summary: 'Replaces a segment’s name, description and rule; its members are rebuilt at once',
      access: managers,
      params,
      body: segmentInputSchema,
      response: segmentSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => segments.update(principal!.corpId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/segments/:id',
      tag: 'segments',
      summary: 'Deletes a segment and its member list',
      access: managers,
      params,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await segments.remove(principal!.corpId, params.id);
        return { id: params.id, deleted: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/api/segments/:id/members',
      tag: 'segments',
      summary: 'A page of the segment’s members the caller may see (a team lead: their team’s), latest entries first',
      access: managers,
      params,
      query: segmentMembersQuerySchema,
      response: segmentMembersSchema,
      errors: [404],
      handler: ({ principal, params, query }) => segments.members(customerScope(principal!), params.id, query),
    }),
  ];
}

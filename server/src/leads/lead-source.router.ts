import { z } from 'zod';
import { leadMiningRunSchema, leadSourceInputSchema, leadSourceSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { LeadMiningService } from './lead-mining.service';
import type { LeadSourceService } from './lead-source.service';

/** Admins and team leads define and run lead sources; agents work the leads they are given. */
const managers = ['admin', 'team_lead'] as const;
const params = z.object({ id: z.string().min(1).max(64) });

/**
 * Lead sources. Mount these before any `/api/leads/:id` route, or "sources" is read as a lead id.
 */
export function leadSourceRoutes(sources: LeadSourceService, mining: LeadMiningService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/leads/sources',
      tag: 'leads',
      summary: 'Every lead source of the corp, oldest first, with its open leads and last run',
      access: managers,
      response: z.object({ items: z.array(leadSourceSchema) }),
      handler: async ({ principal }) => ({ items: await sources.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/leads/sources',
      tag: 'leads',
      summary: 'Creates a lead source; names are unique in the corp, and the segment, tag group and seat group it names must be the corp’s',
      access: managers,
      body: leadSourceInputSchema,
      response: leadSourceSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => sources.create(principal!.corpId, body),
    }),
    route({
      method: 'get',
      path: '/api/leads/sources/:id',
      tag: 'leads',
      summary: 'One lead source',
      access: managers,
      params,
      response: leadSourceSchema,
      errors: [404],
      handler: ({ principal, params }) => sources.get(principal!.corpId, params.id),
    }),
    route({
      method: 'put',
      path: '/api/leads/sources/:id',
      tag: 'leads',
      summary: 'Replaces a lead source; its leads keep pointing at it',
      access: managers,
      params,
      body: leadSourceInputSchema,
      response: leadSourceSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => sources.update(principal!.corpId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/leads/sources/:id',
      tag: 'leads',
      summary: 'Deletes a lead source no lead came from; one with leads is disabled instead (its leads still name it)',
      access: managers,
      params,
      response: z.object({ id: z.string(), deleted: z.boolean(), disabled: z.boolean() }),
      errors: [404],
      handler: ({ principal, params }) => sources.remove(principal!.corpId, params.id),
    }),
    route({
      method: 'post',
      path: '/api/leads/sources/:id/run',
      tag: 'leads',
      summary: 'Runs an enabled source over the whole corp now: customers found, leads created, of them rejected by cleaning, and skipped (an open lead of the line already)',
      access: managers,
      params,
      response: leadMiningRunSchema,
      errors: [404, 409],
      handler: ({ principal, params }) => mining.runSource(principal!.corpId, params.id),
    }),
  ];
}

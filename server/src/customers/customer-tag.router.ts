import { z } from 'zod';
import { tagSourceSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { CustomerActivityService } from './customer-activity.service';
import type { CustomerTagService } from './customer-tag.service';

const staff = ['admin', 'team_lead', 'agent'] as const;
const customerId = z.object({ id: z.string().min(1).max(64) });

export const manualTagInputSchema = z
  .object({
    tag: z.string().trim().min(1).max(64).describe('the tag name in the dictionary'),
    group: z.string().trim().min(1).max(64).optional().describe('the group key or name, when several groups have a tag of this name'),
    evidence: z.string().trim().max(500).optional().describe('why (the note kept as the evidence); "added by <username>" when absent'),
  })
  .strict();

const manualTagResultSchema = z
  .object({
    added: z.boolean().describe('false when the customer carried the tag already; it is left as it was'),
    tag: z.object({ id: z.string(), name: z.string(), group: z.string(), source: tagSourceSchema }),
  })
  .meta({ id: 'ManualTagResult' });

const activitySchema = z
  .object({
    today: z.string().describe("the customer's local day the figures end on"),
    events: z.array(z.object({ event: z.string(), last7: z.number().int(), last30: z.number().int() })),
    streaks: z.array(z.object({ counter: z.string(), event: z.string().nullable(), current: z.number().int().describe('0 once a day was missed'), best: z.number().int(), lastDay: z.string() })),
  })
  .meta({ id: 'CustomerActivity' });

export function customerTagRoutes(tags: CustomerTagService, activity: CustomerActivityService): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/customers/:id/tags',
      tag: 'customers',
      summary: 'Puts a dictionary tag on a customer the caller may see (source manual, the note as evidence)',
      access: staff,
      params: customerId,
      body: manualTagInputSchema,
      response: manualTagResultSchema,
      errors: [404],
      handler: ({ principal, params, body }) => tags.add(principal!, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/customers/:id/tags/:tagId',
      tag: 'customers',
      summary: 'Takes a tag off a customer the caller may see, whatever put it there',
      access: staff,
      params: z.object({ id: z.string().min(1).max(64), tagId: z.string().min(1).max(64) }),
      response: z.object({ ok: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await tags.remove(principal!, params.id, params.tagId);
        return { ok: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/api/customers/:id/activity',
      tag: 'customers',
      summary: "A customer's events in the last 7 and 30 days and their streaks, from the rolling counters",
      access: staff,
      params: customerId,
      response: activitySchema,
      errors: [404],
      handler: ({ principal, params }) => activity.view(principal!, params.id),
    }),
  ];
}

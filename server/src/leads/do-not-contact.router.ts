import { z } from 'zod';
import { route, type AnyRoute } from '../platform/http/route';
import type { DoNotContactService } from './do-not-contact.service';

/** Admins and team leads keep the list; an agent asked not to call passes it on to them. */
const managers = ['admin', 'team_lead'] as const;

const entrySchema = z
  .object({
    phoneHash: z.string(),
    phoneMasked: z.string().nullable(),
    reason: z.string().nullable(),
    addedBy: z.string().nullable(),
    addedAt: z.string(),
  })
  .meta({ id: 'DoNotContactEntry' });

const addSchema = z
  .object({
    phone: z.string().trim().min(1).max(32).optional().describe('the full number; only its keyed hash and masked form are kept'),
    customerId: z.string().min(1).max(64).optional().describe('or a customer: every phone number they have'),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((b) => (b.phone === undefined) !== (b.customerId === undefined), { message: 'Send either phone or customerId', path: ['phone'] });

/** The do-not-contact list. Mount before any `/api/leads/:id` route. */
export function doNotContactRoutes(dnc: DoNotContactService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/leads/do-not-contact',
      tag: 'leads',
      summary: 'The corp’s do-not-contact numbers (masked), latest first',
      access: managers,
      response: z.object({ items: z.array(entrySchema) }),
      handler: async ({ principal }) => ({ items: await dnc.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/leads/do-not-contact',
      tag: 'leads',
      summary: 'Puts a number (or every number of a customer) on the list and rejects their open leads nobody is working yet (calling, ready, pool)',
      access: managers,
      body: addSchema,
      response: z.object({ items: z.array(entrySchema), rejectedLeads: z.array(z.string()) }),
      status: 201,
      errors: [404],
      handler: async ({ principal, body }) => {
        const { entries, rejectedLeads } = await dnc.add(principal!.corpId, principal!.id, body);
        return { items: entries, rejectedLeads };
      },
    }),
    route({
      method: 'delete',
      path: '/api/leads/do-not-contact/:phoneHash',
      tag: 'leads',
      summary: 'Takes a number off the list; leads rejected meanwhile stay rejected',
      access: managers,
      params: z.object({ phoneHash: z.string().min(1).max(64) }),
      response: z.object({ phoneHash: z.string(), deleted: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await dnc.remove(principal!.corpId, params.phoneHash);
        return { phoneHash: params.phoneHash, deleted: true as const };
      },
    }),
  ];
}

import { z } from 'zod';
import { customerListQuerySchema, customerListSchema, customerViewSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { CustomerService } from './customer.service';

const staff = ['admin', 'team_lead', 'agent'] as const;

export function customerRoutes(customers: CustomerService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/customers',
      tag: 'customers',
      summary: 'Customers the caller may see, filtered; agents see only their own, team leads their team’s',
      access: staff,
      query: customerListQuerySchema,
      response: customerListSchema,
      handler: ({ principal, query }) => customers.list(principal!, query),
    }),
    route({
      method: 'get',
      path: '/api/customers/:id',
      tag: 'customers',
      summary: 'The unified customer view: identities, tags with source and evidence, policies, lead, journeys, timeline',
      access: staff,
      params: z.object({ id: z.string().min(1).max(64) }),
      response: customerViewSchema,
      errors: [404],
      handler: ({ principal, params }) => customers.view(principal!, params.id),
    }),
  ];
}

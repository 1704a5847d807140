import { z } from 'zod';
import {
  connectRateQuerySchema,
  connectRateSchema,
  leadCallInputSchema,
  leadCallListSchema,
  leadCallResultSchema,
  seatGroupInputSchema,
  seatGroupListSchema,
  seatGroupSchema,
  seatQueueQuerySchema,
  seatQueueSchema,
} from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { SeatGroupService } from './seat-group.service';

/** Admins and team leads set up seat groups; seats (any staff member in a group) work its queue. */
const managers = ['admin', 'team_lead'] as const;
const staff = ['admin', 'team_lead', 'agent'] as const;
const params = z.object({ id: z.string().min(1).max(64) });

/** Seat groups (坐席), their queues, calls and connect rate; /connect-rate is registered before /:id. */
export function seatRoutes(seats: SeatGroupService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/seat-groups/connect-rate',
      tag: 'seats',
      summary: 'Connected calls / calls in [from, to), per seat, per group and overall (seats: their own groups)',
      access: staff,
      query: connectRateQuerySchema,
      response: connectRateSchema,
      errors: [403, 404],
      handler: ({ principal, query }) => seats.connectRate(principal!, query),
    }),
    route({
      method: 'get',
      path: '/api/seat-groups',
      tag: 'seats',
      summary: 'Seat groups by name with their members, queue and calls today (seats: the groups they call for)',
      access: staff,
      response: seatGroupListSchema,
      handler: async ({ principal }) => ({ items: await seats.list(principal!) }),
    }),
    route({
      method: 'post',
      path: '/api/seat-groups',
      tag: 'seats',
      summary: 'Creates a seat group; names are unique in the corp, members active staff members',
      access: managers,
      body: seatGroupInputSchema,
      response: seatGroupSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => seats.create(principal!, body),
    }),
    route({
      method: 'get',
      path: '/api/seat-groups/:id',
      tag: 'seats',
      summary: 'One seat group',
      access: staff,
      params,
      response: seatGroupSchema,
      errors: [403, 404],
      handler: ({ principal, params }) => seats.get(principal!, params.id),
    }),
    route({
      method: 'put',
      path: '/api/seat-groups/:id',
      tag: 'seats',
      summary: 'Replaces a seat group’s name and members',
      access: managers,
      params,
      body: seatGroupInputSchema,
      response: seatGroupSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => seats.update(principal!, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/seat-groups/:id',
      tag: 'seats',
      summary: 'Deletes a seat group; refused while leads are calling in it or a lead source names it',
      access: managers,
      params,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      errors: [404, 409],
      handler: async ({ principal, params }) => {
        await seats.remove(principal!.corpId, params.id);
        return { id: params.id, deleted: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/api/seat-groups/:id/queue',
      tag: 'seats',
      summary: 'The group’s leads to call: due ones best first (grade, score, oldest); includeLater adds the rest by callback time',
      access: staff,
      params,
      query: seatQueueQuerySchema,
      response: seatQueueSchema,
      errors: [403, 404],
      handler: ({ principal, params, query }) => seats.queue(principal!, params.id, query),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/calls',
      tag: 'seats',
      summary: 'Records a call on a calling lead (its group’s seats, team leads, admins) and moves the lead as the outcome says',
      access: staff,
      params,
      body: leadCallInputSchema,
      response: leadCallResultSchema,
      status: 201,
      errors: [403, 404, 409],
      handler: ({ principal, params, body }) => seats.recordCall(principal!, params.id, body),
    }),
    route({
      method: 'get',
      path: '/api/leads/:id/calls',
      tag: 'seats',
      summary: 'The calls on a lead, oldest first',
      access: staff,
      params,
      response: leadCallListSchema,
      errors: [403, 404],
      handler: async ({ principal, params }) => ({ items: await seats.calls(principal!, params.id) }),
    }),
  ];
}

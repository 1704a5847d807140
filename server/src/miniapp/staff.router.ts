import { z } from 'zod';
import { activityInputSchema, activitySignupsSchema, attendanceRequestSchema, attendanceResultSchema, proposalInputSchema, proposalListQuerySchema, proposalListSchema, proposalSchema, shareableListSchema, shareableQuerySchema, staffActivityListQuerySchema, staffActivityListSchema, staffActivitySchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { ActivityAdminService } from './activity-admin.service';
import type { ContentService } from './content.service';

const id = z.object({ id: z.string().min(1).max(64) });
const staff = ['admin', 'team_lead', 'agent'] as const;
const managers = ['admin', 'team_lead'] as const;

/** The staff side of the mini-program: activities (console), attendance scans and proposals (sidebar). */
export function mpStaffRoutes(d: { activities: ActivityAdminService; content: ContentService }): AnyRoute[] {
  return [
    route({ method: 'get', path: '/api/activities', tag: 'activities', summary: 'The corp’s activities', access: staff, query: staffActivityListQuerySchema, response: staffActivityListSchema, handler: ({ principal, query }) => d.activities.list(principal!, query) }),
    route({
      method: 'post',
      path: '/api/activities',
      tag: 'activities',
      summary: 'Creates an activity (online lottery or quiz, offline seminar or health talk)',
      access: managers,
      body: activityInputSchema,
      response: staffActivitySchema,
      status: 201,
      errors: [400],
      handler: ({ principal, body }) => d.activities.create(principal!, body),
    }),
    route({ method: 'get', path: '/api/activities/:id', tag: 'activities', summary: 'One activity', access: staff, params: id, response: staffActivitySchema, errors: [404], handler: ({ principal, params }) => d.activities.get(principal!, params.id) }),
    route({
      method: 'put',
      path: '/api/activities/:id',
      tag: 'activities',
      summary: 'Changes an activity; capacity cannot drop below the seats taken',
      access: managers,
      params: id,
      body: activityInputSchema,
      response: staffActivitySchema,
      errors: [400, 404, 409],
      handler: ({ principal, params, body }) => d.activities.update(principal!, params.id, body),
    }),
    route({
      method: 'get',
      path: '/api/activities/:id/signups',
      tag: 'activities',
      summary: 'The attendance list and funnel (invited, viewed, booked, attended); an agent sees their own customers’ rows',
      access: staff,
      params: id,
      response: activitySignupsSchema,
      errors: [404],
      handler: ({ principal, params }) => d.activities.signups(principal!, params.id),
    }),
    route({
      method: 'post',
      path: '/api/activities/:id/attendance',
      tag: 'activities',
      summary: 'An agent scans a customer’s ticket (their own customers only): attendance',
      access: staff,
      params: id,
      body: attendanceRequestSchema,
      response: attendanceResultSchema,
      errors: [403, 404, 409],
      handler: ({ principal, params, body }) => d.activities.attend(principal!, params.id, body.ticketCode),
    }),
    route({
      method: 'get',
      path: '/api/proposals',
      tag: 'proposals',
      summary: 'The proposals shared with one customer, with how often each was opened',
      access: staff,
      query: proposalListQuerySchema,
      response: proposalListSchema,
      errors: [404],
      handler: ({ principal, query }) => d.content.proposalsFor(principal!, query.customerId),
    }),
    route({
      method: 'get',
      path: '/api/content/shareables',
      tag: 'proposals',
      summary: 'Articles, products on sale and published activities an agent can send, with the mini-program page and H5 link that open each',
      access: staff,
      query: shareableQuerySchema,
      response: shareableListSchema,
      handler: ({ principal, query }) => d.content.shareables(principal!, query, async () => (await d.activities.list(principal!, { status: 'published' })).items),
    }),
    route({
      method: 'post',
      path: '/api/proposals',
      tag: 'proposals',
      summary: 'An agent shares a proposal (计划书) with one of their customers',
      access: staff,
      body: proposalInputSchema,
      response: proposalSchema,
      status: 201,
      errors: [400, 404],
      handler: ({ principal, body }) => d.content.createProposal(principal!, body),
    }),
  ];
}

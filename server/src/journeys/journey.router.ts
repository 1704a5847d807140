import { z } from 'zod';
import { enrolRequestSchema, enrolResultSchema, journeyInputSchema, journeyListSchema, journeyPolicySchema, journeySchema, journeyStatsSchema, positionListQuerySchema, positionListSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { JourneySettingsService } from './journey-settings.service';
import type { JourneyService } from './journey.service';
import type { JourneyTemplateService } from './journey-template.service';

const admins = ['admin'] as const;
const viewers = ['admin', 'team_lead'] as const;
const params = z.object({ id: z.string().min(1).max(64) });

/** Journeys: drafts, versions, lifecycle, enrolment, stats, templates and the outbound policy. Fixed paths come before /:id. */
export function journeyRoutes(journeys: JourneyService, settings: JourneySettingsService, templates: JourneyTemplateService): AnyRoute[] {
  const action = (path: string, summary: string, run: (corpId: string, id: string, by: string) => Promise<z.infer<typeof journeySchema>>): AnyRoute =>
    route({
      method: 'post',
      path: `/api/journeys/:id/${path}`,
      tag: 'journeys',
      summary,
      access: admins,
      params,
      response: journeySchema,
      errors: [404, 409],
      handler: ({ principal, params: p }) => run(principal!.corpId, p.id, principal!.id),
    });
  return [
    route({ method: 'get', path: '/api/journeys', tag: 'journeys', summary: 'Journeys with their status, live version and customers inside', access: viewers, response: journeyListSchema, handler: async ({ principal }) => ({ items: await journeys.list(principal!.corpId) }) }),
    route({
      method: 'post',
      path: '/api/journeys',
      tag: 'journeys',
      summary: 'Creates a draft journey (validated: reachability, dangling edges, loops without a wait, rules, segments)',
      access: admins,
      body: journeyInputSchema,
      response: journeySchema,
      status: 201,
      errors: [400, 409],
      handler: ({ principal, body }) => journeys.create(principal!.corpId, body),
    }),
    route({ method: 'get', path: '/api/journeys/policy', tag: 'journeys', summary: 'The outbound policy: quiet hours, frequency caps, rate limits, platform caps', access: viewers, response: journeyPolicySchema, handler: ({ principal }) => settings.policy(principal!.corpId) }),
    route({
      method: 'put',
      path: '/api/journeys/policy',
      tag: 'journeys',
      summary: 'Replaces the outbound policy',
      access: admins,
      body: journeyPolicySchema,
      response: journeyPolicySchema,
      errors: [400],
      handler: ({ principal, body }) => settings.update(principal!.corpId, body, principal!.id),
    }),
    route({
      method: 'get',
      path: '/api/journeys/templates',
      tag: 'journeys',
      summary: 'The journey templates that ship with the product (奋斗青年, 财富新贵)',
      access: viewers,
      response: z.object({ items: z.array(z.object({ key: z.string(), name: z.string(), description: z.string(), installed: z.string().nullable() })) }),
      handler: async ({ principal }) => ({ items: await templates.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/journeys/templates/:key',
      tag: 'journeys',
      summary: 'Installs a template: its segments, and the journey as a draft (publish it to start)',
      access: admins,
      params: z.object({ key: z.string().min(1).max(40) }),
      response: journeySchema,
      status: 201,
      errors: [404, 409],
      handler: ({ principal, params: p }) => templates.install(principal!.corpId, p.key),
    }),
    route({ method: 'get', path: '/api/journeys/:id', tag: 'journeys', summary: 'A journey: its draft and versions', access: viewers, params, response: journeySchema, errors: [404], handler: ({ principal, params: p }) => journeys.get(principal!.corpId, p.id) }),
    route({
      method: 'put',
      path: '/api/journeys/:id',
      tag: 'journeys',
      summary: 'Saves the draft (customers on published versions stay on theirs)',
      access: admins,
      params,
      body: journeyInputSchema,
      response: journeySchema,
      errors: [400, 404, 409],
      handler: ({ principal, params: p, body }) => journeys.update(principal!.corpId, p.id, body),
    }),
    action('publish', 'Publishes the draft as the next immutable version and makes it live', (corpId, id, by) => journeys.publish(corpId, id, by)),
    action('pause', 'Pauses: nobody moves until resumed', (corpId, id) => journeys.pause(corpId, id)),
    action('resume', 'Resumes a paused journey: what fell due meanwhile runs at once', (corpId, id) => journeys.resume(corpId, id)),
    action('archive', 'Archives: customers inside leave at their next step', (corpId, id) => journeys.archive(corpId, id)),
    route({
      method: 'post',
      path: '/api/journeys/:id/resume-customers',
      tag: 'journeys',
      summary: 'Puts parked customers (failed sends, broken steps) back on their step, and makes due any row left without a wake time',
      access: admins,
      params,
      body: z.object({ positionIds: z.array(z.string().min(1).max(64)).max(10_000).optional() }).strict(),
      response: z.object({ parked: z.number().int(), stuck: z.number().int() }),
      errors: [404],
      handler: ({ principal, params: p, body }) => journeys.resumeCustomers(principal!.corpId, p.id, body.positionIds),
    }),
    route({
      method: 'post',
      path: '/api/journeys/:id/enrol',
      tag: 'journeys',
      summary: 'Enrols customers by hand or from another system (re-entry policy applies; an instance key lets one customer be in several instances)',
      access: admins,
      params,
      body: enrolRequestSchema,
      response: enrolResultSchema,
      errors: [400, 404, 409],
      handler: ({ principal, params: p, body }) => journeys.enrol(principal!.corpId, p.id, body.customerIds, body.instanceKey),
    }),
    route({
      method: 'get',
      path: '/api/journeys/:id/positions',
      tag: 'journeys',
      summary: 'Who is where: the customers in the journey with their step, status, wake-up time and parked reason (filter by status, step or customer)',
      access: viewers,
      params,
      query: positionListQuerySchema,
      response: positionListSchema,
      errors: [404],
      handler: ({ principal, params: p, query }) => journeys.positionsOf(principal!.corpId, p.id, query),
    }),
    route({
      method: 'get',
      path: '/api/journeys/:id/stats',
      tag: 'journeys',
      summary: 'Per step: entered, waiting, passed, exited, parked, converted, edges and send outcomes; the goal against the holdout',
      access: viewers,
      params,
      query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      response: journeyStatsSchema,
      errors: [404],
      handler: ({ principal, params: p, query }) => journeys.stats(principal!.corpId, p.id, query.version),
    }),
  ];
}

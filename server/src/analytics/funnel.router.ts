import { z } from 'zod';
import { analyticsPeriodQuerySchema, funnelRequestSchema, funnelResultSchema, journeyStageSchema, retentionRequestSchema, retentionResultSchema } from '@lodestar/shared';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { CorpZoneRepository } from './corp-zone.repository';
import type { FunnelService } from './funnel.service';
import { scopeFor, type AnalyticsScope } from './scope';

const stageSnapshotSchema = z
  .object({
    stages: z.array(
      z.object({
        stage: journeyStageSchema,
        customers: z.number().int().describe('live customers now at this stage'),
        atLeast: z.number().int().describe('live customers now at this stage or a later one'),
      }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'StageSnapshot' });

const access = ['team_lead', 'admin'] as const;

/** Funnels over events and journey stages, the stage snapshot, and retention cohorts. */
export function funnelRoutes(d: { funnels: FunnelService; zones: CorpZoneRepository }): AnyRoute[] {
  const scope = async (p: Principal, asked: { teamId?: string | undefined; segmentId?: string | undefined }): Promise<AnalyticsScope> => scopeFor(p, asked, await d.zones.timeZone(p.corpId));
  return [
    route({
      method: 'post',
      path: '/api/analytics/funnels',
      tag: 'analytics',
      summary: 'An ordered funnel over events and journey stages: customers entering at step 1 in the period, each later step on or after the previous one and within the window (at most 366 days)',
      access,
      body: funnelRequestSchema,
      response: funnelResultSchema,
      errors: [400],
      handler: async ({ principal, body }) => d.funnels.funnel(await scope(principal!, body), body),
    }),
    route({
      method: 'get',
      path: '/api/analytics/funnels/journey',
      tag: 'analytics',
      summary: 'The six journey stages as a funnel: customers who joined in the period, and when they first reached each later stage (a skipped stage counts as passed), within the window',
      access,
      query: analyticsPeriodQuerySchema.extend({ windowDays: z.coerce.number().int().min(1).max(180).default(30) }),
      response: funnelResultSchema,
      errors: [400],
      handler: async ({ principal, query }) => d.funnels.journeyFunnel(await scope(principal!, query), query.from, query.to, query.windowDays),
    }),
    route({
      method: 'get',
      path: '/api/analytics/stages',
      tag: 'analytics',
      summary: 'Live customers per journey stage now, and at each stage or beyond',
      access,
      query: analyticsPeriodQuerySchema.pick({ teamId: true, segmentId: true }),
      response: stageSnapshotSchema,
      handler: async ({ principal, query }) => d.funnels.stageSnapshot(await scope(principal!, query)),
    }),
    route({
      method: 'post',
      path: '/api/analytics/retention',
      tag: 'analytics',
      summary: 'Retention cohorts by start day or ISO week: who did the return event exactly on day N (bounded) or on day N or later (unbounded); null until day N has come',
      access,
      body: retentionRequestSchema,
      response: retentionResultSchema,
      errors: [400],
      handler: async ({ principal, body }) => d.funnels.retention(await scope(principal!, body), body),
    }),
  ];
}

import { z } from 'zod';
import { analyticsPeriodQuerySchema, metricBreakdownRowSchema, metricKeySchema, metricReportSchema, metricSeriesPointSchema } from '@lodestar/shared';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { CorpZoneRepository } from './corp-zone.repository';
import type { MetricCatalog } from './metric-catalog';
import { queryPeriod, parseMetricKeys } from './metric-query.plan';
import { scopeFor, type AnalyticsScope } from './scope';

const keyParam = z.object({ key: metricKeySchema });
const access = ['team_lead', 'admin'] as const;

/** The seed's metrics for a period and scope, one metric per agent or team, and one per day or week. */
export function metricRoutes(d: { metrics: MetricCatalog; zones: CorpZoneRepository }): AnyRoute[] {
  const scoped = async (p: Principal, q: { teamId?: string | undefined; segmentId?: string | undefined }): Promise<AnalyticsScope> => scopeFor(p, q, await d.zones.timeZone(p.corpId));
  return [
    route({
      method: 'get',
      path: '/api/analytics/metrics',
      tag: 'analytics',
      summary: 'The seed’s metrics over [from, to) (at most 366 days) for the corp, a team or a segment (a team lead sees their own team)',
      access,
      query: analyticsPeriodQuerySchema.extend({ keys: z.string().max(1000).optional().describe('comma list of metric keys; all when left out') }),
      response: metricReportSchema,
      errors: [400],
      handler: async ({ principal, query }) => {
        const keys = parseMetricKeys(query.keys);
        const { from, to } = queryPeriod(query.from, query.to);
        return { from: from.toISOString(), to: to.toISOString(), items: await d.metrics.compute(await scoped(principal!, query), keys, from, to) };
      },
    }),
    route({
      method: 'get',
      path: '/api/analytics/metrics/:key/breakdown',
      tag: 'analytics',
      summary: 'One metric per agent or per team (call connect rate, lead SLA, agent activity, key-node reach, SOP completion)',
      access,
      params: keyParam,
      query: analyticsPeriodQuerySchema.extend({ by: z.enum(['agent', 'team']).default('agent') }),
      response: z.object({ key: metricKeySchema, by: z.enum(['agent', 'team']), items: z.array(metricBreakdownRowSchema) }),
      errors: [400],
      handler: async ({ principal, params, query }) => {
        const { from, to } = queryPeriod(query.from, query.to);
        return { key: params.key, by: query.by, items: await d.metrics.breakdown(await scoped(principal!, query), params.key, from, to, query.by) };
      },
    }),
    route({
      method: 'get',
      path: '/api/analytics/metrics/:key/series',
      tag: 'analytics',
      summary: 'One metric per local day or week of the corp (at most 62 points)',
      access,
      params: keyParam,
      query: analyticsPeriodQuerySchema.extend({ interval: z.enum(['day', 'week']).default('day') }),
      response: z.object({ key: metricKeySchema, interval: z.enum(['day', 'week']), items: z.array(metricSeriesPointSchema) }),
      errors: [400],
      handler: async ({ principal, params, query }) => {
        const { from, to } = queryPeriod(query.from, query.to);
        return { key: params.key, interval: query.interval, items: await d.metrics.series(await scoped(principal!, query), params.key, from, to, query.interval) };
      },
    }),
  ];
}

import { z } from 'zod';
import { rejectionReasonSchema, trackingRejectionListSchema, trackingSourceInputSchema, trackingSourceSchema, trackingStatsSchema } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { route, type AnyRoute } from '../platform/http/route';
import type { IngestService } from './ingest.service';
import type { TrackingSource } from './tracking-source.entity';
import type { TrackingSourceService } from './tracking-source.service';
import type { TrackingStatsRepository } from './tracking-stats.repository';

const view = (s: TrackingSource) => ({ id: s.id, kind: s.kind, key: s.sourceKey, name: s.name, createdAt: s.createdAt.toISOString() });

/** For operations staff: what tracking took in and refused, and where it may come from. */
export function trackingAdminRoutes(d: { stats: TrackingStatsRepository; sources: TrackingSourceService; ingest: IngestService; clock: Clock }): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/tracking/stats',
      tag: 'tracking',
      summary: 'Events stored per source and records refused per reason since a time (default: the last 24 hours)',
      access: ['admin', 'team_lead'],
      query: z.object({ since: z.iso.datetime({ offset: true }).optional() }).strict(),
      response: trackingStatsSchema,
      handler: async ({ principal, query }) => {
        const since = query.since ? new Date(query.since) : new Date(d.clock.now().getTime() - 86_400_000);
        const [bySource, byReason, merges] = await Promise.all([
          d.stats.storedBySource(principal!.corpId, since),
          d.stats.rejectedByReason(principal!.corpId, since),
          d.stats.merges(principal!.corpId, since),
        ]);
        const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
        return { since: since.toISOString(), events: { stored: sum(bySource), bySource }, rejected: { total: sum(byReason), byReason }, merges, pending: d.ingest.pending() };
      },
    }),
    route({
      method: 'get',
      path: '/api/tracking/rejections',
      tag: 'tracking',
      summary: 'Refused tracking records, newest first, with the reason and the start of the record',
      access: ['admin', 'team_lead'],
      query: z.object({ reason: rejectionReasonSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }).strict(),
      response: trackingRejectionListSchema,
      handler: ({ principal, query }) => d.stats.rejections(principal!.corpId, query),
    }),
    route({
      method: 'get',
      path: '/api/tracking/sources',
      tag: 'tracking',
      summary: 'Sensors projects and Segment write keys that send to this corp',
      access: ['admin'],
      response: z.object({ items: z.array(trackingSourceSchema) }),
      handler: async ({ principal }) => ({ items: (await d.sources.list(principal!.corpId)).map(view) }),
    }),
    route({
      method: 'post',
      path: '/api/tracking/sources',
      tag: 'tracking',
      summary: 'Adds a Sensors project or a Segment write key for this corp',
      access: ['admin'],
      body: trackingSourceInputSchema,
      response: trackingSourceSchema,
      status: 201,
      errors: [409],
      handler: async ({ principal, body }) => view(await d.sources.create(principal!.corpId, body)),
    }),
  ];
}

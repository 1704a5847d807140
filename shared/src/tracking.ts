import { z } from 'zod';

/** Why a tracking record was refused (counted per reason, with a sample kept). */
export const rejectionReasons = [
  'undecodable',
  'not_an_object',
  'unknown_type',
  'missing_identity',
  'missing_event_name',
  'bad_event_name',
  'bad_time',
  'bad_properties',
  'too_large',
  'unknown_project',
  'identity_conflict',
] as const;
export const rejectionReasonSchema = z.enum(rejectionReasons);
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

export const trackingStatsSchema = z
  .object({
    since: z.string(),
    events: z.object({ stored: z.number().int(), bySource: z.record(z.string(), z.number().int()) }),
    rejected: z.object({ total: z.number().int(), byReason: z.record(z.string(), z.number().int()) }),
    merges: z.number().int(),
    pending: z.number().int().describe('events accepted and waiting for the next write'),
  })
  .meta({ id: 'TrackingStats' });
export type TrackingStats = z.infer<typeof trackingStatsSchema>;

export const trackingRejectionSchema = z.object({ at: z.string(), source: z.string(), reason: z.string(), detail: z.string(), sample: z.string().nullable() });
export const trackingRejectionListSchema = z.object({ items: z.array(trackingRejectionSchema), total: z.number().int() }).meta({ id: 'TrackingRejections' });

export const trackingSourceSchema = z
  .object({ id: z.string(), kind: z.enum(['sensors', 'segment']), key: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'TrackingSource' });
export const trackingSourceInputSchema = z
  .object({ kind: z.enum(['sensors', 'segment']), key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (at most 64)'), name: z.string().trim().min(1).max(64) })
  .strict();

import { z } from 'zod';
import { ratioSchema } from './common';

/** The seed's metrics. Definitions: README, section "Analytics: metric definitions". */
export const metricKeys = [
  'activity_penetration',
  'underwriting_conversion',
  'call_connect_rate',
  'event_attendance_rate',
  'invited_attendance_rate',
  'assessment_customers',
  'assessment_times',
  'referral_rate',
  'checkin_active_rate',
  'journey_conversion',
  'journey_uplift',
  'lead_sla_compliance',
  'agent_activity',
  'key_node_reach_rate',
  'sop_completion',
] as const;
export const metricKeySchema = z.enum(metricKeys);
export type MetricKey = z.infer<typeof metricKeySchema>;

export const metricUnitSchema = z.enum(['ratio', 'count', 'points']).describe('ratio: 0..1; points: percentage points (uplift)');

export const metricValueSchema = z
  .object({
    key: metricKeySchema,
    name: z.string(),
    unit: metricUnitSchema,
    value: z.number().nullable().describe('null when there is nothing to measure (a rate over 0)'),
    ratio: ratioSchema.nullable().describe('for rates: what the value was computed from'),
    better: z.enum(['higher', 'lower']),
  })
  .meta({ id: 'MetricValue' });
export type MetricValue = z.infer<typeof metricValueSchema>;

export const metricBreakdownRowSchema = z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), ratio: ratioSchema.nullable() });
export const metricSeriesPointSchema = z.object({ day: z.string(), value: z.number().nullable() });

export const metricReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(metricValueSchema),
  })
  .meta({ id: 'MetricReport' });
export type MetricReport = z.infer<typeof metricReportSchema>;

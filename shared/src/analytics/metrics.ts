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
export type MetricUnit = z.infer<typeof metricUnitSchema>;

/** What each metric is called, what it counts in and which way is good (server and console alike). */
export const metricInfo: Record<MetricKey, { name: string; unit: MetricUnit; better: 'higher' | 'lower' }> = {
  activity_penetration: { name: '活动渗透率', unit: 'ratio', better: 'higher' },
  underwriting_conversion: { name: '承保转化率', unit: 'ratio', better: 'higher' },
  call_connect_rate: { name: '外呼接通率', unit: 'ratio', better: 'higher' },
  event_attendance_rate: { name: '线下活动到场率', unit: 'ratio', better: 'higher' },
  invited_attendance_rate: { name: '邀约到场率', unit: 'ratio', better: 'higher' },
  assessment_customers: { name: '保障缺口测评人数', unit: 'count', better: 'higher' },
  assessment_times: { name: '保障缺口测评次数', unit: 'count', better: 'higher' },
  referral_rate: { name: '转介绍率', unit: 'ratio', better: 'higher' },
  checkin_active_rate: { name: '签到活跃率', unit: 'ratio', better: 'higher' },
  journey_conversion: { name: '旅程目标转化率', unit: 'ratio', better: 'higher' },
  journey_uplift: { name: '旅程转化提升（百分点）', unit: 'points', better: 'higher' },
  lead_sla_compliance: { name: '线索跟进SLA达成率', unit: 'ratio', better: 'higher' },
  agent_activity: { name: '人均活动量', unit: 'count', better: 'higher' },
  key_node_reach_rate: { name: '关键节点触达率', unit: 'ratio', better: 'higher' },
  sop_completion: { name: '社群SOP完成率', unit: 'ratio', better: 'higher' },
};

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

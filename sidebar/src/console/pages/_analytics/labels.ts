import type { EvaluationPeriod, MetricKey, Ratio } from '@lodestar/shared';
import { pct } from '../../../common/format';

/** The seed's metrics in words (as the server names them); the server's own `name` wins where a page has it. */
export const metricLabels: Record<MetricKey, string> = {
  activity_penetration: '活动渗透率',
  underwriting_conversion: '承保转化率',
  call_connect_rate: '外呼接通率',
  event_attendance_rate: '线下活动到场率',
  invited_attendance_rate: '邀约到场率',
  assessment_customers: '保障缺口测评人数',
  assessment_times: '保障缺口测评次数',
  referral_rate: '转介绍率',
  checkin_active_rate: '签到活跃率',
  journey_conversion: '旅程目标转化率',
  journey_uplift: '旅程转化提升（百分点）',
  lead_sla_compliance: '线索跟进SLA达成率',
  agent_activity: '人均活动量',
  key_node_reach_rate: '关键节点触达率',
  sop_completion: '社群SOP完成率',
};

export type MetricUnit = 'ratio' | 'count' | 'points';

/** The unit each metric is measured in, for the target form before the server has said. */
export const metricUnits: Record<MetricKey, MetricUnit> = {
  activity_penetration: 'ratio',
  underwriting_conversion: 'ratio',
  call_connect_rate: 'ratio',
  event_attendance_rate: 'ratio',
  invited_attendance_rate: 'ratio',
  assessment_customers: 'count',
  assessment_times: 'count',
  referral_rate: 'ratio',
  checkin_active_rate: 'ratio',
  journey_conversion: 'ratio',
  journey_uplift: 'points',
  lead_sla_compliance: 'ratio',
  agent_activity: 'count',
  key_node_reach_rate: 'ratio',
  sop_completion: 'ratio',
};

/** The metrics a per-agent breakdown makes sense for on the overview page. */
export const agentMetrics: MetricKey[] = ['call_connect_rate', 'lead_sla_compliance', 'agent_activity'];

export const evaluationPeriodLabels: Record<EvaluationPeriod, string> = {
  realtime: '实时（本月至今）',
  week: '周',
  month: '月',
  quarter: '季度',
  half_year: '半年',
  year: '年',
};

/** Event names the funnel and retention forms suggest (free text is allowed too). */
export const commonEvents: Array<{ value: string; label: string }> = [
  { value: 'check_in', label: '签到' },
  { value: 'activity_view', label: '浏览活动' },
  { value: 'activity_signup', label: '报名活动' },
  { value: 'activity_attended', label: '参加活动' },
  { value: 'referral_joined', label: '转介绍加入' },
  { value: '$AppStart', label: '打开 App' },
  { value: '$pageview', label: '浏览页面' },
];

export const eventLabel = (name: string): string => commonEvents.find((e) => e.value === name)?.label ?? name;

/** A metric value in its unit: 42.5% / 1,234 / +3.2 个百分点; — when there is nothing to measure. */
export function metricText(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ratio':
      return pct(value);
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
    case 'points':
      return `${value > 0 ? '+' : ''}${value.toFixed(1)} 个百分点`;
  }
}

/** A signed difference in the metric's unit, for deviations: +3.0% / −12 / +1.5 个百分点. */
export function deviationText(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const abs = Math.abs(value);
  switch (unit) {
    case 'ratio':
      return `${sign}${(abs * 100).toFixed(1)} 个百分点`;
    case 'count':
      return `${sign}${abs.toLocaleString('zh-CN', { maximumFractionDigits: 1 })}`;
    case 'points':
      return `${sign}${abs.toFixed(1)} 个百分点`;
  }
}

export const ratioText = (r: Ratio | null): string => (r ? `${r.numerator.toLocaleString('zh-CN')} / ${r.denominator.toLocaleString('zh-CN')}` : '');

/** 0..1 (or null) as a percentage with one decimal, — for null. */
export const pctOrDash = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : pct(x));

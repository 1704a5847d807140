import { metricInfo, metricKeys, type EvaluationPeriod, type MetricKey, type MetricUnit, type Ratio } from '@lodestar/shared';
import { pct } from '../../../common/format';

/** The seed's metrics in words and units (shared with the server); the server's own `name` wins where a page has it. */
export const metricLabels = Object.fromEntries(metricKeys.map((k) => [k, metricInfo[k].name])) as Record<MetricKey, string>;
export const metricUnits = Object.fromEntries(metricKeys.map((k) => [k, metricInfo[k].unit])) as Record<MetricKey, MetricUnit>;
export type { MetricUnit };

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

import type { MetricKey, MetricValue, Ratio } from '@lodestar/shared';
import type { Tally } from './metric-sql';

/** What each metric is called, what it counts in and which way is good. */
export const metricInfo: Record<MetricKey, Pick<MetricValue, 'name' | 'unit' | 'better'>> = {
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

/** A rate with what it came from; null when there was nothing to measure. */
export function ratioOf(t: Tally): Ratio {
  return { numerator: t.numerator, denominator: t.denominator, value: t.denominator === 0 ? null : t.numerator / t.denominator };
}

/** A rate metric's value: the ratio's value, and the ratio itself. */
export function rateValue(key: MetricKey, t: Tally): MetricValue {
  const ratio = ratioOf(t);
  return { key, ...metricInfo[key], value: ratio.value, ratio };
}

/** A plain count (no rate behind it). */
export function countValue(key: MetricKey, n: number): MetricValue {
  return { key, ...metricInfo[key], value: n, ratio: null };
}

/** A value computed some other way (an average, an uplift), with the ratio it came from if any. */
export function plainValue(key: MetricKey, value: number | null, ratio: Ratio | null): MetricValue {
  return { key, ...metricInfo[key], value, ratio };
}

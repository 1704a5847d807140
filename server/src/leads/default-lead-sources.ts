import type { LeadSourceInput } from '@lodestar/shared';

/**
 * The lead sources a corp starts with: the four examples of issue 5. None has a seat group (a corp
 * has none at first); engagement jumps become critical-illness leads, the line most customers lack.
 */
export const defaultLeadSources: readonly LeadSourceInput[] = [
  {
    name: '孤儿单客户',
    enabled: true,
    productLine: 'critical_illness',
    seatGroupId: null,
    definition: { kind: 'orphan_policy' },
  },
  {
    name: '重疾保额 ≤ 80 万 + 家庭阶段变化',
    enabled: true,
    productLine: 'critical_illness',
    seatGroupId: null,
    definition: { kind: 'coverage_gap', line: 'critical_illness', coverAtMost: 800_000, tagGroup: 'family_stage', withinDays: 30 },
  },
  {
    name: '活跃度突增',
    enabled: true,
    productLine: 'critical_illness',
    seatGroupId: null,
    definition: { kind: 'engagement_jump', recentDays: 7, baselineDays: 28, factor: 3, minEvents: 10 },
  },
  {
    name: '活动页留资',
    enabled: true,
    productLine: 'critical_illness',
    seatGroupId: null,
    definition: { kind: 'left_contact', event: 'leave_contact', withinDays: 7, productLineProperty: 'product_line' },
  },
];

/**
 * The built-in source of the leads customer journeys hand to agents (lead-handoff.service.ts),
 * made per corp on the first hand-off. Its line is only a default: each hand-off names its own.
 * Assignment rules can single these leads out with `sources: ['handoff']`.
 */
export const handoffLeadSource: LeadSourceInput = {
  name: '客户旅程转交 (journey hand-off)',
  enabled: true,
  productLine: 'critical_illness',
  seatGroupId: null,
  definition: { kind: 'handoff' },
};

import type { AssignmentRuleSet, SlaSettings } from '@lodestar/shared';

/**
 * The assignment rules a corp starts with: orphan policies to the chosen service team, critical
 * illness, annuity and life leads (the high-value lines) to senior agents with the skill, the
 * hottest leads to whoever has room, everything else in turn. `serviceTeamId` is the team that takes orphan policies over.
 */
export function defaultAssignmentRules(serviceTeamId: string | null): AssignmentRuleSet {
  return {
    rules: [
      ...(serviceTeamId
        ? [
            {
              id: 'orphan_policies',
              name: '孤儿单 → 客户服务团队',
              when: { orphanPolicy: true },
              strategy: { type: 'least_loaded' as const, capacity: 200 },
              pool: { teamIds: [serviceTeamId] },
              respectWorkingHours: false,
            },
          ]
        : []),
      {
        id: 'critical_illness_senior',
        name: '重疾险 → 资深顾问',
        when: { productLines: ['critical_illness'] },
        strategy: { type: 'skill', skills: ['critical_illness'], among: 'least_loaded', capacity: 60, fallback: 'pool' },
        pool: {},
        respectWorkingHours: true,
      },
      {
        id: 'annuity_senior',
        name: '年金险 → 资深顾问',
        when: { productLines: ['annuity'] },
        strategy: { type: 'skill', skills: ['annuity'], among: 'least_loaded', capacity: 60, fallback: 'pool' },
        pool: {},
        respectWorkingHours: true,
      },
      {
        id: 'life_senior',
        name: '寿险 → 资深顾问',
        when: { productLines: ['life'] },
        strategy: { type: 'skill', skills: ['life'], minSeniority: 'senior', among: 'least_loaded', capacity: 60, fallback: 'pool' },
        pool: {},
        respectWorkingHours: true,
      },
      {
        id: 'hot_leads',
        name: 'A 级线索 → 负载最低的顾问',
        when: { grades: ['A'] },
        strategy: { type: 'least_loaded', capacity: 60 },
        pool: {},
        respectWorkingHours: true,
      },
      { id: 'everyone', name: '其余线索 → 轮流分配', when: {}, strategy: { type: 'round_robin' }, pool: {}, respectWorkingHours: false },
    ],
  };
}

/** A day to touch a new lead (reminded 4 hours before), three days' protection, ten at most. */
export const defaultSlaSettings: SlaSettings = {
  firstTouchHours: 24,
  remindBeforeHours: 4,
  protectionHours: 72,
  extendOnActivityHours: 48,
  maxProtectionHours: 240,
  cooldownHours: 72,
};

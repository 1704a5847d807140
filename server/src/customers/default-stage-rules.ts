import type { JourneyStage, SegmentRule } from '@lodestar/shared';

const within = (days: number, events: readonly string[], min = 1): SegmentRule => {
  const rules = events.map((event): SegmentRule => ({ type: 'event_count', event, withinDays: days, min }));
  return rules.length === 1 ? rules[0]! : { type: 'any', rules };
};

/**
 * The journey-stage rules every corp starts with, in the rule language, for the six stages of the
 * insurance journey. A customer is in the highest stage whose rule holds (stage.plan.ts). The admin
 * sees them in the console and may replace any of them (PUT /api/stage-rules); a stage the corp has
 * not changed keeps following these.
 */
export const defaultStageRules: Readonly<Record<JourneyStage, SegmentRule | null>> = {
  /** 兴趣: where everyone starts and where anyone falls back to; no rule needed. */
  interest: null,

  /**
   * 线上互动: the customer engaged with us online in the last 30 days: a page view (H5/web), an
   * app start, a mini-program launch, a check-in, or signing up for an activity (the insurer's SDK
   * events, and the mini-program's own: check_in, activity_signup, activity_attended).
   */
  online_interaction: within(30, ['$pageview', '$AppStart', '$MPLaunch', 'check_in', 'activity_signup', 'activity_attended']),

  /**
   * 分析: the customer is weighing products: in the last 30 days they looked at a product, used a
   * calculator or asked for a proposal; or their behaviour earned them a need tag (保险需求 given
   * by a behaviour rule, e.g. "viewed critical-illness products three times").
   */
  analysis: {
    type: 'any',
    rules: [within(30, ['view_product', 'use_calculator', 'request_proposal', 'product_viewed', 'proposal_viewed', 'gap_assessed']), { type: 'tag', group: '保险需求', sources: ['behaviour'] }],
  },

  /**
   * 需求明确: the customer said what they need: a need tag (保险需求) found in a conversation or put
   * on by their agent, or a budget tag (预算区间) from any source.
   */
  need_clarified: {
    type: 'any',
    rules: [
      { type: 'tag', group: '保险需求', sources: ['conversation', 'manual'] },
      { type: 'tag', group: '预算区间' },
    ],
  },

  /**
   * 购买: the customer holds an active policy, or bought something in the last 90 days (a `purchase`
   * event, before the policy itself reaches us). Holding an active policy keeps them here (or above)
   * for as long as it stays in force.
   */
  purchase: {
    type: 'any',
    rules: [{ type: 'policy', status: 'active' }, within(90, ['purchase'])],
  },

  /**
   * 转介绍: in the last 180 days the customer brought someone in (`referral_success`) or shared our
   * content or a product with others (`share`), or someone they invited to the mini-program
   * qualified (`referral_qualified` with role referrer; the referee's own event does not count).
   */
  referral: {
    type: 'any',
    rules: [within(180, ['referral_success', 'share']), { type: 'event_count', event: 'referral_qualified', where: { role: 'referrer' }, withinDays: 180, min: 1 }],
  },
};

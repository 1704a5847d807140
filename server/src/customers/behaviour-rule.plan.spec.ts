import type { BehaviourRuleDefinition } from '@lodestar/shared';
import { describeActivity, earliestDay, planBehaviourTags, resolveTagRef, ruleCounterKeys, ruleEvidence, windowStart, type CustomerActivity, type PlannedRule } from './behaviour-rule.plan';
import { counterKey } from './counter-key';

const rule = (id: string, tagId: string, d: Partial<BehaviourRuleDefinition> & Pick<BehaviourRuleDefinition, 'event' | 'min' | 'withinDays'>): PlannedRule => ({
  id,
  name: id,
  tagId,
  definition: { tag: { group: 'g', name: tagId }, removeWhenFalse: false, ...d },
});

const ciInterest = rule('重疾险兴趣', 'tag-ci', { event: 'view_product', where: { product_line: 'critical_illness' }, min: 2, withinDays: 7 });
const high = rule('高活跃', 'tag-high', { event: '$AppStart', min: 5, withinDays: 7, removeWhenFalse: true });
const medium = rule('中活跃', 'tag-mid', { event: '$AppStart', min: 2, withinDays: 7, removeWhenFalse: true });
const ciKey = counterKey('view_product', { product_line: 'critical_illness' });
const appKey = counterKey('$AppStart');

const customer = (id: string, counts: CustomerActivity['counts'], tags: CustomerActivity['tags'] = [], today = '2026-03-10'): CustomerActivity => ({ customerId: id, today, counts, tags });

describe('planBehaviourTags', () => {
  it('tags a customer whose count within the window reaches min, and not one below it', () => {
    const plans = planBehaviourTags(
      [ciInterest],
      [
        customer('c1', [
          { counterKey: ciKey, day: '2026-03-04', count: 1 },
          { counterKey: ciKey, day: '2026-03-10', count: 1 },
        ]),
        customer('c2', [{ counterKey: ciKey, day: '2026-03-09', count: 1 }]),
      ],
    );
    expect(plans).toEqual([{ customerId: 'c1', add: [{ tagId: 'tag-ci', ruleId: '重疾险兴趣', evidence: '浏览重疾险产品 2 次 / 7 天 (rule: 重疾险兴趣)' }], remove: [] }]);
  });

  it('counts only days inside the window ending today: 7 days back is one day too many', () => {
    const counts = [
      { counterKey: ciKey, day: '2026-03-03', count: 5 },
      { counterKey: ciKey, day: '2026-03-04', count: 1 },
    ];
    expect(planBehaviourTags([ciInterest], [customer('c1', counts)])).toEqual([]);
    // A day later the same rows are even further out; a day earlier 03-03 is inside.
    expect(planBehaviourTags([ciInterest], [customer('c1', counts, [], '2026-03-09')])[0]!.add[0]!.evidence).toBe('浏览重疾险产品 6 次 / 7 天 (rule: 重疾险兴趣)');
  });

  it('ignores other counter keys and days after the customer’s today', () => {
    const plans = planBehaviourTags(
      [ciInterest],
      [
        customer('c1', [
          { counterKey: counterKey('view_product', { product_line: 'medical' }), day: '2026-03-10', count: 9 },
          { counterKey: counterKey('view_product'), day: '2026-03-10', count: 9 },
          { counterKey: ciKey, day: '2026-03-11', count: 9 },
          { counterKey: ciKey, day: '2026-03-10', count: 1 },
        ]),
      ],
    );
    expect(plans).toEqual([]);
  });

  it('does not add a tag the customer carries from any source, and never duplicates it', () => {
    const counts = [{ counterKey: ciKey, day: '2026-03-10', count: 3 }];
    for (const source of ['conversation', 'manual', 'static', 'model', 'behaviour'] as const) {
      expect(planBehaviourTags([ciInterest], [customer('c1', counts, [{ tagId: 'tag-ci', source }])])).toEqual([]);
    }
  });

  it('keeps a need tag once the rule stops holding (no removeWhenFalse)', () => {
    expect(planBehaviourTags([ciInterest], [customer('c1', [], [{ tagId: 'tag-ci', source: 'behaviour' }])])).toEqual([]);
  });

  it('takes an activity tag off when its removeWhenFalse rule stops holding, but only a behaviour one', () => {
    const plans = planBehaviourTags(
      [high, medium],
      [
        customer('c1', [{ counterKey: appKey, day: '2026-03-09', count: 3 }], [{ tagId: 'tag-high', source: 'behaviour' }, { tagId: 'tag-mid', source: 'behaviour' }]),
        customer('c2', [], [{ tagId: 'tag-high', source: 'conversation' }, { tagId: 'tag-mid', source: 'manual' }]),
        customer('c3', [], [{ tagId: 'tag-high', source: 'static' }, { tagId: 'tag-mid', source: 'model' }]),
      ],
    );
    expect(plans).toEqual([{ customerId: 'c1', add: [], remove: ['tag-high'] }]);
  });

  it('puts several tags on at once, each with its own rule’s evidence', () => {
    const plans = planBehaviourTags([ciInterest, high, medium], [customer('c1', [{ counterKey: appKey, day: '2026-03-05', count: 6 }, { counterKey: ciKey, day: '2026-03-08', count: 2 }])]);
    expect(plans[0]!.add).toEqual([
      { tagId: 'tag-ci', ruleId: '重疾险兴趣', evidence: '浏览重疾险产品 2 次 / 7 天 (rule: 重疾险兴趣)' },
      { tagId: 'tag-high', ruleId: '高活跃', evidence: '打开 App 6 次 / 7 天 (rule: 高活跃)' },
      { tagId: 'tag-mid', ruleId: '中活跃', evidence: '打开 App 6 次 / 7 天 (rule: 中活跃)' },
    ]);
  });

  it('keeps a tag two rules give while either holds, and takes it off when neither does', () => {
    const app = rule('App 活跃', 'tag-high', { event: '$AppStart', min: 5, withinDays: 7, removeWhenFalse: true });
    const mp = rule('小程序活跃', 'tag-high', { event: '$MPLaunch', min: 3, withinDays: 7, removeWhenFalse: true });
    const has = [{ tagId: 'tag-high', source: 'behaviour' as const }];
    expect(planBehaviourTags([app, mp], [customer('c1', [{ counterKey: counterKey('$MPLaunch'), day: '2026-03-10', count: 3 }], has)])).toEqual([]);
    expect(planBehaviourTags([app, mp], [customer('c1', [{ counterKey: counterKey('$MPLaunch'), day: '2026-03-10', count: 2 }], has)])).toEqual([{ customerId: 'c1', add: [], remove: ['tag-high'] }]);
    const fresh = planBehaviourTags([app, mp], [customer('c1', [{ counterKey: counterKey('$MPLaunch'), day: '2026-03-10', count: 4 }])]);
    expect(fresh[0]!.add).toEqual([{ tagId: 'tag-high', ruleId: '小程序活跃', evidence: '打开小程序 4 次 / 7 天 (rule: 小程序活跃)' }]);
  });

  it('uses each customer’s own today (customers in other time zones)', () => {
    const counts = [{ counterKey: appKey, day: '2026-03-04', count: 5 }];
    const plans = planBehaviourTags([high], [customer('east', counts, [], '2026-03-11'), customer('west', counts, [], '2026-03-10')]);
    expect(plans.map((p) => p.customerId)).toEqual(['west']);
  });
});

describe('windows and keys', () => {
  it('starts a 7-day window 6 days before today and a 1-day window today', () => {
    expect(windowStart('2026-03-10', 7)).toBe('2026-03-04');
    expect(windowStart('2026-03-01', 1)).toBe('2026-03-01');
    expect(windowStart('2026-03-01', 2)).toBe('2026-02-28');
  });

  it('reads counts from the earliest start over all customers and rules', () => {
    const monthly = rule('m', 't', { event: 'check_in', min: 10, withinDays: 30 });
    expect(earliestDay([ciInterest, monthly], ['2026-03-10', '2026-03-09'])).toBe('2026-02-08');
    expect(earliestDay([], ['2026-03-10'])).toBeNull();
  });

  it('lists each counter key once', () => {
    expect(ruleCounterKeys([high, medium, ciInterest])).toEqual([appKey, ciKey]);
  });
});

describe('evidence', () => {
  it('describes known events in words and shows the rule, the count and the window', () => {
    expect(describeActivity('view_product', { product_line: 'annuity' })).toBe('浏览养老/年金产品');
    expect(describeActivity('request_proposal', { product_line: 'education', product_code: 'EDU-01' })).toBe('索取教育金计划书 (product_code=EDU-01)');
    expect(describeActivity('check_in', undefined)).toBe('签到');
    expect(describeActivity('$AppStart', undefined)).toBe('打开 App');
    expect(describeActivity('custom_event', { plan: 'gold', n: 2 })).toBe('custom_event (plan=gold, n=2)');
    expect(ruleEvidence({ name: '签到达人', definition: { event: 'check_in', min: 5, withinDays: 30, tag: { group: 'g', name: 't' }, removeWhenFalse: false } }, 12)).toBe('签到 12 次 / 30 天 (rule: 签到达人)');
  });
});

describe('resolveTagRef', () => {
  const dict = [
    { id: 't1', name: '重疾险', groupId: 'g1', groupKey: 'insurance_need', groupName: '保险需求' },
    { id: 't2', name: '重疾险', groupId: 'g2', groupKey: 'wecom:et1', groupName: 'insurance_need' },
    { id: 't3', name: '高活跃', groupId: 'g3', groupKey: 'activity', groupName: '活跃度' },
  ];
  it('finds a tag by group key or group name, the key first', () => {
    expect(resolveTagRef(dict, { group: '保险需求', name: '重疾险' })?.id).toBe('t1');
    expect(resolveTagRef(dict, { group: 'insurance_need', name: '重疾险' })?.id).toBe('t1');
    expect(resolveTagRef(dict, { group: 'activity', name: '高活跃' })?.id).toBe('t3');
  });
  it('finds nothing for a name in another group or not in the dictionary', () => {
    expect(resolveTagRef(dict, { group: '活跃度', name: '重疾险' })).toBeNull();
    expect(resolveTagRef(dict, { group: '保险需求', name: '防癌险' })).toBeNull();
  });
});

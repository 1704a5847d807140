import { journeyStages, segmentRuleSchema, stageRulesSchema, type JourneyStage, type SegmentRule } from '@lodestar/shared';
import { compileRule } from './segment-rule.sql';
import { defaultStageRules } from './default-stage-rules';
import { canonicalRule, derivedStage, effectiveStageRules, stageChanges, stageRuleProblems, stageRuleWrites, stagesToTest } from './stage.plan';

const rule = (event: string): SegmentRule => ({ type: 'event_count', event, withinDays: 7, min: 1 });

describe('stage plan', () => {
  it('puts a customer in the highest stage whose rule holds, interest when none does', () => {
    expect(derivedStage([])).toBe('interest');
    expect(derivedStage(['online_interaction', 'purchase', 'analysis'])).toBe('purchase');
    expect(derivedStage(new Set<JourneyStage>(['referral', 'online_interaction']))).toBe('referral');
    expect(derivedStage(['interest'])).toBe('interest');
  });

  it('reports only customers whose derived stage differs, down as well as up', () => {
    const current = new Map<string, JourneyStage>([
      ['up', 'interest'],
      ['same', 'analysis'],
      ['down', 'need_clarified'],
      ['none', 'purchase'],
    ]);
    const holding = new Map<string, JourneyStage[]>([
      ['up', ['online_interaction', 'analysis']],
      ['same', ['analysis']],
      ['down', ['online_interaction']],
    ]);
    expect(stageChanges(current, holding)).toEqual([
      { customerId: 'up', from: 'interest', to: 'analysis' },
      { customerId: 'down', from: 'need_clarified', to: 'online_interaction' },
      { customerId: 'none', from: 'purchase', to: 'interest' },
    ]);
  });

  it('tests stages highest first, skipping interest and stages without a rule', () => {
    const rules = journeyStages.map((stage) => ({ stage, rule: stage === 'analysis' ? null : rule(stage) }));
    expect(stagesToTest(rules).map((r) => r.stage)).toEqual(['referral', 'purchase', 'need_clarified', 'online_interaction']);
  });

  it('takes the corp’s own rules where it has them and the defaults elsewhere', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const rules = effectiveStageRules([{ stage: 'referral', rule: rule('invite'), updatedAt: at }], defaultStageRules);
    expect(rules.map((r) => r.stage)).toEqual([...journeyStages]);
    expect(rules.find((r) => r.stage === 'referral')).toEqual({ stage: 'referral', rule: rule('invite'), isDefault: false, updatedAt: at });
    expect(rules.find((r) => r.stage === 'purchase')).toEqual({ stage: 'purchase', rule: defaultStageRules.purchase, isDefault: true, updatedAt: null });
  });

  it('stores only rules that differ from the default, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(defaultStageRules.purchase), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as SegmentRule;
    expect(canonicalRule(reordered)).toBe(canonicalRule(defaultStageRules.purchase));
    const input = journeyStages.map((stage) => ({ stage, rule: stage === 'purchase' ? reordered : stage === 'referral' ? rule('invite') : defaultStageRules[stage] }));
    const { save, reset } = stageRuleWrites(input, defaultStageRules);
    expect(save).toEqual([{ stage: 'referral', rule: rule('invite') }]);
    expect(reset).toEqual(['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase']);
  });

  it('refuses a stage listed twice and a rule that reads the stage itself', () => {
    const rules = journeyStages.map((stage) => ({ stage, rule: defaultStageRules[stage] }));
    rules[5] = { stage: 'purchase', rule: null };
    rules[2] = { stage: 'analysis', rule: { type: 'any', rules: [rule('x'), { type: 'not', rule: { type: 'stage', stages: ['purchase'] } }] } };
    expect(stageRuleProblems(rules)).toEqual([
      { path: [2, 'rule', 'rules', 1, 'rule'], message: 'A stage rule cannot depend on the stage itself' },
      { path: [5, 'stage'], message: 'purchase appears twice; list each of the six stages once' },
    ]);
    expect(stageRuleProblems(journeyStages.map((stage) => ({ stage, rule: defaultStageRules[stage] })))).toEqual([]);
  });

  it('ships default rules that pass the schema, compile, and leave interest without a rule', () => {
    const parsed = stageRulesSchema.parse({ rules: journeyStages.map((stage) => ({ stage, rule: defaultStageRules[stage] })) });
    expect(parsed.rules.map((r) => canonicalRule(r.rule))).toEqual(journeyStages.map((s) => canonicalRule(defaultStageRules[s])));
    expect(defaultStageRules.interest).toBeNull();
    for (const stage of journeyStages.filter((s) => s !== 'interest')) {
      const r = segmentRuleSchema.parse(defaultStageRules[stage]);
      expect(compileRule(r, { today: '2026-01-05', now: new Date('2026-01-05T00:00:00Z'), dbType: 'mysql' }).sql).toMatch(/EXISTS|activity_count/);
    }
  });
});

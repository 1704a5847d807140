import { scoringModelSchema, type ScoringModel } from '@lodestar/shared';
import { counterKey, eventCounterKey } from '../customers';
import { defaultScoringModel } from './default-scoring-model';
import { gradeOf, lookbackDays, scoreLead, scoringCounters, type ScoringFacts } from './scoring.plan';

const today = '2026-03-15';
const facts = (over: Partial<ScoringFacts> = {}): ScoringFacts => ({
  today,
  birthDate: '1990-06-01',
  city: '上海',
  hasWecom: true,
  hasPhone: false,
  stage: 'interest',
  policies: [],
  tags: [],
  counts: new Map(),
  ...over,
});

describe('scoreLead', () => {
  it('explains every point: each rule that fired with its points and what it saw, largest first', () => {
    const s = scoreLead(defaultScoringModel, facts({ policies: [{ line: 'critical_illness', status: 'active', cover: 500_000, orphan: true }] }));
    expect(s.reasons.map((r) => [r.ruleId, r.points, r.detail])).toEqual([
      ['fit_orphan', 25, '1 份孤儿单保单'],
      ['fit_age', 20, '35 岁'],
      ['fit_ci_gap', 20, '1 份重疾险，保额 50 万'],
      ['fit_wecom', 15, '已加企业微信'],
      ['fit_no_medical', 10, '没有有效医疗险'],
    ]);
    expect(s).toMatchObject({ fit: 90, engagement: 0, score: 45, grade: 'C' });
  });

  it('counts age in full years on the day of scoring', () => {
    expect(scoreLead(defaultScoringModel, facts({ birthDate: '1976-03-16' })).reasons.some((r) => r.ruleId === 'fit_age')).toBe(true); // 49
    expect(scoreLead(defaultScoringModel, facts({ birthDate: '1975-03-15' })).reasons.some((r) => r.ruleId === 'fit_age')).toBe(false); // 51
  });

  it('lets recent behaviour count more than old behaviour (half-life), and caps it', () => {
    const key = counterKey('view_product', { product_line: 'critical_illness' });
    const recent = scoreLead(defaultScoringModel, facts({ counts: new Map([[key, [{ day: today, count: 2 }]]]) }));
    const old = scoreLead(defaultScoringModel, facts({ counts: new Map([[key, [{ day: '2026-03-01', count: 2 }]]]) }));
    expect(recent.reasons.find((r) => r.ruleId === 'eng_view_ci')).toMatchObject({ points: 12, detail: '30 天内 2 次' });
    expect(old.reasons.find((r) => r.ruleId === 'eng_view_ci')!.points).toBe(3); // 12 × 0.5^(14/7)
    const many = scoreLead(defaultScoringModel, facts({ counts: new Map([[key, [{ day: today, count: 50 }]]]) }));
    expect(many.reasons.find((r) => r.ruleId === 'eng_view_ci')!.points).toBe(25);
    const outside = scoreLead(defaultScoringModel, facts({ counts: new Map([[key, [{ day: '2026-02-01', count: 5 }]]]) }));
    expect(outside.reasons.find((r) => r.ruleId === 'eng_view_ci')).toBeUndefined();
  });

  it('weighs a conversation tag by its age and confidence, and a price objection takes points off', () => {
    const s = scoreLead(
      defaultScoringModel,
      facts({
        tags: [
          { name: '重疾险', group: '保险需求', groupKey: 'insurance_need', source: 'conversation', day: '2026-02-13', confidence: 0.8 },
          { name: '价格', group: '异议', groupKey: 'objection', source: 'conversation', day: today, confidence: null },
        ],
      }),
    );
    expect(s.reasons.find((r) => r.ruleId === 'eng_need')).toMatchObject({ points: 10, detail: '保险需求/重疾险（conversation，30 天前）' }); // 25 × 0.5 × 0.8
    expect(s.reasons.find((r) => r.ruleId === 'eng_objection_price')!.points).toBe(-10);
    expect(s.engagement).toBe(0); // 10 − 10, never below zero
  });

  it('keeps each dimension within 0–100 and grades from both', () => {
    const model: ScoringModel = {
      ...defaultScoringModel,
      rules: [
        { id: 'x', kind: 'stage', dimension: 'engagement', name: 'x', stages: ['interest'], points: 80 },
        { id: 'y', kind: 'stage', dimension: 'engagement', name: 'y', stages: ['interest', 'analysis'], points: 80 },
        { id: 'z', kind: 'reachable', dimension: 'fit', name: 'z', via: 'wecom', points: -30 },
      ],
    };
    expect(scoreLead(model, facts())).toMatchObject({ engagement: 100, fit: 0, score: 50 });
    expect(gradeOf(60, 55, defaultScoringModel.grades)).toBe('A');
    expect(gradeOf(60, 30, defaultScoringModel.grades)).toBe('B');
    expect(gradeOf(20, 0, defaultScoringModel.grades)).toBe('C');
    expect(gradeOf(10, 90, defaultScoringModel.grades)).toBe('D');
  });

  it('ships a default model the schema accepts, and names the counters and window it needs', () => {
    expect(scoringModelSchema.safeParse(defaultScoringModel).success).toBe(true);
    expect(scoringCounters(defaultScoringModel).map((c) => c.key)).toEqual([counterKey('view_product', { product_line: 'critical_illness' })]);
    expect(lookbackDays(defaultScoringModel)).toBe(60);
    expect(eventCounterKey('use_calculator')).toBe(counterKey('use_calculator'));
  });

  it('refuses a tag rule that names neither a tag nor a group', () => {
    const bad = { ...defaultScoringModel, rules: [{ id: 't', kind: 'tag', dimension: 'fit', name: 't', points: 5 }] };
    expect(scoringModelSchema.safeParse(bad).success).toBe(false);
  });
});

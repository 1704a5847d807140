import { buildVocabulary, featureNames, featureVector, predictIntent, type IntentModel, type IntentVocabulary } from './intent-features.plan';
import type { ScoringFacts } from './scoring.plan';

const today = '2026-01-05';
const facts = (over: Partial<ScoringFacts> = {}): ScoringFacts => ({
  today,
  birthDate: '1990-03-01',
  city: '上海',
  hasWecom: true,
  hasPhone: false,
  stage: 'analysis',
  policies: [],
  tags: [],
  counts: new Map(),
  ...over,
});
const tag = (groupKey: string, name: string, source: ScoringFacts['tags'][number]['source'], confidence: number | null = null): ScoringFacts['tags'][number] => ({
  name,
  group: groupKey,
  groupKey,
  source,
  day: '2025-12-20',
  confidence,
});
const value = (f: ScoringFacts, vocab: IntentVocabulary, name: string): number => {
  const i = featureNames(vocab).indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return featureVector(f, vocab)[i]!;
};

describe('buildVocabulary', () => {
  it('keeps the counters, tags and lines enough customers have, sorted, and never the model’s own tags', () => {
    const many = Array.from({ length: 6 }, (_, i) =>
      facts({
        counts: new Map([
          ['event:use_calculator', [{ day: today, count: 1 }]],
          ['event:rare', i === 0 ? [{ day: today, count: 1 }] : []],
          ['event:old', [{ day: '2025-10-01', count: 3 }]],
        ]),
        tags: [tag('objection', '信任', 'conversation'), tag('predicted_intent', '高意向', 'model')],
        policies: [{ line: 'medical', status: 'active', cover: 1, orphan: false }],
      }),
    );
    const v = buildVocabulary(many);
    expect(v).toEqual({ counterKeys: ['event:use_calculator'], tags: ['objection/信任@conversation'], lines: ['medical'] });
    expect(buildVocabulary(many, { minSupport: 1 }).counterKeys).toEqual(['event:rare', 'event:use_calculator']);
  });
});

describe('featureVector', () => {
  const vocab: IntentVocabulary = { counterKeys: ['event:check_in', 'f:view_product|product_line=critical_illness'], tags: ['objection/信任@conversation', 'objection/信任@manual'], lines: ['critical_illness', 'medical'] };

  it('has one value per name, the names unique and stable', () => {
    const names = featureNames(vocab);
    expect(new Set(names).size).toBe(names.length);
    expect(featureVector(facts(), vocab)).toHaveLength(names.length);
    expect(featureNames(vocab)).toEqual(names);
    expect(names).toContain('7d:event:check_in');
    expect(names).toContain('tag:objection/信任@manual');
  });

  it('bands the age on the day of the facts, and knows when it is unknown', () => {
    expect(value(facts({ birthDate: '1990-03-01' }), vocab, 'age:35-39')).toBe(1);
    expect(value(facts({ birthDate: '1991-01-06' }), vocab, 'age:30-34')).toBe(1);
    expect(value(facts({ birthDate: '1991-01-05' }), vocab, 'age:35-39')).toBe(1);
    expect(value(facts({ birthDate: null }), vocab, 'age:unknown')).toBe(1);
    expect(featureVector(facts({ birthDate: null }), vocab).slice(0, 9)).toEqual(new Array(9).fill(0));
  });

  it('reads reachability, the stage, and active policies only', () => {
    const f = facts({
      hasWecom: false,
      hasPhone: true,
      stage: 'need_clarified',
      policies: [
        { line: 'critical_illness', status: 'active', cover: 500_000, orphan: true },
        { line: 'medical', status: 'expired', cover: 2_000_000, orphan: false },
      ],
    });
    expect(value(f, vocab, 'reach:wecom')).toBe(0);
    expect(value(f, vocab, 'reach:phone')).toBe(1);
    expect(value(f, vocab, 'stage:need_clarified')).toBe(1);
    expect(value(f, vocab, 'stage:analysis')).toBe(0);
    expect(value(f, vocab, 'policy:critical_illness')).toBe(1);
    expect(value(f, vocab, 'policy:medical')).toBe(0);
    expect(value(f, vocab, 'policy:orphan')).toBe(1);
    expect(value(f, vocab, 'policy:ci_cover≤80万')).toBe(1);
    expect(value(f, vocab, 'cover:≤50万')).toBe(1);
    expect(value(f, vocab, 'policy:none')).toBe(0);
    expect(value(facts(), vocab, 'policy:none')).toBe(1);
    expect(value(facts({ policies: [{ line: 'medical', status: 'active', cover: 4_000_000, orphan: false }] }), vocab, 'cover:>300万')).toBe(1);
  });

  it('takes log(1 + events) of the last 7 and 30 days, today included, nothing older or later', () => {
    const f = facts({
      counts: new Map([
        [
          'event:check_in',
          [
            { day: today, count: 2 },
            { day: '2025-12-30', count: 1 },
            { day: '2025-12-29', count: 4 },
            { day: '2025-12-07', count: 5 },
            { day: '2025-12-06', count: 100 },
            { day: '2026-01-06', count: 100 },
          ],
        ],
      ]),
    });
    expect(value(f, vocab, '7d:event:check_in')).toBeCloseTo(Math.log(1 + 3), 12);
    expect(value(f, vocab, '30d:event:check_in')).toBeCloseTo(Math.log(1 + 12), 12);
    expect(value(f, vocab, '30d:f:view_product|product_line=critical_illness')).toBe(0);
  });

  it('weighs a tag by its confidence (1 without), per source, and ignores model tags', () => {
    const f = facts({ tags: [tag('objection', '信任', 'conversation', 0.8), tag('objection', '信任', 'manual')] });
    expect(value(f, vocab, 'tag:objection/信任@conversation')).toBe(0.8);
    expect(value(f, vocab, 'tag:objection/信任@manual')).toBe(1);
    const modelOnly: IntentVocabulary = { ...vocab, tags: ['predicted_intent/高意向@model'] };
    expect(value(facts({ tags: [tag('predicted_intent', '高意向', 'model', 0.9)] }), modelOnly, 'tag:predicted_intent/高意向@model')).toBe(0);
  });
});

describe('predictIntent', () => {
  const vocab: IntentVocabulary = { counterKeys: ['event:use_calculator'], tags: [], lines: [] };
  const names = featureNames(vocab);
  const model = (over: Partial<IntentModel> = {}): IntentModel => ({
    vocab,
    features: names,
    weights: names.map((n) => (n === '30d:event:use_calculator' ? 2 : 0)),
    bias: -1,
    means: names.map(() => 0),
    stds: names.map(() => 1),
    threshold: 0.5,
    ...over,
  });
  const calculated = facts({ counts: new Map([['event:use_calculator', [{ day: today, count: 3 }]]]) });

  it('is a probability that rises with the weighted features', () => {
    const p0 = predictIntent(model(), facts());
    const p1 = predictIntent(model(), calculated);
    expect(p0).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
    expect(p1).toBeGreaterThan(p0);
    expect(p1).toBeLessThan(1);
  });

  it('finds the features of an older model by name, and a feature that is gone counts as its mean', () => {
    const older = model({
      features: ['30d:event:use_calculator', 'gone:feature'],
      weights: [2, 5],
      means: [0, 0.3],
      stds: [1, 1],
    });
    expect(predictIntent(older, calculated)).toBeCloseTo(1 / (1 + Math.exp(-(-1 + 2 * Math.log(4)))), 12);
  });
});

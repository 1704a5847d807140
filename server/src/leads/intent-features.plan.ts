import { journeyStages } from '@lodestar/shared';
import { addDays } from '../platform/local-day';
import { predictProbability, type LogisticModel } from './logistic-regression.plan';
import type { ScoringFacts } from './scoring.plan';

/**
 * What the intent model can see, learnt from the training facts: the counters, tags and product
 * lines seen often enough. Anything outside it is ignored when predicting (a new event or tag
 * needs a new training to count).
 */
export interface IntentVocabulary {
  /** Counter keys (customers/counter-key.ts), sorted. */
  counterKeys: string[];
  /** `groupKey/name@source`, sorted. */
  tags: string[];
  /** Product lines, sorted. */
  lines: string[];
}

/** A trained version as stored (intent_model.model): the vocabulary and the fitted weights. */
export interface IntentModel extends LogisticModel {
  vocab: IntentVocabulary;
  /** One name per weight, in order (featureNames). */
  features: string[];
  /** At or above it a customer is called high-intent (the predictive tag). */
  threshold: number;
}

export interface VocabularyOptions {
  /** Keep a counter, tag or line only when at least this many customers have it. Default 5. */
  minSupport?: number;
  maxCounterKeys?: number;
  maxTags?: number;
}

/** Days of counts the features read: the model needs facts with at least this look-back. */
export const featureLookbackDays = 30;

const ageBands: ReadonlyArray<readonly [string, number, number]> = [
  ['<25', 0, 24],
  ['25-29', 25, 29],
  ['30-34', 30, 34],
  ['35-39', 35, 39],
  ['40-44', 40, 44],
  ['45-49', 45, 49],
  ['50-54', 50, 54],
  ['55-59', 55, 59],
  ['60+', 60, 200],
];
const coverBands: ReadonlyArray<readonly [string, number]> = [
  ['≤50万', 500_000],
  ['50-100万', 1_000_000],
  ['100-300万', 3_000_000],
  ['>300万', Infinity],
];

const tagKey = (t: ScoringFacts['tags'][number]): string => `${t.groupKey}/${t.name}@${t.source}`;

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5, 10) ? years - 1 : years;
}

/** Events of each counter in the last 7 and 30 days (today included). */
function recentCounts(f: ScoringFacts): Map<string, { d7: number; d30: number }> {
  const from7 = addDays(f.today, -6);
  const from30 = addDays(f.today, -(featureLookbackDays - 1));
  const out = new Map<string, { d7: number; d30: number }>();
  for (const [key, days] of f.counts) {
    let d7 = 0;
    let d30 = 0;
    for (const c of days) {
      if (c.day > f.today || c.day < from30) continue;
      d30 += c.count;
      if (c.day >= from7) d7 += c.count;
    }
    if (d30 > 0) out.set(key, { d7, d30 });
  }
  return out;
}

/** The model's own output (source model) is never an input. */
const inputTags = (f: ScoringFacts): ScoringFacts['tags'] => f.tags.filter((t) => t.source !== 'model');

function frequent(counts: Map<string, number>, minSupport: number, max: number): string[] {
  return [...counts]
    .filter(([, n]) => n >= minSupport)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([k]) => k)
    .sort();
}

/** The vocabulary of the training facts. */
export function buildVocabulary(facts: Iterable<ScoringFacts>, o: VocabularyOptions = {}): IntentVocabulary {
  const minSupport = o.minSupport ?? 5;
  const counters = new Map<string, number>();
  const tags = new Map<string, number>();
  const lines = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const f of facts) {
    for (const k of recentCounts(f).keys()) bump(counters, k);
    for (const k of new Set(inputTags(f).map(tagKey))) bump(tags, k);
    for (const l of new Set(f.policies.map((p) => p.line))) bump(lines, l);
  }
  return { counterKeys: frequent(counters, minSupport, o.maxCounterKeys ?? 100), tags: frequent(tags, minSupport, o.maxTags ?? 300), lines: frequent(lines, minSupport, 50) };
}

/** The name of every feature, in the order of featureVector. */
export function featureNames(vocab: IntentVocabulary): string[] {
  return [
    ...ageBands.map(([b]) => `age:${b}`),
    'age:unknown',
    'reach:wecom',
    'reach:phone',
    ...journeyStages.map((s) => `stage:${s}`),
    'policy:none',
    'policy:orphan',
    'policy:ci_cover≤80万',
    ...coverBands.map(([b]) => `cover:${b}`),
    ...vocab.lines.map((l) => `policy:${l}`),
    ...vocab.counterKeys.flatMap((k) => [`7d:${k}`, `30d:${k}`]),
    ...vocab.tags.map((t) => `tag:${t}`),
  ];
}

/**
 * One customer's features: age band, reachability, stage, active policies (per line, orphan, a
 * critical-illness cover of at most 800k, the total cover band), log(1 + events) of each counter in
 * the last 7 and 30 days, and each tag (its confidence, 1 when it has none).
 */
export function featureVector(f: ScoringFacts, vocab: IntentVocabulary): number[] {
  const age = f.birthDate ? ageOn(f.birthDate, f.today) : null;
  const active = f.policies.filter((p) => p.status === 'active');
  const totalCover = active.reduce((s, p) => s + p.cover, 0);
  const coverBand = active.length ? coverBands.findIndex(([, max]) => totalCover <= max) : -1;
  const counts = recentCounts(f);
  const tags = new Map<string, number>();
  for (const t of inputTags(f)) {
    const k = tagKey(t);
    tags.set(k, Math.max(tags.get(k) ?? 0, t.confidence ?? 1));
  }
  const flag = (b: boolean): number => (b ? 1 : 0);
  return [
    ...ageBands.map(([, min, max]) => flag(age !== null && age >= min && age <= max)),
    flag(age === null),
    flag(f.hasWecom),
    flag(f.hasPhone),
    ...journeyStages.map((s) => flag(f.stage === s)),
    flag(active.length === 0),
    flag(active.some((p) => p.orphan)),
    flag(active.some((p) => p.line === 'critical_illness' && p.cover <= 800_000)),
    ...coverBands.map((_, i) => flag(i === coverBand)),
    ...vocab.lines.map((l) => flag(active.some((p) => p.line === l))),
    ...vocab.counterKeys.flatMap((k) => {
      const c = counts.get(k);
      return [Math.log1p(c?.d7 ?? 0), Math.log1p(c?.d30 ?? 0)];
    }),
    ...vocab.tags.map((t) => tags.get(t) ?? 0),
  ];
}

/** Per model: where each of its features sits in today's featureVector (-1: gone), or null when they line up. */
const layouts = new WeakMap<IntentModel, number[] | null>();

function layout(model: IntentModel): number[] | null {
  let l = layouts.get(model);
  if (l === undefined) {
    const now = featureNames(model.vocab);
    const same = now.length === model.features.length && now.every((n, i) => n === model.features[i]);
    const at = new Map(now.map((n, i) => [n, i]));
    l = same ? null : model.features.map((n) => at.get(n) ?? -1);
    layouts.set(model, l);
  }
  return l;
}

/**
 * The model's probability that the customer converts. A model saved before the features changed
 * still predicts: its features are found by name, and one that is gone counts as its training mean.
 */
export function predictIntent(model: IntentModel, facts: ScoringFacts): number {
  const x = featureVector(facts, model.vocab);
  const l = layout(model);
  return predictProbability(model, l ? l.map((i, j) => (i >= 0 ? x[i]! : model.means[j]!)) : x);
}

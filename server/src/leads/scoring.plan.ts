import type { GradeThresholds, JourneyStage, LeadScore, ScoreReason, ScoringModel, ScoringRule, TagSource } from '@lodestar/shared';
import { counterDefinition, counterKey, productLineNames, type CounterDefinition } from '../customers';
import { addDays } from '../platform/local-day';

/** What scoring knows of one customer, read in batches by the service. */
export interface ScoringFacts {
  /** The local day the score is for (YYYY-MM-DD). */
  today: string;
  birthDate: string | null;
  city: string | null;
  hasWecom: boolean;
  hasPhone: boolean;
  stage: JourneyStage;
  policies: ReadonlyArray<{ line: string; status: string; cover: number; orphan: boolean }>;
  tags: ReadonlyArray<{ name: string; group: string; groupKey: string; source: TagSource; day: string; confidence: number | null }>;
  /** Daily counts per counter key (see customers/counter-key.ts), within the longest window. */
  counts: ReadonlyMap<string, ReadonlyArray<{ day: string; count: number }>>;
}

const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
const daysBetween = (from: string, to: string): number => Math.max(0, dayNumber(to) - dayNumber(from));
const round1 = (n: number): number => Math.round(n * 10) / 10;
const clamp = (n: number): number => Math.max(0, Math.min(100, n));
const decay = (ageDays: number, halfLife: number | undefined): number => (halfLife ? 0.5 ** (ageDays / halfLife) : 1);

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5, 10) ? years - 1 : years;
}

/** The points one rule gives, with the words that explain them; null when it does not fire. */
function fire(rule: ScoringRule, f: ScoringFacts): { points: number; detail: string } | null {
  switch (rule.kind) {
    case 'age': {
      if (!f.birthDate) return null;
      const age = ageOn(f.birthDate, f.today);
      return age >= rule.min && age <= rule.max ? { points: rule.points, detail: `${age} 岁` } : null;
    }
    case 'city':
      return f.city && rule.cities.includes(f.city) ? { points: rule.points, detail: f.city } : null;
    case 'reachable':
      return (rule.via === 'wecom' ? f.hasWecom : f.hasPhone) ? { points: rule.points, detail: rule.via === 'wecom' ? '已加企业微信' : '有手机号' } : null;
    case 'policy': {
      const matching = f.policies.filter(
        (p) =>
          p.status === 'active' &&
          (rule.line === undefined || p.line === rule.line) &&
          (rule.orphan === undefined || p.orphan === rule.orphan) &&
          (rule.coverAtMost === undefined || p.cover <= rule.coverAtMost),
      );
      const line = rule.line ? (productLineNames[rule.line] ?? rule.line) : '保单';
      if (rule.none) return matching.length === 0 ? { points: rule.points, detail: `没有有效${line}` } : null;
      if (!matching.length) return null;
      const cover = rule.coverAtMost !== undefined ? `，保额 ${Math.max(...matching.map((p) => p.cover)) / 10_000} 万` : '';
      return { points: rule.points, detail: `${matching.length} 份${rule.orphan ? '孤儿单' : ''}${line}${cover}` };
    }
    case 'tag': {
      let best: { points: number; detail: string } | null = null;
      for (const t of f.tags) {
        if (rule.tag !== undefined && t.name !== rule.tag) continue;
        if (rule.group !== undefined && t.group !== rule.group && t.groupKey !== rule.group) continue;
        if (rule.sources && !rule.sources.includes(t.source)) continue;
        const age = daysBetween(t.day, f.today);
        const points = rule.points * decay(age, rule.halfLifeDays) * (t.confidence ?? 1);
        if (!best || Math.abs(points) > Math.abs(best.points)) best = { points, detail: `${t.group}/${t.name}（${t.source}，${age} 天前）` };
      }
      return best;
    }
    case 'event': {
      const from = addDays(f.today, -(rule.withinDays - 1));
      let raw = 0;
      let times = 0;
      for (const c of f.counts.get(counterKey(rule.event, rule.where)) ?? []) {
        if (c.day < from || c.day > f.today) continue;
        times += c.count;
        raw += rule.points * c.count * decay(daysBetween(c.day, f.today), rule.halfLifeDays);
      }
      if (!times) return null;
      const points = Math.sign(raw) * Math.min(Math.abs(raw), rule.maxPoints);
      return { points, detail: `${rule.withinDays} 天内 ${times} 次` };
    }
    case 'stage':
      return rule.stages.includes(f.stage) ? { points: rule.points, detail: f.stage } : null;
  }
}

export function gradeOf(fit: number, engagement: number, t: GradeThresholds): LeadScore['grade'] {
  for (const g of ['A', 'B', 'C'] as const) if (fit >= t[g].fit && engagement >= t[g].engagement) return g;
  return 'D';
}

/**
 * Scores one customer: every rule that fires adds its (decayed) points to its dimension, each
 * dimension is kept within 0–100, the score is their mean, and the grade comes from the two
 * scores. The reasons list every rule that fired with its points, largest first.
 */
export function scoreLead(model: ScoringModel, facts: ScoringFacts): LeadScore {
  const reasons: ScoreReason[] = [];
  for (const rule of model.rules) {
    const hit = fire(rule, facts);
    if (hit && round1(hit.points) !== 0) reasons.push({ ruleId: rule.id, rule: rule.name, dimension: rule.dimension, points: round1(hit.points), detail: hit.detail });
  }
  const sum = (d: ScoreReason['dimension']) => reasons.filter((r) => r.dimension === d).reduce((a, r) => a + r.points, 0);
  const fit = round1(clamp(sum('fit')));
  const engagement = round1(clamp(sum('engagement')));
  reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  return { fit, engagement, score: round1((fit + engagement) / 2), grade: gradeOf(fit, engagement, model.grades), reasons };
}

/** The filtered counters the model's event rules read, so ingestion keeps them. */
export function scoringCounters(model: ScoringModel): CounterDefinition[] {
  return model.rules.flatMap((r) => (r.kind === 'event' && r.where && Object.keys(r.where).length ? [counterDefinition(r.event, r.where)] : []));
}

/** The longest window any event rule looks back over (how many days of counts to read). */
export function lookbackDays(model: ScoringModel): number {
  return Math.max(1, ...model.rules.map((r) => (r.kind === 'event' ? r.withinDays : 1)));
}

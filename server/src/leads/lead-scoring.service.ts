import type { CustomerScore, LeadGrade, ScoringModel } from '@lodestar/shared';
import type { TagEdit } from '../customers';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { LeadFactsRepository } from './lead-facts.repository';
import type { LeadScoreRepository } from './lead-score.repository';
import { scoreLead, lookbackDays, type ScoringFacts } from './scoring.plan';
import { storedReasons } from './lead-view';
import { scoreWrites, type FreshScore, type ScoreChange } from './score-change.plan';

/** The active high-intent model of a corp, ready to predict. */
export interface IntentPredictor {
  version: number;
  /** Probability of conversion from the facts (model tags left out: the model never reads its own output). */
  predict(facts: ScoringFacts): number;
  /** At or above it the customer carries the predictive tag. */
  threshold: number;
}

/** The predictive tag: group key and name in the tag dictionary. */
export const predictiveTag = { groupKey: 'predicted_intent', groupName: '预测意向', name: '高意向' } as const;

export interface LeadScoringDeps {
  facts: LeadFactsRepository;
  scores: LeadScoreRepository;
  model: (corpId: string) => Promise<ScoringModel>;
  predictor: (corpId: string) => Promise<IntentPredictor | null>;
  /** Puts on and takes off the predictive tag (the tagging service). */
  tag: (corpId: string, edits: ReadonlyArray<TagEdit & { customerId: string }>, at: Date) => Promise<unknown>;
  clock: Clock;
  ids: IdGenerator;
  onChanged?: (corpId: string, changes: ScoreChange[]) => Promise<void>;
}

const withoutModelTags = (f: ScoringFacts): ScoringFacts => ({ ...f, tags: f.tags.filter((t) => t.source !== 'model') });

/**
 * Scores and grades customers by the corp's rules, with the intent model's probability as the
 * predictive tag, and writes only what changed (score-change.plan.ts). Called for the customers an
 * event, a tag or a conversation just touched, and for everyone when the rules or the model change.
 */
export class LeadScoringService {
  constructor(private readonly d: LeadScoringDeps) {}

  async rescore(corpId: string, customerIds: readonly string[], cause: string): Promise<{ scored: number; changed: number; changes: ScoreChange[] }> {
    if (!customerIds.length) return { scored: 0, changed: 0, changes: [] };
    const now = this.d.clock.now();
    const [model, predictor, zone] = await Promise.all([this.d.model(corpId), this.d.predictor(corpId), this.d.scores.corpZone(corpId)]);
    const facts = await this.d.facts.load(corpId, customerIds, now, zone, Math.max(lookbackDays(model), 60));
    const tagId = predictor ? await this.d.scores.tagId(corpId, predictiveTag.groupKey, predictiveTag.name) : null;
    const fresh: FreshScore[] = [];
    const tagEdits: Array<TagEdit & { customerId: string }> = [];
    for (const [customerId, f] of facts) {
      let scored = f;
      let probability: number | null = null;
      if (predictor) {
        const base = withoutModelTags(f);
        probability = predictor.predict(base);
        const had = f.tags.find((t) => t.source === 'model' && t.groupKey === predictiveTag.groupKey && t.name === predictiveTag.name);
        const high = probability >= predictor.threshold;
        // The score reads the probability of now, not the one the tag was put on with.
        scored = high ? { ...base, tags: [...base.tags, { name: predictiveTag.name, group: predictiveTag.groupName, groupKey: predictiveTag.groupKey, source: 'model', day: had?.day ?? f.today, confidence: probability }] } : base;
        if (tagId && high && !had) tagEdits.push({ customerId, add: [{ tagId, source: 'model', evidence: `模型 v${predictor.version} 预测成交概率 ${(probability * 100).toFixed(0)}%`, confidence: Math.round(probability * 100) / 100 }] });
        if (tagId && !high && had) tagEdits.push({ customerId, remove: [tagId], removeSources: ['model'] });
      }
      fresh.push({ customerId, score: scoreLead(model, scored), probability, modelVersion: predictor?.version ?? null });
    }
    const before = await this.d.scores.current([...facts.keys()]);
    const writes = scoreWrites(before, fresh, now, cause, () => this.d.ids.next());
    await this.d.scores.save(corpId, writes.scores, writes.history);
    if (tagEdits.length) await this.d.tag(corpId, tagEdits, now);
    if (writes.changes.length) await this.d.onChanged?.(corpId, writes.changes);
    return { scored: fresh.length, changed: writes.scores.length, changes: writes.changes };
  }

  customerCount(corpId: string): Promise<number> {
    return this.d.scores.countCustomers(corpId);
  }

  /** True once any customer of the corp has a score. */
  async hasScores(corpId: string): Promise<boolean> {
    return this.d.scores.hasScores(corpId);
  }

  /** Rescores every customer of the corp, a page at a time; `onProgress` hears done/total. */
  async rescoreAll(corpId: string, cause: string, onProgress?: (done: number, total: number) => void, pageSize = 1000): Promise<{ scored: number; changed: number }> {
    const total = await this.d.scores.countCustomers(corpId);
    let after = '';
    let scored = 0;
    let changed = 0;
    for (;;) {
      const page = await this.d.scores.customerPage(corpId, after, pageSize);
      if (!page.length) break;
      const r = await this.rescore(corpId, page, cause);
      scored += r.scored;
      changed += r.changed;
      after = page[page.length - 1]!;
      onProgress?.(Math.min(scored, total), total);
    }
    return { scored, changed };
  }

  /** How `model` would grade up to `limit` customers of the corp (by id), without writing anything. */
  async preview(corpId: string, model: ScoringModel, limit: number): Promise<{ scored: number; grades: Record<LeadGrade, number>; averageScore: number }> {
    const now = this.d.clock.now();
    const [ids, zone] = await Promise.all([this.d.scores.customerPage(corpId, '', limit), this.d.scores.corpZone(corpId)]);
    const facts = await this.d.facts.load(corpId, ids, now, zone, Math.max(lookbackDays(model), 60));
    const grades: Record<LeadGrade, number> = { A: 0, B: 0, C: 0, D: 0 };
    let total = 0;
    for (const f of facts.values()) {
      const s = scoreLead(model, f);
      grades[s.grade] += 1;
      total += s.score;
    }
    return { scored: facts.size, grades, averageScore: facts.size ? Math.round((total / facts.size) * 10) / 10 : 0 };
  }

  /** Score, grade and the reasons in words, for the customer list and view. */
  async summaries(customerIds: readonly string[]): Promise<Map<string, { score: number; grade: LeadGrade; reasons: string[] }>> {
    const out = new Map<string, { score: number; grade: LeadGrade; reasons: string[] }>();
    for (const [id, s] of await this.d.scores.current(customerIds)) {
      const reasons = storedReasons(s.reasons).map((r) => `${r.rule} ${r.points > 0 ? '+' : ''}${r.points}（${r.detail}）`);
      out.set(id, { score: s.score, grade: s.grade, reasons });
    }
    return out;
  }

  /** A customer's score with its reasons and history, newest first. */
  async ofCustomer(customerId: string, historyLimit = 50): Promise<CustomerScore> {
    const [current, history] = await Promise.all([this.d.scores.current([customerId]), this.d.scores.history(customerId, historyLimit)]);
    const s = current.get(customerId);
    return {
      current: s
        ? { fit: s.fit, engagement: s.engagement, score: s.score, grade: s.grade, reasons: storedReasons(s.reasons), probability: s.probability, modelVersion: s.modelVersion, at: s.computedAt.toISOString() }
        : null,
      history: history.map((h) => ({ at: h.at.toISOString(), fit: h.fit, engagement: h.engagement, score: h.score, grade: h.grade, probability: h.probability, cause: h.cause })),
    };
  }
}

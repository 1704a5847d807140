import { leadGrades, type LeadGrade, type LeadScore } from '@lodestar/shared';
import type { ScoreHistoryRow, StoredScore } from './lead-score.repository';

/** A fresh score for one customer, with the model's probability when a model is active. */
export interface FreshScore {
  customerId: string;
  score: LeadScore;
  probability: number | null;
  modelVersion: number | null;
}

/** A customer whose score or grade moved (leads and the sidebar react to these). */
export interface ScoreChange {
  customerId: string;
  before: { grade: LeadGrade; score: number } | null;
  after: LeadScore & { probability: number | null };
  /** The grade went up (D → C, B → A…), or the customer was graded for the first time. */
  upgraded: boolean;
}

const p3 = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);
const rank = (g: LeadGrade): number => leadGrades.length - leadGrades.indexOf(g);

/**
 * What a rescore writes: scores whose numbers or explanation changed, a history row when the
 * numbers, grade or probability changed (not when only the wording of a reason did), and the
 * changes to announce. Nothing at all for a customer whose score stands.
 */
export function scoreWrites(
  before: ReadonlyMap<string, StoredScore>,
  fresh: readonly FreshScore[],
  at: Date,
  cause: string,
  nextId: () => string,
): { scores: StoredScore[]; history: ScoreHistoryRow[]; changes: ScoreChange[] } {
  const scores: StoredScore[] = [];
  const history: ScoreHistoryRow[] = [];
  const changes: ScoreChange[] = [];
  for (const f of fresh) {
    const old = before.get(f.customerId);
    const s = f.score;
    const probability = p3(f.probability);
    const reasons = JSON.stringify(s.reasons);
    const numbersMoved = !old || old.fit !== s.fit || old.engagement !== s.engagement || old.score !== s.score || old.grade !== s.grade || p3(old.probability) !== probability;
    if (!numbersMoved && old.reasons === reasons && old.modelVersion === f.modelVersion) continue;
    scores.push({ customerId: f.customerId, fit: s.fit, engagement: s.engagement, score: s.score, grade: s.grade, probability, modelVersion: f.modelVersion, reasons, computedAt: at });
    if (!numbersMoved) continue;
    history.push({ id: nextId(), customerId: f.customerId, fit: s.fit, engagement: s.engagement, score: s.score, grade: s.grade, probability, cause: cause.slice(0, 64), at });
    if (!old || old.grade !== s.grade || old.score !== s.score) {
      changes.push({
        customerId: f.customerId,
        before: old ? { grade: old.grade, score: old.score } : null,
        after: { ...s, probability },
        upgraded: !old || rank(s.grade) > rank(old.grade),
      });
    }
  }
  return { scores, history, changes };
}

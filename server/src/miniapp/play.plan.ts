import { createHash } from 'node:crypto';

/**
 * Online activities: a lottery draw and a quiz, once per customer. The draw's randomness comes from
 * a fresh id of the injected generator (hashed to a number in [0, 1)), so tests seed it and the
 * row keeps what was drawn.
 */

export interface WeightedPrize {
  name: string;
  points: number;
  weight: number;
}

/** A number in [0, 1) from an id: the first 48 bits of its SHA-256. */
export function rollOf(freshId: string): number {
  const h = createHash('sha256').update(freshId).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/** The prize a roll lands on: prizes by weight, then `missWeight` of nothing. */
export function drawPrize(prizes: readonly WeightedPrize[], missWeight: number, roll: number): { name: string; points: number } | null {
  const total = prizes.reduce((s, p) => s + Math.max(0, p.weight), 0) + Math.max(0, missWeight);
  if (total <= 0) return null;
  let r = roll * total;
  for (const p of prizes) {
    r -= Math.max(0, p.weight);
    if (r < 0) return { name: p.name, points: p.points };
  }
  return null;
}

/** Right answers out of the questions; a missing answer counts as wrong. */
export function scoreQuiz(questions: ReadonlyArray<{ answer: number }>, answers: readonly number[], pointsPerAnswer: number): { score: number; total: number; points: number } {
  const score = questions.reduce((s, q, i) => s + (answers[i] === q.answer ? 1 : 0), 0);
  return { score, total: questions.length, points: score * pointsPerAnswer };
}

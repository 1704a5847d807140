import type { AssessmentInput, CoverageGap, GapLine } from '@lodestar/shared';

/**
 * The coverage-gap self-assessment (保障缺口测评): recommended cover per line from age, income,
 * dependents and debts, the gap to what the customer holds, and a 0–100 protection score.
 *
 * - critical illness: five years of income (treatment plus lost earnings), at least 300k;
 * - medical: a million-yuan medical plan (2m up to 60, 1m after);
 * - accident: ten years of income plus debts while working (up to 65), at least 500k; 200k after;
 * - life: while someone depends on the customer or debts are open: the years of support left
 *   (to 65, 5–20 years) × income per dependent share, plus the debts.
 * The score weighs each line's covered share (capped at 1): critical illness 35, medical 25,
 * life 25, accident 15; a line with nothing recommended counts as covered.
 */

const weights: Record<GapLine, number> = { critical_illness: 35, medical: 25, life: 25, accident: 15 };
const roundTo = (n: number, step = 10_000): number => Math.round(n / step) * step;

export function recommendedCover(i: AssessmentInput): Record<GapLine, number> {
  const income = Math.max(0, i.annualIncome);
  const working = i.age < 65;
  const supportYears = Math.min(20, Math.max(5, 65 - i.age));
  const lifeNeed = i.dependents > 0 ? supportYears * income * Math.min(1, 0.5 + 0.25 * i.dependents) + i.debts : i.debts;
  return {
    critical_illness: roundTo(Math.max(300_000, 5 * income)),
    medical: i.age <= 60 ? 2_000_000 : 1_000_000,
    accident: working ? roundTo(Math.max(500_000, 10 * income + i.debts)) : 200_000,
    life: roundTo(working ? lifeNeed : i.debts),
  };
}

export function assessGaps(i: AssessmentInput): { gaps: CoverageGap[]; score: number } {
  const rec = recommendedCover(i);
  const lines: GapLine[] = ['critical_illness', 'medical', 'accident', 'life'];
  const gaps = lines.map((line) => {
    const existing = Math.max(0, i.existing[line]);
    return { line, recommended: rec[line], existing, gap: Math.max(0, rec[line] - existing) };
  });
  const total = lines.reduce((s, l) => s + weights[l], 0);
  const covered = gaps.reduce((s, g) => s + weights[g.line] * (g.recommended === 0 ? 1 : Math.min(1, g.existing / g.recommended)), 0);
  return { gaps, score: Math.round((100 * covered) / total) };
}

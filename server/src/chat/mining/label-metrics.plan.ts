/**
 * Scoring a multi-label classifier against a labelled set: per-label precision, recall, F1 and
 * support, micro (pooled counts) and macro (mean over labels) averages, and the worst cases. Pure.
 *
 * Conventions: a ratio whose denominator is 0 is 0 (a label never predicted has precision 0, as in
 * scikit-learn's zero_division=0). Macro averages run over every label seen in the expected or the
 * predicted labels (a label only ever predicted wrongly counts, with recall 0 and support 0).
 * Duplicate labels within one case count once.
 */

export interface LabelledCase {
  expected: readonly string[];
  got: readonly string[];
}

export interface LabelScore {
  label: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** How many cases expect the label. */
  support: number;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface LabelReport {
  perLabel: LabelScore[];
  micro: Averages & { tp: number; fp: number; fn: number };
  macro: Averages;
  cases: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreLabels(cases: readonly LabelledCase[]): LabelReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const at = (label: string) => {
    const c = counts.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    counts.set(label, c);
    return c;
  };
  for (const c of cases) {
    const expected = new Set(c.expected);
    const got = new Set(c.got);
    for (const label of expected) {
      if (got.has(label)) at(label).tp += 1;
      else at(label).fn += 1;
    }
    for (const label of got) if (!expected.has(label)) at(label).fp += 1;
  }
  const perLabel = [...counts.entries()]
    .map(([label, { tp, fp, fn }]) => {
      const precision = ratio(tp, tp + fp);
      const recall = ratio(tp, tp + fn);
      return { label, tp, fp, fn, precision, recall, f1: f1Of(precision, recall), support: tp + fn };
    })
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const tp = perLabel.reduce((s, l) => s + l.tp, 0);
  const fp = perLabel.reduce((s, l) => s + l.fp, 0);
  const fn = perLabel.reduce((s, l) => s + l.fn, 0);
  const microP = ratio(tp, tp + fp);
  const microR = ratio(tp, tp + fn);
  const mean = (pick: (l: LabelScore) => number) => ratio(perLabel.reduce((s, l) => s + pick(l), 0), perLabel.length);
  return {
    perLabel,
    micro: { tp, fp, fn, precision: microP, recall: microR, f1: f1Of(microP, microR) },
    macro: { precision: mean((l) => l.precision), recall: mean((l) => l.recall), f1: mean((l) => l.f1) },
    cases: cases.length,
  };
}

export interface CaseError<C extends LabelledCase> {
  item: C;
  missing: string[];
  extra: string[];
}

/** The cases with the most wrong labels (missing + extra), worst first, ties in input order. */
export function worstCases<C extends LabelledCase>(cases: readonly C[], limit: number): Array<CaseError<C>> {
  return cases
    .map((item, index) => {
      const got = new Set(item.got);
      const expected = new Set(item.expected);
      return { item, index, missing: [...expected].filter((l) => !got.has(l)), extra: [...got].filter((l) => !expected.has(l)) };
    })
    .filter((e) => e.missing.length + e.extra.length > 0)
    .sort((a, b) => b.missing.length + b.extra.length - (a.missing.length + a.extra.length) || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map(({ item, missing, extra }) => ({ item, missing, extra }));
}

import { scoreLabels, worstCases } from './label-metrics.plan';

/**
 * Hand-worked set:
 *   1. expected A B    got A C     → A tp, B fn, C fp
 *   2. expected A      got A       → A tp
 *   3. expected —      got B       → B fp
 *   4. expected C      got —       → C fn
 *   5. expected A B    got A B D   → A tp, B tp, D fp
 * A: tp 3            → P 1,   R 1,   F1 1,   support 3
 * B: tp 1 fp 1 fn 1  → P 1/2, R 1/2, F1 1/2, support 2
 * C: fp 1 fn 1       → P 0,   R 0,   F1 0,   support 1
 * D: fp 1            → P 0,   R 0,   F1 0,   support 0
 * micro: tp 4 fp 3 fn 2 → P 4/7, R 4/6, F1 8/13;  macro: P = R = F1 = (1 + 1/2) / 4 = 3/8
 */
const cases = [
  { expected: ['A', 'B'], got: ['A', 'C'] },
  { expected: ['A'], got: ['A'] },
  { expected: [], got: ['B'] },
  { expected: ['C'], got: [] },
  { expected: ['A', 'B'], got: ['A', 'B', 'D'] },
];

describe('scoreLabels', () => {
  const report = scoreLabels(cases);

  it('counts per label', () => {
    expect(report.perLabel.map(({ label, tp, fp, fn, support }) => [label, tp, fp, fn, support])).toEqual([
      ['A', 3, 0, 0, 3],
      ['B', 1, 1, 1, 2],
      ['C', 0, 1, 1, 1],
      ['D', 0, 1, 0, 0],
    ]);
    expect(report.cases).toBe(5);
  });

  it('precision, recall and F1 per label', () => {
    const byLabel = new Map(report.perLabel.map((l) => [l.label, l]));
    expect(byLabel.get('A')).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(byLabel.get('B')).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(byLabel.get('C')).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(byLabel.get('D')).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('micro pools the counts, macro averages the labels', () => {
    expect(report.micro.tp).toBe(4);
    expect(report.micro.fp).toBe(3);
    expect(report.micro.fn).toBe(2);
    expect(report.micro.precision).toBeCloseTo(4 / 7, 10);
    expect(report.micro.recall).toBeCloseTo(4 / 6, 10);
    expect(report.micro.f1).toBeCloseTo(8 / 13, 10);
    expect(report.macro.precision).toBeCloseTo(3 / 8, 10);
    expect(report.macro.recall).toBeCloseTo(3 / 8, 10);
    expect(report.macro.f1).toBeCloseTo(3 / 8, 10);
  });

  it('a label repeated within a case counts once', () => {
    expect(scoreLabels([{ expected: ['A', 'A'], got: ['A'] }]).micro).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });

  it('an empty set scores 0, not NaN', () => {
    expect(scoreLabels([])).toEqual({ perLabel: [], micro: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 }, macro: { precision: 0, recall: 0, f1: 0 }, cases: 0 });
  });
});

describe('worstCases', () => {
  it('most wrong labels first, ties in input order, right cases left out', () => {
    expect(worstCases(cases, 10).map((w) => [cases.indexOf(w.item), w.missing, w.extra])).toEqual([
      [0, ['B'], ['C']],
      [2, [], ['B']],
      [3, ['C'], []],
      [4, [], ['D']],
    ]);
    expect(worstCases(cases, 2)).toHaveLength(2);
  });
});

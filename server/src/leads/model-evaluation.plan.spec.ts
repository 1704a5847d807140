import { auc, bestThreshold, brierScore, calibration, fnv1a, isHeldOut, logLoss } from './model-evaluation.plan';

describe('auc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when every score ties', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as half, and does not depend on the order of the input', () => {
    // Pairs (pos, neg): (0.7,0.3)=1 (0.7,0.7)=0.5 (0.4,0.3)=1 (0.4,0.7)=0 → 2.5 / 4.
    expect(auc([0.3, 0.7, 0.7, 0.4], [0, 0, 1, 1])).toBe(0.625);
    expect(auc([0.4, 0.7, 0.3, 0.7], [1, 1, 0, 0])).toBe(0.625);
  });

  it('equals the share of correctly ordered positive–negative pairs on random data', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const scores = Array.from({ length: 200 }, () => Math.round(rand() * 20) / 20);
    const labels = scores.map((s) => (rand() < s ? 1 : 0));
    let good = 0;
    let pairs = 0;
    scores.forEach((p, i) =>
      scores.forEach((n, j) => {
        if (labels[i] !== 1 || labels[j] !== 0) return;
        pairs += 1;
        good += p > n ? 1 : p === n ? 0.5 : 0;
      }),
    );
    expect(auc(scores, labels)).toBeCloseTo(good / pairs, 12);
  });

  it('is null when one class is missing', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
});

describe('calibration', () => {
  it('puts every prediction in one of 10 bins (1.0 in the last) with its mean and the observed rate', () => {
    const bins = calibration([0.05, 0.08, 0.55, 1, 0.95, 0.1], [0, 1, 1, 1, 0, 0]);
    expect(bins).toHaveLength(10);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(6);
    expect(bins[0]).toMatchObject({ bin: 0, n: 2, observed: 0.5 });
    expect(bins[0]!.meanPredicted).toBeCloseTo(0.065, 10);
    expect(bins[1]).toMatchObject({ n: 1, observed: 0 });
    expect(bins[5]).toMatchObject({ n: 1, meanPredicted: 0.55, observed: 1 });
    expect(bins[9]).toMatchObject({ n: 2, meanPredicted: 0.975, observed: 0.5 });
    expect(bins[3]).toMatchObject({ n: 0, meanPredicted: null, observed: null });
  });
});

describe('brier score and log loss', () => {
  it('are 0-ish for confident right answers and grow with wrong ones', () => {
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
    expect(brierScore([0, 1], [1, 0])).toBe(1);
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.log(2), 12);
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-9);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
  });
});

describe('the held-out split', () => {
  it('is stable per customer and holds out about a quarter', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const held = ids.filter((id) => isHeldOut(id));
    expect(held.length / ids.length).toBeGreaterThan(0.22);
    expect(held.length / ids.length).toBeLessThan(0.28);
    expect(ids.filter((id) => isHeldOut(id))).toEqual(held);
    expect(ids.filter((id) => isHeldOut(id, 0.5)).length).toBeGreaterThan(held.length);
  });

  it('hashes with FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
});

describe('bestThreshold', () => {
  it('picks the cut with the best F1', () => {
    expect(bestThreshold([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1])).toBeGreaterThan(0.3);
    expect(bestThreshold([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1])).toBeLessThanOrEqual(0.7);
    expect(bestThreshold([0.1, 0.2], [0, 0])).toBe(0.5);
  });
});

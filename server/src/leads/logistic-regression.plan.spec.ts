import { auc } from './model-evaluation.plan';
import { logOdds, predictProbability, sigmoid, standardisation, trainLogistic } from './logistic-regression.plan';

/** A small seeded generator for test data. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** y from a known logistic rule of the first two features; the third is noise. */
function dataset(n: number, seed: number): { x: number[][]; y: number[] } {
  const r = lcg(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [r() * 4, r() < 0.3 ? 1 : 0, r() * 10];
    x.push(row);
    y.push(r() < sigmoid(-2 + 1.2 * row[0]! - 1.5 * row[1]!) ? 1 : 0);
  }
  return { x, y };
}

describe('sigmoid', () => {
  it('is symmetric and never overflows', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(3) + sigmoid(-3)).toBeCloseTo(1, 12);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});

describe('standardisation', () => {
  it('gives each feature its mean and deviation, 1 for a constant', () => {
    const { means, stds } = standardisation([[1, 5], [3, 5]], 2);
    expect(means).toEqual([2, 5]);
    expect(stds).toEqual([1, 1]);
  });
});

describe('trainLogistic', () => {
  const { x, y } = dataset(2000, 11);

  it('finds the signs and ranks of the true rule, ignoring noise', () => {
    const m = trainLogistic(x, y, { l2: 0.001, epochs: 400 });
    // Weights are per standard deviation: feature 0 (sd ≈ 1.15) ≈ 1.4, feature 1 (sd ≈ 0.46) ≈ -0.7.
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(m.weights[1]).toBeLessThan(-0.4);
    expect(Math.abs(m.weights[2]!)).toBeLessThan(0.15);
    const test = dataset(1000, 99);
    expect(auc(test.x.map((row) => predictProbability(m, row)), test.y)).toBeGreaterThan(0.8);
  });

  it('is deterministic and reports every epoch with a falling loss', () => {
    const losses: number[] = [];
    const a = trainLogistic(x, y, { epochs: 50, onEpoch: (_epoch, _epochs, loss) => losses.push(loss) });
    const b = trainLogistic(x, y, { epochs: 50 });
    expect(a).toEqual(b);
    expect(losses).toHaveLength(50);
    expect(losses[49]!).toBeLessThan(losses[0]!);
  });

  it('shrinks weights as the penalty grows', () => {
    const loose = trainLogistic(x, y, { l2: 0.001 });
    const tight = trainLogistic(x, y, { l2: 1 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!) / 2);
  });

  it('starts from the base rate: with constant features it predicts the share of positives', () => {
    const m = trainLogistic([[1], [1], [1], [1]], [1, 0, 0, 0], { epochs: 5 });
    expect(m.weights).toEqual([0]);
    expect(predictProbability(m, [1])).toBeCloseTo(0.25, 6);
    expect(logOdds(m, [1])).toBeCloseTo(Math.log(1 / 3), 6);
  });

  it('refuses mismatched or empty input', () => {
    expect(() => trainLogistic([[1]], [1, 0])).toThrow(/differ/);
    expect(() => trainLogistic([], [])).toThrow(/no examples/);
  });
});

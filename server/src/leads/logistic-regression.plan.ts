/**
 * L2-regularised logistic regression, trained by full-batch Adam on standardised features. Small,
 * pure and deterministic (weights start at zero, the iterations are fixed), so the same examples
 * always give the same model and every step can be tested. A few thousand examples with a few
 * hundred features train in well under a second.
 */

export interface LogisticModel {
  /** One per feature, on the standardised scale. */
  weights: number[];
  bias: number;
  /** Each feature's training mean and standard deviation (1 when constant). */
  means: number[];
  stds: number[];
}

export interface LogisticTraining {
  /** Penalty on the squared weights (not the bias), per example. Default 0.01. */
  l2?: number;
  /** Full passes over the examples. Default 300. */
  epochs?: number;
  learningRate?: number;
  /** Hears each epoch with the training loss (log loss plus penalty). */
  onEpoch?: (epoch: number, epochs: number, loss: number) => void;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Per-feature mean and standard deviation of the rows. */
export function standardisation(rows: readonly (readonly number[])[], width: number): { means: number[]; stds: number[] } {
  const means = new Array<number>(width).fill(0);
  const stds = new Array<number>(width).fill(0);
  if (!rows.length) return { means, stds: stds.map(() => 1) };
  for (const r of rows) for (let j = 0; j < width; j++) means[j]! += r[j]!;
  for (let j = 0; j < width; j++) means[j]! /= rows.length;
  for (const r of rows) for (let j = 0; j < width; j++) stds[j]! += (r[j]! - means[j]!) ** 2;
  return { means, stds: stds.map((s) => (s > 0 ? Math.sqrt(s / rows.length) : 1)) };
}

/** The model's log-odds for one row of raw (unstandardised) features. */
export function logOdds(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += (model.weights[j]! * ((x[j] ?? 0) - model.means[j]!)) / model.stds[j]!;
  return z;
}

export function predictProbability(model: LogisticModel, x: readonly number[]): number {
  return sigmoid(logOdds(model, x));
}

/** Fits weights to rows `x` (raw features) and labels `y` (0 or 1). */
export function trainLogistic(x: readonly (readonly number[])[], y: readonly number[], o: LogisticTraining = {}): LogisticModel {
  if (x.length !== y.length) throw new Error('trainLogistic: rows and labels differ in length');
  if (!x.length) throw new Error('trainLogistic: no examples');
  const n = x.length;
  const width = x[0]!.length;
  const l2 = o.l2 ?? 0.01;
  const epochs = o.epochs ?? 300;
  const lr = o.learningRate ?? 0.05;
  const { means, stds } = standardisation(x, width);
  // Standardised rows, flat: one allocation, cache-friendly passes.
  const z = new Float64Array(n * width);
  x.forEach((row, i) => {
    for (let j = 0; j < width; j++) z[i * width + j] = (row[j]! - means[j]!) / stds[j]!;
  });
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, y.reduce((s, v) => s + v, 0) / n));
  // Start from the base rate: the bias alone already predicts the mean.
  const w = new Float64Array(width + 1);
  w[width] = Math.log(rate / (1 - rate));
  const m = new Float64Array(width + 1);
  const v = new Float64Array(width + 1);
  const grad = new Float64Array(width + 1);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let s = w[width]!;
      const base = i * width;
      for (let j = 0; j < width; j++) s += w[j]! * z[base + j]!;
      const p = sigmoid(s);
      const label = y[i]!;
      loss -= label === 1 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15));
      const e = p - label;
      for (let j = 0; j < width; j++) grad[j]! += e * z[base + j]!;
      grad[width]! += e;
    }
    let penalty = 0;
    for (let j = 0; j <= width; j++) {
      grad[j]! /= n;
      if (j < width) {
        grad[j]! += l2 * w[j]!;
        penalty += w[j]! ** 2;
      }
    }
    for (let j = 0; j <= width; j++) {
      m[j] = beta1 * m[j]! + (1 - beta1) * grad[j]!;
      v[j] = beta2 * v[j]! + (1 - beta2) * grad[j]! ** 2;
      const mHat = m[j]! / (1 - beta1 ** epoch);
      const vHat = v[j]! / (1 - beta2 ** epoch);
      w[j]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
    o.onEpoch?.(epoch, epochs, loss / n + (l2 / 2) * penalty);
  }
  return { weights: Array.from(w.subarray(0, width)), bias: w[width]!, means, stds };
}

/** How good a probability model is on held-out examples: ranking (AUC), calibration, Brier, log loss. */

export interface CalibrationBin {
  /** 0-based bin index; bin i holds predictions in [i/bins, (i+1)/bins), the last one includes 1. */
  bin: number;
  from: number;
  to: number;
  n: number;
  /** null for an empty bin. */
  meanPredicted: number | null;
  observed: number | null;
}

/**
 * The area under the ROC curve from ranks (Mann–Whitney U): the chance that a random positive
 * scores above a random negative, ties counting half. null when one class is missing.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  if (scores.length !== labels.length) throw new Error('auc: scores and labels differ in length');
  const order = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j += 1;
    // Ranks i+1 … j+1 share their mean.
    const midRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives += 1;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Predictions in `bins` equal-width bins: how many, their mean, and the observed rate of positives. */
export function calibration(probabilities: readonly number[], labels: readonly number[], bins = 10): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  probabilities.forEach((p, i) => {
    const b = sums[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))]!;
    b.n += 1;
    b.p += p;
    b.y += labels[i]!;
  });
  return sums.map((s, bin) => ({
    bin,
    from: bin / bins,
    to: (bin + 1) / bins,
    n: s.n,
    meanPredicted: s.n ? s.p / s.n : null,
    observed: s.n ? s.y / s.n : null,
  }));
}

/** Mean squared error of the probabilities (0 is perfect; always guessing the base rate r gives r(1-r)). */
export function brierScore(probabilities: readonly number[], labels: readonly number[]): number {
  if (!probabilities.length) return 0;
  return probabilities.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / probabilities.length;
}

/** Mean negative log-likelihood, with probabilities kept off 0 and 1. */
export function logLoss(probabilities: readonly number[], labels: readonly number[]): number {
  if (!probabilities.length) return 0;
  const eps = 1e-12;
  return (
    -probabilities.reduce((s, raw, i) => {
      const p = Math.min(1 - eps, Math.max(eps, raw));
      return s + (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
    }, 0) / probabilities.length
  );
}

/** FNV-1a, 32 bits: a stable hash of a string on every machine. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Whether a customer is in the held-out set: decided by a hash of the id, so the same customer is
 * always on the same side, whatever else is in the data and however often the model is trained.
 */
export function isHeldOut(customerId: string, fraction = 0.25): boolean {
  return fnv1a(`holdout:${customerId}`) / 2 ** 32 < fraction;
}

/**
 * The cut that maximises F1 on the examples, among 0.05, 0.06, … 0.95: above it a customer is
 * called high-intent. Falls back to 0.5 when nothing is positive.
 */
export function bestThreshold(probabilities: readonly number[], labels: readonly number[]): number {
  let best = { t: 0.5, f1: -1 };
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probabilities.forEach((p, i) => {
      const high = p >= t;
      if (high && labels[i] === 1) tp += 1;
      else if (high) fp += 1;
      else if (labels[i] === 1) fn += 1;
    });
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 > best.f1 + 1e-12) best = { t, f1 };
  }
  return best.f1 > 0 ? best.t : 0.5;
}

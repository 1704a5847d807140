import type { ScoringModel } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { defaultScoringModel } from './default-scoring-model';
import { buildVocabulary, featureLookbackDays, featureNames, featureVector, predictIntent, type IntentModel, type IntentVocabulary } from './intent-features.plan';
import type { IntentModelRepository } from './intent-model.repository';
import type { LeadFactsRepository } from './lead-facts.repository';
import type { IntentPredictor } from './lead-scoring.service';
import { predictProbability, trainLogistic } from './logistic-regression.plan';
import { auc, bestThreshold, brierScore, calibration, isHeldOut, logLoss, type CalibrationBin } from './model-evaluation.plan';
import { lookbackDays, scoreLead, type ScoringFacts } from './scoring.plan';

export const intentAlgorithm = 'logistic_l2';
/** Training settings: fixed, so the same outcomes always give the same model. */
const training = { l2: 0.03, epochs: 300, learningRate: 0.05, heldOut: 0.25, minPerClass: 10, chunk: 1000 };

export type TrainingPhase = 'facts' | 'train' | 'evaluate';

export interface IntentModelMetrics {
  examples: number;
  train: number;
  test: number;
  /** Share of examples won. */
  positiveRate: number;
  /** On the held-out examples: the corp's scoring rules alone (their score as the predictor), and the model. */
  auc: { rules: number; model: number };
  brier: number;
  logLoss: number;
  calibration: CalibrationBin[];
  threshold: number;
  /** The largest weights (standardised features), by size. */
  topFeatures: Array<{ name: string; weight: number }>;
  features: number;
  activated: boolean;
  /** Why it was not activated. */
  reason: string | null;
  l2: number;
  epochs: number;
}

export interface IntentModelSummary {
  version: number;
  algorithm: string;
  active: boolean;
  trainedAt: string;
  metrics: IntentModelMetrics;
}

export interface IntentModelDeps {
  repo: IntentModelRepository;
  facts: Pick<LeadFactsRepository, 'load'>;
  /** The corp's scoring rules, the baseline the model has to beat. Default: the default rules. */
  scoringModel?: (corpId: string) => Promise<ScoringModel>;
  clock: Clock;
  ids: IdGenerator;
  /** Told after a version became the active one (every customer is rescored with it). */
  onActivated?: (corpId: string, version: number) => Promise<void>;
}

const withoutModelTags = (f: ScoringFacts): ScoringFacts => ({ ...f, tags: f.tags.filter((t) => t.source !== 'model') });
const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The high-intent model: trained on each customer's latest closed lead (won or lost) from what is
 * known of them now, judged on held-out customers against the scoring rules alone, saved as a new
 * version and made active only when it ranks better than the rules.
 */
export class IntentModelService {
  private readonly cache = new Map<string, { version: number; model: IntentModel }>();

  constructor(private readonly d: IntentModelDeps) {}

  async train(corpId: string, o: { onProgress?: (phase: TrainingPhase, done: number, total: number) => void } = {}): Promise<IntentModelSummary> {
    const outcomes = await this.d.repo.closedOutcomes(corpId);
    if (!outcomes.length) throw new DomainError('conflict', 'no closed leads to learn from: close leads as won or lost first');
    const [zone, rules] = await Promise.all([this.d.repo.corpZone(corpId), this.d.scoringModel ? this.d.scoringModel(corpId) : Promise.resolve(defaultScoringModel)]);
    const now = this.d.clock.now();
    const lookback = Math.max(60, lookbackDays(rules), featureLookbackDays);
    const facts = new Map<string, ScoringFacts>();
    o.onProgress?.('facts', 0, outcomes.length);
    for (let i = 0; i < outcomes.length; i += training.chunk) {
      const part = outcomes.slice(i, i + training.chunk);
      for (const [id, f] of await this.d.facts.load(corpId, part.map((p) => p.customerId), now, zone, lookback)) facts.set(id, withoutModelTags(f));
      o.onProgress?.('facts', Math.min(i + training.chunk, outcomes.length), outcomes.length);
    }
    const examples = outcomes.filter((x) => facts.has(x.customerId)).map((x) => ({ customerId: x.customerId, label: x.won ? 1 : 0, facts: facts.get(x.customerId)! }));
    const train = examples.filter((e) => !isHeldOut(e.customerId, training.heldOut));
    const test = examples.filter((e) => isHeldOut(e.customerId, training.heldOut));
    const won = examples.filter((e) => e.label === 1).length;
    const lost = examples.length - won;
    const bothIn = (set: typeof examples): boolean => set.some((e) => e.label === 1) && set.some((e) => e.label === 0);
    if (won < training.minPerClass || lost < training.minPerClass || !bothIn(train) || !bothIn(test)) {
      throw new DomainError('conflict', `too few closed leads to learn from: ${won} won and ${lost} lost (at least ${training.minPerClass} of each are needed)`);
    }

    const vocab = buildVocabulary(train.map((e) => e.facts));
    const names = featureNames(vocab);
    const fitted = trainLogistic(
      train.map((e) => featureVector(e.facts, vocab)),
      train.map((e) => e.label),
      { l2: training.l2, epochs: training.epochs, learningRate: training.learningRate, onEpoch: (epoch, epochs) => o.onProgress?.('train', epoch, epochs) },
    );
    o.onProgress?.('evaluate', 0, test.length);
    const trainProbabilities = train.map((e) => predictProbability(fitted, featureVector(e.facts, vocab)));
    const model: IntentModel = { ...fitted, vocab, features: names, threshold: bestThreshold(trainProbabilities, train.map((e) => e.label)) };
    const labels = test.map((e) => e.label);
    const probabilities = test.map((e) => predictIntent(model, e.facts));
    const modelAuc = auc(probabilities, labels)!;
    const rulesAuc = auc(
      test.map((e) => scoreLead(rules, e.facts).score),
      labels,
    )!;
    o.onProgress?.('evaluate', test.length, test.length);
    const activated = modelAuc > rulesAuc;
    const metrics: IntentModelMetrics = {
      examples: examples.length,
      train: train.length,
      test: test.length,
      positiveRate: round(won / examples.length),
      auc: { rules: round(rulesAuc), model: round(modelAuc) },
      brier: round(brierScore(probabilities, labels)),
      logLoss: round(logLoss(probabilities, labels)),
      calibration: calibration(probabilities, labels).map((b) => ({ ...b, meanPredicted: b.meanPredicted === null ? null : round(b.meanPredicted), observed: b.observed === null ? null : round(b.observed) })),
      threshold: model.threshold,
      topFeatures: names
        .map((name, i) => ({ name, weight: round(fitted.weights[i]!) }))
        .filter((f) => f.weight !== 0)
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.name < b.name ? -1 : 1))
        .slice(0, 15),
      features: names.length,
      activated,
      reason: activated ? null : `held-out AUC ${round(modelAuc, 3)} does not beat the scoring rules' ${round(rulesAuc, 3)}: kept inactive`,
      l2: training.l2,
      epochs: training.epochs,
    };
    const version = await this.d.repo.saveNext({ id: this.d.ids.next(), corpId, algorithm: intentAlgorithm, model: JSON.stringify(model), metrics: JSON.stringify(metrics), active: activated, trainedAt: now });
    if (activated) {
      this.cache.set(corpId, { version, model });
      await this.d.onActivated?.(corpId, version);
    }
    return { version, algorithm: intentAlgorithm, active: activated, trainedAt: now.toISOString(), metrics };
  }

  /** The corp's active model, or null; read again only when the active version changed. */
  async activeModel(corpId: string): Promise<{ version: number; model: IntentModel } | null> {
    const version = await this.d.repo.activeVersion(corpId);
    if (version === null) return null;
    const cached = this.cache.get(corpId);
    if (cached?.version === version) return cached;
    const row = await this.d.repo.find(corpId, version);
    if (!row) return null;
    const loaded = { version, model: parseModel(row.model) };
    this.cache.set(corpId, loaded);
    return loaded;
  }

  /** The active model as the scoring service uses it (lead-scoring.service.ts), or null. */
  async predictor(corpId: string): Promise<IntentPredictor | null> {
    const active = await this.activeModel(corpId);
    if (!active) return null;
    const { version, model } = active;
    return { version, threshold: model.threshold, predict: (facts) => predictIntent(model, facts) };
  }

  async list(corpId: string): Promise<IntentModelSummary[]> {
    return (await this.d.repo.list(corpId)).map((r) => ({ version: r.version, algorithm: r.algorithm, active: r.active, trainedAt: r.trainedAt.toISOString(), metrics: JSON.parse(r.metrics) as IntentModelMetrics }));
  }

  /** Makes a version the active one (an admin may prefer one that did not beat the rules). */
  async activate(corpId: string, version: number): Promise<IntentModelSummary> {
    if (!(await this.d.repo.activate(corpId, version))) throw notFound(`intent model version ${version}`);
    await this.d.onActivated?.(corpId, version);
    const summary = (await this.list(corpId)).find((m) => m.version === version);
    if (!summary) throw notFound(`intent model version ${version}`);
    return summary;
  }
}

/** A stored model, checked for shape so a damaged row fails loudly instead of predicting nonsense. */
export function parseModel(json: string): IntentModel {
  const m = JSON.parse(json) as Partial<IntentModel>;
  const width = m.features?.length ?? -1;
  const vocab: Partial<IntentVocabulary> | undefined = m.vocab;
  const lists = vocab && Array.isArray(vocab.counterKeys) && Array.isArray(vocab.tags) && Array.isArray(vocab.lines);
  if (!lists || m.weights?.length !== width || m.means?.length !== width || m.stds?.length !== width || typeof m.bias !== 'number' || typeof m.threshold !== 'number') {
    throw new Error('stored intent model is damaged: its weights, means, deviations and feature names differ in number');
  }
  return m as IntentModel;
}

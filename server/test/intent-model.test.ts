import { DomainError } from '../src/platform/errors';
import { ManualClock } from '../src/platform/clock';
import { SequentialIdGenerator } from '../src/platform/ids';
import { LeadFactsRepository } from '../src/leads/lead-facts.repository';
import { IntentModelRepository } from '../src/leads/intent-model.repository';
import { IntentModelService, type TrainingPhase } from '../src/leads/intent-model.service';
import { defaultScoringModel } from '../src/leads/default-scoring-model';
import { startTestServer, type TestServer } from './support/server';

/**
 * The high-intent model on the demo tenant's closed leads (3,000 customers, outcomes from the
 * hidden rule of sandbox/demo-lead-history.ts): trained, judged against the rules, versioned.
 */
describe(`the intent model on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let models: IntentModelService;
  const clock = new ManualClock('2026-01-05T01:00:00.000Z');
  const progress: Array<[TrainingPhase, number, number]> = [];
  const activations: number[] = [];

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 3000, clock });
    models = new IntentModelService({
      repo: new IntentModelRepository(s.ds),
      facts: new LeadFactsRepository(s.ds),
      scoringModel: () => Promise.resolve(defaultScoringModel),
      clock,
      ids: new SequentialIdGenerator('im'),
      onActivated: (_corpId, version) => Promise.resolve(void activations.push(version)),
    });
  }, 120_000);
  afterAll(() => s.close());

  it('trains version 1 on the closed leads, beats the rules on held-out customers, reports both and activates it', async () => {
    const trained = await models.train(s.running.corpId, { onProgress: (phase, done, total) => progress.push([phase, done, total]) });
    const m = trained.metrics;
    expect(trained.version).toBe(1);
    expect(m.examples).toBeGreaterThan(1500);
    expect(m.train + m.test).toBe(m.examples);
    expect(m.test / m.examples).toBeGreaterThan(0.18);
    expect(m.test / m.examples).toBeLessThan(0.32);
    expect(m.auc.rules).toBeGreaterThan(0.5);
    expect(m.auc.model).toBeGreaterThan(0.72);
    expect(m.auc.model).toBeGreaterThan(m.auc.rules + 0.04);
    expect(trained.active).toBe(true);
    expect(m.activated).toBe(true);
    expect(m.reason).toBeNull();
    expect(m.calibration).toHaveLength(10);
    expect(m.calibration.reduce((sum, b) => sum + b.n, 0)).toBe(m.test);
    expect(m.brier).toBeGreaterThan(0);
    expect(m.brier).toBeLessThan(m.positiveRate * (1 - m.positiveRate));
    expect(m.topFeatures.length).toBeGreaterThan(5);
    // Progress: facts per chunk up to every example, then each epoch, then the evaluation.
    const facts = progress.filter(([p]) => p === 'facts');
    expect(facts[facts.length - 1]![1]).toBe(facts[facts.length - 1]![2]);
    expect(progress.filter(([p]) => p === 'train')).toHaveLength(m.epochs);
    expect(progress[progress.length - 1]![0]).toBe('evaluate');
  }, 60_000);

  it('predicts probabilities for customers with the active version, and lists and switches versions', async () => {
    const corpId = s.running.corpId;
    const again = await models.train(corpId);
    expect(again.version).toBe(2);
    const predictor = await models.predictor(corpId);
    expect(predictor?.version).toBe(2);
    const ids = (await s.ds.query<{ id: string }[]>('SELECT id FROM customer WHERE corp_id = ? ORDER BY id LIMIT 200', [corpId])).map((r) => r.id);
    const facts = await new LeadFactsRepository(s.ds).load(corpId, ids, clock.now(), 'Asia/Shanghai', 60);
    const probabilities = [...facts.values()].map((f) => predictor!.predict(f));
    expect(probabilities).toHaveLength(200);
    for (const p of probabilities) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    expect(new Set(probabilities.map((p) => p.toFixed(4))).size).toBeGreaterThan(20);
    expect(predictor!.threshold).toBeGreaterThan(0);
    expect(predictor!.threshold).toBeLessThan(1);

    const listed = await models.list(corpId);
    expect(listed.map((m) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    await models.activate(corpId, 1);
    expect((await models.activeModel(corpId))?.version).toBe(1);
    expect((await models.list(corpId)).filter((m) => m.active).map((m) => m.version)).toEqual([1]);
    await expect(models.activate(corpId, 9)).rejects.toMatchObject({ code: 'not_found' });
    expect(activations).toEqual([1, 2, 1]);
  }, 60_000);

  it('keeps a version that does not beat the rules inactive, with the reason', async () => {
    const corpId = s.running.corpId;
    // Rules that rank perfectly cannot be beaten: here every won customer is in a stage the rules
    // alone reward, and nobody else is.
    const outcomes = await new IntentModelRepository(s.ds).closedOutcomes(corpId);
    const wonSet = new Set(outcomes.filter((o) => o.won).map((o) => o.customerId));
    const cheating = new IntentModelService({
      repo: new IntentModelRepository(s.ds),
      facts: {
        load: async (...args: Parameters<LeadFactsRepository['load']>) => {
          const f = await new LeadFactsRepository(s.ds).load(...args);
          for (const [id, x] of f) f.set(id, { ...x, stage: wonSet.has(id) ? 'referral' : 'interest' });
          return f;
        },
      },
      scoringModel: () => Promise.resolve({ rules: [{ id: 'r', kind: 'stage', dimension: 'engagement', name: 'won', stages: ['referral'], points: 100 }], grades: defaultScoringModel.grades }),
      clock,
      ids: new SequentialIdGenerator('im2'),
    });
    const before = (await models.activeModel(corpId))?.version;
    const trained = await cheating.train(corpId);
    expect(trained.version).toBe(3);
    expect(trained.active).toBe(false);
    expect(trained.metrics.reason).toMatch(/does not beat/);
    expect((await models.activeModel(corpId))?.version).toBe(before);
  }, 60_000);

  it('says clearly when a corp has no closed leads to learn from', async () => {
    const error = await models.train('no-such-corp').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/no closed leads/) });
  });

  it('through the API: trains a version, and its predictions become the predictive tag and a factor in the grade', async () => {
    const admin = await s.login('admin');
    const trained = await s.post('/api/leads/models/train', {}, admin);
    expect(trained.status).toBe(201);
    expect(trained.body.metrics.auc.model).toBeGreaterThan(trained.body.metrics.auc.rules);
    const listed = await s.get('/api/leads/models', admin);
    expect(listed.body.items[0]).toMatchObject({ version: trained.body.version, active: true });
    const corpId = s.running.corpId;
    await s.running.container.leadScoring.rescoreAll(corpId, 'test');
    const tagged = await s.ds.query<Array<{ customer_id: string; confidence: number }>>(
      `SELECT ct.customer_id, ct.confidence FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id JOIN tag_group g ON g.id = t.group_id
        WHERE g.corp_id = ? AND g.\`key\` = 'predicted_intent' AND t.name = '高意向' AND ct.source = 'model'`,
      [corpId],
    );
    expect(tagged.length).toBeGreaterThan(50);
    const score = await s.get(`/api/customers/${tagged[0]!.customer_id}/score`, admin);
    const p = score.body.current.probability as number;
    expect(p).toBeGreaterThanOrEqual(trained.body.metrics.threshold);
    expect(score.body.current.modelVersion).toBe(trained.body.version);
    // The grade reads the probability of now: 25 points × p.
    // (Within a rounding step: MariaDB keeps the probability as a single-precision float.)
    const predicted = score.body.current.reasons.find((r: { ruleId: string }) => r.ruleId === 'eng_predicted');
    expect(Math.abs(predicted.points - 25 * p)).toBeLessThanOrEqual(0.051);
    // A customer below the threshold carries no predictive tag and gets no points from it.
    const [low] = await s.ds.query<Array<{ customer_id: string }>>('SELECT customer_id FROM lead_score WHERE corp_id = ? AND probability < ? ORDER BY customer_id LIMIT 1', [corpId, trained.body.metrics.threshold]);
    const lowScore = await s.get(`/api/customers/${low!.customer_id}/score`, admin);
    expect(lowScore.body.current.reasons.some((r: { ruleId: string }) => r.ruleId === 'eng_predicted')).toBe(false);
    // An agent may not train.
    expect((await s.post('/api/leads/models/train', {}, await s.login('agent001'))).status).toBe(403);
  }, 60_000);
});

import { segmentRuleSchema, type JourneyStage, type SegmentRule, type StageRules, type StageRuleView } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { CounterDefinition } from './counter-key';
import { defaultStageRules } from './default-stage-rules';
import { compileRule, ruleCounters, type CompiledRule } from './segment-rule.sql';
import { chunks, ID_CHUNK, type SegmentRepository } from './segment.repository';
import { checkRule, ruleContext } from './segment.service';
import type { StageRepository } from './stage.repository';
import { effectiveStageRules, stageChanges, stageRuleProblems, stageRuleWrites, stagesToTest, type StageChange } from './stage.plan';

export type { StageChange } from './stage.plan';

/** Told of every customer whose stage changed (journeys and analytics react). */
export type StageChangeHook = (corpId: string, changes: StageChange[]) => Promise<void>;

export interface StageServiceDeps {
  stages: StageRepository;
  /** Evaluates compiled rules over customers. */
  segments: SegmentRepository;
  clock: Clock;
  onStageChanged?: StageChangeHook;
  /** The rules of a corp that has not changed them (default-stage-rules.ts). */
  defaults?: Readonly<Record<JourneyStage, SegmentRule | null>>;
}

type Tests = Array<{ stage: JourneyStage; rule: CompiledRule }>;

/**
 * Journey stages derived from the corp's stage rules: a customer is in the highest stage whose rule
 * holds (stage.plan.ts says why a stage may also go down). Evaluation writes only customers whose
 * stage changes, and says who moved from where to where.
 */
export class StageService {
  private readonly defaults: Readonly<Record<JourneyStage, SegmentRule | null>>;

  constructor(private readonly deps: StageServiceDeps) {
    this.defaults = deps.defaults ?? defaultStageRules;
  }

  /** The six rules in stage order: the corp's own, or the default where it has none. */
  async rules(corpId: string): Promise<StageRuleView[]> {
    const rules = effectiveStageRules(await this.deps.stages.storedRules(corpId), this.defaults);
    return rules.map((r) => ({ stage: r.stage, rule: r.rule, isDefault: r.isDefault, updatedAt: r.updatedAt?.toISOString() ?? null }));
  }

  /** Saves the six rules (those equal to the default are not stored) and re-evaluates every customer. */
  async replace(corpId: string, by: string | null, input: StageRules): Promise<{ rules: StageRuleView[]; changed: number }> {
    const { stages, segments, clock } = this.deps;
    const problem = stageRuleProblems(input.rules)[0];
    if (problem) {
      const path = ['body', 'rules', ...problem.path].join('.');
      throw new DomainError('validation_failed', `${path}: ${problem.message}`, [{ path, message: problem.message }]);
    }
    const ctx = await ruleContext(segments, clock, corpId);
    for (const [i, r] of input.rules.entries()) if (r.rule) await checkRule(segments, corpId, r.rule, ctx, `body.rules.${i}.rule`);
    const { save } = stageRuleWrites(input.rules, this.defaults);
    await stages.replaceRules(corpId, save, by, clock.now());
    const changed = await this.evaluateAll(corpId);
    return { rules: await this.rules(corpId), changed };
  }

  /** Re-derives the stage of these customers: per chunk one query per stage that has a rule. */
  async evaluate(corpId: string, customerIds: readonly string[]): Promise<StageChange[]> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return [];
    const tests = await this.tests(corpId);
    const changes: StageChange[] = [];
    for (const chunk of chunks(ids)) changes.push(...(await this.evaluateChunk(corpId, tests, chunk)));
    if (changes.length && this.deps.onStageChanged) await this.deps.onStageChanged(corpId, changes);
    return changes;
  }

  /** Re-derives every customer of the corp, a page at a time (after a rule change; on a schedule as windows move). Returns how many changed. */
  async evaluateAll(corpId: string): Promise<number> {
    const tests = await this.tests(corpId);
    let changed = 0;
    let after = '';
    for (;;) {
      const page = await this.deps.stages.customerIdsAfter(corpId, after, ID_CHUNK);
      if (page.length === 0) break;
      const changes = await this.evaluateChunk(corpId, tests, page);
      if (changes.length && this.deps.onStageChanged) await this.deps.onStageChanged(corpId, changes);
      changed += changes.length;
      after = page[page.length - 1]!;
    }
    return changed;
  }

  /** The filtered counters the corp's stage rules read; ingest must count them (see countersFor). */
  async counterDefinitions(corpId: string): Promise<CounterDefinition[]> {
    const out = new Map<string, CounterDefinition>();
    for (const r of await this.rules(corpId)) if (r.rule) for (const d of ruleCounters(r.rule)) out.set(d.key, d);
    return [...out.values()];
  }

  private async tests(corpId: string): Promise<Tests> {
    const ctx = await ruleContext(this.deps.segments, this.deps.clock, corpId);
    const rules = effectiveStageRules(await this.deps.stages.storedRules(corpId), this.defaults);
    // Stored rules were checked when saved; parsing again applies the schema's defaults.
    return stagesToTest(rules).map((t) => ({ stage: t.stage, rule: compileRule(segmentRuleSchema.parse(t.rule), ctx) }));
  }

  private async evaluateChunk(corpId: string, tests: Tests, chunk: readonly string[]): Promise<StageChange[]> {
    const { stages, segments, clock } = this.deps;
    const current = await stages.currentStages(corpId, chunk);
    const holding = new Map<string, JourneyStage[]>();
    // Highest stage first: a customer placed by one need not be tested against the lower ones.
    let open = [...current.keys()];
    for (const t of tests) {
      if (open.length === 0) break;
      const matched = new Set(await segments.matchingAmong(corpId, t.rule, open));
      for (const id of matched) holding.set(id, [t.stage]);
      open = open.filter((id) => !matched.has(id));
    }
    const changes = stageChanges(current, holding);
    const at = clock.now();
    const byStage = new Map<JourneyStage, string[]>();
    for (const c of changes) byStage.set(c.to, [...(byStage.get(c.to) ?? []), c.customerId]);
    for (const [stage, ids] of byStage) await stages.setStage(corpId, ids, stage, at);
    return changes;
  }
}

import { journeyStages, type JourneyStage, type SegmentRule } from '@lodestar/shared';

/**
 * Journey stages, derived: a customer is in the highest of the six stages whose rule holds, and in
 * `interest` when none does. The stage is re-derived whenever it is evaluated, so it can go down
 * as well as up: a customer who stops interacting for 30 days falls back from online_interaction
 * to interest. Stages that should stick say so in their rules (purchase holds while the customer
 * has an active policy, whatever they do). A stage whose rule is null is never derived; interest's
 * rule is never tested at all, since interest is where everyone else is.
 */

export interface StageRuleEntry {
  stage: JourneyStage;
  rule: SegmentRule | null;
}

export interface EffectiveStageRule extends StageRuleEntry {
  isDefault: boolean;
  updatedAt: Date | null;
}

export interface StageChange {
  customerId: string;
  from: JourneyStage;
  to: JourneyStage;
}

const rank = new Map(journeyStages.map((s, i) => [s, i]));

/** The corp's rules in stage order: its own where it has one, the default otherwise. */
export function effectiveStageRules(
  stored: ReadonlyArray<StageRuleEntry & { updatedAt: Date }>,
  defaults: Readonly<Record<JourneyStage, SegmentRule | null>>,
): EffectiveStageRule[] {
  const own = new Map(stored.map((r) => [r.stage, r]));
  return journeyStages.map((stage) => {
    const row = own.get(stage);
    return row ? { stage, rule: row.rule, isDefault: false, updatedAt: row.updatedAt } : { stage, rule: defaults[stage], isDefault: true, updatedAt: null };
  });
}

/** The stages to test, highest first: every stage above interest that has a rule. */
export function stagesToTest(rules: readonly StageRuleEntry[]): Array<{ stage: JourneyStage; rule: SegmentRule }> {
  return rules
    .filter((r): r is { stage: JourneyStage; rule: SegmentRule } => r.stage !== 'interest' && r.rule !== null)
    .sort((a, b) => rank.get(b.stage)! - rank.get(a.stage)!);
}

/** The highest stage whose rule holds; interest when none does. */
export function derivedStage(holding: Iterable<JourneyStage>): JourneyStage {
  let best: JourneyStage = 'interest';
  for (const s of holding) if (rank.get(s)! > rank.get(best)!) best = s;
  return best;
}

/** Customers whose derived stage differs from the stored one. */
export function stageChanges(current: ReadonlyMap<string, JourneyStage>, holding: ReadonlyMap<string, Iterable<JourneyStage>>): StageChange[] {
  const out: StageChange[] = [];
  for (const [customerId, from] of current) {
    const to = derivedStage(holding.get(customerId) ?? []);
    if (to !== from) out.push({ customerId, from, to });
  }
  return out;
}

/** A problem with a set of stage rules as sent, and where (under `rules`). */
export interface StageRuleProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Each stage exactly once, and no rule that reads the stage itself (a stage rule on `stage`
 * would feed the result back into its own input and flip between evaluations).
 */
export function stageRuleProblems(rules: readonly StageRuleEntry[]): StageRuleProblem[] {
  const problems: StageRuleProblem[] = [];
  const seen = new Set<JourneyStage>();
  rules.forEach((r, i) => {
    if (seen.has(r.stage)) problems.push({ path: [i, 'stage'], message: `${r.stage} appears twice; list each of the six stages once` });
    seen.add(r.stage);
    if (r.rule) {
      const at = findStageCondition(r.rule);
      if (at) problems.push({ path: [i, 'rule', ...at], message: 'A stage rule cannot depend on the stage itself' });
    }
  });
  return problems;
}

function findStageCondition(rule: SegmentRule, path: Array<string | number> = []): Array<string | number> | null {
  switch (rule.type) {
    case 'stage':
      return path;
    case 'all':
    case 'any':
      for (const [i, r] of rule.rules.entries()) {
        const found = findStageCondition(r, [...path, 'rules', i]);
        if (found) return found;
      }
      return null;
    case 'not':
      return findStageCondition(rule.rule, [...path, 'rule']);
    default:
      return null;
  }
}

/** JSON with sorted keys: two rules are the same rule when these are equal. */
export function canonicalRule(rule: SegmentRule | null): string {
  return JSON.stringify(rule, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

/** What to store: a row for each stage whose rule differs from the default; the rest go back to the default. */
export function stageRuleWrites(
  rules: readonly StageRuleEntry[],
  defaults: Readonly<Record<JourneyStage, SegmentRule | null>>,
): { save: StageRuleEntry[]; reset: JourneyStage[] } {
  const save: StageRuleEntry[] = [];
  const reset: JourneyStage[] = [];
  for (const r of rules) {
    if (canonicalRule(r.rule) === canonicalRule(defaults[r.stage])) reset.push(r.stage);
    else save.push(r);
  }
  return { save, reset };
}

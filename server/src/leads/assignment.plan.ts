import { seniorities, type AssignmentCondition, type AssignmentRule, type AssignmentStrategy, type Seniority, type WorkingHours } from '@lodestar/shared';
import { cooldownEndsAt, type LeadReturn } from './sla.plan';
import { describeHours, isOnDuty } from './working-hours.plan';

/**
 * Who takes a lead, decided without I/O: `matchRule` finds the first rule whose condition holds,
 * `pickAgent` chooses one agent of that rule's pool by its strategy. The caller loads the
 * candidates and the state, and saves the state that comes back (the round-robin cursor and the
 * weighted round robin's running weights per rule).
 */

type ProductLine = NonNullable<AssignmentCondition['productLines']>[number];
type LeadGrade = NonNullable<AssignmentCondition['grades']>[number];

/** Lines whose leads go to senior agents or above unless a skill rule says otherwise. */
export const highValueProductLines: readonly ProductLine[] = ['critical_illness', 'annuity'];
export const highValueMinSeniority: Seniority = 'senior';

/** What the rules look at in a lead. */
export interface AssignableLead {
  customerId: string;
  /** Lines the lead is interested in or holds. */
  productLines: readonly ProductLine[];
  grade: LeadGrade | null;
  score: number | null;
  /** Where the lead came from: channel code channel, miniprogram, import… */
  source: string | null;
  /** The lead holds a policy whose agent left (保单无人服务). */
  orphanPolicy: boolean;
  /** The team the lead belongs to, e.g. the team of its channel code. */
  teamId: string | null;
}

/** A staff member who might take the lead, with their load now. */
export interface AssignmentCandidate {
  id: string;
  name?: string;
  teamId: string | null;
  teamName?: string | null;
  seniority: Seniority;
  skills: readonly string[];
  status: 'active' | 'left';
  /** Leads the agent holds and has not closed. */
  openLeads: number;
  /** The agent's own cap on open leads, whatever the strategy; null/undefined: the rule's cap. */
  capacity?: number | null;
  /** The agent's (or their team's) working hours; null/undefined: always on duty. */
  workingHours?: WorkingHours | null;
  /** The agent's share under a weighted strategy that does not list them; default 1. */
  weight?: number;
}

export interface AssignmentState {
  /** Rule id → staff id of the agent round robin picked last. */
  cursors: Readonly<Record<string, string>>;
  /** Rule id → staff id → running weight of the smooth weighted round robin. */
  currentWeights: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Leads taken back from agents, for the cooldown. */
  returns: readonly LeadReturn[];
}

export const emptyAssignmentState: AssignmentState = { cursors: {}, currentWeights: {}, returns: [] };

export interface AssignmentOptions {
  /** A returned lead cannot go back to the agent it was taken from within this. */
  cooldownHours: number;
}

export interface Exclusion {
  staffId: string;
  why: string;
}

export type AgentPick =
  | { staffId: string; reason: string; state: AssignmentState; excluded: Exclusion[] }
  | { staffId: null; reason: string; state: AssignmentState; excluded: Exclusion[] };

// ---------------------------------------------------------------------------------------------
// Rules

/** True when every condition of `when` holds for the lead (an empty `when` holds for all). */
export function conditionHolds(when: AssignmentCondition, lead: AssignableLead): boolean {
  if (when.productLines && !lead.productLines.some((l) => when.productLines!.includes(l))) return false;
  if (when.grades && (lead.grade === null || !when.grades.includes(lead.grade))) return false;
  if (when.sources && (lead.source === null || !when.sources.includes(lead.source))) return false;
  if (when.orphanPolicy !== undefined && lead.orphanPolicy !== when.orphanPolicy) return false;
  if (when.teamIds && (lead.teamId === null || !when.teamIds.includes(lead.teamId))) return false;
  if (when.minScore !== undefined && (lead.score === null || lead.score < when.minScore)) return false;
  return true;
}

/** The first rule that applies. A validated rule set ends with a catch-all, so one always does. */
export function matchRule(rules: readonly AssignmentRule[], lead: AssignableLead): AssignmentRule {
  const rule = rules.find((r) => conditionHolds(r.when, lead));
  if (!rule) throw new Error('no assignment rule matches: the rule set must end with a catch-all rule');
  return rule;
}

// ---------------------------------------------------------------------------------------------
// Picking

const rank = (s: Seniority): number => seniorities.indexOf(s);
const atLeast = (s: Seniority, min: Seniority | undefined): boolean => min === undefined || rank(s) >= rank(min);
const hasAll = (c: AssignmentCandidate, skills: readonly string[] | undefined): boolean => !skills || skills.every((s) => c.skills.includes(s));
const nameOf = (c: AssignmentCandidate): string => c.name ?? c.id;
const byId = (a: AssignmentCandidate, b: AssignmentCandidate): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function inPool(rule: AssignmentRule, c: AssignmentCandidate): boolean {
  const { teamIds, staffIds } = rule.pool;
  if (!teamIds && !staffIds) return true;
  return (teamIds !== undefined && c.teamId !== null && teamIds.includes(c.teamId)) || (staffIds !== undefined && staffIds.includes(c.id));
}

/** Why a candidate cannot take this lead under this rule now, or null when they can. */
function exclusion(rule: AssignmentRule, lead: AssignableLead, c: AssignmentCandidate, returns: readonly LeadReturn[], now: Date, options: AssignmentOptions): string | null {
  if (c.status !== 'active') return 'left';
  if (!inPool(rule, c)) return 'outside the pool';
  if (!atLeast(c.seniority, rule.pool.minSeniority)) return `below ${rule.pool.minSeniority}`;
  if (!hasAll(c, rule.pool.skills)) return `lacks ${rule.pool.skills!.filter((s) => !c.skills.includes(s)).join(', ')}`;
  const cooldown = cooldownEndsAt(lead, c.id, returns, now, options);
  if (cooldown) return `lost this lead recently (cooldown until ${cooldown.toISOString()})`;
  if (rule.respectWorkingHours && c.workingHours && !isOnDuty(c.workingHours, now)) return `off duty (${describeHours(c.workingHours)})`;
  if (c.capacity != null && c.openLeads >= c.capacity) return `at capacity (${c.openLeads} open of ${c.capacity})`;
  return null;
}

/** The words for where the rule picks: its team(s) by name where candidates tell us, else the pool. */
function poolWords(rule: AssignmentRule, candidates: readonly AssignmentCandidate[]): string {
  if (!rule.pool.teamIds) return 'the pool';
  const names = rule.pool.teamIds.map((id) => candidates.find((c) => c.teamId === id && c.teamName)?.teamName ?? id);
  return names.join(', ');
}

const category = (why: string): string => why.replace(/ \(.*\)$/, '').replace(/^lacks .*/, 'lacking skills').replace(/^below .*/, 'below seniority');

/** "nobody eligible in 续期组: 2 left, 1 off duty" — counts by kind of exclusion, in order of first appearance. */
function nobodyReason(where: string, excluded: readonly Exclusion[]): string {
  const inside = excluded.filter((e) => e.why !== 'outside the pool');
  if (inside.length === 0) return `nobody in ${where}`;
  const counts = new Map<string, number>();
  for (const e of inside) counts.set(category(e.why), (counts.get(category(e.why)) ?? 0) + 1);
  return `nobody eligible in ${where}: ${[...counts].map(([why, n]) => `${n} ${why}`).join(', ')}`;
}

/** Fewest open leads under the cap, ties by id; null when all are at their cap. */
function leastLoaded(eligible: readonly AssignmentCandidate[], ruleCap: number | undefined): { pick: AssignmentCandidate; cap: number | undefined } | null {
  let best: { pick: AssignmentCandidate; cap: number | undefined } | null = null;
  for (const c of eligible) {
    const cap = c.capacity ?? ruleCap;
    if (cap !== undefined && c.openLeads >= cap) continue;
    if (!best || c.openLeads < best.pick.openLeads) best = { pick: c, cap };
  }
  return best;
}

const loadWords = (c: AssignmentCandidate, cap: number | undefined): string => (cap === undefined ? `${c.openLeads} open` : `${c.openLeads} open of ${cap}`);

/** The next agent after the cursor in id order, wrapping around. */
function nextInTurn(eligible: readonly AssignmentCandidate[], cursor: string | undefined): AssignmentCandidate {
  return (cursor === undefined ? undefined : eligible.find((c) => c.id > cursor)) ?? eligible[0]!;
}

type Choice = { pick: AssignmentCandidate; reason: string; state: AssignmentState } | { pick: null; reason: string };

function choose(
  strategy: AssignmentStrategy,
  rule: AssignmentRule,
  lead: AssignableLead,
  eligible: readonly AssignmentCandidate[],
  state: AssignmentState,
  where: string,
): Choice {
  const team = (c: AssignmentCandidate): string => c.teamName ?? where;
  switch (strategy.type) {
    case 'round_robin': {
      const pick = nextInTurn(eligible, state.cursors[rule.id]);
      return {
        pick,
        reason: `round robin in ${team(pick)}: ${nameOf(pick)}'s turn (${eligible.indexOf(pick) + 1} of ${eligible.length} eligible)`,
        state: { ...state, cursors: { ...state.cursors, [rule.id]: pick.id } },
      };
    }
    case 'weighted': {
      const weightOf = (c: AssignmentCandidate): number => strategy.weights[c.id] ?? c.weight ?? 1;
      const weighted = eligible.filter((c) => weightOf(c) > 0);
      if (weighted.length === 0) return { pick: null, reason: `nobody eligible in ${where} has a weight above 0` };
      const current = { ...(state.currentWeights[rule.id] ?? {}) };
      let total = 0;
      let pick: AssignmentCandidate | null = null;
      for (const c of weighted) {
        current[c.id] = (current[c.id] ?? 0) + weightOf(c);
        total += weightOf(c);
        if (!pick || current[c.id]! > current[pick.id]!) pick = c;
      }
      current[pick!.id]! -= total;
      return {
        pick: pick!,
        reason: `weighted in ${team(pick!)}: ${nameOf(pick!)} has weight ${weightOf(pick!)} of ${total}`,
        state: { ...state, currentWeights: { ...state.currentWeights, [rule.id]: current } },
      };
    }
    case 'least_loaded': {
      const best = leastLoaded(eligible, strategy.capacity);
      if (!best) return { pick: null, reason: `everyone eligible in ${where} is at capacity (${strategy.capacity} open leads unless capped otherwise)` };
      return { pick: best.pick, reason: `least loaded in ${team(best.pick)}: ${loadWords(best.pick, best.cap)}`, state };
    }
    case 'skill': {
      const highValue = lead.productLines.some((l) => highValueProductLines.includes(l));
      const minSeniority = strategy.minSeniority ?? (highValue ? highValueMinSeniority : undefined);
      const need = `${strategy.skills.join(', ')}${minSeniority ? ` at ${minSeniority}+` : ''}${!strategy.minSeniority && minSeniority ? ' (high-value line)' : ''}`;
      const qualified = eligible.filter((c) => hasAll(c, strategy.skills) && atLeast(c.seniority, minSeniority));
      if (qualified.length === 0) {
        if (strategy.fallback === 'none') return { pick: null, reason: `nobody eligible in ${where} has ${need}` };
        const best = leastLoaded(eligible, strategy.capacity);
        if (!best) return { pick: null, reason: `nobody eligible in ${where} has ${need}, and everyone else is at capacity` };
        return { pick: best.pick, reason: `nobody has ${need}; fell back to least loaded in ${team(best.pick)}: ${loadWords(best.pick, best.cap)}`, state };
      }
      if (strategy.among === 'round_robin') {
        const pick = nextInTurn(qualified, state.cursors[rule.id]);
        return {
          pick,
          reason: `has ${need}; round robin in ${team(pick)}: ${nameOf(pick)}'s turn (${qualified.indexOf(pick) + 1} of ${qualified.length} qualified)`,
          state: { ...state, cursors: { ...state.cursors, [rule.id]: pick.id } },
        };
      }
      const best = leastLoaded(qualified, strategy.capacity);
      if (!best) return { pick: null, reason: `everyone in ${where} with ${need} is at capacity` };
      return { pick: best.pick, reason: `has ${need}; least loaded in ${team(best.pick)}: ${loadWords(best.pick, best.cap)}`, state };
    }
    default: {
      const unknown: never = strategy;
      throw new Error(`unknown assignment strategy ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * One agent for the lead under the rule, or none with the reason why. The candidates are taken in
 * id order, so the input order never changes the result. Pure: the returned state replaces the
 * one passed in; nothing is mutated.
 */
export function pickAgent(
  rule: AssignmentRule,
  lead: AssignableLead,
  candidates: readonly AssignmentCandidate[],
  state: AssignmentState,
  now: Date,
  options: AssignmentOptions,
): AgentPick {
  const ordered = [...candidates].sort(byId);
  const where = poolWords(rule, ordered);
  const excluded: Exclusion[] = [];
  const eligible: AssignmentCandidate[] = [];
  for (const c of ordered) {
    const why = exclusion(rule, lead, c, state.returns, now, options);
    if (why === null) eligible.push(c);
    else excluded.push({ staffId: c.id, why });
  }
  if (eligible.length === 0) return { staffId: null, reason: `${rule.name}: ${nobodyReason(where, excluded)}`, state, excluded };
  const choice = choose(rule.strategy, rule, lead, eligible, state, where);
  if (choice.pick === null) return { staffId: null, reason: `${rule.name}: ${choice.reason}`, state, excluded };
  return { staffId: choice.pick.id, reason: `${rule.name}: ${choice.reason}`, state: choice.state, excluded };
}

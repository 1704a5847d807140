import type { SopEventRule } from '@lodestar/shared';
import { earlyEnd, missedStatus, type SopDuePlan, type SopDueResult, type SopDueTarget, type SopDueTask } from './sop-due.plan';
import { occurrenceKey } from './sop-schedule.plan';

/**
 * Decisions for event-rule steps of group plans.
 *
 * member_joined: joins less than or exactly `debounceMinutes` apart form one burst; the step runs
 * once per burst, `debounceMinutes` after the burst's last join (a trailing debounce: ten people
 * who join within a few minutes get one welcome). A burst is due in the run whose window
 * (from, to] holds its dueAt; one whose dueAt lies after `to` is still open and waits for the next
 * run, which may see it grow. The task key is stepId@dueAt: the last join fixes it, so runs that
 * see more or fewer of the burst's earlier joins agree on the key. A join that arrives after its
 * burst ran (a callback delayed past the debounce) can start a second run; callbacks come within
 * seconds, so that is left as it is. With debounceMinutes 0 each join runs by itself (joins at the
 * same instant are one burst).
 *
 * member_count: fires when the count crosses `reaches` between two observations (previous below,
 * current at or above). With no previous observation (null) it does not fire: the group was
 * already that large before anyone watched. The key is stepId@reached, so it fires once per group
 * even if the count drops and rises again.
 */

const MINUTE_MS = 60_000;

export interface JoinBurst {
  firstJoinAt: Date;
  lastJoinAt: Date;
  /** Joins in the burst (as given, duplicates included). */
  joins: number;
  /** lastJoinAt + debounce: when the step runs. */
  dueAt: Date;
}

/** The joins grouped into bursts, in time order. */
export function joinBursts(joins: readonly Date[], debounceMinutes: number): JoinBurst[] {
  const gap = debounceMinutes * MINUTE_MS;
  const times = joins.map((j) => j.getTime()).sort((a, b) => a - b);
  const out: JoinBurst[] = [];
  let first = NaN;
  let last = NaN;
  let count = 0;
  const close = () => {
    if (count > 0) out.push({ firstJoinAt: new Date(first), lastJoinAt: new Date(last), joins: count, dueAt: new Date(last + gap) });
  };
  for (const t of times) {
    if (count > 0 && t - last <= gap) {
      last = t;
      count++;
    } else {
      close();
      first = t;
      last = t;
      count = 1;
    }
  }
  close();
  return out;
}

/** The bursts due in (from, to], and the burst still open after `to` (at most one). */
export function burstsDue(joins: readonly Date[], debounceMinutes: number, from: Date, to: Date): { due: JoinBurst[]; open: JoinBurst | null } {
  const bursts = joinBursts(joins, debounceMinutes);
  const due = bursts.filter((b) => b.dueAt.getTime() > from.getTime() && b.dueAt.getTime() <= to.getTime());
  const after = bursts.filter((b) => b.dueAt.getTime() > to.getTime());
  return { due, open: after.length > 0 ? after[after.length - 1]! : null };
}

/** True when the member count crossed `reaches` between two observations (see above). */
export function memberCountReached(reaches: number, previous: number | null, current: number): boolean {
  return previous !== null && previous < reaches && current >= reaches;
}

/** The key of a member_count step's one task per group. */
export function memberCountKey(stepId: string): string {
  return `${stepId}@reached`;
}

export interface SopEventTarget extends SopDueTarget {
  /** The member count the previous run saw; null when none did. `memberCount` is the current one. */
  previousMemberCount: number | null;
}

export interface SopEventInput {
  plan: SopDuePlan;
  targets: readonly SopEventTarget[];
  /** Where the previous run stopped; null on the first run (= publishedAt). */
  from: Date | null;
  to: Date;
  now: Date;
}

/**
 * The tasks the plan's event steps create in (from, to] (to is usually now). Joins should reach back
 * at least debounceMinutes before `from` so a burst straddling `from` is seen whole; joins
 * at or before publishedAt are ignored. member_count tasks are due at `now`. The missed rules apply
 * as for time rules (a burst that closed while the server was down is caught up or skipped), and
 * so does early end.
 */
export function eventTasks(input: SopEventInput): SopDueResult {
  const { plan, targets, to, now } = input;
  const def = plan.definition;
  const published = plan.publishedAt.getTime();
  const from = new Date(Math.max(input.from?.getTime() ?? published, published));
  const steps = def.steps.flatMap((s) => (s.when.kind === 'event' ? [{ id: s.id, rule: s.when.rule }] : []));
  const out: SopDueResult = { tasks: [], ended: [] };
  const tasks: SopDueTask[] = [];
  for (const target of targets) {
    const end = earlyEnd(def.earlyEnd, target, now);
    if (end.endedNow) {
      out.ended.push({ targetId: target.id, reason: end.reason });
      continue;
    }
    const endsAt = end.endsAt?.getTime() ?? Infinity;
    for (const step of steps) {
      for (const due of stepRuns(step.id, step.rule, target, from, to, now, published)) {
        if (due.dueAt.getTime() >= endsAt) continue;
        tasks.push({ stepId: step.id, targetId: target.id, ownerId: target.ownerId, dueAt: due.dueAt, key: due.key, ...missedStatus(due.dueAt, now, def) });
      }
    }
  }
  out.tasks = tasks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return out;
}

function stepRuns(stepId: string, rule: SopEventRule, target: SopEventTarget, from: Date, to: Date, now: Date, published: number): Array<{ dueAt: Date; key: string }> {
  switch (rule.type) {
    case 'member_joined': {
      const joins = (target.joinedAt ?? []).filter((j) => j.getTime() > published);
      return burstsDue(joins, rule.debounceMinutes, from, to).due.map((b) => ({ dueAt: b.dueAt, key: occurrenceKey(stepId, b.dueAt) }));
    }
    case 'member_count':
      return memberCountReached(rule.reaches, target.previousMemberCount, target.memberCount) ? [{ dueAt: now, key: memberCountKey(stepId) }] : [];
    default: {
      const never: never = rule;
      throw new Error(`Unknown event rule ${JSON.stringify(never)}`);
    }
  }
}

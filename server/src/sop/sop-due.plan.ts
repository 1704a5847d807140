import type { SopEarlyEnd, SopPlanDefinition } from '@lodestar/shared';
import { calendarOccurrences, isCalendarRule, occurrenceKey, occurrences } from './sop-schedule.plan';

/**
 * Which tasks a run of the SOP scheduler creates for one plan: every time-rule occurrence in the
 * window (from, to] for every target, as pending or skipped, and which targets left the plan.
 *
 * - The window starts where the previous run stopped (`from`), or at `publishedAt` on the first
 *   run; occurrences at or before `publishedAt` never count, whatever `from` says.
 * - Late occurrences (the server was down): due more than 15 minutes before `now` is late.
 *   missed 'skip': late ones are skipped. missed 'catch_up': late ones are pending while no older
 *   than catchUpHours, skipped ('missed window') beyond.
 * - `to` may lie after `now` (to create tasks ahead, or to forecast the calendar): those come out
 *   pending with a future dueAt.
 * - Event-rule steps are not scheduled here (sop-event.plan.ts).
 * - Early end: a target that meets the plan's early-end condition at `now` gets no task and is
 *   listed in `ended`. With afterDays not reached yet, occurrences from createdAt + afterDays
 *   (24-hour days) on are left out.
 *
 * Tasks come out ordered by dueAt, then by the order of the targets given, then of the steps.
 * Each task's `key` (stepId@instant) is unique per plan and target; the caller's unique index on
 * (plan, target, key) is what makes two processes that both run the window create it once.
 */

/** Due this long ago still counts as on time, in both missed modes. */
export const SOP_ON_TIME_GRACE_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const SOP_REASON_MISSED_WINDOW = 'missed window';
export const SOP_REASON_PLAN_SKIPS_MISSED = 'missed: the plan skips missed sends';
export type SopSkipReason = typeof SOP_REASON_MISSED_WINDOW | typeof SOP_REASON_PLAN_SKIPS_MISSED;

export interface SopDuePlan {
  id: string;
  definition: SopPlanDefinition;
  publishedAt: Date;
}

/** A group (group plans) or a customer (customer plans) the plan runs for. */
export interface SopDueTarget {
  id: string;
  /** Group created / customer joined the segment. */
  createdAt: Date;
  /** Member join times (group plans) or the time the customer was added as a contact (customer plans). */
  joinedAt?: readonly Date[];
  /** Group plans: members now. Customer plans: anything (not read). */
  memberCount: number;
  /** Group tags (group plans) or customer tags (customer plans), by name. */
  tags: readonly string[];
  /** Who confirms or sends: the group owner, the customer's agent. */
  ownerId: string;
  /** Customer plans: names of the tracking events the customer did since entering (for earlyEnd.event). */
  events?: readonly string[];
}

export interface SopDueTask {
  stepId: string;
  targetId: string;
  ownerId: string;
  dueAt: Date;
  key: string;
  status: 'pending' | 'skipped';
  reason?: SopSkipReason;
}

export type SopEndReason = 'after_days' | 'group_tag' | 'member_count' | 'customer_tag' | 'event';

export interface SopEndedTarget {
  targetId: string;
  reason: SopEndReason;
}

export interface SopDueResult {
  tasks: SopDueTask[];
  ended: SopEndedTarget[];
}

export interface SopDueInput {
  plan: SopDuePlan;
  targets: readonly SopDueTarget[];
  /** Where the previous run stopped; null on the first run (= publishedAt). */
  from: Date | null;
  to: Date;
  now: Date;
}

export function dueTasks(input: SopDueInput): SopDueResult {
  const { plan, targets, to, now } = input;
  const def = plan.definition;
  const from = new Date(Math.max(input.from?.getTime() ?? plan.publishedAt.getTime(), plan.publishedAt.getTime()));
  const out: SopDueResult = { tasks: [], ended: [] };
  if (to.getTime() <= from.getTime()) {
    // Nothing to schedule, but ended targets are still worth telling.
    for (const t of targets) {
      const end = earlyEnd(def.earlyEnd, t, now);
      if (end.endedNow) out.ended.push({ targetId: t.id, reason: end.reason });
    }
    return out;
  }

  const timeSteps = def.steps.flatMap((s) => (s.when.kind === 'time' ? [{ id: s.id, rule: s.when.rule }] : []));
  // Calendar rules fall due at the same moments for every target: work them out once.
  const shared = new Map<string, Date[]>();
  for (const s of timeSteps) if (isCalendarRule(s.rule)) shared.set(s.id, calendarOccurrences(s.rule, from, to, def.timezone));

  const tasks: Array<SopDueTask & { order: number }> = [];
  targets.forEach((target, targetIndex) => {
    const end = earlyEnd(def.earlyEnd, target, now);
    if (end.endedNow) {
      out.ended.push({ targetId: target.id, reason: end.reason });
      return;
    }
    const endsAt = end.endsAt?.getTime() ?? Infinity;
    timeSteps.forEach((step, stepIndex) => {
      const common = shared.get(step.id);
      const ats = common
        ? common.filter((at) => at.getTime() >= target.createdAt.getTime())
        : occurrences(step.rule, { createdAt: target.createdAt, joinedAt: target.joinedAt }, from, to, def.timezone);
      for (const dueAt of ats) {
        if (dueAt.getTime() >= endsAt) continue;
        const missed = missedStatus(dueAt, now, def);
        tasks.push({
          stepId: step.id,
          targetId: target.id,
          ownerId: target.ownerId,
          dueAt,
          key: occurrenceKey(step.id, dueAt),
          ...missed,
          order: targetIndex * 1000 + stepIndex,
        });
      }
    });
  });
  tasks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.order - b.order);
  out.tasks = tasks.map(({ order: _order, ...task }) => task);
  return out;
}

/**
 * Whether an occurrence due at `dueAt` is still sent when the scheduler sees it at `now`:
 * on time (within 15 minutes, or in the future) always; later only with missed 'catch_up' and
 * within catchUpHours.
 */
export function missedStatus(
  dueAt: Date,
  now: Date,
  settings: Pick<SopPlanDefinition, 'missed' | 'catchUpHours'>,
): { status: 'pending' } | { status: 'skipped'; reason: SopSkipReason } {
  const late = now.getTime() - dueAt.getTime();
  if (late <= SOP_ON_TIME_GRACE_MS) return { status: 'pending' };
  if (settings.missed === 'skip') return { status: 'skipped', reason: SOP_REASON_PLAN_SKIPS_MISSED };
  if (late <= settings.catchUpHours * HOUR_MS) return { status: 'pending' };
  return { status: 'skipped', reason: SOP_REASON_MISSED_WINDOW };
}

/**
 * The plan's early-end condition for one target at `now`. `endedNow`: the target leaves the plan
 * now (any condition holds; afterDays counts 24-hour days from createdAt). Otherwise `endsAt` is
 * when afterDays will end it (null without afterDays). `reason` names the first condition met, in
 * the order afterDays, groupTag, memberCountAtLeast, customerTag, event.
 */
export function earlyEnd(
  cond: SopEarlyEnd | undefined,
  target: Pick<SopDueTarget, 'createdAt' | 'memberCount' | 'tags' | 'events'>,
  now: Date,
): { endedNow: true; reason: SopEndReason } | { endedNow: false; endsAt: Date | null } {
  if (!cond) return { endedNow: false, endsAt: null };
  const endsAt = cond.afterDays !== undefined ? new Date(target.createdAt.getTime() + cond.afterDays * DAY_MS) : null;
  if (endsAt !== null && endsAt.getTime() <= now.getTime()) return { endedNow: true, reason: 'after_days' };
  if (cond.groupTag !== undefined && target.tags.includes(cond.groupTag)) return { endedNow: true, reason: 'group_tag' };
  if (cond.memberCountAtLeast !== undefined && target.memberCount >= cond.memberCountAtLeast) return { endedNow: true, reason: 'member_count' };
  if (cond.customerTag !== undefined && target.tags.includes(cond.customerTag)) return { endedNow: true, reason: 'customer_tag' };
  if (cond.event !== undefined && (target.events ?? []).includes(cond.event)) return { endedNow: true, reason: 'event' };
  return { endedNow: false, endsAt };
}

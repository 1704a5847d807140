import type { SopPlanDefinition, SopTaskStatus } from '@lodestar/shared';

/**
 * Follow-up on a task the owner has not confirmed yet: when to remind them (remind_groupmsg_send
 * for mass tasks, a sidebar nudge for manual ones) and when to tell their team lead.
 *
 * Only tasks waiting for the owner get follow-up: status 'awaiting', and 'overdue' (already
 * escalated, still waiting: reminders go on, escalation does not repeat).
 *
 * remind, when all of:
 * - at least reminders.afterHours since the task was created and since the last reminder;
 * - at least one hour since the last reminder (WeCom's floor, whatever afterHours says);
 * - fewer than reminders.maxPerDay reminders in the 24 hours before `now` (WeCom allows 3 a day
 *   per mass send; the setting can only lower that).
 * escalate, once: escalatedAt is null and the task was created at least escalateAfterHours ago.
 *
 * `nextAt` is the earliest moment either could become true (null: never, e.g. not awaiting), so a
 * runner can sleep until then; it may be at or before `now` when something is due already.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface SopFollowUpTask {
  status: SopTaskStatus;
  createdAt: Date;
  remindedAt: readonly Date[];
  escalatedAt: Date | null;
}

export type SopFollowUpSettings = Pick<SopPlanDefinition, 'reminders' | 'escalateAfterHours'>;

export interface SopFollowUp {
  remind: boolean;
  escalate: boolean;
  nextAt: Date | null;
}

const WAITING: ReadonlySet<SopTaskStatus> = new Set<SopTaskStatus>(['awaiting', 'overdue']);

export function followUp(task: SopFollowUpTask, settings: SopFollowUpSettings, now: Date): SopFollowUp {
  if (!WAITING.has(task.status)) return { remind: false, escalate: false, nextAt: null };
  const t = now.getTime();
  const created = task.createdAt.getTime();
  const reminders = task.remindedAt.map((r) => r.getTime()).sort((a, b) => a - b);
  const last = reminders.length > 0 ? reminders[reminders.length - 1]! : null;

  // The earliest moment the next reminder may go out under each limit.
  const byInterval = Math.max(created, last ?? created) + settings.reminders.afterHours * HOUR_MS;
  const byHourFloor = last === null ? -Infinity : last + HOUR_MS;
  // The rolling day: with maxPerDay reminders in the last 24 h, wait until the oldest of them drops out.
  const recent = reminders.filter((r) => r > t - DAY_MS);
  const byDailyCap = recent.length < settings.reminders.maxPerDay ? -Infinity : recent[recent.length - settings.reminders.maxPerDay]! + DAY_MS;
  const remindAt = Math.max(byInterval, byHourFloor, byDailyCap);

  const escalateAt = task.escalatedAt === null ? created + settings.escalateAfterHours * HOUR_MS : null;
  const remind = remindAt <= t;
  const escalate = escalateAt !== null && escalateAt <= t;
  const next = escalateAt === null ? remindAt : Math.min(remindAt, escalateAt);
  return { remind, escalate, nextAt: new Date(next) };
}

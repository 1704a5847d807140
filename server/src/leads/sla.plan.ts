import type { SlaSettings } from '@lodestar/shared';

/**
 * The SLA of an assigned lead, decided from its assignment time, the agent's activity on it and
 * the time now. Pure: the caller passes every instant.
 *
 * Until the agent first touches the lead it must be touched within `firstTouchHours`. From the
 * first touch the agent keeps it until `assignedAt + protectionHours`, and each activity keeps it
 * at least `extendOnActivityHours` after that activity, never past `assignedAt +
 * maxProtectionHours`. Activity after the deadline has passed does not bring the lead back: it was
 * due to return at the deadline. The agent is reminded `remindBeforeHours` before the deadline.
 */

export type SlaStatus = 'ok' | 'remind' | 'reclaim';

export interface SlaLead {
  assignedAt: Date;
  /** When the owning agent acted on the lead (follow-up note, message, call); any order. */
  activityAt: readonly Date[];
}

export interface SlaVerdict {
  status: SlaStatus;
  /** The agent acted on the lead (before its deadline). */
  touched: boolean;
  /** When the lead returns to the pool unless the agent acts first. */
  deadline: Date;
  /** When to remind the agent; null when reminders are off. */
  remindAt: Date | null;
  /** The latest the lead can ever stay with this agent. */
  maxDeadline: Date;
  reason: string;
}

const HOUR = 3_600_000;
const plus = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR);

export function slaState(lead: SlaLead, settings: SlaSettings, now: Date): SlaVerdict {
  const { assignedAt } = lead;
  const maxDeadline = plus(assignedAt, settings.maxProtectionHours);
  const capped = (at: Date): Date => (at.getTime() > maxDeadline.getTime() ? maxDeadline : at);
  const counted = lead.activityAt
    .filter((a) => a.getTime() >= assignedAt.getTime() && a.getTime() <= now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());

  let deadline = capped(plus(assignedAt, settings.firstTouchHours));
  let touched = false;
  for (const at of counted) {
    if (at.getTime() >= deadline.getTime()) break;
    const base = touched ? deadline : plus(assignedAt, settings.protectionHours);
    const kept = plus(at, settings.extendOnActivityHours);
    deadline = capped(kept.getTime() > base.getTime() ? kept : base);
    touched = true;
  }

  const remindAt = settings.remindBeforeHours === undefined ? null : plus(deadline, -settings.remindBeforeHours);
  const due = deadline.toISOString();
  if (now.getTime() >= deadline.getTime()) {
    const reason = touched
      ? deadline.getTime() === maxDeadline.getTime()
        ? `protection reached its maximum of ${settings.maxProtectionHours}h at ${due}`
        : `no activity kept the lead after ${due}`
      : `not touched within ${settings.firstTouchHours}h of assignment (due ${due})`;
    return { status: 'reclaim', touched, deadline, remindAt, maxDeadline, reason };
  }
  if (remindAt && now.getTime() >= remindAt.getTime()) {
    const reason = touched ? `returns to the pool at ${due} unless the agent follows up` : `not touched yet; returns to the pool at ${due}`;
    return { status: 'remind', touched, deadline, remindAt, maxDeadline, reason };
  }
  return { status: 'ok', touched, deadline, remindAt, maxDeadline, reason: `${touched ? 'protected' : 'awaiting first touch'} until ${due}` };
}

/** A lead that went back to the pool from an agent. */
export interface LeadReturn {
  customerId: string;
  staffId: string;
  at: Date;
}

/**
 * When the agent may get this lead again: the end of the cooldown after their latest return of it,
 * or null when they may now (never returned, or the cooldown is over).
 */
export function cooldownEndsAt(
  lead: { customerId: string },
  staffId: string,
  returns: readonly LeadReturn[],
  now: Date,
  settings: Pick<SlaSettings, 'cooldownHours'>,
): Date | null {
  let latest: number | null = null;
  for (const r of returns) {
    if (r.customerId === lead.customerId && r.staffId === staffId && r.at.getTime() <= now.getTime() && (latest === null || r.at.getTime() > latest)) latest = r.at.getTime();
  }
  if (latest === null) return null;
  const ends = latest + settings.cooldownHours * HOUR;
  return ends > now.getTime() ? new Date(ends) : null;
}

/** False while the agent is in the cooldown after this lead was taken back from them. */
export function canReassign(
  lead: { customerId: string },
  staffId: string,
  returns: readonly LeadReturn[],
  now: Date,
  settings: Pick<SlaSettings, 'cooldownHours'>,
): boolean {
  return cooldownEndsAt(lead, staffId, returns, now, settings) === null;
}

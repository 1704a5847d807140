import type { MpPointsReason } from '@lodestar/shared';

/**
 * The points ledger (积分): every movement is one row with a unique idempotency key, a reason and a
 * reference; the balance is the sum of the rows. Writing the same fact again (a retried request, a
 * second worker, a replayed job) finds its key taken and moves nothing.
 */

export interface PointsEntry {
  customerId: string;
  delta: number;
  reason: MpPointsReason;
  /** What earned it: a local date, a referee, an activity. */
  ref: string | null;
  /** Unique for the fact: the same key is never counted twice. */
  key: string;
}

/** The idempotency key of each kind of fact (at most 120 characters: ids are 36). */
export const pointsKey = {
  checkin: (customerId: string, date: string): string => `checkin:${customerId}:${date}`,
  streakReward: (customerId: string, date: string): string => `streak:${customerId}:${date}`,
  referralReward: (refereeId: string): string => `referral:${refereeId}`,
  play: (kind: 'quiz' | 'lottery', activityId: string, customerId: string): string => `${kind}:${activityId}:${customerId}`,
};

/** The balance: the sum of every delta. */
export function balanceOf(entries: ReadonlyArray<{ delta: number }>): number {
  return entries.reduce((sum, e) => sum + e.delta, 0);
}

/**
 * The entries of a batch still to write: none whose key is taken already, each key once, and no
 * zero movements (a zero row would be noise in the audit trail).
 */
export function entriesToWrite(wanted: readonly PointsEntry[], takenKeys: ReadonlySet<string>): PointsEntry[] {
  const seen = new Set(takenKeys);
  const out: PointsEntry[] = [];
  for (const e of wanted) {
    if (!Number.isInteger(e.delta)) throw new Error(`points must be whole numbers, got ${e.delta} for ${e.key}`);
    if (e.delta === 0 || seen.has(e.key)) continue;
    seen.add(e.key);
    out.push(e);
  }
  return out;
}

import type { JourneyReentry, PositionStatus } from '@lodestar/shared';

/** A customer's earlier instance of the same journey (any version) under the same instance key. */
export interface EarlierEntry {
  versionId: string;
  status: PositionStatus;
  enteredAt: Date;
}

export type EntryDecision = { enter: true; reuse: boolean } | { enter: false; reason: string };

const inProgress: readonly PositionStatus[] = ['active', 'waiting', 'parked'];

/**
 * May the customer enter (again)? Never twice at once; after that the journey's re-entry policy
 * decides. `reuse` says the row of this very version is reset instead of a new row being made
 * (one row per version, customer and instance key).
 */
export function entryDecision(earlier: readonly EarlierEntry[], versionId: string, reentry: JourneyReentry, now: Date): EntryDecision {
  if (earlier.some((e) => inProgress.includes(e.status))) return { enter: false, reason: 'already in the journey' };
  const reuse = earlier.some((e) => e.versionId === versionId);
  if (earlier.length === 0) return { enter: true, reuse: false };
  switch (reentry.mode) {
    case 'never':
      return { enter: false, reason: 'has been in the journey before (re-entry: never)' };
    case 'always':
      return { enter: true, reuse };
    case 'after': {
      const last = Math.max(...earlier.map((e) => e.enteredAt.getTime()));
      const opens = last + reentry.days * 86_400_000;
      return now.getTime() >= opens ? { enter: true, reuse } : { enter: false, reason: `entered less than ${reentry.days} days ago` };
    }
    default: {
      const unknown: never = reentry;
      throw new Error(`unknown re-entry mode ${(unknown as { mode: string }).mode}`);
    }
  }
}

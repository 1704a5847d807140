import type { WecomSyncRun } from './wecom-sync-run.entity';

/** Share of the work each phase stands for in the progress bar. */
const weights = { tags: [0, 5], contacts: [5, 90], groups: [90, 100], done: [100, 100] } as const;

/**
 * How far a sync run is, 0–100. Contacts advance by agents done (the one number known up front);
 * groups are counted without a total, so that phase shows its start until it ends.
 */
export function syncPercent(run: Pick<WecomSyncRun, 'phase' | 'status' | 'agentUserIds' | 'agentsDone'>): number {
  if (run.status === 'done') return 100;
  const [from, to] = weights[run.phase];
  if (run.phase !== 'contacts') return from;
  const total = run.agentUserIds?.length ?? 0;
  return total === 0 ? to : Math.floor(from + ((to - from) * run.agentsDone) / total);
}

import type { SopBoardRow, SopTaskStatus } from '@lodestar/shared';

/**
 * The completion board: tasks counted per key (a plan, an agent or a team; the caller picks the
 * key and its display name for each task).
 *
 * What counts, by status:
 *   planned                  not counted (a forecast, no task)
 *   cancelled, ended         not counted (withdrawn, or the target left the plan early)
 *   pending                  due when dueAt ≤ now (or when no dueAt or now is given); a pending
 *                            task with a later dueAt is not counted yet
 *   sending, awaiting        due, not done: column `awaiting`
 *   pending (due)            due, not done: column `pending`
 *   sent, partly_sent        due and done: column `sent` (partly_sent also in `partlySent`)
 *   failed                   due, not done: column `failed`
 *   skipped                  due, not done: column `skipped` (a missed window counts against the
 *                            plan: what should have gone out did not)
 *   overdue                  due, not done: column `overdue`
 *
 * due = sent + failed + skipped + overdue + awaiting + pending, and
 * completionRate = sent / due rounded to four decimals, 0 when nothing is due.
 * Rows come out in the order their keys first appear; a key's name is the first one given.
 */

export interface SopCompletionRow {
  key: string;
  name: string;
  status: SopTaskStatus;
  /** Needed to tell a pending task that is due from one that is not yet. */
  dueAt?: Date;
}

export function completion(rows: readonly SopCompletionRow[], now?: Date): SopBoardRow[] {
  const board = new Map<string, SopBoardRow>();
  for (const row of rows) {
    let b = board.get(row.key);
    if (!b) {
      b = { key: row.key, name: row.name, due: 0, sent: 0, partlySent: 0, failed: 0, skipped: 0, overdue: 0, awaiting: 0, pending: 0, completionRate: 0 };
      board.set(row.key, b);
    }
    const column = columnOf(row, now);
    if (column === null) continue;
    b.due++;
    b[column]++;
    if (row.status === 'partly_sent') b.partlySent++;
  }
  for (const b of board.values()) b.completionRate = b.due === 0 ? 0 : Math.round((b.sent / b.due) * 10_000) / 10_000;
  return [...board.values()];
}

type Column = 'sent' | 'failed' | 'skipped' | 'overdue' | 'awaiting' | 'pending';

function columnOf(row: SopCompletionRow, now: Date | undefined): Column | null {
  switch (row.status) {
    case 'planned':
    case 'cancelled':
    case 'ended':
      return null;
    case 'pending':
      return row.dueAt !== undefined && now !== undefined && row.dueAt.getTime() > now.getTime() ? null : 'pending';
    case 'sending':
    case 'awaiting':
      return 'awaiting';
    case 'sent':
    case 'partly_sent':
      return 'sent';
    case 'failed':
      return 'failed';
    case 'skipped':
      return 'skipped';
    case 'overdue':
      return 'overdue';
    default: {
      const never: never = row.status;
      throw new Error(`Unknown task status ${String(never)}`);
    }
  }
}

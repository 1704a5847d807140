const day = 24 * 3600 * 1000;

/** Archived messages sent before this moment are past the corp's retention and are deleted. */
export function retentionCutoff(now: Date, keepDays: number): Date {
  if (!Number.isInteger(keepDays) || keepDays < 1) throw new Error(`retention must be a whole number of days ≥ 1 (got ${keepDays})`);
  return new Date(now.getTime() - keepDays * day);
}

/** Whether another batch is worth running: the last one was full, so more may be waiting. */
export function moreToDelete(deletedInBatch: number, batchSize: number): boolean {
  return deletedInBatch >= batchSize;
}

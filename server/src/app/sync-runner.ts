import type { Container } from './container';

/** How long one process works on a sync run before it lets the next tick (maybe elsewhere) go on. */
const sliceMs = 20_000;

/**
 * Advances every running full sync a slice at a time, under a lease per run so that only one
 * process works on a run; a process that dies leaves the saved cursor for the next one.
 */
export async function advanceSyncs(c: Container): Promise<void> {
  for (const run of await c.contactSync.runningRuns()) {
    const lease = `wecom-sync:${run.id}`;
    const now = c.clock.now();
    if (!(await c.leases.acquire(lease, c.owner, now, new Date(now.getTime() + 2 * sliceMs)))) continue;
    const started = Date.now();
    try {
      const view = await c.contactSync.advance(run.id, run.corpId, () => Date.now() - started > sliceMs);
      c.logger.info({ run: run.id, phase: view.phase, percent: view.percent, relationships: view.relationshipsSeen, error: view.error }, 'wecom sync advanced');
    } finally {
      await c.leases.release(lease, c.owner);
    }
  }
}

/** Starts advancing at once in this process (after an admin starts a sync), without waiting for the tick. */
export function kickSyncs(c: Container): void {
  advanceSyncs(c).catch((error: unknown) => c.logger.error({ err: error }, 'wecom sync failed'));
}

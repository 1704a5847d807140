import type { Container } from './container';
import { advanceSyncs } from './sync-runner';

const day = 24 * 3600 * 1000;

/** The scheduled jobs of a worker process. */
export function registerJobs(c: Container, corpId: string): void {
  c.scheduler.register({
    name: 'platform.prune',
    cron: '0 17 3 * * *',
    run: async () => {
      // A tick record is only needed to stop the same tick running twice; a week is plenty.
      const pruned = await c.leases.pruneTicks(new Date(c.clock.now().getTime() - 7 * day));
      c.logger.info({ pruned }, 'old job runs pruned');
    },
  });
  c.scheduler.register({
    name: 'customers.windows',
    cron: '0 5 0 * * *',
    timezone: 'Asia/Shanghai',
    run: async () => {
      // Rolling windows ("in the last 7 days") move at midnight without any event: re-derive.
      const behaviour = await c.behaviourRules.sweep(corpId, c.clock.now());
      const segments = await c.segments.refreshAll(corpId);
      const stages = await c.stages.evaluateAll(corpId);
      c.logger.info({ behaviour, segments, stages }, 'behaviour tags, segments and stages re-derived for the new day');
    },
  });
  c.scheduler.register({
    name: 'wecom.inbox',
    cron: '*/5 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      await c.inbox.drain();
    },
  });
  c.scheduler.register({
    name: 'wecom.sync',
    cron: '*/5 * * * * *',
    run: async () => {
      // A corp that never synced gets its first full sync by itself.
      if (c.config.wecom.syncOnStart && !(await c.contactSync.hasRun(corpId))) await c.contactSync.start(corpId, null);
      await advanceSyncs(c);
    },
  });
  c.scheduler.register({
    name: 'wecom.handovers',
    cron: '0 */2 * * * *',
    runOnClockAdvance: true,
    run: async () => {
      for (const corp of await c.handovers.corpsWithWaiting()) {
        const outcome = await c.handovers.poll(corp);
        if (outcome.done || outcome.failed) c.logger.info({ corp, ...outcome }, 'handover results');
      }
    },
  });
  c.scheduler.register({
    name: 'platform.heartbeat',
    cron: c.config.heartbeatCron,
    run: async (tick) => {
      await c.audit.record(c.ids.next(), c.clock.now(), {
        corpId: null,
        actorType: 'system',
        actorId: c.owner,
        action: 'scheduler.heartbeat',
        targetType: 'job',
        targetId: tick.key,
        detail: { scheduledAt: tick.scheduledAt.toISOString() },
        ip: null,
      });
    },
  });
}

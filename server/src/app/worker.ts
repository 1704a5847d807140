import type { Container } from './container';

/** The scheduled jobs of a worker process. */
export function registerJobs(c: Container): void {
  c.scheduler.register({
    name: 'wecom.inbox',
    cron: '*/5 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      await c.inbox.drain();
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

import type { Container } from './container';
import { advanceSyncs } from './sync-runner';

const day = 24 * 3600 * 1000;

/** The scheduled jobs of a worker process. */
export function registerJobs(c: Container, corpId: string): void {
  // A corp that was never scored (first deploy, or scores wiped) is scored in the background.
  void c.leadScoring.hasScores(corpId).then(
    (has) => (has ? undefined : c.leadScoring.rescoreAll(corpId, 'initial').then((r) => c.logger.info(r, 'first lead scores'))),
    (error: unknown) => c.logger.error({ err: error }, 'first lead scoring failed'),
  );
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
    runOnClockAdvance: 'when_due', // the sandbox's days move with its clock
    run: async () => {
      // Rolling windows ("in the last 7 days") move at midnight without any event: re-derive.
      const behaviour = await c.behaviourRules.sweep(corpId, c.clock.now());
      const segments = await c.segments.refreshAll(corpId);
      const stages = await c.stages.evaluateAll(corpId);
      c.logger.info({ behaviour, segments, stages }, 'behaviour tags, segments and stages re-derived for the new day');
    },
  });
  c.scheduler.register({
    name: 'leads.sla',
    cron: '0 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      // Reminders, returns to the pool (公海), then the rules give waiting leads to agents.
      const outcome = await c.leadSla.sweep(corpId);
      if (outcome.reminded || outcome.returned || outcome.assigned) c.logger.info(outcome, 'lead SLA sweep');
    },
  });
  c.scheduler.register({
    name: 'leads.mine',
    cron: '0 30 * * * *',
    timezone: 'Asia/Shanghai',
    runOnClockAdvance: true,
    run: async () => {
      // What no event triggers: handovers that orphan policies, windows moving on, segment refreshes.
      const runs = await c.leadMining.runAll(corpId);
      c.logger.info({ runs: runs.map((r) => ({ source: r.name, ...r.run })) }, 'lead sources mined');
    },
  });
  c.scheduler.register({
    name: 'leads.rescore',
    cron: '0 20 0 * * *',
    timezone: 'Asia/Shanghai',
    runOnClockAdvance: 'when_due', // the sandbox's days move with its clock
    run: async () => {
      // Engagement fades with time even when nothing happens: every score is brought to the new day.
      const outcome = await c.leadScoring.rescoreAll(corpId, 'daily');
      c.logger.info(outcome, 'lead scores brought to the new day');
    },
  });
  c.scheduler.register({
    name: 'journeys.schedule',
    cron: '0 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      // Schedule triggers ("Friday 19:00"), in each customer's own time zone; the engine loop moves them on.
      await c.journeyTriggers.tickSchedules(corpId);
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
    name: 'chat.archive',
    // The archive keeps messages 5 days and msgaudit_notify is only a hint: pull every 30 s as well.
    cron: '*/30 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      const pulled = await c.archiveSync.pull(corpId);
      if (pulled.records) c.logger.info({ ...pulled }, 'chat archive pulled');
      // Messages whose mining failed after they were stored are mined again.
      const remined = await c.archiveSync.retryMining(corpId);
      if (remined) c.logger.warn({ remined }, 'chat messages mined again after a failed mining run');
    },
  });
  c.scheduler.register({
    name: 'chat.retention',
    // Daily: archived messages older than the corp's retention (personal-data settings) are deleted in batches.
    cron: '0 10 3 * * *',
    timezone: 'Asia/Shanghai',
    runOnClockAdvance: 'when_due', // the sandbox's days move with its clock
    run: async () => {
      const { chatRetentionDays } = await c.personalData.settings(corpId);
      const swept = await c.chatRetention.sweep(corpId, chatRetentionDays);
      if (swept.messages || swept.conversations) c.logger.info({ ...swept, chatRetentionDays }, 'archived chats past retention deleted');
    },
  });
  c.scheduler.register({
    name: 'chat.candidates',
    cron: '0 40 2 * * *',
    timezone: 'Asia/Shanghai',
    runOnClockAdvance: 'when_due',
    run: async () => {
      const found = await c.chatInsights.refreshCandidates(corpId);
      c.logger.info({ found }, 'candidate tags refreshed');
    },
  });
  c.scheduler.register({
    name: 'sop.run',
    // Every minute: tasks that fell due (exactly once each, by their unique occurrence), handed to
    // WeCom or the sidebar; then WeCom's send results, reminders and escalations.
    cron: '0 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      const r = await c.sopRunner.runOnce(corpId);
      if (r.created || r.handed || r.failed || r.sent || r.reminded || r.escalated) c.logger.info(r, 'SOP plans run');
    },
  });
  c.scheduler.register({
    name: 'miniapp.reminders',
    // Every minute: check-ins not done by the customer's local 20:00, activities 24 h and 1 h ahead;
    // each reminder once (its key is claimed first), only on an accepted subscription consent.
    cron: '0 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      const checkins = await c.mpReminders.checkinReminders(corpId);
      const activities = await c.mpReminders.activityReminders(corpId);
      if (checkins.due || activities.due) c.logger.info({ checkins, activities }, 'mini-program reminders');
    },
  });
  c.scheduler.register({
    name: 'analytics.evaluations',
    // Every minute: the last closed week, month, quarter, half-year and year once each (their key
    // is unique), and a real-time snapshot every 5 minutes; harmless on several workers.
    cron: '0 * * * * *',
    runOnClockAdvance: true,
    run: async () => {
      const r = await c.evaluations.runDue(corpId);
      if (r.taken.length) c.logger.info(r, 'evaluation snapshots taken');
    },
  });
  c.scheduler.register({
    name: 'analytics.rollups',
    // Every 10 minutes: the staff rollup's closed days built up to yesterday (a month at a time after
    // downtime), the last 3 closed days rebuilt for late rows, merges folded in; idempotent.
    cron: '0 */10 * * * *',
    runOnClockAdvance: true,
    run: async () => {
      const r = await c.rollups.runDue(corpId);
      if (r.merges || r.built.length > 1) c.logger.info(r, 'analytics rollups built');
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

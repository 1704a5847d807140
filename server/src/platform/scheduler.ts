import { Cron } from 'croner';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from './clock';
import type { LeaseStore } from './lease.port';
import type { Logger } from './logger';

export interface JobTick {
  /** The slot the job was scheduled for (or the moment of a manual run). */
  scheduledAt: Date;
  key: string;
}

export interface JobDefinition {
  /** Unique, stable name: it is part of every tick's lease key. */
  name: string;
  /** node-cron expression; six fields allow seconds. */
  cron: string;
  timezone?: string;
  run(tick: JobTick): Promise<void>;
  /**
   * In sandbox mode, also run when the product clock is moved forward: `true` on every move (cheap
   * sweeps), `'when_due'` only when the move passed one of the job's fire times (daily jobs).
   */
  runOnClockAdvance?: boolean | 'when_due';
}

export interface SchedulerDeps {
  store: LeaseStore;
  clock: Clock;
  logger: Logger;
  /** This process's identity in the lease tables. */
  owner: string;
}

/**
 * node-cron schedules; before any tick runs, the process claims it in the database, so with any
 * number of processes sharing one database each tick runs exactly once. A process that loses the
 * claim skips the tick quietly.
 */
export class Scheduler {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Per 'when_due' job, the product time up to which clock moves have been looked at. */
  private readonly clockSeen = new Map<string, Date>();
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name} has an invalid cron expression: ${job.cron}`);
    this.jobs.set(job.name, job);
    if (job.runOnClockAdvance === 'when_due') this.clockSeen.set(job.name, this.deps.clock.now());
  }

  get jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  start(): void {
    for (const job of this.jobs.values()) {
      const task = cron.schedule(job.cron, (ctx) => this.track(this.execute(job, ctx.date)), {
        name: job.name,
        noOverlap: true,
        suppressMissedWarning: true,
        ...(job.timezone ? { timezone: job.timezone } : {}),
      });
      this.tasks.push(task);
    }
    this.deps.logger.info({ jobs: this.jobNames, owner: this.deps.owner }, 'scheduler started');
  }

  /** Runs a job at once under its own lease key (sandbox clock moves, admin triggers). */
  async runNow(name: string, reason: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const at = this.deps.clock.now();
    let ran = false;
    await this.track(
      this.execute(job, at, `${job.name}:${reason}:${at.toISOString()}`).then((r) => {
        ran = r;
      }),
    );
    return ran;
  }

  /** Jobs that want to run when the sandbox clock moves forward. */
  async runClockAdvanceJobs(): Promise<void> {
    const now = this.deps.clock.now();
    for (const job of this.jobs.values()) {
      if (job.runOnClockAdvance === true) await this.runNow(job.name, 'clock');
      if (job.runOnClockAdvance !== 'when_due') continue;
      const seen = this.clockSeen.get(job.name)!;
      this.clockSeen.set(job.name, now);
      if (firedBetween(job, seen, now)) await this.runNow(job.name, 'clock');
    }
  }

  /** Stops scheduling, waits for running ticks (up to timeoutMs), gives back the leases. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const task of this.tasks) await task.destroy();
    const all = Promise.allSettled([...this.inFlight]);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if (timedOut) this.deps.logger.warn({ running: this.inFlight.size }, 'scheduler stopped before running jobs finished');
    const released = await this.deps.store.releaseAll(this.deps.owner);
    this.deps.logger.info({ released }, 'scheduler stopped');
  }

  private track(p: Promise<unknown>): Promise<void> {
    const done = p.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return done;
  }

  private async execute(job: JobDefinition, scheduledAt: Date, key = `${job.name}:${scheduledAt.toISOString()}`): Promise<boolean> {
    if (this.stopped) return false;
    const { store, clock, logger, owner } = this.deps;
    let claimed: boolean;
    try {
      claimed = await store.claimTick(key, job.name, scheduledAt, owner, clock.now());
    } catch (error) {
      logger.error({ err: error, job: job.name, key }, 'could not claim tick; skipped');
      return false;
    }
    if (!claimed) {
      logger.debug({ job: job.name, key }, 'tick taken by another process');
      return false;
    }
    try {
      await job.run({ scheduledAt, key });
      await store.finishTick(key, 'done', clock.now());
    } catch (error) {
      logger.error({ err: error, job: job.name, key }, 'job failed');
      await store.finishTick(key, 'failed', clock.now(), error instanceof Error ? error.message : String(error)).catch(() => undefined);
    }
    return true;
  }
}

/** True when the job's cron has a fire time in (from, to]; never when the clock went back. */
export function firedBetween(job: Pick<JobDefinition, 'cron' | 'timezone'>, from: Date, to: Date): boolean {
  if (to.getTime() <= from.getTime()) return false;
  const next = new Cron(job.cron, { paused: true, ...(job.timezone ? { timezone: job.timezone } : {}) }).nextRun(from);
  return next !== null && next.getTime() <= to.getTime();
}

import { createHash } from 'node:crypto';
import type { JourneyPolicy, JourneyStep, PositionStatus } from '@lodestar/shared';
import { compileRule, type RuleContext } from '../customers';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { CustomerFacts, JourneyFactsRepository } from './journey-facts.repository';
import type { JourneyEffectPorts } from './journey-ports';
import type { AgentTaskRepository } from './agent-task.repository';
import { EffectApplier, type QueuedEffect } from './effect-applier';
import type { PositionOutcome, PositionRecord, PositionRepository } from './position.repository';
import { SendExecutor, type PendingSend } from './send-executor';
import type { SendRepository } from './send.repository';
import type { StatIncrement, StepStatRepository } from './step-stat.repository';
import { decideStep, eventWindowStart, stableBucket } from './steps';
import type { SeenEvent, StepDecision } from './step-decision';
import type { TimelineEvent, JourneyTimelineRepository } from './journey-timeline.repository';
import type { LoadedVersion, VersionCache } from './version-cache';

export interface RunnerDeps {
  positions: PositionRepository;
  sends: SendRepository;
  stats: StepStatRepository;
  facts: JourneyFactsRepository;
  timeline: JourneyTimelineRepository;
  tasks: AgentTaskRepository;
  versions: VersionCache;
  ports: JourneyEffectPorts;
  /** Journey names and statuses by id (paused journeys' rows are set aside). */
  journeys: (ids: readonly string[]) => Promise<Map<string, { name: string; status: string }>>;
  policy: (corpId: string) => Promise<JourneyPolicy>;
  ruleContext: (corpId: string) => Promise<RuleContext>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** This process's name in the leases. */
  owner: string;
  leaseMs?: number;
  batchSize?: number;
}

/** One customer's progress through a batch. */
interface Work {
  rec: PositionRecord;
  version: LoadedVersion;
  journeyName: string;
  customer: CustomerFacts | undefined;
  timeZone: string;
  stepId: string;
  /** false for the step the row was woken at; true for every step it reaches in this batch. */
  arrived: boolean;
  stepEnteredAt: Date;
  runStartedAt: Date;
  steps: number;
  passed: string[];
  heldSince: Date | null;
  end: { status: PositionStatus; wakeAt: Date | null; waitEvent: string | null; parkedReason: string | null } | null;
}

export interface BatchResult {
  claimed: number;
  transitions: number;
}

const MAX_ROUNDS = 100;

/**
 * The journey engine's one place for effects: claims due positions in a batch, lets the pure step
 * handlers decide for each customer (facts loaded set-based, one query per kind for the batch),
 * sends through the policy layer, applies the other effects, and writes every row back fenced by
 * the claim's token.
 */
export class JourneyRunner {
  private readonly sender: SendExecutor;
  private readonly applier: EffectApplier;
  private readonly leaseMs: number;
  private readonly batchSize: number;

  constructor(private readonly d: RunnerDeps) {
    this.sender = new SendExecutor({ sends: d.sends, ports: d.ports, ids: d.ids, logger: d.logger });
    this.applier = new EffectApplier({ ports: d.ports, ids: d.ids, logger: d.logger, timeline: d.timeline, tasks: d.tasks });
    this.leaseMs = d.leaseMs ?? 60_000;
    this.batchSize = d.batchSize ?? 500;
  }

  private readonly inFlight = new Set<Promise<BatchResult>>();

  /**
   * Runs batches until nothing is due (or `maxBatches`); returns the totals. When nothing is left
   * to claim it also waits for this process's other batches (the engine loop's), so a caller that
   * moved the clock sees everything that fell due done.
   */
  async drain(maxBatches = Number.POSITIVE_INFINITY): Promise<BatchResult> {
    const total = { claimed: 0, transitions: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const r = await this.runBatch();
      total.claimed += r.claimed;
      total.transitions += r.transitions;
      if (r.claimed > 0) continue;
      if (this.inFlight.size === 0) break;
      await Promise.allSettled([...this.inFlight]);
    }
    return total;
  }

  runBatch(): Promise<BatchResult> {
    const p = this.batch();
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async batch(): Promise<BatchResult> {
    const { d } = this;
    const now = d.clock.now();
    const token = d.ids.next();
    const rows = await d.positions.claim(d.owner, token, now, new Date(now.getTime() + this.leaseMs), this.batchSize);
    if (rows.length === 0) return { claimed: 0, transitions: 0 };
    const stats: StatIncrement[] = [];
    const timeline: TimelineEvent[] = [];
    const work = await this.prepare(rows, token, now, stats, timeline);
    let transitions = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const moving = work.filter((w) => w.end === null);
      if (moving.length === 0) break;
      transitions += await this.round(moving, now, stats, timeline);
    }
    for (const w of work) if (w.end === null) w.end = { status: 'parked', wakeAt: null, waitEvent: null, parkedReason: `more than ${MAX_ROUNDS} steps without a wait` };
    // The timeline first: its keys are fixed, so a batch run again writes nothing twice, and a crash after the save loses nothing.
    await d.timeline.record(timeline);
    await this.save(work, token, now, stats);
    await this.recheckEventWaits(work, now);
    return { claimed: rows.length, transitions };
  }

  /** Loads versions, journeys and customers; sets aside rows of paused or archived journeys and of merged customers; applies exit criteria. */
  private async prepare(rows: readonly PositionRecord[], token: string, now: Date, stats: StatIncrement[], timeline: TimelineEvent[]): Promise<Work[]> {
    const { d } = this;
    const journeys = await d.journeys([...new Set(rows.map((r) => r.journeyId))]);
    const customers = await d.facts.customers([...new Set(rows.map((r) => r.customerId))]);
    const zones = new Map<string, string>();
    const work: Work[] = [];
    const paused: string[] = [];
    for (const rec of rows) {
      const version = await d.versions.get(rec.versionId);
      const journey = journeys.get(rec.journeyId);
      if (!zones.has(rec.corpId)) zones.set(rec.corpId, await d.facts.corpTimezone(rec.corpId));
      const customer = customers.get(rec.customerId);
      const w: Work = {
        rec,
        version: version!,
        journeyName: journey?.name ?? '',
        customer,
        timeZone: customer?.timeZone ?? zones.get(rec.corpId)!,
        stepId: rec.stepId,
        arrived: rec.status !== 'waiting',
        stepEnteredAt: rec.stepEnteredAt,
        runStartedAt: rec.runStartedAt,
        steps: 0,
        passed: [],
        heldSince: rec.heldSince,
        end: null,
      };
      if (journey?.status === 'paused') {
        paused.push(rec.id);
        continue;
      }
      if (!version || !journey || journey.status === 'archived' || journey.status === 'draft') this.leave(w, 'exited', 'the journey was archived', stats, timeline, now);
      else if (!customer || customer.merged) this.leave(w, 'exited', 'the customer record was merged or deleted', stats, timeline, now);
      else if (rec.convertedAt && version.definition.goal?.exitOnGoal) this.leave(w, 'exited', 'goal reached', stats, timeline, now);
      work.push(w);
    }
    if (paused.length) await d.positions.setAside(token, paused, now);
    await this.applyExitCriteria(
      work.filter((w) => w.end === null),
      now,
      stats,
      timeline,
    );
    return work;
  }

  /** The journey's exit criteria: an exit event since entry, or an exit rule that holds now. */
  private async applyExitCriteria(work: readonly Work[], now: Date, stats: StatIncrement[], timeline: TimelineEvent[]): Promise<void> {
    const byVersion = groupBy(work, (w) => w.version.id);
    for (const group of byVersion.values()) {
      const exit = group[0]!.version.definition.exit;
      if (!exit) continue;
      const ids = group.map((w) => w.rec.customerId);
      const leaving = new Set<string>();
      if (exit.event) {
        const since = new Date(Math.min(...group.map((w) => w.rec.enteredAt.getTime())));
        const events = await this.d.facts.events(ids, [exit.event], since);
        for (const w of group) if ((events.get(w.rec.customerId) ?? []).some((e) => e.at >= w.rec.enteredAt && propertiesMatch(e, exit.where))) leaving.add(w.rec.customerId);
      }
      if (exit.rule) {
        const rule = compileRule(exit.rule, { ...(await this.d.ruleContext(group[0]!.rec.corpId)), allowSegments: true });
        for (const id of await this.d.facts.matching(ids, rule)) leaving.add(id);
      }
      for (const w of group) if (leaving.has(w.rec.customerId)) this.leave(w, 'exited', 'met the journey’s exit criteria', stats, timeline, now);
    }
  }

  /** One round: every moving customer decides at its current step. Returns the steps taken. */
  private async round(moving: readonly Work[], now: Date, stats: StatIncrement[], timeline: TimelineEvent[]): Promise<number> {
    const steps = new Map<Work, JourneyStep>();
    for (const w of moving) {
      const step = w.version.steps.get(w.stepId);
      if (step) steps.set(w, step);
      else this.park(w, `step ${w.stepId} is not in version ${w.version.version}`, stats);
    }
    const live = moving.filter((w) => steps.has(w));
    const branchMatch = await this.branchMatches(live, steps);
    const events = await this.stepEvents(live, steps, now);
    const decisions = new Map<Work, StepDecision>();
    for (const w of live) {
      const step = steps.get(w)!;
      try {
        decisions.set(
          w,
          decideStep(step, {
            now,
            timeZone: w.timeZone,
            position: { id: w.rec.id, journeyId: w.rec.journeyId, customerId: w.rec.customerId, instanceKey: w.rec.instanceKey, stepId: w.stepId, enteredAt: w.rec.enteredAt, stepEnteredAt: w.stepEnteredAt, runStartedAt: w.runStartedAt, wakeAt: w.arrived ? null : w.rec.deadlineAt },
            arrived: w.arrived,
            branchMatch: branchMatch.get(w) ?? -1,
            events: events.get(w) ?? [],
            bucket: stableBucket(w.rec.journeyId, w.rec.customerId, w.rec.instanceKey, step.id),
          }),
        );
      } catch (error) {
        this.park(w, `step ${step.id} failed: ${error instanceof Error ? error.message : String(error)}`, stats);
      }
    }
    // Sends first: the policy layer may hold a customer at its send step instead of letting it go on.
    const pending: PendingSend[] = [];
    for (const [w, dec] of decisions) {
      if (dec.kind !== 'go') continue;
      for (const e of dec.effects) {
        if (e.type !== 'send') continue;
        pending.push({
          key: `${w.rec.id}:${w.rec.entries}:${w.rec.seq + w.steps}:${w.stepId}`,
          corpId: w.rec.corpId,
          journeyId: w.rec.journeyId,
          journeyName: w.journeyName,
          versionId: w.version.id,
          positionId: w.rec.id,
          stepId: w.stepId,
          customerId: w.rec.customerId,
          customer: w.customer,
          timeZone: w.timeZone,
          heldSince: w.heldSince,
          rateLimitPerMinute: w.version.definition.rateLimitPerMinute,
          message: e.message,
        });
      }
    }
    const verdicts = await this.sender.run(pending, this.d.policy, now);
    const byWork = new Map(pending.map((p) => [p.positionId, p.key]));
    const queued: QueuedEffect[] = [];
    let taken = 0;
    for (const [w, dec] of decisions) {
      const stepId = w.stepId;
      const count = (metric: string, n = 1) => stats.push({ journeyId: w.rec.journeyId, versionId: w.version.id, stepId, metric, count: n, positionId: w.rec.id });
      if (w.arrived) count('entered');
      switch (dec.kind) {
        case 'wait':
          w.end = { status: 'waiting', wakeAt: dec.until, waitEvent: dec.event, parkedReason: null };
          if (w.arrived) w.stepEnteredAt = now;
          break;
        case 'leave':
          queued.push(...dec.effects.map((effect) => ({ work: this.effectTarget(w), effect })));
          this.leave(w, dec.status, dec.reason, stats, timeline, now);
          break;
        case 'go': {
          const key = byWork.get(w.rec.id);
          const verdict = key ? verdicts.get(key) : undefined;
          if (verdict) {
            const send = pending.find((p) => p.key === key)!;
            count(`send:${verdict.kind === 'go' ? verdict.outcome : verdict.kind === 'hold' ? 'held' : 'failed'}`);
            timeline.push(this.event(w, 'journey_message', now, { channel: send.message.channel, outcome: verdict.kind === 'go' ? verdict.outcome : verdict.kind === 'hold' ? 'held' : 'failed', reason: 'reason' in verdict ? verdict.reason : null }, key!));
            if (verdict.kind === 'hold') {
              w.heldSince ??= now;
              w.end = { status: 'waiting', wakeAt: verdict.until, waitEvent: null, parkedReason: null };
              if (w.arrived) w.stepEnteredAt = now;
              break;
            }
            if (verdict.kind === 'park') {
              this.park(w, verdict.reason, stats);
              break;
            }
          }
          queued.push(...dec.effects.filter((e) => e.type !== 'send').map((effect) => ({ work: this.effectTarget(w), effect })));
          count('passed');
          count(`edge:${dec.edge}`);
          if (!w.arrived) w.runStartedAt = now;
          // The event that moved the customer on is spent: a loop back to a wait for it must not take it again.
          if (dec.edge === 'event') w.runStartedAt = afterSpent(events.get(w) ?? [], w.runStartedAt, now);
          w.passed.push(w.stepId);
          w.steps += 1;
          w.stepId = dec.to;
          w.stepEnteredAt = now;
          w.heldSince = null;
          w.arrived = true;
          taken += 1;
          break;
        }
      }
    }
    await this.applier.apply(queued, now);
    return taken;
  }

  private effectTarget(w: Work) {
    return { corpId: w.rec.corpId, journeyId: w.rec.journeyId, journeyName: w.journeyName, positionId: w.rec.id, customerId: w.rec.customerId, customer: w.customer, stepId: w.stepId, key: `${w.rec.id}:${w.rec.entries}:${w.rec.seq + w.steps}:${w.stepId}` };
  }

  /** For branch steps: the first branch whose rule holds, per customer, one query per branch for the round. */
  private async branchMatches(live: readonly Work[], steps: ReadonlyMap<Work, JourneyStep>): Promise<Map<Work, number>> {
    const out = new Map<Work, number>();
    const atBranch = groupBy(
      live.filter((w) => steps.get(w)!.type === 'branch'),
      (w) => `${w.version.id}\u0000${w.stepId}`,
    );
    for (const group of atBranch.values()) {
      const step = steps.get(group[0]!)!;
      if (step.type !== 'branch') continue;
      const ctx = { ...(await this.d.ruleContext(group[0]!.rec.corpId)), allowSegments: true };
      let undecided = group;
      for (let i = 0; i < step.branches.length && undecided.length > 0; i++) {
        const holds = await this.d.facts.matching(
          undecided.map((w) => w.rec.customerId),
          compileRule(step.branches[i]!.when, ctx),
        );
        for (const w of undecided) if (holds.has(w.rec.customerId)) out.set(w, i);
        undecided = undecided.filter((w) => !out.has(w));
      }
    }
    return out;
  }

  /** For wait_event and branch_event steps: the customers' events of the step's name in its window, one query for the round. */
  private async stepEvents(live: readonly Work[], steps: ReadonlyMap<Work, JourneyStep>, now: Date): Promise<Map<Work, SeenEvent[]>> {
    const wanted: Array<{ w: Work; name: string; since: Date }> = [];
    for (const w of live) {
      const step = steps.get(w)!;
      if (step.type === 'wait_event') wanted.push({ w, name: step.event, since: eventWindowStart(step, { ...w.rec, stepId: w.stepId, runStartedAt: w.runStartedAt, stepEnteredAt: w.stepEnteredAt }) });
      else if (step.type === 'branch_event') wanted.push({ w, name: step.event, since: new Date(now.getTime() - step.withinMs) });
    }
    const out = new Map<Work, SeenEvent[]>();
    if (wanted.length === 0) return out;
    const since = new Date(Math.min(...wanted.map((x) => x.since.getTime())));
    const events = await this.d.facts.events(
      [...new Set(wanted.map((x) => x.w.rec.customerId))],
      [...new Set(wanted.map((x) => x.name))],
      since,
    );
    for (const x of wanted) out.set(x.w, (events.get(x.w.rec.customerId) ?? []).filter((e) => e.name === x.name && e.at >= x.since));
    return out;
  }

  private leave(w: Work, status: 'done' | 'holdout' | 'exited', reason: string, stats: StatIncrement[], timeline: TimelineEvent[], now: Date): void {
    w.end = { status, wakeAt: null, waitEvent: null, parkedReason: status === 'exited' ? reason : null };
    stats.push({ journeyId: w.rec.journeyId, versionId: w.version?.id ?? w.rec.versionId, stepId: w.stepId, metric: status === 'holdout' ? 'holdout' : 'exited', count: 1, positionId: w.rec.id });
    timeline.push(this.event(w, status === 'holdout' ? 'journey_holdout' : 'journey_exited', now, { reason }, `${w.rec.id}:${w.rec.entries}:end`));
  }

  private park(w: Work, reason: string, stats: StatIncrement[]): void {
    w.end = { status: 'parked', wakeAt: null, waitEvent: null, parkedReason: reason.slice(0, 200) };
    stats.push({ journeyId: w.rec.journeyId, versionId: w.version?.id ?? w.rec.versionId, stepId: w.stepId, metric: 'parked', count: 1, positionId: w.rec.id });
    this.d.logger.warn({ positionId: w.rec.id, journeyId: w.rec.journeyId, stepId: w.stepId, reason }, 'journey position parked');
  }

  private event(w: Work, name: string, at: Date, props: Record<string, unknown>, key: string): TimelineEvent {
    return {
      corpId: w.rec.corpId,
      customerId: w.rec.customerId,
      name,
      at,
      key: `j${createHash('sha1').update(`${name}:${key}`).digest('hex')}`,
      properties: { journey_id: w.rec.journeyId, journey: w.journeyName, version: w.version?.version ?? null, step_id: w.stepId, ...props },
    };
  }

  /** Writes the batch back (rows that ended alike in one statement) with the stats of the rows it still held, in one transaction. */
  private async save(work: readonly Work[], token: string, now: Date, stats: readonly StatIncrement[]): Promise<void> {
    const groups = new Map<string, { outcome: PositionOutcome; ids: string[] }>();
    for (const w of work) {
      const end = w.end!;
      const outcome: PositionOutcome = {
        stepId: w.stepId,
        status: end.status,
        wakeAt: end.wakeAt,
        waitEvent: end.waitEvent,
        steps: w.steps,
        passed: w.passed.map((s) => `${s},`).join(''),
        stepEnteredAt: w.stepEnteredAt,
        runStartedAt: w.runStartedAt,
        heldSince: end.status === 'waiting' ? w.heldSince : null,
        parkedReason: end.parkedReason,
      };
      const key = JSON.stringify(outcome);
      const g = groups.get(key);
      if (g) g.ids.push(w.rec.id);
      else groups.set(key, { outcome, ids: [w.rec.id] });
    }
    await this.d.positions.releaseBatch(token, [...groups.values()], now, (em, held) => this.d.stats.add(stats.filter((x) => !x.positionId || held.has(x.positionId)), em));
  }

  /**
   * An event that arrived while this batch ran found these rows not yet waiting, so it could not
   * wake them: look once more, and make due the ones whose event has come.
   */
  private async recheckEventWaits(work: readonly Work[], now: Date): Promise<void> {
    const waiting = work.filter((w) => w.end?.status === 'waiting' && w.end.waitEvent);
    if (waiting.length === 0) return;
    const events = await this.d.facts.events(
      [...new Set(waiting.map((w) => w.rec.customerId))],
      [...new Set(waiting.map((w) => w.end!.waitEvent!))],
      new Date(Math.min(...waiting.map((w) => w.runStartedAt.getTime()))),
    );
    const due = waiting.filter((w) => (events.get(w.rec.customerId) ?? []).some((e) => e.name === w.end!.waitEvent && e.at >= w.runStartedAt));
    if (due.length) await this.d.positions.wakeIds(due.map((w) => w.rec.id), now);
  }
}

/** Just after the newest event (up to now) the step saw, when that is later than the run's start. */
function afterSpent(events: ReadonlyArray<{ at: Date }>, runStartedAt: Date, now: Date): Date {
  const newest = Math.max(runStartedAt.getTime() - 1, ...events.filter((e) => e.at <= now).map((e) => e.at.getTime()));
  return new Date(newest + 1);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Every listed property equals the event's (numbers and strings compared as given). */
export function propertiesMatch(e: SeenEvent, where: Record<string, string | number | boolean> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([k, v]) => e.properties[k] === v);
}

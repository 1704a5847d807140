import { journeyDefinitionSchema, type JourneyDefinition, type SegmentRule } from '@lodestar/shared';
import { compileRule, type RuleContext } from '../customers';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EnrolmentService, EnrolTarget } from './enrolment.service';
import type { JourneyFactsRepository } from './journey-facts.repository';
import type { JourneyRepository } from './journey.repository';
import { propertiesMatch } from './journey-runner';
import type { PositionRepository } from './position.repository';
import { dueZones } from './schedule.plan';
import type { StepStatRepository } from './step-stat.repository';
import type { VersionCache } from './version-cache';

/** An event as tracking reports it. */
export interface JourneyEventFact {
  customerId: string;
  name: string;
  at: Date;
  properties: Record<string, unknown>;
}

const AUDIENCE_PAGE = 1000;

/**
 * What puts customers into journeys and moves them from outside: events (triggers, waking waiting
 * customers by an indexed lookup, goals, exit events), segment entries, and schedules in each
 * customer's own time zone.
 */
export class JourneyTriggers {
  constructor(
    private readonly d: {
      repo: JourneyRepository;
      versions: VersionCache;
      positions: PositionRepository;
      stats: StepStatRepository;
      facts: JourneyFactsRepository;
      enrolment: EnrolmentService;
      ruleContext: (corpId: string) => Promise<RuleContext>;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Live journeys with their live version's definition. */
  private async live(corpId: string): Promise<Array<{ target: EnrolTarget; definition: JourneyDefinition }>> {
    const out: Array<{ target: EnrolTarget; definition: JourneyDefinition }> = [];
    for (const j of await this.d.repo.live(corpId)) {
      if (!j.liveVersionId) continue;
      const v = await this.d.versions.get(j.liveVersionId);
      if (!v) continue;
      out.push({ target: { corpId, journeyId: j.id, journeyName: j.name, versionId: v.id, version: v.version, definition: v.definition }, definition: v.definition });
    }
    return out;
  }

  async onEvents(corpId: string, events: readonly JourneyEventFact[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.d.clock.now();
    const customerIds = [...new Set(events.map((e) => e.customerId))];
    // 1. Customers waiting for one of these events wake now (by customer and event: no scan).
    await this.d.positions.wakeForEvents(customerIds, [...new Set(events.map((e) => e.name))], now);
    // 2. Goals and exit events of the journeys these customers are in.
    const positions = await this.d.positions.ofCustomers(customerIds);
    const converted: Array<{ id: string; at: Date; journeyId: string; versionId: string; visited: string | null }> = [];
    const toWake: string[] = [];
    for (const p of positions) {
      const v = await this.d.versions.get(p.versionId);
      if (!v) continue;
      const mine = events.filter((e) => e.customerId === p.customerId && e.at >= p.enteredAt);
      const goal = v.definition.goal;
      if (goal && !p.convertedAt && p.goalUntil) {
        const hit = mine.find((e) => e.name === goal.event && e.at <= p.goalUntil! && propertiesMatch(e, goal.where));
        if (hit) {
          converted.push({ id: p.id, at: hit.at, journeyId: p.journeyId, versionId: p.versionId, visited: p.visited });
          if (goal.exitOnGoal && (p.status === 'waiting' || p.status === 'active')) toWake.push(p.id);
        }
      }
      const exit = v.definition.exit;
      if (exit?.event && (p.status === 'waiting' || p.status === 'active') && mine.some((e) => e.name === exit.event && propertiesMatch(e, exit.where))) toWake.push(p.id);
    }
    for (const c of converted) {
      if ((await this.d.positions.convert([c.id], c.at)) === 0) continue;
      const steps = (c.visited ?? '').split(',').filter(Boolean);
      await this.d.stats.add([...new Set(steps)].map((stepId) => ({ journeyId: c.journeyId, versionId: c.versionId, stepId, metric: 'converted', count: 1 })));
    }
    if (toWake.length) await this.d.positions.wakeIds(toWake, now);
    // 3. Event triggers.
    for (const { target, definition } of await this.live(corpId)) {
      const t = definition.trigger;
      if (t.type !== 'event') continue;
      const matching = events.filter((e) => e.name === t.event && propertiesMatch(e, t.where));
      if (matching.length === 0) continue;
      const byKey = new Map<string, string[]>();
      for (const e of matching) {
        const raw = t.instanceKeyProperty ? e.properties[t.instanceKeyProperty] : '';
        const key = raw === undefined || raw === null ? '' : String(raw).slice(0, 64);
        byKey.set(key, [...(byKey.get(key) ?? []), e.customerId]);
      }
      for (const [key, ids] of byKey) await this.d.enrolment.enrol(target, ids, key);
    }
  }

  async onSegmentEntered(corpId: string, segmentId: string, customerIds: readonly string[]): Promise<void> {
    for (const { target, definition } of await this.live(corpId)) {
      if (definition.trigger.type === 'segment' && definition.trigger.segmentId === segmentId) await this.d.enrolment.enrol(target, customerIds);
    }
  }

  /** Enrols the customers a rule holds, a page at a time; `keep` filters each page (a schedule's due zones). */
  async enrolAudience(target: EnrolTarget, audience: SegmentRule, keep: (c: { id: string; timeZone: string | null }) => boolean = () => true): Promise<number> {
    const rule = compileRule(audience, { ...(await this.d.ruleContext(target.corpId)), allowSegments: true });
    let enrolled = 0;
    let after = '';
    for (;;) {
      const page = await this.d.facts.audiencePage(target.corpId, rule, after, AUDIENCE_PAGE);
      if (page.length === 0) break;
      const ids = page.filter(keep).map((c) => c.id);
      if (ids.length) enrolled += (await this.d.enrolment.enrol(target, ids)).enrolled;
      after = page.at(-1)!.id;
    }
    return enrolled;
  }

  /**
   * Schedule triggers: for each live journey, the window since its last tick; customers whose
   * time zone had a fire in it (the corp's zone for those without one) are enrolled once. The
   * window moves by a conditional update first, so two processes never enrol the same tick.
   */
  async tickSchedules(corpId: string): Promise<number> {
    const now = this.d.clock.now();
    let enrolled = 0;
    const corpZone = await this.d.facts.corpTimezone(corpId);
    for (const j of await this.d.repo.live(corpId)) {
      if (!j.liveVersionId) continue;
      const v = await this.d.versions.get(j.liveVersionId);
      const t = v?.definition.trigger;
      if (!v || t?.type !== 'schedule') continue;
      const from = j.scheduledUpTo ?? now;
      if (from.getTime() >= now.getTime()) continue;
      if (!(await this.d.repo.advanceSchedule(j.id, j.scheduledUpTo, now))) continue;
      const zones = [...new Set((await this.d.facts.zones(corpId)).map((z) => z ?? corpZone))];
      const due = dueZones(t.schedule, zones, from, now);
      if (due.size === 0) continue;
      const target: EnrolTarget = { corpId, journeyId: j.id, journeyName: j.name, versionId: v.id, version: v.version, definition: journeyDefinitionSchema.parse(v.definition) };
      enrolled += await this.enrolAudience(target, t.audience, (c) => due.has(c.timeZone ?? corpZone));
      this.d.logger.info({ journeyId: j.id, zones: [...due.keys()], enrolled }, 'journey schedule fired');
    }
    return enrolled;
  }
}

import type { EnrolResult, JourneyDefinition } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { chunk } from '../db/sql-lists';
import type { PositionRepository } from './position.repository';
import { entryDecision } from './reentry.plan';
import type { StepStatRepository } from './step-stat.repository';
import type { JourneyTimelineRepository } from './journey-timeline.repository';

export interface EnrolTarget {
  corpId: string;
  journeyId: string;
  journeyName: string;
  versionId: string;
  version: number;
  definition: JourneyDefinition;
}

/**
 * Puts customers into a live version: one indexed read of their earlier instances, the re-entry
 * policy per customer, then new rows (or a reset of this version's row) due at once.
 */
export class EnrolmentService {
  constructor(
    private readonly d: {
      positions: PositionRepository;
      stats: StepStatRepository;
      timeline: JourneyTimelineRepository;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  async enrol(target: EnrolTarget, customerIds: readonly string[], instanceKey = ''): Promise<EnrolResult> {
    const now = this.d.clock.now();
    const unique = [...new Set(customerIds)];
    const skipped: EnrolResult['skipped'] = [];
    let enrolled = 0;
    for (const part of chunk(unique, 500)) {
      const earlier = await this.d.positions.inJourney(target.journeyId, part, instanceKey);
      const byCustomer = new Map<string, typeof earlier>();
      for (const e of earlier) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
      const fresh: string[] = [];
      const reset: string[] = [];
      for (const customerId of part) {
        const decision = entryDecision(byCustomer.get(customerId) ?? [], target.versionId, target.definition.reentry, now);
        if (!decision.enter) skipped.push({ customerId, reason: decision.reason });
        else if (decision.reuse) reset.push(byCustomer.get(customerId)!.find((e) => e.versionId === target.versionId)!.id);
        else fresh.push(customerId);
      }
      const goalUntil = target.definition.goal ? new Date(now.getTime() + target.definition.goal.withinDays * 86_400_000) : null;
      const inserted = await this.d.positions.insertNew(
        fresh.map((customerId) => ({ id: this.d.ids.next(), customerId })),
        { corpId: target.corpId, journeyId: target.journeyId, versionId: target.versionId, instanceKey, stepId: target.definition.entry, goalUntil },
        now,
      );
      const again = await this.d.positions.reenter(reset, target.definition.entry, goalUntil, now);
      enrolled += inserted.length + again.length;
      for (const c of fresh) if (!inserted.some((i) => i.customerId === c)) skipped.push({ customerId: c, reason: 'already in the journey' });
      const entered = [...inserted.map((i) => i.customerId), ...again];
      await this.d.timeline.record(
        entered.map((customerId) => ({
          corpId: target.corpId,
          customerId,
          name: 'journey_entered',
          at: now,
          key: `je${this.d.ids.next().replace(/-/g, '')}`.slice(0, 64),
          properties: { journey_id: target.journeyId, journey: target.journeyName, version: target.version, instance_key: instanceKey || null },
        })),
      );
    }
    return { enrolled, skipped };
  }
}

import type { Clock } from '../platform/clock';
import { notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { addDays, isTimeZone, localDay } from '../platform/local-day';
import type { ActivityRepository } from './activity.repository';
import { effectiveStreak } from './activity-streak';
import { customerScope } from './customer-scope';
import type { CustomerRepository } from './customer.repository';

export interface CustomerActivityView {
  /** The customer's local day the figures end on. */
  today: string;
  /** Per event, how many times in the last 7 and 30 local days (today included), most frequent first. */
  events: Array<{ event: string; last7: number; last30: number }>;
  /** Streaks as of today: `current` is 0 once a day was missed. */
  streaks: Array<{ counter: string; event: string | null; current: number; best: number; lastDay: string }>;
}

/** A customer's recent activity from the rolling counters, within what the caller may see. */
export class CustomerActivityService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly activity: ActivityRepository,
    private readonly clock: Clock,
  ) {}

  async view(principal: Principal, customerId: string): Promise<CustomerActivityView> {
    const customer = await this.customers.findInScope(customerScope(principal), customerId);
    if (!customer) throw notFound('Customer');
    const zone = customer.timezone && isTimeZone(customer.timezone) ? customer.timezone : await this.activity.corpZone(customer.corpId);
    const today = localDay(this.clock.now(), zone);
    const week = addDays(today, -6);
    const [counts, streaks] = await Promise.all([this.activity.countsOf(customer.id, addDays(today, -29)), this.activity.streaksOf(customer.id)]);
    const byEvent = new Map<string, { event: string; last7: number; last30: number }>();
    for (const c of counts) {
      if (!c.counterKey.startsWith('event:') || c.day > today) continue;
      const event = c.counterKey.slice('event:'.length);
      const row = byEvent.get(event) ?? { event, last7: 0, last30: 0 };
      row.last30 += c.count;
      if (c.day >= week) row.last7 += c.count;
      byEvent.set(event, row);
    }
    return {
      today,
      events: [...byEvent.values()].sort((a, b) => b.last30 - a.last30 || b.last7 - a.last7 || (a.event < b.event ? -1 : 1)),
      streaks: streaks.map((s) => ({
        counter: s.counterKey,
        event: s.counterKey.startsWith('event:') ? s.counterKey.slice('event:'.length) : null,
        current: effectiveStreak(s, today),
        best: s.best,
        lastDay: s.lastDay,
      })),
    };
  }
}

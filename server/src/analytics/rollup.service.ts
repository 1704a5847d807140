import type { Clock } from '../platform/clock';
import { addDays, localDay } from '../platform/local-day';
import { zoneOffsetMinutes } from './day-sql';
import { buildPlan, dayStart, ROLLUP_HORIZON_DAYS, type DayRange } from './rollup.plan';
import type { StaffDayRepository } from './staff-day.repository';
import type { StageReachRepository } from './stage-reach.repository';

export interface RollupServiceDeps {
  staffDays: StaffDayRepository;
  reach: StageReachRepository;
  zones: { timeZone(corpId: string): Promise<string> };
  clock: Clock;
}

export interface RollupOutcome {
  /** Day ranges (re)built by this run. */
  built: DayRange[];
  /** Merges folded in by this run. */
  merges: number;
}

/**
 * Keeps the analytics rollups settled (the worker's analytics.rollups job; idempotent, safe on
 * several workers): closed days of the staff rollup are built up to yesterday (today is always
 * counted live), the last few closed days are rebuilt on every run for rows that arrive late, and
 * merges recorded since the last run are folded in (the survivors' first reaches recomputed, the
 * days the merged records had actions on rebuilt).
 */
export class RollupService {
  constructor(private readonly d: RollupServiceDeps) {}

  async runDue(corpId: string): Promise<RollupOutcome> {
    const zone = await this.d.zones.timeZone(corpId);
    const today = localDay(this.d.clock.now(), zone);
    const state = await this.d.staffDays.state(corpId);
    const merges = await this.d.staffDays.mergesSince(corpId, state.mergesThrough);
    const built: DayRange[] = [];
    if (merges.last) {
      await this.d.reach.rebuildCustomers(merges.survivors);
      if (state.built) {
        const days = await this.d.staffDays.daysOf(corpId, merges.merged, state.built, dayStart(state.built.from, zone), dayStart(addDays(state.built.last, 1), zone), this.offset(zone, state.built));
        for (const day of days) built.push(await this.rebuild(corpId, { from: day, last: day }, zone));
      }
    }
    const plan = buildPlan(state.built, today);
    if (plan) for (const r of plan.ranges) built.push(await this.rebuild(corpId, r, zone));
    await this.d.staffDays.saveState(corpId, { built: plan?.built ?? state.built, mergesThrough: merges.last ?? state.mergesThrough }, this.d.clock.now());
    return { built, merges: merges.merged.length };
  }

  /**
   * Builds every rollup of the corp from scratch: the first reaches from the whole stage history,
   * and the staff rollup over the horizon up to yesterday in one pass, merges included. For loading
   * data without the writers (the bench, an import) or a repair; the job keeps it settled after.
   */
  async buildAll(corpId: string): Promise<RollupOutcome> {
    const zone = await this.d.zones.timeZone(corpId);
    const today = localDay(this.d.clock.now(), zone);
    const merges = await this.d.staffDays.mergesSince(corpId, null);
    await this.d.reach.rebuildCorp(corpId);
    const range = { from: addDays(today, -ROLLUP_HORIZON_DAYS), last: addDays(today, -1) };
    await this.rebuild(corpId, range, zone);
    await this.d.staffDays.saveState(corpId, { built: range, mergesThrough: merges.last }, this.d.clock.now());
    return { built: [range], merges: merges.merged.length };
  }

  /** Rebuilds days by hand (rows that came in later than the settling days), within the built days. */
  async rebuild(corpId: string, range: DayRange, zone?: string): Promise<DayRange> {
    const z = zone ?? (await this.d.zones.timeZone(corpId));
    await this.d.staffDays.rebuild(corpId, range, dayStart(range.from, z), dayStart(addDays(range.last, 1), z), this.offset(z, range));
    return range;
  }

  private offset(zone: string, range: DayRange): number {
    return zoneOffsetMinutes(zone, dayStart(range.from, zone));
  }
}

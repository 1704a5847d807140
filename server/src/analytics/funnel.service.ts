import type { FunnelRequest, FunnelResult, RetentionRequest, RetentionResult } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { localDay } from '../platform/local-day';
import { zoneOffsetMinutes } from './day-sql';
import { funnelResult, journeySteps, stageSnapshot, type StageSnapshotRow } from './funnel.plan';
import { queryPeriod } from './metric-query.plan';
import type { FunnelPeriod, FunnelRepository } from './funnel.repository';
import { retentionResult } from './retention.plan';
import type { RetentionRepository } from './retention.repository';
import type { AnalyticsScope } from './scope';

export interface FunnelServiceDeps {
  funnels: FunnelRepository;
  retention: RetentionRepository;
  clock: Clock;
}

/** Ordered funnels (events and journey stages), the journey's stage snapshot, and retention cohorts. */
export class FunnelService {
  constructor(private readonly d: FunnelServiceDeps) {}

  async funnel(scope: AnalyticsScope, req: FunnelRequest): Promise<FunnelResult> {
    const period = this.period(scope, req.from, req.to);
    const agg = await this.d.funnels.reach(scope, req.steps, period, req.windowDays);
    return funnelResult(req.steps, agg, { windowDays: req.windowDays, from: req.from, to: req.to });
  }

  /**
   * The six stages in order: customers who joined (were created) in the period, and the day each
   * then first reached every later stage (skipping one counts as passing it), within the window.
   * Read from the first-reach rollup (stage_reach): the same answer as `funnel` over these steps.
   */
  async journeyFunnel(scope: AnalyticsScope, from: string, to: string, windowDays: number): Promise<FunnelResult> {
    const steps = journeySteps();
    const agg = await this.d.funnels.journeyReach(scope, steps, this.period(scope, from, to), windowDays);
    return funnelResult(steps, agg, { windowDays, from, to });
  }

  /** Live customers per current stage, and at each stage or beyond. */
  async stageSnapshot(scope: AnalyticsScope): Promise<{ stages: StageSnapshotRow[]; total: number }> {
    return stageSnapshot(await this.d.funnels.stageCounts(scope));
  }

  /** Retention cohorts; `today` (the corp's local day, from the clock unless given) decides which days have come. */
  async retention(scope: AnalyticsScope, req: RetentionRequest, today?: string): Promise<RetentionResult> {
    const period = this.period(scope, req.from, req.to);
    const counts = await this.d.retention.counts(scope, req, period);
    return retentionResult(counts, { days: req.days, mode: req.mode, cohort: req.cohort, today: today ?? localDay(this.d.clock.now(), scope.timeZone) });
  }

  private period(scope: AnalyticsScope, fromIso: string, toIso: string): FunnelPeriod {
    const { from, to } = queryPeriod(fromIso, toIso);
    return {
      from,
      to,
      fromDay: localDay(from, scope.timeZone),
      lastDay: localDay(new Date(to.getTime() - 1), scope.timeZone),
      offsetMinutes: zoneOffsetMinutes(scope.timeZone, from),
    };
  }
}

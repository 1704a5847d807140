import { journeyStages, type JourneyStage } from '@lodestar/shared';
import { Prng } from './prng';

/** A row of stage_transition (analytics/stage-transition.repository.ts's StageTransitionRow). */
export interface DemoStageTransition {
  corpId: string;
  customerId: string;
  from: JourneyStage | null;
  to: JourneyStage;
  at: Date;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const DEMO_HISTORY_DAYS = 90;

/**
 * A plausible history of journey-stage changes for the demo customers, so the stage funnels show
 * something on a fresh sandbox: each customer walked from interest up to their current stage, one
 * stage at a time, on increasing days between their creation (or 90 days ago, if earlier) and now.
 * The same customers and clock always give the same rows.
 */
export function buildDemoStageHistory(customers: ReadonlyArray<{ id: string; corpId: string; stage: JourneyStage; createdAt: Date }>, now: Date, seed = 90): DemoStageTransition[] {
  const rnd = new Prng(seed);
  const rows: DemoStageTransition[] = [];
  for (const c of customers) {
    const rank = journeyStages.indexOf(c.stage);
    if (rank <= 0) continue;
    const start = Math.max(c.createdAt.getTime(), now.getTime() - DEMO_HISTORY_DAYS * DAY);
    if (start >= now.getTime()) continue;
    const whole = Math.floor((now.getTime() - start) / DAY);
    let times: number[];
    if (whole >= rank) {
      // Distinct days 1..whole after the start, all at the same time of day (a little earlier than the start's).
      const days = rnd.sample(Array.from({ length: whole }, (_, i) => i + 1), rank).sort((a, b) => a - b);
      const earlier = rnd.int(0, 6) * HOUR + rnd.int(0, 59) * 60_000;
      times = days.map((d) => start + d * DAY - earlier);
    } else {
      // Created less than `rank` days ago: evenly spread between creation and now.
      times = Array.from({ length: rank }, (_, i) => start + Math.floor(((i + 1) * (now.getTime() - start)) / (rank + 1)));
    }
    for (let k = 1; k <= rank; k++) rows.push({ corpId: c.corpId, customerId: c.id, from: journeyStages[k - 1]!, to: journeyStages[k]!, at: new Date(times[k - 1]!) });
  }
  return rows;
}

import { journeyStages, type JourneyStage } from '@lodestar/shared';

/**
 * The first-reach rollup of journey stages (stage_reach): per customer, the first instant a change
 * brought them to each stage beyond interest or further, from below it (a skipped stage counts as
 * passed, as in the stage funnels). Interest is where everyone starts: their creation.
 */
export type ReachStage = Exclude<JourneyStage, 'interest'>;
export const reachStages = journeyStages.slice(1) as ReachStage[];

/** The column of stage_reach holding a stage's first instant. */
export const reachColumn = (stage: ReachStage): string => `${stage}_at`;

const rank = (stage: JourneyStage | null): number => (stage === null ? -1 : journeyStages.indexOf(stage));

/** The stages beyond interest a change from `from` to `to` reaches: those above `from`, up to `to`. */
export function stagesCrossed(from: JourneyStage | null, to: JourneyStage): ReachStage[] {
  return reachStages.filter((s) => rank(s) <= rank(to) && rank(s) > rank(from));
}

/** A customer's first instant per stage, over the changes given (only stages reached appear). */
export type FirstReach = Map<ReachStage, Date>;

/** Folds stage changes into each customer's first instant per stage. */
export function firstReaches(changes: ReadonlyArray<{ customerId: string; from: JourneyStage | null; to: JourneyStage; at: Date }>): Map<string, FirstReach> {
  const out = new Map<string, FirstReach>();
  for (const c of changes) {
    for (const s of stagesCrossed(c.from, c.to)) {
      const mine = out.get(c.customerId) ?? new Map<ReachStage, Date>();
      const seen = mine.get(s);
      if (!seen || c.at < seen) mine.set(s, c.at);
      out.set(c.customerId, mine);
    }
  }
  return out;
}

/**
 * The SELECT list that computes every stage's first instant from stage_transition rows aliased `t`
 * (grouped by customer): the SQL twin of firstReaches.
 */
export function firstReachSql(): string {
  const r = (column: string) => `CASE ${column} ${journeyStages.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE -1 END`;
  return reachStages.map((s) => `MIN(CASE WHEN ${r('t.to_stage')} >= ${rank(s)} AND (t.from_stage IS NULL OR ${r('t.from_stage')} < ${rank(s)}) THEN t.at END)`).join(', ');
}

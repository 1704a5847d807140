import { journeyStages, type FunnelStep, type JourneyStage } from '@lodestar/shared';
import { toDbTime } from '../db/naming';
import { eventKey } from './activity-key';
import type { DaySql } from './day-sql';

/** Where one funnel step's occurrences come from, as SQL over a table aliased `s`. */
export interface StepSource {
  /** The table, aliased s. */
  table: string;
  /** s's customer id column. */
  customer: string;
  /** The local day of an occurrence. */
  day: string;
  /** Which of s's rows are this step (no corp, no period). */
  match: { sql: string; params: unknown[] };
  /** The corp and a period, for reading the corp-wide index range. */
  range(corpId: string, from: Date, to: Date, fromDay: string, lastDay: string): { sql: string; params: unknown[] };
}

/**
 * Event steps read the daily counters (activity_count, `event:<name>`, local days); a stage step
 * is a change that brought the customer to the stage or beyond from below it (stage_transition);
 * `interest`, where every customer starts, is the customer's creation.
 */
export function stepSource(step: FunnelStep, sql: DaySql, offsetMinutes: number): StepSource {
  if (step.kind === 'event') {
    return {
      table: 'activity_count s',
      customer: 's.customer_id',
      day: 's.day',
      match: { sql: 's.counter_key = ?', params: [eventKey(step.name)] },
      range: (corpId, _from, _to, fromDay, lastDay) => ({ sql: 's.corp_id = ? AND s.counter_key = ? AND s.day >= ? AND s.day <= ?', params: [corpId, eventKey(step.name), fromDay, lastDay] }),
    };
  }
  const instants = (column: string) => (corpId: string, from: Date, to: Date) => ({ sql: `s.corp_id = ? AND ${column} >= ? AND ${column} < ?`, params: [corpId, toDbTime(from), toDbTime(to)] });
  if (step.stage === 'interest') {
    return { table: 'customer s', customer: 's.id', day: sql.localDay('s.created_at', offsetMinutes), match: { sql: '1 = 1', params: [] }, range: instants('s.created_at') };
  }
  const crossing = crossingInto(step.stage);
  return {
    table: 'stage_transition s',
    customer: 's.customer_id',
    day: sql.localDay('s.at', offsetMinutes),
    match: crossing,
    range: (corpId, from, to) => {
      const r = instants('s.at')(corpId, from, to);
      return { sql: `${r.sql} AND ${crossing.sql}`, params: [...r.params, ...crossing.params] };
    },
  };
}

/**
 * A change that brought a customer to `stage` or beyond from below it (a skipped stage is passed;
 * a customer who went down and up again reaches it again).
 */
export function crossingInto(stage: JourneyStage): { sql: string; params: string[] } {
  const rank = journeyStages.indexOf(stage);
  const above = journeyStages.slice(rank);
  const below = journeyStages.slice(0, rank);
  const list = (xs: readonly string[]): string => xs.map(() => '?').join(', ');
  const from = below.length ? `(s.from_stage IS NULL OR s.from_stage IN (${list(below)}))` : 's.from_stage IS NULL';
  return { sql: `s.to_stage IN (${list(above)}) AND ${from}`, params: [...above, ...below] };
}

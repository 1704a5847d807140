import { addDays } from '../platform/local-day';

export interface StreakState {
  current: number;
  best: number;
  lastDay: string;
}

/**
 * A streak after activity on `day`: the same day changes nothing, the next day extends it, a
 * later day starts over at 1. An earlier day (a late event) leaves it as is: streaks move forward
 * only, so they never need the history rescanned.
 */
export function advanceStreak(state: StreakState | null, day: string): StreakState {
  if (!state) return { current: 1, best: 1, lastDay: day };
  if (day <= state.lastDay) return state;
  const current = addDays(state.lastDay, 1) === day ? state.current + 1 : 1;
  return { current, best: Math.max(state.best, current), lastDay: day };
}

export interface CountIncrement {
  customerId: string;
  corpId: string;
  counterKey: string;
  day: string;
  count: number;
}

/**
 * Adds up increments that hit the same (customer, counter, day), so one upsert row each, in key
 * order: two writers then lock the rows they share in the same order and cannot deadlock on them.
 */
export function sumIncrements(rows: readonly CountIncrement[]): CountIncrement[] {
  const out = new Map<string, CountIncrement>();
  for (const r of rows) {
    const k = `${r.customerId}|${r.counterKey}|${r.day}`;
    const seen = out.get(k);
    if (seen) seen.count += r.count;
    else out.set(k, { ...r });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

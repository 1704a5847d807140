import { addDays } from '../platform/local-day';

/**
 * The streak a customer has today. Ingest only moves a streak when the customer acts, so a stored
 * `current` goes stale once a day is missed: it still counts today (not done yet) and yesterday,
 * and is broken (0) after that.
 */
export function effectiveStreak(row: { current: number; lastDay: string }, today: string): number {
  // Days compare as text; a day after today (an event stamped ahead of our clock) is not a break.
  return row.lastDay >= addDays(today, -1) ? row.current : 0;
}

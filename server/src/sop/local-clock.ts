/**
 * Calendar days and the way from a local day and minute back to the instant, for SOP plans (the
 * way there is platform/local-day and platform/local-calendar). Pure; an unknown zone throws a
 * RangeError (from Intl).
 *
 * The way back is where DST bites, and SOP plans want a different rule for the spring-forward gap
 * than croner's (which moves 02:30 an hour later, to 03:30): a local time the clock skips falls due
 * at the first minute after the jump (03:00). A local time that happens twice falls due on its
 * first occurrence.
 */

import { localWallMs } from '../platform/local-calendar';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function parseDay(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`a day is YYYY-MM-DD, got "${day}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days in the month of `day`. */
export function daysInMonth(day: string): number {
  const [y, m] = parseDay(day);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Day of the month, 1–31. */
export function dayOfMonth(day: string): number {
  return parseDay(day)[2];
}

/** ISO weekday of a calendar day. */
export function weekdayOf(day: string): number {
  const [y, m, d] = parseDay(day);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/**
 * The instant when the local clock in `timeZone` shows `minutes` past midnight on `day`. A time in
 * a spring-forward gap gives the first minute after the gap; a time that occurs twice (fall-back)
 * gives the earlier instant.
 */
export function localInstant(day: string, minutes: number, timeZone: string): Date {
  // Every target of a plan asks for the same few days: remember the answers (pure, so safe).
  const key = `${timeZone}\u0000${day}\u0000${minutes}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    ms = computeLocalInstant(day, minutes, timeZone);
    if (instants.size >= MAX_INSTANTS) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

const instants = new Map<string, number>();
const MAX_INSTANTS = 20_000;

function computeLocalInstant(day: string, minutes: number, timeZone: string): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1439) throw new RangeError(`minutes past midnight are 0–1439, got ${minutes}`);
  const [y, m, d] = parseDay(day);
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  // The offsets the zone uses around that day: a day before, on it, a day after.
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => localWallMs(t, timeZone) - t));
  const candidates = [...offsets].map((o) => wall - o).sort((a, b) => a - b);
  for (const c of candidates) {
    if (localWallMs(c, timeZone) === wall) return c;
  }
  // In a gap: before the jump the clock shows less than `wall`, after it more. Find the first
  // minute after the jump by bisection between the candidates.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  if (!(localWallMs(lo, timeZone) < wall && localWallMs(hi, timeZone) > wall)) {
    throw new Error(`No instant found for ${day} ${minutes} min in ${timeZone}`);
  }
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.max(1, Math.floor((hi - lo) / 2 / MINUTE_MS)) * MINUTE_MS;
    if (mid >= hi) break;
    if (localWallMs(mid, timeZone) > wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** "HH:MM" as minutes past midnight. */
export function minutesOf(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`a local time is HH:MM, got "${time}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

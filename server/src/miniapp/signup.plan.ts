import { createHash } from 'node:crypto';
import { ticketQrPrefix } from '@lodestar/shared';

/**
 * Seats, the waitlist and tickets of an offline activity. The decisions are pure; what makes them
 * safe under concurrent sign-ups is that the repository applies a confirmation as one conditional
 * UPDATE of the activity's seat counter (`seats_taken + n <= capacity AND waitlisted = 0`), so two
 * requests can never both take the last seat: the loser's UPDATE matches no row and it is waitlisted.
 */

export interface SeatState {
  /** null: unlimited. */
  capacity: number | null;
  seatsTaken: number;
  /** How many sign-ups wait; while anyone waits a new sign-up queues behind them (first come, first served). */
  waitlisted: number;
}

/** Seats one sign-up takes: the customer plus companions. */
export function seatsFor(companions: number | undefined): number {
  return 1 + Math.max(0, Math.min(3, companions ?? 0));
}

/** Whether a sign-up asking `seats` is confirmed now or waits. */
export function decideSignup(state: SeatState, seats: number): 'confirmed' | 'waitlisted' {
  if (state.capacity === null) return 'confirmed';
  if (state.waitlisted > 0) return 'waitlisted';
  return state.seatsTaken + seats <= state.capacity ? 'confirmed' : 'waitlisted';
}

/**
 * Who moves up from the waitlist after seats were freed: strictly in queue order, as long as the
 * next one fits (a party of three does not lose its place to a single behind it).
 */
export function promotions(state: { capacity: number | null; seatsTaken: number }, queue: ReadonlyArray<{ id: string; seats: number }>): { ids: string[]; seatsTaken: number } {
  let taken = state.seatsTaken;
  const ids: string[] = [];
  for (const q of queue) {
    if (state.capacity !== null && taken + q.seats > state.capacity) break;
    taken += q.seats;
    ids.push(q.id);
  }
  return { ids, seatsTaken: taken };
}

/** Seats left, or null for an unlimited activity. */
export function seatsLeft(state: SeatState): number | null {
  return state.capacity === null ? null : Math.max(0, state.capacity - state.seatsTaken);
}

const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A ticket code from a fresh id: 10 characters without 0/O/1/I, easy to read out at the door. */
export function ticketCode(freshId: string): string {
  const bytes = createHash('sha256').update(freshId).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** The ticket code out of a scan: the whole QR payload or the code typed in. */
export function ticketCodeOf(scanned: string): string {
  const s = scanned.trim();
  return (s.startsWith(ticketQrPrefix) ? s.slice(ticketQrPrefix.length) : s).toUpperCase();
}

export const qrPayloadOf = (code: string): string => `${ticketQrPrefix}${code}`;

export interface ActivityWindow {
  kind: 'online' | 'offline';
  status: 'draft' | 'published' | 'closed';
  startsAt: Date;
  endsAt: Date;
}

/** Why a sign-up is refused, or null when it may go ahead. */
export function signupRefusal(a: ActivityWindow, now: Date): string | null {
  if (a.kind !== 'offline') return 'online activities need no sign-up: play them';
  if (a.status !== 'published') return 'the activity is not open for sign-ups';
  if (now.getTime() >= a.startsAt.getTime()) return 'the activity has started; sign-ups are closed';
  return null;
}

/** Doors open this long before the start for attendance. */
export const attendanceOpensBeforeMs = 3 * 3600_000;

/** Why attendance is refused, or null. An attended ticket scanned again is fine (idempotent). */
export function attendanceRefusal(a: ActivityWindow, status: 'confirmed' | 'waitlisted' | 'cancelled' | 'attended', now: Date): string | null {
  if (status === 'waitlisted') return 'the ticket is still on the waitlist';
  if (status === 'cancelled') return 'the sign-up was cancelled';
  if (status === 'attended') return null;
  if (now.getTime() < a.startsAt.getTime() - attendanceOpensBeforeMs) return 'attendance opens three hours before the start';
  if (now.getTime() > a.endsAt.getTime()) return 'the activity is over';
  return null;
}

/** Which activity reminders are due now for a confirmed attendee: 24 h before (until 1 h before), then 1 h before (until the start). */
export function activityRemindersDue(now: Date, startsAt: Date, sent: ReadonlySet<'24h' | '1h'>): Array<'24h' | '1h'> {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return [];
  if (left <= 3600_000) return sent.has('1h') ? [] : ['1h'];
  if (left <= 24 * 3600_000) return sent.has('24h') ? [] : ['24h'];
  return [];
}

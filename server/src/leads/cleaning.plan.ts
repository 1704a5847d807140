import type { CleaningVerdict, LeadStatus } from '@lodestar/shared';

/**
 * What cleaning may know of a customer's phone without decrypting it: nothing on file, a masked
 * mainland mobile (138****5678), or something else (a landline, a typo that was stored anyway).
 */
export type PhoneState = 'none' | 'valid' | 'invalid';

/** What the miner reads of one candidate (customer × product line) before deciding. */
export interface CleaningFacts {
  /** The customer has an open lead (calling, ready, assigned, pool) of this line. */
  openLead: boolean;
  /** The latest lead of this line was closed (won or lost) recently: give the customer a rest. */
  recentlyClosed: boolean;
  /** The verdict code the latest lead of this line was rejected with, when the latest one was rejected. */
  lastRejection: string | null;
  phone: PhoneState;
  /** One of the customer's phone hashes is on the do-not-contact list. */
  doNotContact: boolean;
  /** An active WeCom relationship with an active staff member: reachable without a phone. */
  wecom: boolean;
  /** The owner, when they are an active staff member with an active WeCom relationship to the customer. */
  servingStaffId: string | null;
}

export type Rejection = Extract<CleaningVerdict, 'invalid_phone' | 'do_not_contact'>;

/**
 * skip    no lead: the customer has an open one of the line already (duplicate), or the latest lead
 *         of the line was rejected for the same reason that still holds (nothing new to say)
 * create  a new lead in `status`, with the cleaning move `move` after its `created` move
 */
export type CleaningDecision =
  | { action: 'skip'; verdict: 'duplicate' | Rejection; reason: string }
  | { action: 'create'; verdict: Rejection; status: Extract<LeadStatus, 'rejected'>; move: 'rejected'; reason: string }
  | { action: 'create'; verdict: 'ok' | 'in_service'; status: Extract<LeadStatus, 'ready'>; move: 'ready'; reason: string }
  | { action: 'create'; verdict: 'ok'; status: Extract<LeadStatus, 'calling'>; move: 'queued_for_call'; reason: string };

/** After a lead of a line is closed, the sources leave the customer alone this long for that line. */
export const REST_DAYS = 30;

const MASKED_MOBILE = /^1[3-9]\d\*{4}\d{4}$/;

/** The phone state from what the customer row keeps: a cipher means a number was stored, its mask says whether it is a mobile. */
export function phoneState(hasCipher: boolean, masked: string | null): PhoneState {
  if (!hasCipher) return 'none';
  return masked !== null && MASKED_MOBILE.test(masked) ? 'valid' : 'invalid';
}

/**
 * Cleans one candidate, in this order:
 *   1. an open lead of the line already, or one closed within REST_DAYS → skip (duplicate)
 *   2. a number on the do-not-contact list           → rejected (do_not_contact): nobody calls or messages them
 *   3. no valid mobile and no WeCom relationship     → rejected (invalid_phone): there is no way to reach them
 *   (2 and 3 skip instead when the latest lead of the line was rejected for the same reason)
 *   4. their own agent serves them over WeCom        → ready (in_service): assignment offers it to that agent first
 *   5. the source has a seat group and a valid mobile → calling (queued for the seat group)
 *   6. otherwise                                     → ready
 * "In service" is deliberately simple: an active relationship with an active owner. Whether that
 * agent has been active lately is the SLA's business once the lead is theirs.
 */
export function cleanLead(facts: CleaningFacts, source: { seatGroupId: string | null }): CleaningDecision {
  if (facts.openLead) return { action: 'skip', verdict: 'duplicate', reason: 'duplicate: the customer has an open lead of this line' };
  if (facts.recentlyClosed) return { action: 'skip', verdict: 'duplicate', reason: `duplicate: a lead of this line was closed within the last ${REST_DAYS} days` };
  const rejection = rejectionOf(facts);
  if (rejection) {
    if (facts.lastRejection === rejection.verdict) return { action: 'skip', verdict: rejection.verdict, reason: `${rejection.verdict}: still holds since the last rejected lead of this line` };
    return { action: 'create', status: 'rejected', move: 'rejected', ...rejection };
  }
  if (facts.servingStaffId) {
    return { action: 'create', verdict: 'in_service', status: 'ready', move: 'ready', reason: 'in_service: their own agent serves them over WeCom; assignment offers it to that agent first' };
  }
  if (source.seatGroupId && facts.phone === 'valid') {
    return { action: 'create', verdict: 'ok', status: 'calling', move: 'queued_for_call', reason: 'ok: valid mobile number; queued for the source’s seat group to call' };
  }
  const how = facts.phone === 'valid' ? (facts.wecom ? 'valid mobile number and WeCom' : 'valid mobile number') : 'reachable over WeCom only';
  return { action: 'create', verdict: 'ok', status: 'ready', move: 'ready', reason: `ok: ${how}; ready for assignment` };
}

function rejectionOf(facts: CleaningFacts): { verdict: Rejection; reason: string } | null {
  if (facts.doNotContact) return { verdict: 'do_not_contact', reason: 'do_not_contact: the customer’s number is on the do-not-contact list' };
  if (facts.phone === 'valid' || facts.wecom) return null;
  const why = facts.phone === 'none' ? 'no phone number' : 'the phone number is not a valid mobile number';
  return { verdict: 'invalid_phone', reason: `invalid_phone: ${why} and no WeCom relationship` };
}

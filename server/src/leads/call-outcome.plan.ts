import type { CallIntent, CallNextStep, LeadCallInput, LeadMoveKind, LeadStatus } from '@lodestar/shared';

/**
 * What one outbound call does to a lead. Pure: the caller passes the lead as it stands, the call,
 * the time and the settings.
 *
 * Only a `calling` lead can be called. The seat's next step decides:
 *   assign          → ready: the assignment rules give it to an agent
 *   call_again      → stays calling, due again at `callbackAt` (default `callbackHours` later)
 *   not_interested  → lost (closed: the customer may get a fresh lead of the line later)
 *   invalid_number  → rejected, reason invalid_phone
 *   do_not_contact  → rejected, reason do_not_contact, and the number goes on the do-not-contact list
 *
 * Calls that never connect cannot go on for ever: once `maxUnanswered` calls on the lead have not
 * connected, a `call_again` closes it lost ("3 次未接通"). Lost rather than pool: nobody has
 * spoken to the customer, so an agent in the pool could do no better than the seats did, and
 * closing frees the customer for a fresh lead when a source sees new signs of interest. Lost
 * rather than rejected: the number may well be fine (rejected means it is not, or must not be used).
 * A call that connected and ended in "call me later" does not count towards the limit.
 */

export interface CallSettings {
  /** Calls on a lead that did not connect before a call_again closes it lost. */
  maxUnanswered: number;
  /** Hours to the next call when the seat gives no callback time. */
  callbackHours: number;
  /** The furthest a seat may put the next call, in days. */
  maxCallbackDays: number;
}

export const defaultCallSettings: CallSettings = { maxUnanswered: 3, callbackHours: 24, maxCallbackDays: 30 };

/** The lead as it stands before this call. */
export interface CalledLead {
  status: LeadStatus;
  /** Calls made on it so far. */
  calls: number;
  /** Of those, the ones that did not connect. */
  unanswered: number;
}

/** The lead fields a call changes. */
export interface CallPatch {
  status: LeadStatus;
  callbackAt: Date | null;
  updatedAt: Date;
  openKey?: null;
  closedAt?: Date;
  outcome?: string;
  rejectReason?: string;
}

export interface CallMove {
  kind: LeadMoveKind;
  reason: string;
}

export type CallDecision =
  | { ok: false; code: 'conflict' | 'validation_failed'; path?: string; message: string }
  | {
      ok: true;
      patch: CallPatch;
      /** `called` first, then the status move when the status changes. */
      moves: CallMove[];
      /** Put the customer's number on the do-not-contact list. */
      doNotContact: boolean;
      /** The lead went to the assignment rules (tell them after commit). */
      ready: boolean;
      /** This call's number on the lead (1 = the first call). */
      attempt: number;
    };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const intentLabels: Record<CallIntent, string> = { high: '高', medium: '中', low: '低', none: '无' };
export const nextStepLabels: Record<CallNextStep, string> = {
  assign: '转顾问跟进',
  call_again: '再次外呼',
  not_interested: '无意向',
  invalid_number: '号码无效',
  do_not_contact: '客户要求勿扰',
};

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

export function planCallOutcome(lead: CalledLead, call: LeadCallInput, now: Date, settings: CallSettings = defaultCallSettings): CallDecision {
  if (lead.status !== 'calling') return { ok: false, code: 'conflict', message: `The lead is ${lead.status}, not waiting for a call` };
  const attempt = lead.calls + 1;
  const unanswered = lead.unanswered + (call.connected ? 0 : 1);
  const note = call.note ? `；${call.note}` : '';
  const heard = `外呼第 ${attempt} 次：${call.connected ? '接通' : '未接通'}，意向${intentLabels[call.intent]}`;
  const closed = { openKey: null, closedAt: now, callbackAt: null, updatedAt: now } as const;

  switch (call.nextStep) {
    case 'assign':
      return {
        ok: true,
        patch: { status: 'ready', callbackAt: null, updatedAt: now },
        moves: [
          { kind: 'called', reason: clip(`${heard}，${nextStepLabels.assign}${note}`, 500) },
          { kind: 'ready', reason: `外呼确认意向（${intentLabels[call.intent]}），转分配` },
        ],
        doNotContact: false,
        ready: true,
        attempt,
      };
    case 'call_again': {
      if (!call.connected && unanswered >= settings.maxUnanswered) {
        const outcome = `${unanswered} 次未接通`;
        return {
          ok: true,
          patch: { status: 'lost', ...closed, outcome },
          moves: [
            { kind: 'called', reason: clip(`${heard}，${nextStepLabels.call_again}${note}`, 500) },
            { kind: 'closed', reason: `${outcome}，不再外呼` },
          ],
          doNotContact: false,
          ready: false,
          attempt,
        };
      }
      const at = call.callbackAt === undefined ? new Date(now.getTime() + settings.callbackHours * HOUR) : new Date(call.callbackAt);
      if (at.getTime() <= now.getTime()) return { ok: false, code: 'validation_failed', path: 'body.callbackAt', message: 'must be in the future' };
      if (at.getTime() > now.getTime() + settings.maxCallbackDays * DAY) return { ok: false, code: 'validation_failed', path: 'body.callbackAt', message: `must be within ${settings.maxCallbackDays} days` };
      return {
        ok: true,
        patch: { status: 'calling', callbackAt: at, updatedAt: now },
        moves: [{ kind: 'called', reason: clip(`${heard}，${nextStepLabels.call_again}（${at.toISOString()}）${note}`, 500) }],
        doNotContact: false,
        ready: false,
        attempt,
      };
    }
    case 'not_interested':
      return {
        ok: true,
        patch: { status: 'lost', ...closed, outcome: clip(`外呼无意向${call.note ? `：${call.note}` : ''}`, 500) },
        moves: [
          { kind: 'called', reason: clip(`${heard}，${nextStepLabels.not_interested}${note}`, 500) },
          { kind: 'closed', reason: '外呼：客户无意向' },
        ],
        doNotContact: false,
        ready: false,
        attempt,
      };
    case 'invalid_number':
      return {
        ok: true,
        patch: { status: 'rejected', ...closed, rejectReason: 'invalid_phone' },
        moves: [
          { kind: 'called', reason: clip(`${heard}，${nextStepLabels.invalid_number}${note}`, 500) },
          { kind: 'rejected', reason: '外呼发现号码无效（空号、停机或非本人）' },
        ],
        doNotContact: false,
        ready: false,
        attempt,
      };
    case 'do_not_contact':
      return {
        ok: true,
        patch: { status: 'rejected', ...closed, rejectReason: 'do_not_contact' },
        moves: [
          { kind: 'called', reason: clip(`${heard}，${nextStepLabels.do_not_contact}${note}`, 500) },
          { kind: 'rejected', reason: '客户要求勿扰，号码列入勿扰名单' },
        ],
        doNotContact: true,
        ready: false,
        attempt,
      };
  }
}

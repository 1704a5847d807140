import type { LeadMoveRecord } from './lead-move.entity';
import type { LeadRecord } from './lead.entity';

/** What a new lead must say; everything else starts empty (no agent, no SLA, not closed). */
export type NewLead = Pick<LeadRecord, 'id' | 'corpId' | 'customerId' | 'productLine' | 'sourceId' | 'detail' | 'status' | 'openKey'> & Partial<LeadRecord>;

/** A lead as first written, by the miner or by a journey hand-off. */
export function newLeadRecord(fields: NewLead, now: Date): LeadRecord {
  return {
    ownerStaffId: null,
    seatGroupId: null,
    assignedAt: null,
    firstTouchedAt: null,
    lastActivityAt: null,
    slaDeadline: null,
    remindAt: null,
    remindedAt: null,
    callbackAt: null,
    rejectReason: null,
    outcome: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    ...fields,
  };
}

/** A move's reason fits its column (500 characters), clipped with an ellipsis. */
export const MOVE_REASON_MAX = 500;
export const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** A move the system makes on a new lead (created, ready, queued…): no agent, no rule. */
export function systemMove(id: string, lead: Pick<LeadRecord, 'id' | 'corpId' | 'customerId'>, kind: LeadMoveRecord['kind'], reason: string, at: Date): LeadMoveRecord {
  return { id, corpId: lead.corpId, leadId: lead.id, customerId: lead.customerId, kind, fromStaffId: null, toStaffId: null, ruleId: null, reason: clip(reason, MOVE_REASON_MAX), actor: 'system', at };
}

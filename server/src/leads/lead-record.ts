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

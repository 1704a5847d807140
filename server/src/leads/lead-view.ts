import type { Lead, ScoreReason, SlaSettings } from '@lodestar/shared';
import type { LeadRow } from './lead.repository';
import { slaState } from './sla.plan';

/** The reasons stored with a score, read back (an unreadable value reads as none). */
export function storedReasons(json: string | null): ScoreReason[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as ScoreReason[]) : [];
  } catch {
    return [];
  }
}

/**
 * The API's view of a lead. The SLA is worked out for assigned leads from the stored deadline
 * fields; `activityAt` are the owner's activities since assignment when the caller has them.
 */
export function leadView(l: LeadRow, sla: SlaSettings, now: Date, suggestedMessage: string, activityAt: readonly Date[] = []): Lead {
  const verdict = l.status === 'assigned' && l.assignedAt ? slaState({ assignedAt: l.assignedAt, activityAt }, sla, now) : null;
  return {
    id: l.id,
    customer: { id: l.customerId, name: l.customerName, phone: l.phoneMasked },
    productLine: l.productLine,
    status: l.status,
    source: { id: l.sourceId, name: l.sourceName, kind: l.sourceKind },
    detail: l.detail,
    grade: l.grade,
    score: l.score,
    reasons: storedReasons(l.reasons),
    owner: l.ownerStaffId ? { id: l.ownerStaffId, name: l.ownerName ?? l.ownerStaffId } : null,
    seatGroupId: l.seatGroupId,
    assignedAt: l.assignedAt?.toISOString() ?? null,
    sla: verdict
      ? {
          status: verdict.status,
          touched: verdict.touched,
          deadline: verdict.deadline.toISOString(),
          remindAt: verdict.remindAt?.toISOString() ?? null,
          maxDeadline: verdict.maxDeadline.toISOString(),
          reason: verdict.reason,
        }
      : null,
    rejectReason: l.rejectReason,
    outcome: l.outcome,
    suggestedMessage,
    createdAt: l.createdAt.toISOString(),
    closedAt: l.closedAt?.toISOString() ?? null,
  };
}

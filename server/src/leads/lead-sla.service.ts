import type { LeadSettings } from '@lodestar/shared';
import type { LeadAssignmentService, LeadWorkDeps } from './lead-assignment.service';
import type { LeadRow } from './lead.repository';
import { leadView } from './lead-view';
import { slaState } from './sla.plan';

export interface LeadSlaDeps extends LeadWorkDeps {
  assignment: LeadAssignmentService;
}

/**
 * Keeps assigned leads warm: reminds the agent before the deadline, takes the lead back to the pool
 * (公海) when it passes, then lets the rules give the pool's leads to someone else; the agent who
 * lost a lead cannot get it back within the cooldown. Every step is a conditional update with its
 * move, so a sweep that runs twice (two workers, a retry) does each thing once.
 */
export class LeadSlaService {
  constructor(private readonly d: LeadSlaDeps) {}

  async sweep(corpId: string): Promise<{ reminded: number; returned: number; assigned: number }> {
    const { leads, clock, ids } = this.d;
    const now = clock.now();
    const settings = await this.d.settings(corpId);
    const due = await leads.slaDue(corpId, now, 500);
    let reminded = 0;
    let returned = 0;
    for (const lead of due.remind) {
      const ok = await leads.inTransaction(async (em) => {
        if (!(await leads.transition(em, lead.id, ['assigned'], { remindedAt: now, updatedAt: now }))) return false;
        await leads.addMove(em, ids.next(), lead, { kind: 'reminded', toStaffId: lead.ownerStaffId, reason: `提醒跟进：${lead.slaDeadline?.toISOString() ?? ''} 前未跟进将回收到公海`, actor: 'system' }, now);
        return true;
      });
      if (ok && lead.ownerStaffId) {
        reminded += 1;
        await this.tell(lead, 'lead.sla_reminder', settings, now);
      }
    }
    for (const lead of due.reclaim) {
      const owner = lead.ownerStaffId;
      const activity = owner && lead.assignedAt ? await leads.activityTimes(lead.id, owner, lead.assignedAt) : [];
      const verdict = lead.assignedAt ? slaState({ assignedAt: lead.assignedAt, activityAt: activity }, settings.sla, now) : null;
      if (verdict && verdict.status !== 'reclaim') {
        // The stored deadline is behind the activity: bring it up to date instead.
        await leads.inTransaction((em) => leads.update(em, lead.id, { slaDeadline: verdict.deadline, remindAt: verdict.remindAt, updatedAt: now }));
        continue;
      }
      const ok = await leads.inTransaction(async (em) => {
        const moved = await leads.transition(em, lead.id, ['assigned'], { status: 'pool', ownerStaffId: null, slaDeadline: null, remindAt: null, updatedAt: now });
        if (!moved) return false;
        await leads.addMove(em, ids.next(), lead, { kind: 'returned', fromStaffId: owner, reason: `回收到公海：${verdict?.reason ?? 'SLA'}`, actor: 'system' }, now);
        return true;
      });
      if (ok && owner) {
        returned += 1;
        await this.tell(lead, 'lead.returned', settings, now);
      }
    }
    const { assigned } = await this.d.assignment.assignWaiting(corpId);
    return { reminded, returned, assigned };
  }

  private async tell(lead: LeadRow, kind: 'lead.sla_reminder' | 'lead.returned', settings: LeadSettings, now: Date): Promise<void> {
    const fresh = (await this.d.leads.get(lead.corpId, lead.id)) ?? lead;
    await this.d
      .notify(lead.corpId, lead.ownerStaffId!, kind, leadView(fresh, settings.sla, now, this.d.suggest(fresh, lead.ownerName)))
      .catch((error: unknown) => this.d.logger.error({ err: error, leadId: lead.id }, 'lead notification failed'));
  }
}

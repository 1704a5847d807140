import type { Lead, LeadDetail, LeadListQuery, LeadSettings } from '@lodestar/shared';
import { fromDbTime } from '../db/naming';
import { DomainError, forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { LeadAssignmentService, LeadWorkDeps } from './lead-assignment.service';
import type { LeadRow, LeadScope } from './lead.repository';
import { leadView } from './lead-view';
import type { ScoreChange } from './score-change.plan';
import { cooldownEndsAt, slaState } from './sla.plan';

export interface LeadServiceDeps extends LeadWorkDeps {
  assignment: LeadAssignmentService;
}

const HOUR = 3_600_000;

export function leadScope(p: Principal): LeadScope {
  switch (p.role) {
    case 'admin':
      return { kind: 'corp', corpId: p.corpId };
    case 'team_lead':
      return { kind: 'team', corpId: p.corpId, teamId: p.teamId };
    case 'agent':
      return { kind: 'agent', corpId: p.corpId, staffId: p.id };
    case 'customer':
      throw forbidden('Customers have no leads to see');
  }
}

/**
 * What people do with leads: agents work their own and claim from the pool, team leads and admins
 * assign by hand; every action is a conditional update with its move.
 */
export class LeadService {
  constructor(private readonly d: LeadServiceDeps) {}

  async list(p: Principal, q: LeadListQuery): Promise<{ items: Lead[]; total: number }> {
    const { items, total } = await this.d.leads.list(leadScope(p), q);
    const settings = await this.d.settings(p.corpId);
    const now = this.d.clock.now();
    return { items: items.map((l) => this.view(l, settings, now)), total };
  }

  async detail(p: Principal, id: string): Promise<LeadDetail> {
    const lead = await this.visible(p, id);
    const settings = await this.d.settings(p.corpId);
    const now = this.d.clock.now();
    const activity = lead.status === 'assigned' && lead.ownerStaffId && lead.assignedAt ? await this.d.leads.activityTimes(lead.id, lead.ownerStaffId, lead.assignedAt) : [];
    const [moves, calls] = await Promise.all([this.d.leads.moves(lead.id), this.d.leads.calls(lead.id)]);
    return {
      ...leadView(lead, settings.sla, now, this.d.suggest(lead, lead.ownerName), activity),
      moves: moves.map((m) => ({
        kind: m.kind,
        at: m.at.toISOString(),
        from: m.fromStaffId ? { id: m.fromStaffId, name: m.fromName ?? m.fromStaffId } : null,
        to: m.toStaffId ? { id: m.toStaffId, name: m.toName ?? m.toStaffId } : null,
        ruleId: m.ruleId,
        reason: m.reason,
        actor: m.actor === 'system' ? 'system' : (m.actorName ?? m.actor),
      })),
      calls: calls.map((c) => ({
        id: String(c.id),
        at: fromDbTime(c.called_at as string).toISOString(),
        seat: { id: String(c.staff_id), name: String(c.staff_name ?? c.staff_id) },
        connected: Boolean(Number(c.connected)),
        intent: String(c.intent),
        nextStep: String(c.next_step),
        note: (c.note as string | null) ?? null,
      })),
    };
  }

  /** An agent takes a lead from the pool, unless they lost it within the cooldown or are at their cap. */
  async claim(p: Principal, id: string): Promise<Lead> {
    if (p.role !== 'agent') throw forbidden('Only agents claim leads from the pool; team leads and admins assign them');
    const lead = await this.visible(p, id);
    if (lead.status !== 'pool') throw new DomainError('conflict', `The lead is ${lead.status}, not in the pool`);
    const settings = await this.d.settings(p.corpId);
    const now = this.d.clock.now();
    const returns = await this.d.leads.returnsSince(p.corpId, [lead.customerId], new Date(now.getTime() - settings.sla.cooldownHours * HOUR));
    const until = cooldownEndsAt(lead, p.id, returns, now, settings.sla);
    if (until) throw new DomainError('conflict', `This lead was taken back from you; you can claim it again after ${until.toISOString()}`);
    const me = (await this.d.leads.candidates(p.corpId)).find((c) => c.id === p.id);
    if (me?.capacity != null && me.openLeads >= me.capacity) throw new DomainError('conflict', `You hold ${me.openLeads} open leads, your cap is ${me.capacity}`);
    if (!(await this.d.assignment.assignTo(lead, p.id, p.name, 'claim', `${p.name} 从公海领取`, p.id))) throw new DomainError('conflict', 'Someone else took this lead first');
    return this.view((await this.d.leads.get(p.corpId, id))!, settings, now);
  }

  /** A team lead or admin gives a lead to an agent by hand (from the pool, ready, or another agent). */
  async assign(p: Principal, id: string, staffId: string, reason: string | undefined): Promise<Lead> {
    if (p.role === 'agent' || p.role === 'customer') throw forbidden('Only team leads and admins assign leads');
    const lead = await this.visible(p, id);
    const agent = await this.d.leads.staffName(staffId);
    if (!agent || agent.status !== 'active' || agent.role !== 'agent') throw new DomainError('validation_failed', `body.staffId: ${staffId} is not an active agent`, [{ path: 'body.staffId', message: 'not an active agent' }]);
    if (p.role === 'team_lead' && agent.teamId !== p.teamId) throw forbidden('A team lead assigns leads to agents of their own team');
    const now = this.d.clock.now();
    if (lead.status === 'assigned') {
      if (lead.ownerStaffId === staffId) throw new DomainError('conflict', `${agent.name} has this lead already`);
      await this.d.leads.inTransaction(async (em) => {
        if (!(await this.d.leads.transition(em, id, ['assigned'], { status: 'ready', ownerStaffId: null, updatedAt: now }))) throw new DomainError('conflict', 'The lead moved meanwhile; try again');
        await this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'released', fromStaffId: lead.ownerStaffId, reason: `${p.name} 改派`, actor: p.id }, now);
      });
    } else if (lead.status !== 'ready' && lead.status !== 'pool') {
      throw new DomainError('conflict', `A ${lead.status} lead cannot be assigned`);
    }
    const current = (await this.d.leads.get(p.corpId, id))!;
    if (!(await this.d.assignment.assignTo(current, staffId, agent.name, 'manual', reason ?? `${p.name} 指派`, p.id))) throw new DomainError('conflict', 'The lead moved meanwhile; try again');
    return this.view((await this.d.leads.get(p.corpId, id))!, await this.d.settings(p.corpId), now);
  }

  /** The owner gives a lead back to the pool; like a reclaim, they cannot claim it again at once. */
  async release(p: Principal, id: string, reason: string | undefined): Promise<Lead> {
    const lead = await this.owned(p, id);
    const now = this.d.clock.now();
    await this.d.leads.inTransaction(async (em) => {
      if (!(await this.d.leads.transition(em, id, ['assigned'], { status: 'pool', ownerStaffId: null, slaDeadline: null, remindAt: null, updatedAt: now }))) throw new DomainError('conflict', 'The lead moved meanwhile');
      await this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'released', fromStaffId: lead.ownerStaffId, reason: reason ?? '顾问退回公海', actor: p.id }, now);
    });
    return this.view((await this.d.leads.get(p.corpId, id))!, await this.d.settings(p.corpId), now);
  }

  /** The owner followed the lead up: the SLA deadline moves (sla.plan.ts). */
  async recordActivity(p: Principal, id: string, input: { kind: string; note?: string | undefined }): Promise<Lead> {
    const lead = await this.owned(p, id);
    const settings = await this.d.settings(p.corpId);
    const now = this.d.clock.now();
    const owner = lead.ownerStaffId!;
    const earlier = await this.d.leads.activityTimes(id, owner, lead.assignedAt!);
    const verdict = slaState({ assignedAt: lead.assignedAt!, activityAt: [...earlier, now] }, settings.sla, now);
    if (verdict.status === 'reclaim') throw new DomainError('conflict', `Too late: ${verdict.reason}; the lead returns to the pool`);
    await this.d.leads.inTransaction(async (em) => {
      const moved = await this.d.leads.transition(em, id, ['assigned'], {
        firstTouchedAt: lead.firstTouchedAt ?? now,
        lastActivityAt: now,
        slaDeadline: verdict.deadline,
        remindAt: verdict.remindAt,
        remindedAt: lead.remindAt && verdict.remindAt && verdict.remindAt.getTime() === lead.remindAt.getTime() ? lead.remindedAt : null,
        updatedAt: now,
      });
      if (!moved) throw new DomainError('conflict', 'The lead moved meanwhile');
      await this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'activity', toStaffId: owner, reason: `${input.kind}${input.note ? `：${input.note}` : ''}`, actor: owner }, now);
    });
    return this.view((await this.d.leads.get(p.corpId, id))!, settings, now, [...earlier, now]);
  }

  /** Closes a lead won or lost; the customer may then get a new lead of the line. */
  async close(p: Principal, id: string, outcome: 'won' | 'lost', reason: string | undefined): Promise<Lead> {
    const lead = p.role === 'agent' ? await this.owned(p, id) : await this.visible(p, id);
    if (lead.openKey === null) throw new DomainError('conflict', `The lead is ${lead.status} already`);
    const now = this.d.clock.now();
    await this.d.leads.inTransaction(async (em) => {
      const moved = await this.d.leads.transition(em, id, [lead.status], { status: outcome, openKey: null, outcome: reason ?? outcome, closedAt: now, slaDeadline: null, remindAt: null, updatedAt: now });
      if (!moved) throw new DomainError('conflict', 'The lead moved meanwhile');
      await this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'closed', fromStaffId: lead.ownerStaffId, reason: `${outcome === 'won' ? '成交' : '未成交'}${reason ? `：${reason}` : ''}`, actor: p.id }, now);
    });
    return this.view((await this.d.leads.get(p.corpId, id))!, await this.d.settings(p.corpId), now);
  }

  /** Scores moved: the agents holding upgraded customers' leads hear of it at once. */
  async onScoresChanged(corpId: string, changes: readonly ScoreChange[]): Promise<void> {
    const up = changes.filter((c) => c.upgraded && c.before !== null);
    if (!up.length) return;
    const settings = await this.d.settings(corpId);
    const now = this.d.clock.now();
    for (const lead of await this.d.leads.assignedOf(
      corpId,
      up.map((c) => c.customerId),
    )) {
      const change = up.find((c) => c.customerId === lead.customerId)!;
      await this.d.leads.inTransaction((em) =>
        this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'upgraded', toStaffId: lead.ownerStaffId, reason: `${change.before!.grade} → ${change.after.grade}（${change.after.score} 分）`, actor: 'system' }, now),
      );
      await this.d
        .notify(corpId, lead.ownerStaffId!, 'lead.upgraded', this.view(lead, settings, now))
        .catch((error: unknown) => this.d.logger.error({ err: error, leadId: lead.id }, 'lead notification failed'));
    }
  }

  private view(l: LeadRow, settings: LeadSettings, now: Date, activity: readonly Date[] = []): Lead {
    return leadView(l, settings.sla, now, this.d.suggest(l, l.ownerName), activity);
  }

  private async visible(p: Principal, id: string): Promise<LeadRow> {
    const lead = await this.d.leads.get(p.corpId, id);
    if (!lead) throw notFound('Lead');
    const scope = leadScope(p);
    if (scope.kind === 'agent' && lead.ownerStaffId !== p.id && lead.status !== 'pool') throw notFound('Lead');
    if (scope.kind === 'team' && lead.status !== 'pool' && lead.ownerStaffId) {
      const owner = await this.d.leads.staffName(lead.ownerStaffId);
      if (owner?.teamId !== p.teamId) throw notFound('Lead');
    }
    return lead;
  }

  private async owned(p: Principal, id: string): Promise<LeadRow> {
    const lead = await this.visible(p, id);
    if (lead.status !== 'assigned') throw new DomainError('conflict', `The lead is ${lead.status}, not assigned`);
    if (lead.ownerStaffId !== p.id && p.role !== 'admin') throw forbidden('Only the agent who has the lead can do this');
    return lead;
  }
}

import type { Lead, LeadSettings } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { matchRule, pickAgent, type AssignableLead, type AssignmentCandidate, type AssignmentState } from './assignment.plan';
import type { LeadRepository, LeadRow } from './lead.repository';
import { leadView } from './lead-view';
import { canReassign, slaState } from './sla.plan';

/** What the agent's sidebar is told about a lead (agent-notification kinds lead.*). */
export type LeadNoticeKind = 'lead.assigned' | 'lead.upgraded' | 'lead.sla_reminder' | 'lead.returned';
export type LeadNotify = (corpId: string, staffId: string, kind: LeadNoticeKind, lead: Lead) => Promise<void>;

/** What every service that moves leads works with. */
export interface LeadWorkDeps {
  leads: LeadRepository;
  settings: (corpId: string) => Promise<LeadSettings>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The first message the agent could send, for a lead and the agent who has it. */
  suggest: (lead: LeadRow, agentName: string | null) => string;
  notify: LeadNotify;
}

const HOUR = 3_600_000;

/** The facts the assignment rules look at, from a lead row. */
export function assignable(l: LeadRow, orphan: boolean, teamOf: (staffId: string | null) => string | null): AssignableLead {
  return {
    customerId: l.customerId,
    productLines: [l.productLine],
    grade: l.grade,
    score: l.score,
    source: l.sourceKind,
    orphanPolicy: orphan,
    teamId: teamOf(l.customerOwnerId),
  };
}

/**
 * Gives waiting leads (ready, or in the pool) to agents: a customer already in service goes to
 * their own agent when that agent may take it (except a journey's hand-off); otherwise the first matching rule picks one
 * (assignment.plan.ts). Each assignment is a conditional update with its move and the rule's cursor
 * in one transaction, so two processes never assign a lead twice; the agent hears of it after commit.
 */
export class LeadAssignmentService {
  constructor(private readonly d: LeadWorkDeps) {}

  async assignWaiting(corpId: string, leadIds?: readonly string[]): Promise<{ assigned: number; pooled: number }> {
    const { leads, clock } = this.d;
    const waiting = await leads.waiting(corpId, 500, leadIds);
    if (!waiting.length) return { assigned: 0, pooled: 0 };
    const settings = await this.d.settings(corpId);
    const now = clock.now();
    const candidates = (await leads.candidates(corpId)).map((c) => ({ ...c }));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const customers = waiting.map((l) => l.customerId);
    const [orphans, returns, stored] = await Promise.all([
      leads.orphanHolders(customers),
      leads.returnsSince(corpId, customers, new Date(now.getTime() - settings.sla.cooldownHours * HOUR)),
      leads.assignmentState(corpId),
    ]);
    let state: AssignmentState = { ...stored, returns };
    const teamOf = (staffId: string | null) => (staffId ? (byId.get(staffId)?.teamId ?? null) : null);
    let assigned = 0;
    let pooled = 0;
    for (const lead of waiting) {
      const own = this.ownAgent(lead, byId, state, now, settings);
      let staffId: string | null;
      let ruleId: string;
      let reason: string;
      if (own) {
        ({ staffId, ruleId, reason } = own);
      } else {
        const rule = matchRule(settings.assignment.rules, assignable(lead, orphans.has(lead.customerId), teamOf));
        const pick = pickAgent(rule, assignable(lead, orphans.has(lead.customerId), teamOf), candidates, state, now, { cooldownHours: settings.sla.cooldownHours });
        state = pick.state;
        staffId = pick.staffId;
        ruleId = rule.id;
        reason = `${rule.name}: ${pick.reason}`;
      }
      if (!staffId) {
        if (lead.status === 'ready' && (await this.toPool(lead, ruleId, reason, now))) pooled += 1;
        continue;
      }
      const agent = byId.get(staffId)!;
      if (await this.give(lead, agent, ruleId, reason, state, settings, now)) {
        agent.openLeads += 1;
        assigned += 1;
      }
    }
    return { assigned, pooled };
  }

  /** Gives one lead to one agent (a manual assignment or a claim from the pool). */
  async assignTo(lead: LeadRow, staffId: string, staffName: string, ruleId: string, reason: string, actor: string): Promise<boolean> {
    const settings = await this.d.settings(lead.corpId);
    const agent = { id: staffId, name: staffName } as AssignmentCandidate & { name: string };
    return this.give(lead, agent, ruleId, reason, null, settings, this.d.clock.now(), actor);
  }

  /** The agent who already serves the customer, when they are active, under their cap and not in the cooldown. */
  private ownAgent(lead: LeadRow, byId: Map<string, AssignmentCandidate>, state: AssignmentState, now: Date, s: LeadSettings): { staffId: string; ruleId: string; reason: string } | null {
    if (lead.status !== 'ready' || !lead.customerOwnerId) return null;
    // A journey's hand-off asks the rules who should take the customer now (say, a senior agent with the skill).
    if (lead.sourceKind === 'handoff') return null;
    const agent = byId.get(lead.customerOwnerId);
    if (!agent || agent.status !== 'active') return null;
    if (agent.capacity != null && agent.openLeads >= agent.capacity) return null;
    if (!canReassign(lead, agent.id, state.returns, now, s.sla)) return null;
    return { staffId: agent.id, ruleId: 'in_service', reason: `客户已由 ${agent.name ?? agent.id} 服务，线索交给服务顾问` };
  }

  private async toPool(lead: LeadRow, ruleId: string, reason: string, now: Date): Promise<boolean> {
    return this.d.leads.inTransaction(async (em) => {
      if (!(await this.d.leads.transition(em, lead.id, ['ready'], { status: 'pool', updatedAt: now }))) return false;
      await this.d.leads.addMove(em, this.d.ids.next(), lead, { kind: 'pooled', ruleId, reason: `进入公海：${reason}`, actor: 'system' }, now);
      return true;
    });
  }

  private async give(
    lead: LeadRow,
    agent: AssignmentCandidate & { name?: string },
    ruleId: string,
    reason: string,
    state: AssignmentState | null,
    settings: LeadSettings,
    now: Date,
    actor = 'system',
  ): Promise<boolean> {
    const { leads, ids } = this.d;
    const sla = slaState({ assignedAt: now, activityAt: [] }, settings.sla, now);
    const done = await leads.inTransaction(async (em) => {
      const moved = await leads.transition(em, lead.id, ['ready', 'pool'], {
        status: 'assigned',
        ownerStaffId: agent.id,
        assignedAt: now,
        firstTouchedAt: null,
        lastActivityAt: null,
        slaDeadline: sla.deadline,
        remindAt: sla.remindAt,
        remindedAt: null,
        updatedAt: now,
      });
      if (!moved) return false;
      await leads.addMove(em, ids.next(), lead, { kind: actor === 'system' ? 'assigned' : actor === agent.id ? 'claimed' : 'assigned', toStaffId: agent.id, ruleId, reason, actor }, now);
      if (state && (state.cursors[ruleId] !== undefined || state.currentWeights[ruleId] !== undefined)) {
        await leads.saveAssignmentState(em, lead.corpId, ruleId, state.cursors[ruleId] ?? null, (state.currentWeights[ruleId] as Record<string, number> | undefined) ?? null, now);
      }
      return true;
    });
    if (!done) return false;
    const fresh = await leads.get(lead.corpId, lead.id);
    if (fresh) {
      await this.d
        .notify(lead.corpId, agent.id, 'lead.assigned', leadView(fresh, settings.sla, now, this.d.suggest(fresh, agent.name ?? null)))
        .catch((error: unknown) => this.d.logger.error({ err: error, leadId: lead.id }, 'lead notification failed'));
    }
    return true;
  }
}

import type {
  CallIntent,
  CallNextStep,
  ConnectRate,
  ConnectRateQuery as ConnectRateInput,
  LeadCall,
  LeadCallInput,
  LeadCallResult,
  SeatGroup,
  SeatGroupInput,
  SeatQueue,
  SeatQueueQuery,
} from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { localDay } from '../platform/local-day';
import type { Logger } from '../platform/logger';
import { defaultCallSettings, planCallOutcome, type CallSettings } from './call-outcome.plan';
import { connectRates, localDayStart } from './connect-rate.query';
import type { CallRow, LeadForCall, SeatGroupRepository } from './seat-group.repository';
import type { SeatGroupRecord } from './seat-group.entity';

/** Told, after commit, of leads a call sent to the assignment rules (status ready). */
export type ReadyHook = (corpId: string, leadIds: string[]) => Promise<void>;

export interface SeatGroupServiceDeps {
  repo: SeatGroupRepository;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  onReady: ReadyHook;
  callSettings?: CallSettings;
}

const DAY = 86_400_000;
const isManager = (p: Principal): boolean => p.role === 'admin' || p.role === 'team_lead';
const invalid = (path: string, message: string): DomainError => new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/**
 * Seat groups (坐席组) and their work: admins and team leads set up the groups; seats (members)
 * work the group's queue of calling leads and record each call, which moves the lead on
 * (call-outcome.plan.ts); the connect rate shows how many calls reach someone.
 */
export class SeatGroupService {
  constructor(private readonly d: SeatGroupServiceDeps) {}

  /** Every group for admins and team leads; for anyone else the groups they call for. */
  async list(p: Principal): Promise<SeatGroup[]> {
    let groups = await this.d.repo.list(p.corpId);
    if (!isManager(p)) {
      const mine = new Set(await this.d.repo.groupsOf(p.corpId, p.id));
      groups = groups.filter((g) => mine.has(g.id));
    }
    return this.views(p.corpId, groups);
  }

  async get(p: Principal, id: string): Promise<SeatGroup> {
    const group = await this.visible(p, id);
    return (await this.views(p.corpId, [group]))[0]!;
  }

  async create(p: Principal, input: SeatGroupInput): Promise<SeatGroup> {
    const { repo, clock, ids } = this.d;
    await this.checkMembers(p.corpId, input.memberStaffIds);
    if (await repo.nameTaken(p.corpId, input.name)) throw nameTaken(input.name);
    const at = clock.now();
    const group: SeatGroupRecord = { id: ids.next(), corpId: p.corpId, name: input.name, createdAt: at, updatedAt: at };
    if (!(await repo.save(group, input.memberStaffIds, true))) throw nameTaken(input.name);
    return this.get(p, group.id);
  }

  /** Replaces the name and the members (leads in the queue stay with the group). */
  async update(p: Principal, id: string, input: SeatGroupInput): Promise<SeatGroup> {
    const { repo, clock } = this.d;
    const group = await this.found(p.corpId, id);
    await this.checkMembers(p.corpId, input.memberStaffIds);
    if (await repo.nameTaken(p.corpId, input.name, id)) throw nameTaken(input.name);
    if (!(await repo.save({ ...group, name: input.name, updatedAt: clock.now() }, input.memberStaffIds, false))) throw nameTaken(input.name);
    return this.get(p, id);
  }

  /** Deletes a group nobody needs: no lead calling in it, no lead source sending leads to it. */
  async remove(corpId: string, id: string): Promise<void> {
    await this.found(corpId, id);
    const result = await this.d.repo.remove(corpId, id);
    if (result.deleted) return;
    const why = [
      ...(result.calling ? [`${result.calling} lead(s) are waiting for its calls`] : []),
      ...(result.sources.length ? [`lead source(s) ${result.sources.map((s) => `"${s}"`).join(', ')} send their leads to it`] : []),
    ];
    throw new DomainError('conflict', `The seat group cannot be deleted: ${why.join('; ')}`);
  }

  /** The group's calling leads for a seat: due ones best first; with includeLater, the rest by callback time. */
  async queue(p: Principal, id: string, q: SeatQueueQuery): Promise<SeatQueue> {
    await this.visible(p, id);
    const now = this.d.clock.now();
    const includeLater = q.includeLater === 'true';
    const { rows, due, later } = await this.d.repo.queue(p.corpId, id, now, includeLater, q.limit, q.offset);
    const calls = groupBy(await this.d.repo.calls(rows.map((r) => r.leadId)), (c) => c.leadId);
    return {
      total: includeLater ? due + later : due,
      due,
      later,
      items: rows.map((r) => {
        const mine = calls.get(r.leadId) ?? [];
        const last = mine[mine.length - 1];
        return {
          leadId: r.leadId,
          customer: { id: r.customerId, name: r.customerName },
          phone: r.phoneMasked,
          productLine: r.productLine,
          source: { id: r.sourceId, name: r.sourceName },
          detail: r.detail,
          grade: r.grade,
          score: r.score,
          attempts: mine.length,
          lastCall: last
            ? { at: last.calledAt.toISOString(), seat: { id: last.staffId, name: last.staffName ?? last.staffId }, connected: last.connected, intent: last.intent as CallIntent, nextStep: last.nextStep as CallNextStep, note: last.note }
            : null,
          callbackAt: r.callbackAt?.toISOString() ?? null,
          due: r.due,
          createdAt: r.createdAt.toISOString(),
        };
      }),
    };
  }

  /**
   * Records a call on a calling lead and moves the lead as its outcome says, all in one
   * transaction: the call, the lead, a `called` move, the status move, the do-not-contact entry.
   * Seats of the lead's group may call it, and admins and team leads.
   */
  async recordCall(p: Principal, leadId: string, input: LeadCallInput): Promise<LeadCallResult> {
    const { repo, clock, ids } = this.d;
    const lead = await this.lead(p.corpId, leadId);
    if (!isManager(p) && !(lead.seatGroupId && (await repo.isMember(lead.seatGroupId, p.id)))) throw forbidden('Only seats of the lead’s seat group, team leads and admins record calls on it');
    if (lead.status !== 'calling' || !lead.seatGroupId) throw new DomainError('conflict', `The lead is ${lead.status}, not waiting for a call`);
    const groupId = lead.seatGroupId;
    const now = clock.now();
    const callId = ids.next();
    const outcome = await repo.inTransaction(async (tx) => {
      if (!(await repo.holdForCall(tx, lead, now))) throw new DomainError('conflict', 'The lead moved meanwhile; reload the queue');
      const counts = await repo.callCounts(tx, lead.id);
      const decision = planCallOutcome({ status: 'calling', ...counts }, input, now, this.d.callSettings ?? defaultCallSettings);
      if (!decision.ok) throw decision.code === 'conflict' ? new DomainError('conflict', decision.message) : invalid(decision.path ?? 'body', decision.message);
      await repo.insertCall(tx, {
        id: callId,
        corpId: lead.corpId,
        leadId: lead.id,
        customerId: lead.customerId,
        seatGroupId: groupId,
        staffId: p.id,
        connected: input.connected,
        intent: input.intent,
        nextStep: input.nextStep,
        note: input.note ?? null,
        durationSeconds: input.durationSeconds ?? null,
        calledAt: now,
      });
      if (!(await repo.moveCalledLead(tx, lead, decision.patch))) throw new DomainError('conflict', 'The lead moved meanwhile; reload the queue');
      let moves = decision.moves;
      let listed = false;
      if (decision.doNotContact) {
        listed = (await repo.addDoNotContact(tx, lead.corpId, lead.customerId, `外呼时客户要求勿扰（${p.name}）`, p.id, now)) > 0;
        if (!listed) moves = moves.map((m) => (m.kind === 'rejected' ? { ...m, reason: '客户要求勿扰（客户没有手机号记录，未列入勿扰名单）' } : m));
      }
      await repo.addMoves(
        tx,
        lead,
        moves.map((m) => ({ ...m, id: ids.next() })),
        p.id,
        now,
      );
      return { decision, listed };
    });
    const { decision, listed } = outcome;
    if (decision.ready) {
      await this.d.onReady(lead.corpId, [lead.id]).catch((error: unknown) => this.d.logger.error({ err: error, leadId: lead.id }, 'handing a called lead to assignment failed'));
    }
    return {
      call: callView((await repo.call(callId))!),
      lead: {
        id: lead.id,
        status: decision.patch.status,
        callbackAt: decision.patch.callbackAt?.toISOString() ?? null,
        outcome: decision.patch.outcome ?? null,
        rejectReason: decision.patch.rejectReason ?? null,
        attempts: decision.attempt,
      },
      doNotContact: listed,
    };
  }

  /** The calls on a lead, oldest first: for its group's seats, its agent, team leads and admins. */
  async calls(p: Principal, leadId: string): Promise<LeadCall[]> {
    const lead = await this.lead(p.corpId, leadId);
    const allowed = isManager(p) || lead.ownerStaffId === p.id || (lead.seatGroupId !== null && (await this.d.repo.isMember(lead.seatGroupId, p.id)));
    if (!allowed) throw forbidden('Only seats of the lead’s seat group, its agent, team leads and admins see its calls');
    return (await this.d.repo.calls([leadId])).map(callView);
  }

  /**
   * Connected calls / calls in [from, to), per seat, per group and overall. Admins and team leads
   * see every group; seats see the groups they call for.
   */
  async connectRate(p: Principal, q: ConnectRateInput): Promise<ConnectRate> {
    const { repo } = this.d;
    const timezone = await repo.corpTimezone(p.corpId);
    const at = (v: string): Date => (v.length === 10 ? localDayStart(v, timezone) : new Date(v));
    const window = { from: at(q.from), to: at(q.to) };
    if (window.to.getTime() <= window.from.getTime()) throw invalid('query.to', 'must be after from');
    if (window.to.getTime() - window.from.getTime() > 366 * DAY) throw invalid('query.to', 'at most 366 days after from');
    let groups: SeatGroupRecord[];
    if (q.seatGroupId) {
      groups = [await this.visible(p, q.seatGroupId)];
    } else {
      groups = await repo.list(p.corpId);
      if (!isManager(p)) {
        const mine = new Set(await repo.groupsOf(p.corpId, p.id));
        groups = groups.filter((g) => mine.has(g.id));
      }
    }
    const scope = q.seatGroupId || !isManager(p) ? groups.map((g) => g.id) : null;
    const [tallies, members] = await Promise.all([repo.tallies(p.corpId, window.from, window.to, scope), repo.members(groups.map((g) => g.id))]);
    const byGroup = groupBy(members, (m) => m.groupId);
    const listed = groups.map((g) => ({ id: g.id, name: g.name, members: (byGroup.get(g.id) ?? []).map((m) => ({ id: m.staffId, name: m.name })) }));
    const known = new Set([...groups.map((g) => g.id), ...members.map((m) => m.staffId)]);
    const unknown = [...new Set(tallies.flatMap((t) => [t.groupId, t.staffId]))].filter((id) => !known.has(id));
    return connectRates(window, listed, tallies, await repo.names(unknown));
  }

  private async views(corpId: string, groups: readonly SeatGroupRecord[]): Promise<SeatGroup[]> {
    if (!groups.length) return [];
    const now = this.d.clock.now();
    const timezone = await this.d.repo.corpTimezone(corpId);
    const ids = groups.map((g) => g.id);
    const [members, counts] = await Promise.all([this.d.repo.members(ids), this.d.repo.counts(corpId, ids, now, localDayStart(localDay(now, timezone), timezone))]);
    const byGroup = groupBy(members, (m) => m.groupId);
    return groups.map((g) => {
      const c = counts.get(g.id)!;
      return {
        id: g.id,
        name: g.name,
        members: (byGroup.get(g.id) ?? []).map((m) => ({ id: m.staffId, name: m.name })),
        calling: c.calling,
        queueSize: c.due,
        callsToday: c.calls,
        connectedToday: c.connected,
        createdAt: g.createdAt.toISOString(),
        updatedAt: g.updatedAt.toISOString(),
      };
    });
  }

  /** Seats must be active staff members of the corp. */
  private async checkMembers(corpId: string, staffIds: readonly string[]): Promise<void> {
    const found = new Map((await this.d.repo.staff(corpId, staffIds)).map((s) => [s.id, s]));
    staffIds.forEach((id, i) => {
      const s = found.get(id);
      if (!s) throw invalid(`body.memberStaffIds.${i}`, `${id} is not a staff member of the corp`);
      if (s.status !== 'active') throw invalid(`body.memberStaffIds.${i}`, `${s.name} has left`);
    });
  }

  private async found(corpId: string, id: string): Promise<SeatGroupRecord> {
    const group = await this.d.repo.find(corpId, id);
    if (!group) throw notFound('Seat group');
    return group;
  }

  /** The group, for admins, team leads and its own seats. */
  private async visible(p: Principal, id: string): Promise<SeatGroupRecord> {
    const group = await this.found(p.corpId, id);
    if (!isManager(p) && !(await this.d.repo.isMember(id, p.id))) throw forbidden('Only the group’s seats, team leads and admins see this seat group');
    return group;
  }

  private async lead(corpId: string, id: string): Promise<LeadForCall> {
    const lead = await this.d.repo.lead(corpId, id);
    if (!lead) throw notFound('Lead');
    return lead;
  }
}

const nameTaken = (name: string): DomainError => new DomainError('conflict', `A seat group named "${name}" already exists`);

function callView(c: CallRow): LeadCall {
  return {
    id: c.id,
    leadId: c.leadId,
    seatGroupId: c.seatGroupId,
    seat: { id: c.staffId, name: c.staffName ?? c.staffId },
    at: c.calledAt.toISOString(),
    connected: c.connected,
    intent: c.intent as CallIntent,
    nextStep: c.nextStep as CallNextStep,
    note: c.note,
    durationSeconds: c.durationSeconds,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

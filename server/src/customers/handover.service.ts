import type { HandoverView, StartHandover } from '@lodestar/shared';
import type { StaffMember } from '../org';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { WecomApiPort } from '../wecom';
import type { GroupService } from './group.service';
import type { Handover, HandoverStatus } from './handover.entity';
import type { HandoverRepository } from './handover.repository';
import { pickTakeovers, type TakeoverCandidate } from './takeover.plan';

export interface HandoverDeps {
  repo: HandoverRepository;
  groups: GroupService;
  wecom: WecomApiPort;
  clock: Clock;
  ids: IdGenerator;
}

/** WeCom's per-customer refusal reasons, as people read them. */
const refusal: Record<number, string> = {
  40096: 'not a customer of this agent any more',
  84061: 'no relationship between this agent and the customer',
  40097: 'the handover was already requested',
  40128: 'the customer was handed over too recently (once in 90 days)',
  40129: 'the takeover agent has too many customers',
  90500: 'the group owner has not left: an in-service group transfer is needed',
  90501: 'not a customer group (dismissed or unknown)',
  90507: 'the group owner has left: a resigned group transfer is needed',
};
const reasonOf = (errcode: number): string => refusal[errcode] ?? `WeCom refused it (errcode ${errcode})`;

/** Reasons WeCom gives in transfer_fail callbacks and transfer results. */
const failReason: Record<string, string> = {
  customer_refused: 'the customer refused the handover',
  customer_limit_exceed: 'the takeover agent has reached the customer limit',
  refused: 'the customer refused the handover',
  limit_reached: 'the takeover agent has reached the customer limit',
};

export interface HandoverBatch {
  batchId: string;
  customers: number;
  groups: number;
  counts: Record<HandoverStatus, number>;
  items: HandoverView[];
}

/**
 * Handovers: an agent's customers and groups go to agents picked by the assignment rules, through
 * WeCom's resigned transfer when the agent has left (in-service transfer otherwise); results come
 * back by polling and by transfer_fail callbacks, and failures stay visible with their reason.
 */
export class HandoverService {
  constructor(private readonly d: HandoverDeps) {}

  async start(corpId: string, req: StartHandover): Promise<HandoverBatch> {
    const from = await this.d.repo.staffByUserId(corpId, req.fromUserId);
    if (!from) throw notFound(`Agent ${req.fromUserId}`);
    const pool = await this.d.repo.candidates(corpId, from, req.toUserIds);
    if (req.toUserIds && pool.length !== new Set(req.toUserIds).size) {
      const found = new Set(pool.map((s) => s.wecomUserId));
      throw new DomainError('validation_failed', `Not active staff: ${req.toUserIds.filter((u) => !found.has(u)).join(', ')}`, [{ path: 'body.toUserIds', message: 'every takeover agent must be active staff' }]);
    }
    if (req.toUserIds?.includes(req.fromUserId)) throw new DomainError('validation_failed', 'An agent cannot take over their own customers');
    if (pool.length === 0) throw new DomainError('conflict', `No active agent can take over ${req.fromUserId}'s customers`);

    const open = await this.d.repo.openSubjects(corpId, from.id);
    const customers = (await this.d.repo.activeCustomersOf(from.id)).filter((c) => !open.has(c.externalUserId));
    const groups = (await this.d.groups.ownedBy(from.id)).filter((g) => !open.has(g.chatId));
    const loads = await this.d.repo.loads(pool.map((s) => s.id));
    const candidates: TakeoverCandidate[] = pool.map((s) => ({ staffId: s.id, userId: s.wecomUserId, load: loads.get(s.id) ?? 0 }));
    const customerPlan = pickTakeovers(customers.map((c) => c.externalUserId), candidates);
    const groupPlan = pickTakeovers(groups.map((g) => g.chatId), candidates);

    const now = this.d.clock.now();
    const batchId = this.d.ids.next();
    const resigned = from.status === 'left';
    const row = (kind: 'customer' | 'group', subjectId: string, to: TakeoverCandidate, customerId: string | null): Handover => ({
      id: this.d.ids.next(),
      corpId,
      batchId,
      kind,
      fromStaffId: from.id,
      toStaffId: to.staffId,
      subjectId,
      customerId,
      resigned,
      status: 'pending',
      errcode: null,
      reason: null,
      requestedAt: now,
      finishedAt: null,
      updatedAt: now,
    });
    const rows = [
      ...customers.map((c) => row('customer', c.externalUserId, customerPlan.get(c.externalUserId)!, c.customerId)),
      ...groups.map((g) => row('group', g.chatId, groupPlan.get(g.chatId)!, null)),
    ];
    await this.d.repo.insert(rows);
    await this.send(corpId, from, rows, candidates);
    return this.batch(corpId, batchId, customers.length, groups.length);
  }

  /** Asks WeCom to hand over each takeover's share, 100 customers a call. */
  private async send(corpId: string, from: StaffMember, rows: Handover[], candidates: TakeoverCandidate[]): Promise<void> {
    const userIdOf = new Map(candidates.map((c) => [c.staffId, c.userId]));
    const now = () => this.d.clock.now();
    for (const c of candidates) {
      const mine = rows.filter((r) => r.toStaffId === c.staffId && r.kind === 'customer');
      for (let i = 0; i < mine.length; i += 100) {
        const chunk = mine.slice(i, i + 100);
        const results = await this.d.wecom.transferCustomers({ handoverUserId: from.wecomUserId, takeoverUserId: c.userId, externalUserIds: chunk.map((r) => r.subjectId), resigned: from.status === 'left' });
        const byExt = new Map(results.map((r) => [r.externalUserId, r.errcode]));
        const accepted = chunk.filter((r) => (byExt.get(r.subjectId) ?? 0) === 0);
        await this.d.repo.setStatus(accepted.map((r) => r.id), { status: 'waiting', updatedAt: now() });
        for (const r of chunk.filter((x) => (byExt.get(x.subjectId) ?? 0) !== 0)) {
          const errcode = byExt.get(r.subjectId)!;
          await this.d.repo.setStatus([r.id], { status: 'failed', errcode, reason: reasonOf(errcode), finishedAt: now(), updatedAt: now() });
        }
      }
      const groups = rows.filter((r) => r.toStaffId === c.staffId && r.kind === 'group');
      for (let i = 0; i < groups.length; i += 100) {
        const chunk = groups.slice(i, i + 100);
        const failed = new Map((await this.d.wecom.transferGroups(chunk.map((r) => r.subjectId), c.userId, from.status === 'left')).map((f) => [f.chatId, f.errcode]));
        for (const r of chunk) {
          const errcode = failed.get(r.subjectId) ?? 0;
          if (errcode === 0) {
            await this.d.groups.setOwner(corpId, r.subjectId, c.staffId, userIdOf.get(c.staffId)!);
            await this.d.repo.setStatus([r.id], { status: 'done', finishedAt: now(), updatedAt: now() });
          } else await this.d.repo.setStatus([r.id], { status: 'failed', errcode, reason: reasonOf(errcode), finishedAt: now(), updatedAt: now() });
        }
      }
    }
  }

  /** Asks WeCom how waiting handovers went; finished ones move the customer, refused ones fail. */
  async poll(corpId: string): Promise<{ done: number; failed: number }> {
    const waiting = await this.d.repo.waiting(corpId);
    const pairs = new Map<string, Handover[]>();
    for (const h of waiting) {
      const key = `${h.fromStaffId}|${h.toStaffId}|${h.resigned}`;
      pairs.set(key, [...(pairs.get(key) ?? []), h]);
    }
    let done = 0;
    let failed = 0;
    for (const rows of pairs.values()) {
      const first = rows[0]!;
      const staff = new Map((await this.d.repo.staffByIds([first.fromStaffId, first.toStaffId])).map((s) => [s.id, s.wecomUserId]));
      const results = await this.d.wecom.transferResults({ handoverUserId: staff.get(first.fromStaffId)!, takeoverUserId: staff.get(first.toStaffId)!, resigned: first.resigned });
      const byExt = new Map(results.map((r) => [r.externalUserId, r]));
      for (const h of rows) {
        const r = byExt.get(h.subjectId);
        if (!r) continue;
        const at = r.takenOverAt ?? this.d.clock.now();
        if (r.status === 'done') {
          await this.d.repo.complete(h, at, () => this.d.ids.next(), {
            corpId,
            actorType: 'system',
            actorId: null,
            action: 'customer.handed_over',
            targetType: 'customer',
            targetId: h.customerId ?? h.subjectId,
            detail: { note: `handed over from ${staff.get(h.fromStaffId)} to ${staff.get(h.toStaffId)}`, batchId: h.batchId },
            ip: null,
          });
          done += 1;
        } else if (r.status === 'refused' || r.status === 'limit_reached') {
          await this.d.repo.setStatus([h.id], { status: 'failed', reason: failReason[r.status]!, finishedAt: at, updatedAt: this.d.clock.now() });
          failed += 1;
        }
      }
    }
    return { done, failed };
  }

  /** A transfer_fail callback: the handover of this customer to this agent failed, with WeCom's reason. */
  async onTransferFailed(corpId: string, takeoverUserId: string, externalUserId: string, reason: string, at: Date): Promise<boolean> {
    const to = await this.d.repo.staffByUserId(corpId, takeoverUserId);
    const h = await this.d.repo.openFor(corpId, externalUserId, to?.id ?? null);
    if (!h) return false;
    await this.d.repo.setStatus([h.id], { status: 'failed', reason: failReason[reason] ?? `WeCom: ${reason || 'transfer failed'}`, finishedAt: at, updatedAt: at });
    return true;
  }

  corpsWithWaiting(): Promise<string[]> {
    return this.d.repo.corpsWithWaiting();
  }

  async list(corpId: string, q: { status?: HandoverStatus; batchId?: string; limit: number; offset: number }): Promise<{ items: HandoverView[]; total: number; counts: Record<HandoverStatus, number> }> {
    const { rows, total, counts } = await this.d.repo.list(corpId, q);
    return { items: await this.views(rows), total, counts };
  }

  private async batch(corpId: string, batchId: string, customers: number, groups: number): Promise<HandoverBatch> {
    const { rows, counts } = await this.d.repo.list(corpId, { batchId, limit: 500, offset: 0 });
    return { batchId, customers, groups, counts, items: await this.views(rows) };
  }

  private async views(rows: Handover[]): Promise<HandoverView[]> {
    const staff = new Map((await this.d.repo.staffByIds([...new Set(rows.flatMap((r) => [r.fromStaffId, r.toStaffId]))])).map((s) => [s.id, s.wecomUserId]));
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batchId,
      kind: r.kind,
      fromUserId: staff.get(r.fromStaffId) ?? '',
      toUserId: staff.get(r.toStaffId) ?? '',
      subjectId: r.subjectId,
      customerId: r.customerId,
      resigned: r.resigned,
      status: r.status,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }
}

import { contactSecrets, required, str, strs, page, type FakeEndpoint } from './wecom-fake.endpoint';
import { refuse, type FakeHandover, type FakeTenantData } from './wecom-fake.state';

const day = 24 * 3600;

/** How one waiting handover ended when the sandbox let time pass. */
export interface HandoverOutcome {
  handover: FakeHandover;
  /** For a completed one: whether the takeover agent had the customer already (WeCom sends no add event then). */
  takeoverKnewCustomer: boolean;
}

/**
 * Customer handovers (在职继承 / 离职继承). WeCom accepts a handover and completes it 24 hours
 * later unless the customer refuses; here every waiting handover ends when the sandbox's
 * "handovers complete" action runs.
 */
export class FakeHandovers {
  constructor(private readonly d: FakeTenantData) {}

  transfer(req: { resigned: boolean; handoverUserId: string; takeoverUserId: string; externalUserIds: string[]; message?: string }): Array<{ externalUserId: string; errcode: number }> {
    const from = this.d.staffMember(req.handoverUserId);
    this.d.activeStaff(req.takeoverUserId);
    if (req.externalUserIds.length === 0 || req.externalUserIds.length > 100) refuse(40058, 'external_userid must hold 1 to 100 ids');
    if (req.resigned && from.active) refuse(40097, `${req.handoverUserId} has not left`);
    if (!req.resigned && !from.active) refuse(40097, `${req.handoverUserId} has left: use resigned/transfer_customer`);
    if ((req.message ?? '').length > 200) refuse(40058, 'transfer_success_msg exceeds 200 characters');
    if (req.handoverUserId === req.takeoverUserId) refuse(40058, 'handover and takeover user are the same');
    return req.externalUserIds.map((externalUserId) => {
      if (!this.d.contacts.has(externalUserId)) return { externalUserId, errcode: 40096 };
      if (!this.d.relationship(externalUserId, req.handoverUserId)) return { externalUserId, errcode: 84061 };
      if (this.d.handovers.some((h) => h.externalUserId === externalUserId && h.handoverUserId === req.handoverUserId && h.status === 2)) return { externalUserId, errcode: 40100 };
      this.d.handovers.push({
        resigned: req.resigned,
        handoverUserId: req.handoverUserId,
        takeoverUserId: req.takeoverUserId,
        externalUserId,
        status: 2,
        takeoverTime: this.d.seconds() + day,
        message: req.message ?? '',
      });
      return { externalUserId, errcode: 0 };
    });
  }

  /** Every handover between two agents, latest state first per customer. */
  results(req: { resigned: boolean; handoverUserId: string; takeoverUserId: string }): FakeHandover[] {
    const mine = this.d.handovers.filter((h) => h.resigned === req.resigned && h.handoverUserId === req.handoverUserId && h.takeoverUserId === req.takeoverUserId);
    // The latest handover of each customer between these two agents.
    const latest = new Map<string, FakeHandover>();
    for (const h of mine) latest.set(h.externalUserId, h);
    return [...latest.values()];
  }

  /** The customer will refuse every handover (waiting ones included) when time passes. */
  refuseBy(externalUserId: string): void {
    this.d.contact(externalUserId).refusesHandover = true;
  }

  /**
   * Time passes: each waiting handover is refused (the customer said no), fails (the takeover
   * agent is full), or completes (the relationship moves to the takeover agent).
   */
  completeAll(): HandoverOutcome[] {
    const now = this.d.seconds();
    const out: HandoverOutcome[] = [];
    for (const h of this.d.handovers) {
      if (h.status !== 2) continue;
      const old = this.d.relationship(h.externalUserId, h.handoverUserId);
      const takeover = this.d.staffMember(h.takeoverUserId);
      const knew = !!this.d.relationship(h.externalUserId, h.takeoverUserId);
      if (this.d.contacts.get(h.externalUserId)?.refusesHandover || !old) {
        h.status = 3;
        h.takeoverTime = 0;
      } else if (!knew && this.d.relationshipsOfAgent(takeover.userId).length >= takeover.customerLimit) {
        h.status = 4;
        h.takeoverTime = 0;
      } else {
        h.status = 1;
        h.takeoverTime = now;
        if (!knew) this.d.putRelationship({ ...old, userId: h.takeoverUserId, createtime: now, addWay: 0, state: '', deletedByCustomer: false });
        this.d.deleteRelationship(h.externalUserId, h.handoverUserId);
      }
      out.push({ handover: h, takeoverKnewCustomer: knew });
    }
    return out;
  }
}

/** The handover family's endpoints (in service and resigned). */
export function handoverEndpoints(h: FakeHandovers): FakeEndpoint[] {
  const ec = '/externalcontact';
  const transfer = (resigned: boolean): FakeEndpoint => ({
    method: 'post',
    path: resigned ? `${ec}/resigned/transfer_customer` : `${ec}/transfer_customer`,
    secrets: contactSecrets,
    handle: ({ body }) => {
      const message = str(body, 'transfer_success_msg');
      const results = h.transfer({
        resigned,
        handoverUserId: required(body, 'handover_userid'),
        takeoverUserId: required(body, 'takeover_userid'),
        externalUserIds: strs(body, 'external_userid'),
        ...(!resigned && message ? { message } : {}),
      });
      return { customer: results.map((r) => ({ external_userid: r.externalUserId, errcode: r.errcode })) };
    },
  });
  const result = (resigned: boolean): FakeEndpoint => ({
    method: 'post',
    path: resigned ? `${ec}/resigned/transfer_result` : `${ec}/transfer_result`,
    secrets: contactSecrets,
    handle: ({ body }) => {
      const list = h.results({ resigned, handoverUserId: required(body, 'handover_userid'), takeoverUserId: required(body, 'takeover_userid') });
      const { items, next_cursor } = page(list, str(body, 'cursor'), 1000);
      return { customer: items.map((x) => ({ external_userid: x.externalUserId, status: x.status, takeover_time: x.takeoverTime })), next_cursor };
    },
  });
  return [transfer(false), transfer(true), result(false), result(true)];
}

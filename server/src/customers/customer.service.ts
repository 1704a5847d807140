import type { CustomerList, CustomerListQuery, CustomerView, IdentityKind, TagSource } from '@lodestar/shared';
import { fromDbTime } from '../db/naming';
import { notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { customerScope } from './customer-scope';
import { summariseEvent } from './event-summary';
import { parseJsonObject } from './json-object';
import type { CustomerRepository } from './customer.repository';
import { defaultRevealSettings, revealableFields, type RevealSettings } from './personal-data-access.plan';

export type LeadSummaries = (customerIds: readonly string[]) => Promise<Map<string, { score: number; grade: 'A' | 'B' | 'C' | 'D'; reasons: string[] }>>;

/** The unified customer, read within what the caller may see. */
export class CustomerService {
  constructor(
    private readonly repo: CustomerRepository,
    /** Lead score and grade per customer, with the reasons in words (the leads domain answers). */
    private readonly leads: LeadSummaries = async () => new Map(),
    /** The journeys a customer is in, with the current step (the journeys domain answers; it sits above this one). */
    private readonly journeysOf?: (customerId: string) => Promise<CustomerView['journeys']>,
    /**
     * The corp's personal-data reveal settings (PersonalDataService.revealSettings), so the view can say
     * which fields the caller may reveal. Without it only the rules that need no setting count: the
     * view may then under-offer a reveal a corp has opened, never offer one the reveal would refuse.
     */
    private readonly revealSettings: (corpId: string) => Promise<RevealSettings> = async () => defaultRevealSettings,
  ) {}

  async list(principal: Principal, query: CustomerListQuery): Promise<CustomerList> {
    const { rows, total } = await this.repo.list(customerScope(principal), query);
    const ids = rows.map((r) => r.id);
    const [identities, tags, leads] = await Promise.all([this.repo.identities(ids), this.repo.tags(ids), this.leads(ids)]);
    const ext = new Map(identities.filter((i) => i.kind === 'external_userid').map((i) => [i.customerId, i.value]));
    const tagNames = new Map<string, string[]>();
    for (const t of tags) tagNames.set(t.customerId, [...(tagNames.get(t.customerId) ?? []), t.name]);
    return {
      total,
      items: rows.map((c) => ({
        id: c.id,
        name: c.name,
        externalUserId: ext.get(c.id) ?? null,
        city: c.city,
        stage: c.stage,
        ownerStaffId: c.ownerStaffId,
        tags: tagNames.get(c.id) ?? [],
        lead: leadOf(leads.get(c.id)),
      })),
    };
  }

  /** Throws not_found unless the caller may see the customer. */
  async assertVisible(principal: Principal, id: string): Promise<void> {
    if (!(await this.repo.findInScope(customerScope(principal), id))) throw notFound('Customer');
  }

  async view(principal: Principal, id: string): Promise<CustomerView> {
    const c = await this.repo.findInScope(customerScope(principal), id);
    // Out of scope and absent look the same, so an agent cannot probe for other agents' customers.
    if (!c) throw notFound('Customer');
    const [identities, tags, policies, trail, ownerName, follows, groups, events, segments, revealSettings] = await Promise.all([
      this.repo.identities([c.id]),
      this.repo.tags([c.id]),
      this.repo.policies(c.id),
      this.repo.auditTrail(c.id, 50),
      c.ownerStaffId ? this.repo.staffName(c.ownerStaffId) : Promise.resolve(null),
      this.repo.relationships(c.id),
      this.repo.groupHistory(c.id),
      this.repo.recentEvents(c.id, 100),
      this.repo.segmentsOf(c.id),
      this.revealSettings(principal.corpId),
    ]);
    const timeline = [
      ...events.map((e) => ({ at: e.at, kind: `event.${e.name}`, summary: summariseEvent(e.name, e.properties) })),
      ...trail.map((a) => ({ at: a.at, kind: a.action, summary: describe(a.action, a.detail) })),
      ...follows.flatMap((f) => [
        { at: f.addedAt, kind: 'wecom.contact_added', summary: `${f.agentName || f.agentUserId} 添加了客户${f.state ? `（渠道 ${f.state}）` : ''}` },
        ...(f.endedAt ? [{ at: f.endedAt, kind: `wecom.${f.status}`, summary: `与 ${f.agentName || f.agentUserId} 的关系结束：${f.status}` }] : []),
      ]),
      ...groups.map((g) => ({ at: g.at, kind: `group.${g.kind}`, summary: `${g.kind === 'join' ? '加入' : '退出'}群 ${g.name}` })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 100)
      .map((t) => ({ ...t, at: t.at.toISOString() }));
    return {
      id: c.id,
      name: c.name,
      gender: c.gender,
      birthDate: c.birthDate,
      city: c.city,
      stage: c.stage,
      stageChangedAt: c.stageChangedAt?.toISOString() ?? null,
      phone: c.phoneMasked,
      idNumber: c.idNumberMasked ?? null,
      // The caller already passed the row scope (findInScope); the rule table decides the rest.
      revealable: revealableFields(principal.role, revealSettings),
      profile: parseJsonObject(c.profile),
      segments: segments.map((g) => ({ id: g.id, name: g.name, enteredAt: g.enteredAt.toISOString() })),
      owner: c.ownerStaffId && ownerName ? { id: c.ownerStaffId, name: ownerName } : null,
      identities: identities.map((i) => ({ kind: i.kind as IdentityKind, value: i.value })),
      tags: tags.map((t) => ({
        tagId: t.tagId,
        name: t.name,
        group: t.group,
        source: t.source as TagSource,
        evidence: t.evidence,
        confidence: t.confidence === null ? null : Number(t.confidence),
        at: fromDbTime(t.createdAt).toISOString(),
      })),
      policies: policies.map((p) => ({
        policyNo: p.policyNo,
        product: p.product,
        productLine: p.productLine,
        coverAmount: Number(p.coverAmount),
        annualPremium: Number(p.annualPremium),
        status: p.status,
        startDate: p.startDate,
        endDate: p.endDate,
        orphan: p.status === 'active' && (p.orphanedAt !== null || p.agentStaffId === null || p.agentStatus === 'left'),
      })),
      relationships: follows.map((f) => ({
        agent: { id: f.staffId, name: f.agentName, userId: f.agentUserId },
        status: f.status,
        remark: f.remark,
        description: f.description,
        state: f.state,
        addedAt: f.addedAt.toISOString(),
        endedAt: f.endedAt?.toISOString() ?? null,
      })),
      groups: groups.map((g) => ({ groupId: g.groupId, chatId: g.chatId, name: g.name, kind: g.kind, scene: g.scene, at: g.at.toISOString() })),
      lead: (await this.leads([c.id])).get(c.id) ?? null,
      journeys: this.journeysOf ? await this.journeysOf(c.id) : [],
      timeline,
    };
  }
}

const leadOf = (l: { score: number; grade: 'A' | 'B' | 'C' | 'D' } | undefined) => (l ? { score: l.score, grade: l.grade } : null);

function describe(action: string, detail: Record<string, unknown> | null): string {
  const note = detail && typeof detail.note === 'string' ? `: ${detail.note}` : '';
  return `${action}${note}`;
}

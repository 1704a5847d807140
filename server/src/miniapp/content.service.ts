import {
  mpProductLineLabels,
  type AssessmentInput,
  type AssessmentResult,
  type MpArticle,
  type MpArticleCard,
  type MpArticleList,
  type MpLeadRequest,
  type MpLeadResult,
  type MpProduct,
  type MpProductLine,
  type MpProductList,
  type Proposal,
  type ProposalInput,
  type ProposalList,
  type Shareable,
  type ShareableKind,
  type ShareableList,
  type ProposalViewedPayload,
} from '@lodestar/shared';
import type { PhoneVault, Product } from '../customers';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import type { ContentArticle } from '../playbook';
import { visitorPrefix } from '../tracking';
import { agentTitle, type AccountService } from './account.service';
import type { MpCaller } from './checkin.service';
import type { ContentRepository } from './content.repository';
import { assessGaps } from './coverage-gap.plan';
import { factKey, type EventRecorder } from './event-recorder';
import type { LeadIntake } from './lead-intake';
import type { MemberRepository } from './member.repository';
import type { MpProposal } from './proposal.entity';
import { itemRefusal, priceProposal } from './proposal.plan';
import { matchesQuery, shareable } from './shareable.plan';

export interface ContentDeps {
  repo: ContentRepository;
  members: MemberRepository;
  accounts: AccountService;
  events: EventRecorder;
  leads: LeadIntake;
  vault: PhoneVault;
  /** Throws not_found unless the staff member may see the customer. */
  assertVisible: (p: Principal, customerId: string) => Promise<void>;
  notifyAgent: (corpId: string, staffId: string, payload: ProposalViewedPayload) => Promise<void>;
  clock: Clock;
  ids: IdGenerator;
}

const productView = (p: Product): MpProduct => ({
  id: p.id,
  code: p.code,
  name: p.name,
  line: p.line as MpProductLine,
  lineName: mpProductLineLabels[p.line as MpProductLine] ?? p.line,
  minCover: p.minCover,
  maxCover: p.maxCover,
  premiumFrom: p.premiumFrom,
  description: p.description,
});

const articleCard = (a: ContentArticle): MpArticleCard => ({
  id: a.id,
  title: a.title,
  category: a.category,
  summary: a.summary,
  productLine: (a.productLine as MpProductLine | null) ?? null,
  publishedAt: a.publishedAt.toISOString(),
});

/** Articles, products, leave-contact forms, proposals and the coverage-gap assessment; each view is an event. */
export class ContentService {
  constructor(private readonly d: ContentDeps) {}

  async articles(c: MpCaller, tag: string | undefined): Promise<MpArticleList> {
    return { items: (await this.d.repo.articles(c.corpId, tag)).map(articleCard) };
  }

  async article(c: MpCaller, id: string): Promise<MpArticle> {
    const a = await this.d.repo.article(c.corpId, id);
    if (!a) throw notFound('Article');
    await this.view(c, 'article_viewed', { article_id: a.id, title: a.title, category: a.category, ...(a.productLine ? { product_line: a.productLine } : {}) });
    return { ...articleCard(a), body: a.body };
  }

  async products(c: MpCaller, line: MpProductLine | undefined): Promise<MpProductList> {
    return { items: (await this.d.repo.products(c.corpId, line)).map(productView) };
  }

  async product(c: MpCaller, id: string): Promise<MpProduct> {
    const p = (await this.d.repo.productsById(c.corpId, [id])).get(id);
    if (!p || !p.onSale) throw notFound('Product');
    await this.view(c, 'product_viewed', { product_id: p.id, product_name: p.name, product_line: p.line });
    return productView(p);
  }

  /** 留资: a `lead_left` event (the phone kept only masked), the phone on the customer when they had none, and a lead through the leads domain. */
  async leaveContact(c: MpCaller, input: MpLeadRequest): Promise<MpLeadResult> {
    const phone = this.d.vault.protect(input.phone);
    if (!phone) throw new DomainError('validation_failed', 'phone: not a mainland mobile number');
    const product = input.productId ? (await this.d.repo.productsById(c.corpId, [input.productId])).get(input.productId) : undefined;
    if (input.productId && !product) throw notFound('Product');
    const now = this.d.clock.now();
    const basics = await this.d.accounts.basics(c.customerId);
    let customerId = c.customerId;
    if (!basics.phoneMasked) customerId = (await this.d.accounts.bindProtectedPhone({ ...c, customerId }, phone)).customerId;
    if (basics.name.startsWith(visitorPrefix)) await this.d.members.rename(customerId, input.name, now);
    const line = (product?.line ?? 'critical_illness') as MpProductLine;
    await this.d.events.record(c.corpId, [
      {
        customerId,
        name: 'lead_left',
        at: now,
        key: factKey('lead_left', customerId, input.requestId),
        properties: { product_line: line, ...(product ? { product_id: product.id, product_name: product.name } : {}), phone: phone.masked, consent: true, ...(input.note ? { note: input.note.slice(0, 100) } : {}) },
      },
    ]);
    return { leadId: await this.d.leads.leadFor(c.corpId, customerId, line) };
  }

  /** An agent shares a proposal with one of their customers. */
  async createProposal(p: Principal, input: ProposalInput): Promise<Proposal> {
    await this.d.assertVisible(p, input.customerId);
    const products = await this.d.repo.productsById(p.corpId, input.items.map((i) => i.productId));
    for (const i of input.items) {
      const refusal = itemRefusal(products.get(i.productId), i.cover);
      if (refusal) throw new DomainError('validation_failed', `items: ${refusal}`);
    }
    const priced = priceProposal(input.items.map((i) => ({ product: products.get(i.productId)!, cover: i.cover })));
    const row: MpProposal = { id: this.d.ids.next(), corpId: p.corpId, customerId: input.customerId, staffId: p.id, items: priced.items, totalPremium: priced.totalPremium, views: 0, lastViewedAt: null, createdAt: this.d.clock.now() };
    await this.d.repo.insertProposal(row);
    return this.proposalView(row, products);
  }

  /** The proposals shared with one customer and how often each was opened (the sidebar's proposal panel). */
  async proposalsFor(p: Principal, customerId: string): Promise<ProposalList> {
    await this.d.assertVisible(p, customerId);
    const rows = await this.d.repo.proposalsOf(p.corpId, customerId);
    const products = await this.d.repo.productsById(p.corpId, rows.flatMap((r) => r.items.map((i) => i.productId)));
    return { items: await Promise.all(rows.map((r) => this.proposalView(r, products))) };
  }

  /** Articles, products on sale and published activities an agent can send, as mini-program pages. */
  async shareables(p: Principal, query: { kind?: ShareableKind; q?: string }, activities: () => Promise<Array<{ id: string; title: string; description: string }>>): Promise<ShareableList> {
    const want = (k: ShareableKind) => !query.kind || query.kind === k;
    const items: Shareable[] = [];
    if (want('article')) for (const a of await this.d.repo.articles(p.corpId, undefined)) items.push(shareable('article', { id: a.id, title: a.title, summary: a.summary }, p.id));
    if (want('product')) for (const x of await this.d.repo.products(p.corpId, undefined)) items.push(shareable('product', { id: x.id, title: x.name, summary: x.description }, p.id));
    if (want('activity')) for (const a of await activities()) items.push(shareable('activity', { id: a.id, title: a.title, summary: a.description }, p.id));
    return { items: items.filter((i) => matchesQuery(i, query.q)) };
  }

  /** The customer opens a proposal shared with them: every opening is a `proposal_viewed` event and tells the agent. */
  async viewProposal(c: MpCaller, id: string): Promise<Proposal> {
    const row = await this.d.repo.proposal(c.corpId, id);
    if (!row || row.customerId !== c.customerId) throw notFound('Proposal');
    const now = this.d.clock.now();
    const views = await this.d.repo.viewed(id, now);
    const products = await this.d.repo.productsById(c.corpId, row.items.map((i) => i.productId));
    await this.view(c, 'proposal_viewed', { proposal_id: id, total_premium: row.totalPremium, views, staff_id: row.staffId });
    await this.d.notifyAgent(c.corpId, row.staffId, {
      proposal: { id, totalPremium: row.totalPremium, items: row.items.length },
      customer: { id: c.customerId, name: c.name },
      views,
      at: now.toISOString(),
    });
    return this.proposalView({ ...row, views }, products);
  }

  async assess(c: MpCaller, input: AssessmentInput): Promise<AssessmentResult> {
    const { gaps, score } = assessGaps(input);
    const id = this.d.ids.next();
    const now = this.d.clock.now();
    await this.d.repo.insertAssessment({ id, corpId: c.corpId, customerId: c.customerId, input: { ...input }, gaps, score, at: now });
    const biggest = [...gaps].sort((a, b) => b.gap - a.gap)[0];
    await this.d.events.record(c.corpId, [
      { customerId: c.customerId, name: 'gap_assessed', at: now, key: factKey('gap_assessed', id), properties: { assessment_id: id, score, ...(biggest && biggest.gap > 0 ? { product_line: biggest.line, gap: biggest.gap } : {}) } },
    ]);
    return { id, gaps, score };
  }

  private async proposalView(row: MpProposal, products: Map<string, Product>): Promise<Proposal> {
    const agent = await this.d.members.staff(row.staffId);
    return {
      id: row.id,
      customerId: row.customerId,
      agent: { staffId: row.staffId, name: agent?.name ?? '', title: agentTitle(agent?.seniority ?? ''), avatarUrl: null },
      items: row.items.filter((i) => products.has(i.productId)).map((i) => ({ product: productView(products.get(i.productId)!), cover: i.cover, premium: i.premium })),
      totalPremium: row.totalPremium,
      createdAt: row.createdAt.toISOString(),
      views: row.views,
    };
  }

  private async view(c: MpCaller, name: string, properties: Record<string, unknown>): Promise<void> {
    await this.d.events.record(c.corpId, [{ customerId: c.customerId, name, at: this.d.clock.now(), key: this.d.events.freshKey(), properties }]);
  }
}

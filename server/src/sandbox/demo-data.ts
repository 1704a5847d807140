import { defaultTagDictionary, journeyStages, seniorities, type JourneyStage, type Seniority } from '@lodestar/shared';
import { eventCounterKey, type ActivityCount, type Customer, type CustomerFollow, type CustomerIdentity, type CustomerTag, type ProtectedPhone, type Policy, type Product, type Tag, type TagGroup } from '../customers';
import type { Corp, StaffMember, Team } from '../org';
import { premiumFor, type Activity, type MpProposal } from '../miniapp';
import type { ContentArticle, TalkScript } from '../playbook';
import type { IdGenerator } from '../platform/ids';
import { cities, demoActivities, demoArticles, demoPrizes, demoProducts, demoQuiz, demoScripts, demoSubscriptionConsents, evidenceByTag, givenChars, surnames } from './demo-catalog';
import { buildDemoLeadHistory, type DemoLead, type DemoLeadMove, type DemoLeadSource } from './demo-lead-history';
import { Prng } from './prng';
import { localDay } from '../platform/local-day';

export interface DemoData {
  corp: Corp;
  teams: Team[];
  staff: StaffMember[];
  tagGroups: TagGroup[];
  tags: Tag[];
  products: Product[];
  customers: Customer[];
  identities: CustomerIdentity[];
  customerTags: CustomerTag[];
  /** App opens behind the demo's activity tags (so the behaviour rules agree with them), and recent product views, calculations, proposals, check-ins… */
  activityCounts: ActivityCount[];
  follows: CustomerFollow[];
  policies: Policy[];
  activities: Activity[];
  articles: ContentArticle[];
  scripts: TalkScript[];
  /** The closed leads' source, the leads (won or lost, see demo-lead-history.ts) and their moves. */
  leadSources: DemoLeadSource[];
  leads: DemoLead[];
  leadMoves: DemoLeadMove[];
  /** Subscription-message consents of the mini-program's subscribers (the journeys domain's table). */
  subscriptionConsents: DemoConsent[];
  /** A proposal an agent shared with the first mini-program user who has an agent (sign in with code `demo-<n>`). */
  proposals: MpProposal[];
}

export interface DemoConsent {
  id: string;
  corpId: string;
  customerId: string;
  templateId: string;
  remaining: number;
  updatedAt: Date;
}

export interface DemoOptions {
  corpWecomId: string;
  customers: number;
  now: Date;
  ids: IdGenerator;
  /** One hash for every demo staff account (sandbox only): hashing 30+ passwords would slow the first start. */
  staffPasswordHash: string;
  /** Hashes and encrypts a phone number (the customers domain's PhoneVault). */
  protectPhone: (phone: string) => ProtectedPhone | null;
  seed?: number;
  /** Recent behaviour and closed leads for the intent model (demo-lead-history.ts); default true. */
  leadHistory?: boolean;
}

const day = 24 * 3600 * 1000;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Builds the whole demo tenant in memory; the same options always give the same data. */
export function buildDemoData(o: DemoOptions): DemoData {
  const rnd = new Prng(o.seed ?? 20261123);
  const now = o.now;
  const id = (): string => o.ids.next();
  const personName = (): string => rnd.pick([...surnames]) + rnd.pick([...givenChars]) + (rnd.chance(0.6) ? rnd.pick([...givenChars]) : '');

  const corp: Corp = { id: id(), wecomCorpId: o.corpWecomId, name: '安心人寿（沙箱）', timezone: 'Asia/Shanghai', createdAt: now };
  const teamNames = ['华东一部', '华南二部', '华北三部'];
  const teams: Team[] = teamNames.map((name) => ({ id: id(), corpId: corp.id, name, leadStaffId: null, workingHours: null, createdAt: now }));

  const staff: StaffMember[] = [];
  const staffSince = new Date(now.getTime() - 1000 * day);
  const member = (wecomUserId: string, role: StaffMember['role'], teamId: string | null, seniority: Seniority, status: 'active' | 'left'): StaffMember => ({
    id: id(),
    corpId: corp.id,
    teamId,
    wecomUserId,
    name: personName(),
    role,
    seniority,
    yearsOfService: { junior: rnd.int(0, 1), intermediate: rnd.int(2, 4), senior: rnd.int(5, 9), expert: rnd.int(10, 20) }[seniority],
    skills: rnd.sample(['critical_illness', 'medical', 'accident', 'life', 'annuity', 'education', 'claims', 'retirement_planning'], rnd.int(1, 4)),
    status,
    capacity: null,
    weight: null,
    workingHours: null,
    leftAt: status === 'left' ? new Date(now.getTime() - rnd.int(30, 400) * day) : null,
    username: status === 'active' ? wecomUserId : null,
    passwordHash: status === 'active' ? o.staffPasswordHash : null,
    // On staff since before the oldest customer, so agent metrics count them over any past period.
    createdAt: staffSince,
    updatedAt: now,
  });
  teams.forEach((team, t) => {
    const lead = member(`lead${String(t + 1).padStart(2, '0')}`, 'team_lead', team.id, 'expert', 'active');
    team.leadStaffId = lead.id;
    staff.push(lead);
  });
  for (let i = 1; i <= 30; i++) {
    const seniority = seniorities[(i * 7) % seniorities.length]!;
    staff.push(member(`agent${String(i).padStart(3, '0')}`, 'agent', teams[(i - 1) % 3]!.id, seniority, 'active'));
  }
  for (let i = 1; i <= 4; i++) staff.push(member(`left${String(i).padStart(2, '0')}`, 'agent', teams[i % 3]!.id, rnd.pick(seniorities), 'left'));
  const activeAgents = staff.filter((s) => s.role === 'agent' && s.status === 'active');
  const leftAgents = staff.filter((s) => s.status === 'left');

  const tagGroups: TagGroup[] = [];
  const tags: Tag[] = [];
  defaultTagDictionary.forEach((g, gi) => {
    const group: TagGroup = { id: id(), corpId: corp.id, key: g.key, name: g.name, source: g.source, wecomGroupId: `etsandbox_g${gi + 1}`, sort: gi, createdAt: now };
    tagGroups.push(group);
    g.tags.forEach((name, ti) => tags.push({ id: id(), corpId: corp.id, groupId: group.id, name, wecomTagId: `etsandbox_t${gi + 1}_${ti + 1}`, sort: ti, createdAt: now }));
  });
  const tagsByGroup = new Map(tagGroups.map((g) => [g.id, tags.filter((t) => t.groupId === g.id)]));
  const sourceOfGroup = new Map(defaultTagDictionary.map((g, i) => [tagGroups[i]!.id, g.source]));

  const products: Product[] = demoProducts.map((p) => ({ id: id(), corpId: corp.id, ...p, onSale: true }));
  const stageWeights: [JourneyStage, number][] = journeyStages.map((s, i) => [s, [40, 25, 15, 10, 7, 3][i]!]);

  const customers: Customer[] = [];
  const identities: CustomerIdentity[] = [];
  const customerTags: CustomerTag[] = [];
  const follows: CustomerFollow[] = [];
  const policies: Policy[] = [];
  const activityCounts: ActivityCount[] = [];
  let policySeq = 0;
  for (let i = 0; i < o.customers; i++) {
    const createdAt = new Date(now.getTime() - rnd.int(1, 900) * day);
    const age = rnd.weighted([
      [rnd.int(22, 30), 35],
      [rnd.int(31, 45), 40],
      [rnd.int(46, 65), 25],
    ] as const);
    const c: Customer = {
      id: id(),
      corpId: corp.id,
      name: personName(),
      gender: rnd.chance(0.52) ? 'female' : 'male',
      birthDate: isoDate(new Date(now.getTime() - (age * 365 + rnd.int(0, 364)) * day)),
      city: rnd.pick(cities),
      timezone: null,
      ownerStaffId: rnd.chance(0.85) ? rnd.pick(activeAgents).id : null,
      stage: rnd.weighted(stageWeights),
      archiveConsent: rnd.chance(0.6),
      mergedIntoId: null,
      profile: null,
      phoneCipher: null,
      phoneMasked: null,
      stageChangedAt: null,
      createdAt,
      updatedAt: createdAt,
    };
    customers.push(c);
    const identity = (kind: CustomerIdentity['kind'], value: string): void => {
      identities.push({ id: id(), corpId: corp.id, customerId: c.id, kind, value, createdAt });
    };
    const n = String(i + 1).padStart(6, '0');
    if (c.ownerStaffId) {
      identity('external_userid', `wmSandbox${n}`);
      // The WeCom relationship with the owner; agents usually note the customer's real name as the remark.
      follows.push({ id: id(), corpId: corp.id, customerId: c.id, staffId: c.ownerStaffId, status: 'active', state: null, half: false, remark: c.name, description: null, addWay: 1, wecomTagIds: null, addedAt: createdAt, endedAt: null, updatedAt: createdAt });
    }
    if (rnd.chance(0.5)) identity('openid', `oSandbox${n}`);
    if (rnd.chance(0.4)) identity('unionid', `uSandbox${n}`);
    if (rnd.chance(0.6)) identity('distinct_id', `d-${n}`);
    const phone = rnd.chance(0.7) ? o.protectPhone(`13${String(800000000 + i * 7919).slice(-9)}`) : null;
    if (phone) {
      identity('phone_hash', phone.hash);
      c.phoneCipher = phone.cipher;
      c.phoneMasked = phone.masked;
    }

    for (const group of rnd.sample(tagGroups, rnd.int(0, 3))) {
      const tag = rnd.pick(tagsByGroup.get(group.id)!);
      const source = sourceOfGroup.get(group.id)!;
      // An activity level is the behaviour rules' conclusion: give it the app opens it stands for.
      const openDays = tag.name === '高活跃' ? 6 : tag.name === '中活跃' ? 3 : 0;
      for (let d = 0; d < openDays; d++) {
        // Counts from the index, not the PRNG: the rest of the demo stays as it was.
        activityCounts.push({ customerId: c.id, counterKey: eventCounterKey('$AppStart'), day: localDay(new Date(now.getTime() - d * day), 'Asia/Shanghai'), corpId: corp.id, count: 1 + ((i + d) % 3) });
      }
      customerTags.push({
        id: id(),
        customerId: c.id,
        tagId: tag.id,
        source,
        evidence: source === 'conversation' ? (evidenceByTag[tag.name] ?? null) : null,
        confidence: source === 'conversation' ? Math.round((0.6 + rnd.next() * 0.39) * 100) / 100 : null,
        createdAt: new Date(Math.min(now.getTime(), createdAt.getTime() + rnd.int(0, 30) * day)),
        expiresAt: null,
      });
    }

    const policyCount = rnd.weighted([
      [0, 40],
      [1, 40],
      [2, 15],
      [3, 5],
    ] as const);
    for (let k = 0; k < policyCount; k++) {
      const product = rnd.chance(0.45) ? products.find((p) => p.line === 'critical_illness' && p.code === 'CI-ANXIN')! : rnd.pick(products);
      const orphan = rnd.chance(0.12);
      const start = new Date(now.getTime() - rnd.int(60, 3000) * day);
      const longTerm = ['critical_illness', 'life', 'annuity', 'education'].includes(product.line);
      const cover = Math.round((product.minCover + rnd.next() * (Math.min(product.maxCover, product.line === 'critical_illness' ? 800_000 : product.maxCover) - product.minCover)) / 10_000) * 10_000;
      policySeq += 1;
      const leftAgent = orphan ? rnd.pick(leftAgents) : null;
      policies.push({
        id: id(),
        corpId: corp.id,
        customerId: c.id,
        productId: product.id,
        policyNo: `P2026${String(policySeq).padStart(8, '0')}`,
        coverAmount: cover,
        annualPremium: Math.max(product.premiumFrom, Math.round((cover / product.minCover) * product.premiumFrom * 0.6)),
        status: longTerm ? rnd.weighted([['active', 88], ['lapsed', 8], ['surrendered', 4]] as const) : rnd.weighted([['active', 60], ['expired', 40]] as const),
        startDate: isoDate(start),
        endDate: longTerm ? null : isoDate(new Date(start.getTime() + 365 * day)),
        agentStaffId: leftAgent ? leftAgent.id : (c.ownerStaffId ?? rnd.pick(activeAgents).id),
        orphanedAt: leftAgent?.leftAt ?? null,
      });
    }
  }

  const activities: Activity[] = demoActivities.map((a, i) => {
    const startsAt = new Date(now.getTime() + a.startsInDays * day);
    return {
      id: id(),
      corpId: corp.id,
      kind: a.kind,
      type: a.type,
      title: a.title,
      description: a.description,
      startsAt,
      endsAt: new Date(startsAt.getTime() + a.days * day),
      location: a.location,
      capacity: a.capacity,
      status: 'published',
      seatsTaken: 0,
      waitlisted: 0,
      coverUrl: null,
      // Offline activities: the code at the venue (the mini-program's "scan to attend").
      siteCode: a.kind === 'offline' ? `SITE-${String(i + 1).padStart(2, '0')}` : null,
      config: a.type === 'quiz' ? { quiz: [...demoQuiz], quizPointsPerAnswer: 10 } : a.type === 'lottery' ? { prizes: [...demoPrizes], missWeight: 57 } : null,
    };
  });
  const articles: ContentArticle[] = demoArticles.map((a, i) => ({
    id: id(),
    corpId: corp.id,
    ...a,
    body: `${a.summary}\n\n（示例文章正文，供沙箱演示使用。）`,
    publishedAt: new Date(now.getTime() - (i + 1) * 3 * day),
  }));
  const scripts: TalkScript[] = demoScripts.map((s) => ({ id: id(), corpId: corp.id, ...s }));

  const channels = demoChannels(customers, identities, now, id);
  // The mini-program's showcase customer: has an agent and signs in with the fake's code demo-<n>.
  const showcase = customers.find((c) => staff.some((m) => m.id === c.ownerStaffId && m.status === 'active') && identities.some((x) => x.customerId === c.id && x.kind === 'openid'));
  const shared = ['CI-ANXIN', 'MED-BAIWAN'].map((code, k) => ({ p: products.find((x) => x.code === code)!, cover: k === 0 ? 500_000 : 2_000_000 })).filter((x) => x.p);
  const proposals: MpProposal[] = showcase
    ? [
        {
          id: id(),
          corpId: corp.id,
          customerId: showcase.id,
          staffId: showcase.ownerStaffId!,
          items: shared.map((x) => ({ productId: x.p.id, cover: x.cover, premium: premiumFor(x.p, x.cover) })),
          totalPremium: shared.reduce((sum, x) => sum + premiumFor(x.p, x.cover), 0),
          views: 0,
          lastViewedAt: null,
          createdAt: new Date(now.getTime() - 2 * day),
        },
      ]
    : [];
  // Last: its own seed and ids drawn after everything else, so the rest of the demo is as it was without it.
  const history =
    o.leadHistory === false
      ? { customerTags: [], activityCounts: [], leadSources: [], leads: [], leadMoves: [] }
      : buildDemoLeadHistory({ corp, staff, tagGroups, tags, products, customers, follows, customerTags, activityCounts, policies, now, ids: o.ids, seed: (o.seed ?? 20261123) + 1 });
  return {
    corp,
    teams,
    staff,
    tagGroups,
    tags,
    products,
    customers,
    identities: [...identities, ...channels.identities],
    customerTags: [...customerTags, ...history.customerTags],
    activityCounts: [...activityCounts, ...history.activityCounts],
    follows,
    policies,
    activities,
    articles,
    scripts,
    leadSources: history.leadSources,
    leads: history.leads,
    leadMoves: history.leadMoves,
    subscriptionConsents: channels.consents,
    proposals,
  };
}

/**
 * Who can be reached on WeChat's own channels, from the customer's index rather than the PRNG (the
 * rest of the demo stays as it was): every other customer follows the official account, and three
 * in four mini-program users subscribed to the journeys' messages.
 */
function demoChannels(customers: readonly Customer[], identities: readonly CustomerIdentity[], now: Date, id: () => string): { identities: CustomerIdentity[]; consents: DemoConsent[] } {
  const mpUsers = new Set(identities.filter((x) => x.kind === 'openid').map((x) => x.customerId));
  const out: CustomerIdentity[] = [];
  const consents: DemoConsent[] = [];
  customers.forEach((c, i) => {
    const n = String(i + 1).padStart(6, '0');
    if (i % 2 === 0) out.push({ id: id(), corpId: c.corpId, customerId: c.id, kind: 'oa_openid', value: `oaSandbox${n}`, createdAt: c.createdAt });
    if (mpUsers.has(c.id) && i % 4 !== 3) {
      for (const t of demoSubscriptionConsents) consents.push({ id: id(), corpId: c.corpId, customerId: c.id, templateId: t.templateId, remaining: t.remaining, updatedAt: now });
    }
  });
  return { identities: out, consents };
}

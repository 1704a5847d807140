import type { JourneyStage, LeadMoveKind, LeadProductLine, LeadSourceDefinition, LeadStatus } from '@lodestar/shared';
import { counterKey, productLineNames, type ActivityCount, type Customer, type CustomerFollow, type CustomerTag, type Policy, type Product, type Tag, type TagGroup } from '../customers';
import type { ScoringFacts } from '../leads';
import type { Corp, StaffMember } from '../org';
import type { IdGenerator } from '../platform/ids';
import { addDays, localDay } from '../platform/local-day';
import { evidenceByTag } from './demo-catalog';
import { Prng } from './prng';

/** Rows of table lead_source (leads/lead-source.entity.ts). */
export interface DemoLeadSource {
  id: string;
  corpId: string;
  name: string;
  enabled: boolean;
  productLine: LeadProductLine;
  seatGroupId: string | null;
  definition: string;
  lastRun: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Rows of table lead (leads/lead.entity.ts), closed ones only. */
export interface DemoLead {
  id: string;
  corpId: string;
  customerId: string;
  productLine: LeadProductLine;
  sourceId: string;
  detail: string;
  status: LeadStatus;
  openKey: string | null;
  ownerStaffId: string | null;
  seatGroupId: string | null;
  assignedAt: Date | null;
  firstTouchedAt: Date | null;
  lastActivityAt: Date | null;
  slaDeadline: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  callbackAt: Date | null;
  rejectReason: string | null;
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** Rows of table lead_move (leads/lead-move.entity.ts). */
export interface DemoLeadMove {
  id: string;
  corpId: string;
  leadId: string;
  customerId: string;
  kind: LeadMoveKind;
  fromStaffId: string | null;
  toStaffId: string | null;
  ruleId: string | null;
  reason: string;
  actor: string;
  at: Date;
}

export interface DemoLeadHistory {
  /** What customers did lately in the mini-program and on the site. */
  activityCounts: ActivityCount[];
  /** What they said lately (conversation tags from the dictionary). */
  customerTags: CustomerTag[];
  leadSources: DemoLeadSource[];
  /** Closed leads, won or lost: what the intent model learns from. */
  leads: DemoLead[];
  leadMoves: DemoLeadMove[];
}

export interface DemoLeadHistoryInput {
  corp: Corp;
  staff: readonly StaffMember[];
  tagGroups: readonly TagGroup[];
  tags: readonly Tag[];
  products: readonly Product[];
  customers: readonly Customer[];
  follows: readonly CustomerFollow[];
  customerTags: readonly CustomerTag[];
  activityCounts: readonly ActivityCount[];
  policies: readonly Policy[];
  now: Date;
  ids: IdGenerator;
  seed: number;
}

const dayMs = 24 * 3600 * 1000;
export const demoHistorySourceName = '历史线索（演示）';

/** The events the history adds; the first five are read by the default scoring rules, the last two are not. */
const viewCi = counterKey('view_product', { product_line: 'critical_illness' });
const viewProduct = counterKey('view_product');
const calculator = counterKey('use_calculator');
const proposal = counterKey('request_proposal');
const signup = counterKey('activity_signup');
const checkIn = counterKey('check_in');
const claimsGuide = counterKey('view_claims_guide');
const shareArticle = counterKey('share_article');

const sum = (f: ScoringFacts, key: string, days: number): number => {
  const from = addDays(f.today, -(days - 1));
  return (f.counts.get(key) ?? []).reduce((s, c) => (c.day >= from && c.day <= f.today ? s + c.count : s), 0);
};
const said = (f: ScoringFacts, group: string, names: readonly string[]): boolean => f.tags.some((t) => t.groupKey === group && names.includes(t.name));
const ageOf = (f: ScoringFacts): number | null => {
  if (!f.birthDate) return null;
  const years = Number(f.today.slice(0, 4)) - Number(f.birthDate.slice(0, 4));
  return f.today.slice(5) < f.birthDate.slice(5, 10) ? years - 1 : years;
};

/**
 * THE HIDDEN RULE: the log-odds that a demo lead was won, from what is known of the customer now.
 * Neither the scoring rules nor the model read this; the model has to find it in the outcomes.
 * It differs from the default scoring rules on purpose:
 *
 * - recency and interaction: critical-illness product views of the last 7 days count (older ones
 *   barely); a premium calculation or a proposal alone is a weak sign, both together a strong one
 *   (the rules add their points separately and count 30 days alike);
 * - signals the rules do not read: sharing articles and reading the claims guide (positive), a
 *   family change (新婚, 孕期), a budget of 2万 a year or more (positive), a budget under 5千, being
 *   out of work or retired, and the objections 信任 and 已有保障 (negative);
 * - signals the rules weigh wrongly: a need said (25 points) or shown (10) counts the same for the
 *   rules whatever the line, but only 重疾险 matters much; a price objection costs the rules points but is mildly positive (they are
 *   negotiating); heavy check-ins with nothing else are prize hunters (the rules add points);
 *   orphan policies, WeCom, a critical-illness cover gap and the 28–50 age band earn the rules up
 *   to 80 fit points but matter little here (30–42 helps, 55+ hurts).
 *
 * Each outcome is Bernoulli(sigmoid(log-odds + N(0, 0.4²))).
 */
export function hiddenWinLogOdds(f: ScoringFacts): number {
  const ci7 = sum(f, viewCi, 7);
  const ci30 = sum(f, viewCi, 30);
  const calc = sum(f, calculator, 30);
  const prop = sum(f, proposal, 30);
  const age = ageOf(f);
  let z = -1.75;
  z += 0.6 * Math.log1p(ci7) + 0.1 * Math.log1p(ci30);
  z += 0.2 * Math.min(calc, 1) + 0.2 * Math.min(prop, 1) + (calc > 0 && prop > 0 ? 1.6 : 0);
  z += 1.0 * Math.log1p(sum(f, shareArticle, 30)) + 0.8 * Math.log1p(sum(f, claimsGuide, 30));
  if (sum(f, checkIn, 30) >= 8 && calc + prop + ci30 === 0) z -= 0.9;
  z += 0.1 * Math.min(sum(f, signup, 60), 1);
  if (said(f, 'family_stage', ['新婚', '孕期'])) z += 1.3;
  if (said(f, 'family_stage', ['有幼儿'])) z += 0.4;
  if (said(f, 'objection', ['信任', '已有保障'])) z -= 1.6;
  if (said(f, 'objection', ['价格'])) z += 0.3;
  if (said(f, 'budget', ['年缴2万-5万', '年缴5万以上'])) z += 1.1;
  if (said(f, 'budget', ['年缴5千以下'])) z -= 0.6;
  if (said(f, 'insurance_need', ['重疾险'])) z += 1.0;
  else if (f.tags.some((t) => t.groupKey === 'insurance_need')) z += 0.2;
  if (said(f, 'employment', ['待业', '退休'])) z -= 0.9;
  if (age !== null && age >= 30 && age <= 42) z += 0.5;
  if (age !== null && age >= 55) z -= 0.7;
  z += ({ need_clarified: 0.7, analysis: 0.3, interest: -0.4 } as Partial<Record<JourneyStage, number>>)[f.stage] ?? 0;
  if (f.policies.some((p) => p.status === 'active' && p.orphan)) z += 0.1;
  if (f.hasWecom) z += 0.15;
  return z;
}

/**
 * What scoring will read of each demo customer once the demo is loaded (the same shape
 * leads/lead-facts.repository.ts builds from the tables), so the hidden rule sees what the model sees.
 */
export function demoFacts(
  input: Pick<DemoLeadHistoryInput, 'corp' | 'tagGroups' | 'tags' | 'products' | 'customers' | 'follows' | 'policies' | 'now'>,
  customerTags: readonly CustomerTag[],
  activityCounts: readonly ActivityCount[],
): Map<string, ScoringFacts> {
  const zone = input.corp.timezone;
  const today = localDay(input.now, zone);
  const wecom = new Set(input.follows.filter((f) => f.status === 'active').map((f) => f.customerId));
  const lineOf = new Map(input.products.map((p) => [p.id, p.line]));
  const groupOf = new Map(input.tagGroups.map((g) => [g.id, g]));
  const tagOf = new Map(input.tags.map((t) => [t.id, t]));
  const out = new Map<string, ScoringFacts>();
  for (const c of input.customers) {
    out.set(c.id, { today, birthDate: c.birthDate, city: c.city, hasWecom: wecom.has(c.id), hasPhone: c.phoneCipher !== null, stage: c.stage, policies: [], tags: [], counts: new Map() });
  }
  for (const p of input.policies) {
    (out.get(p.customerId)?.policies as ScoringFacts['policies'][number][] | undefined)?.push({ line: lineOf.get(p.productId)!, status: p.status, cover: p.coverAmount, orphan: p.orphanedAt !== null });
  }
  for (const ct of customerTags) {
    const tag = tagOf.get(ct.tagId)!;
    const group = groupOf.get(tag.groupId)!;
    (out.get(ct.customerId)?.tags as ScoringFacts['tags'][number][] | undefined)?.push({
      name: tag.name,
      group: group.name,
      groupKey: group.key,
      source: ct.source,
      day: localDay(ct.createdAt, zone),
      confidence: ct.confidence,
    });
  }
  for (const a of activityCounts) {
    const counts = out.get(a.customerId)?.counts as Map<string, { day: string; count: number }[]> | undefined;
    if (!counts) continue;
    counts.set(a.counterKey, [...(counts.get(a.counterKey) ?? []), { day: a.day, count: a.count }]);
  }
  return out;
}

type Level = 'dormant' | 'cold' | 'warm' | 'hot';
/** Expected events in 60 days by engagement level. */
const rates: Record<Level, Record<'ci' | 'otherProduct' | 'calc' | 'proposal' | 'signup' | 'checkIn' | 'claims' | 'share', number>> = {
  dormant: { ci: 0, otherProduct: 0, calc: 0, proposal: 0, signup: 0, checkIn: 0, claims: 0, share: 0 },
  cold: { ci: 0.4, otherProduct: 0.4, calc: 0.08, proposal: 0.04, signup: 0.2, checkIn: 0.6, claims: 0.15, share: 0.15 },
  warm: { ci: 2, otherProduct: 1, calc: 0.5, proposal: 0.3, signup: 0.5, checkIn: 2, claims: 0.5, share: 0.6 },
  hot: { ci: 4.5, otherProduct: 2, calc: 1.4, proposal: 0.9, signup: 0.6, checkIn: 3, claims: 1, share: 1.2 },
};
/** Conversation tags the history may add, per group, with the chance a customer gets one. */
const saidLately: ReadonlyArray<readonly [string, number]> = [
  ['insurance_need', 0.3],
  ['family_stage', 0.25],
  ['budget', 0.3],
  ['objection', 0.3],
  ['employment', 0.15],
];
const leadLines: ReadonlyArray<readonly [LeadProductLine, number]> = [
  ['critical_illness', 50],
  ['medical', 15],
  ['life', 10],
  ['annuity', 10],
  ['education', 8],
  ['accident', 7],
];
const wonReasons = ['已投保', '签单成功', '家庭保障方案已成交'];
const lostReasons = ['预算不足', '已在他处投保', '暂不考虑', '多次联系未回复'];

function gaussian(rnd: Prng): number {
  return Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Recent behaviour, recent conversation tags and a history of closed leads for the demo tenant,
 * from its own seed so the rest of the demo stays as it was. About two thirds of the customers had
 * a lead closed 10–120 days ago (some had two); whether the latest was won follows the hidden rule.
 */
export function buildDemoLeadHistory(input: DemoLeadHistoryInput): DemoLeadHistory {
  const rnd = new Prng(input.seed);
  const { corp, now } = input;
  const zone = corp.timezone;
  const id = (): string => input.ids.next();
  const dayOf = (daysAgo: number): string => localDay(new Date(now.getTime() - daysAgo * dayMs), zone);

  const activityCounts: ActivityCount[] = [];
  const customerTags: CustomerTag[] = [];
  const groupByKey = new Map(input.tagGroups.map((g) => [g.key, g]));
  const tagsOfGroup = (groupId: string): Tag[] => input.tags.filter((t) => t.groupId === groupId);
  const groupOfTag = new Map(input.tags.map((t) => [t.id, t.groupId]));
  const needGroup = groupByKey.get('insurance_need');
  const ciNeedTag = needGroup ? input.tags.find((t) => t.groupId === needGroup.id && t.name === '重疾险') : undefined;
  const hadCiNeed = new Set(input.customerTags.filter((t) => t.tagId === ciNeedTag?.id).map((t) => t.customerId));
  const groupsOf = new Map<string, Set<string>>();
  for (const ct of input.customerTags) {
    const set = groupsOf.get(ct.customerId) ?? new Set<string>();
    set.add(groupOfTag.get(ct.tagId)!);
    groupsOf.set(ct.customerId, set);
  }
  // A quarter or so did nothing at all in the two months.
  const levelByStage: Record<JourneyStage, ReadonlyArray<readonly [Level, number]>> = {
    interest: [['dormant', 35], ['cold', 40], ['warm', 17], ['hot', 8]],
    online_interaction: [['dormant', 25], ['cold', 35], ['warm', 27], ['hot', 13]],
    analysis: [['dormant', 15], ['cold', 30], ['warm', 33], ['hot', 22]],
    need_clarified: [['dormant', 8], ['cold', 22], ['warm', 38], ['hot', 32]],
    purchase: [['dormant', 25], ['cold', 35], ['warm', 25], ['hot', 15]],
    referral: [['dormant', 25], ['cold', 35], ['warm', 25], ['hot', 15]],
  };

  for (const c of input.customers) {
    const level = rnd.weighted(levelByStage[c.stage]);
    const r = rates[level];
    const counts = new Map<string, number>();
    const add = (keys: readonly string[], n: number, recentBias: boolean, maxAgo = 59): void => {
      for (let k = 0; k < n; k++) {
        // Hot customers did most of it lately; the others spread it over the two months.
        const ago = recentBias && rnd.chance(0.7) ? rnd.int(0, 13) : rnd.int(0, maxAgo);
        for (const key of keys) counts.set(`${key}\u0000${ago}`, (counts.get(`${key}\u0000${ago}`) ?? 0) + 1);
      }
    };
    const hot = level === 'hot';
    add([viewCi, viewProduct], rnd.poisson(r.ci), hot);
    add([viewProduct], rnd.poisson(r.otherProduct), hot);
    add([calculator], rnd.poisson(r.calc), hot);
    add([proposal], rnd.poisson(r.proposal), hot);
    add([signup], rnd.poisson(r.signup), false);
    // Some check in every day for the prizes and do little else.
    const prizeHunter = rnd.chance(0.12);
    add([checkIn], prizeHunter && level !== 'dormant' ? rnd.int(8, 25) : rnd.poisson(r.checkIn), false, prizeHunter ? 29 : 59);
    add([claimsGuide], rnd.poisson(r.claims), hot);
    add([shareArticle], rnd.poisson(r.share), hot);
    for (const [k, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [counter, ago] = k.split('\u0000') as [string, string];
      activityCounts.push({ customerId: c.id, counterKey: counter, day: dayOf(Number(ago)), corpId: corp.id, count });
    }

    const had = groupsOf.get(c.id) ?? new Set<string>();
    const said = new Set<string>();
    for (const [key, chance] of saidLately) {
      const group = groupByKey.get(key);
      if (!group || had.has(group.id) || !rnd.chance(chance)) continue;
      const tag = rnd.pick(tagsOfGroup(group.id));
      said.add(tag.id);
      customerTags.push({
        id: id(),
        customerId: c.id,
        tagId: tag.id,
        source: 'conversation',
        evidence: evidenceByTag[tag.name] ?? null,
        confidence: Math.round((0.6 + rnd.next() * 0.39) * 100) / 100,
        createdAt: new Date(now.getTime() - rnd.int(1, 60) * dayMs - rnd.int(0, 23) * 3600 * 1000),
        expiresAt: null,
      });
    }

    // What the default behaviour rule 重疾险兴趣 would have concluded from the views (2 in 7 days), so tags and counts agree.
    const ciViews = [...counts].filter(([k]) => k.startsWith(`${viewCi}\u0000`)).map(([k, n]) => [Number(k.split('\u0000')[1]), n] as const);
    const lastWeek = ciViews.filter(([ago]) => ago <= 6).reduce((sum, [, n]) => sum + n, 0);
    if (lastWeek >= 2 && ciNeedTag && !said.has(ciNeedTag.id) && !hadCiNeed.has(c.id)) {
      const since = Math.max(...ciViews.filter(([ago]) => ago <= 6).map(([ago]) => ago));
      customerTags.push({
        id: id(),
        customerId: c.id,
        tagId: ciNeedTag.id,
        source: 'behaviour',
        evidence: `浏览重疾险产品 ${lastWeek} 次 / 7 天 (rule: 重疾险兴趣)`,
        confidence: null,
        createdAt: new Date(now.getTime() - since * dayMs),
        expiresAt: null,
      });
    }
  }

  const facts = demoFacts(input, [...input.customerTags, ...customerTags], [...input.activityCounts, ...activityCounts]);
  const sourceCreated = new Date(now.getTime() - 150 * dayMs);
  const definition: LeadSourceDefinition = { kind: 'left_contact', event: 'leave_contact', withinDays: 120, productLineProperty: 'product_line' };
  const source: DemoLeadSource = {
    id: id(),
    corpId: corp.id,
    name: demoHistorySourceName,
    // Disabled: it only explains where the closed leads came from, it finds nothing new.
    enabled: false,
    productLine: 'critical_illness',
    seatGroupId: null,
    definition: JSON.stringify(definition),
    lastRun: null,
    createdAt: sourceCreated,
    updatedAt: sourceCreated,
  };
  const agents = input.staff.filter((s) => s.role === 'agent' && s.status === 'active');
  const leads: DemoLead[] = [];
  const leadMoves: DemoLeadMove[] = [];
  const close = (c: Customer, line: LeadProductLine, closedAt: Date, won: boolean): void => {
    const createdAt = new Date(closedAt.getTime() - rnd.int(3, 30) * dayMs);
    const assignedAt = new Date(createdAt.getTime() + rnd.int(5, 240) * 60_000);
    const owner = c.ownerStaffId ?? rnd.pick(agents).id;
    const reason = won ? rnd.pick(wonReasons) : rnd.pick(lostReasons);
    const lead: DemoLead = {
      id: id(),
      corpId: corp.id,
      customerId: c.id,
      productLine: line,
      sourceId: source.id,
      detail: `${productLineNames[line] ?? line}留资（演示历史）`,
      status: won ? 'won' : 'lost',
      openKey: null,
      ownerStaffId: owner,
      seatGroupId: null,
      assignedAt,
      firstTouchedAt: new Date(assignedAt.getTime() + rnd.int(10, 600) * 60_000),
      lastActivityAt: closedAt,
      slaDeadline: null,
      remindAt: null,
      remindedAt: null,
      callbackAt: null,
      rejectReason: null,
      outcome: reason,
      createdAt,
      updatedAt: closedAt,
      closedAt,
    };
    leads.push(lead);
    const move = (kind: LeadMoveKind, at: Date, m: Partial<DemoLeadMove>): void => {
      leadMoves.push({ id: id(), corpId: corp.id, leadId: lead.id, customerId: c.id, kind, fromStaffId: null, toStaffId: null, ruleId: null, reason: '', actor: 'system', at, ...m });
    };
    move('created', createdAt, { reason: demoHistorySourceName });
    move('assigned', assignedAt, { toStaffId: owner, reason: '演示历史分配' });
    move('closed', closedAt, { fromStaffId: owner, reason: `${won ? '成交' : '未成交'}：${reason}`, actor: owner });
  };
  for (const c of input.customers) {
    if (!rnd.chance(0.65)) continue;
    const latestAgo = rnd.int(10, 90);
    const at = (ago: number): Date => new Date(now.getTime() - ago * dayMs - rnd.int(1, 10) * 3600 * 1000);
    // Some had an earlier lead too; only the latest one is an example for the model.
    if (rnd.chance(0.1)) close(c, rnd.weighted(leadLines), at(rnd.int(latestAgo + 5, 120)), rnd.chance(0.3));
    const z = hiddenWinLogOdds(facts.get(c.id)!) + 0.4 * gaussian(rnd);
    close(c, rnd.weighted(leadLines), at(latestAgo), rnd.chance(sigmoid(z)));
  }
  return { activityCounts, customerTags, leadSources: [source], leads, leadMoves };
}

import type { BehaviourRuleDefinition, EventWhere, TagSource } from '@lodestar/shared';
import { addDays } from '../platform/local-day';
import { counterKey } from './counter-key';
import { productLineNames } from './product-line-names';

/** An enabled rule whose tag was found in the dictionary. */
export interface PlannedRule {
  id: string;
  name: string;
  definition: BehaviourRuleDefinition;
  tagId: string;
}

/** One customer as a rule evaluation sees them. */
export interface CustomerActivity {
  customerId: string;
  /** The customer's local day now (YYYY-MM-DD). */
  today: string;
  /** Daily counts, at least back to the start of the longest window; other keys and days are ignored. */
  counts: ReadonlyArray<{ counterKey: string; day: string; count: number }>;
  /** The customer's current tags (every source) among the rules' tags, or all of them. */
  tags: ReadonlyArray<{ tagId: string; source: TagSource }>;
}

export interface BehaviourTagPlan {
  customerId: string;
  add: Array<{ tagId: string; ruleId: string; evidence: string }>;
  /** Tags with source behaviour to take off. */
  remove: string[];
}

/** The first day inside a window of `withinDays` days that ends today. */
export function windowStart(today: string, withinDays: number): string {
  return addDays(today, -(withinDays - 1));
}

/** The earliest day any rule looks at for any of these local days: what to read counts from. */
export function earliestDay(rules: readonly PlannedRule[], todays: readonly string[]): string | null {
  if (!rules.length || !todays.length) return null;
  const longest = Math.max(...rules.map((r) => r.definition.withinDays));
  const first = todays.reduce((a, b) => (b < a ? b : a));
  return windowStart(first, longest);
}

/** The counter keys the rules read. */
export function ruleCounterKeys(rules: readonly PlannedRule[]): string[] {
  return [...new Set(rules.map((r) => counterKey(r.definition.event, r.definition.where)))];
}

/**
 * Decides the behaviour tags of a batch of customers. A tag is put on when one of its rules holds
 * (the count of its counter within its window reaches `min`) and the customer does not carry it
 * from any source yet. It is taken off when none of its rules holds, one of them says
 * `removeWhenFalse`, and the customer carries it with source behaviour: what a conversation, a
 * model, an agent or the static import said is never taken away by a rule. Only customers with a
 * change are returned.
 */
export function planBehaviourTags(rules: readonly PlannedRule[], customers: readonly CustomerActivity[]): BehaviourTagPlan[] {
  const byTag = new Map<string, Array<PlannedRule & { key: string }>>();
  for (const r of rules) byTag.set(r.tagId, [...(byTag.get(r.tagId) ?? []), { ...r, key: counterKey(r.definition.event, r.definition.where) }]);
  const plans: BehaviourTagPlan[] = [];
  for (const c of customers) {
    const daily = new Map<string, Array<{ day: string; count: number }>>();
    for (const row of c.counts) if (row.day <= c.today) daily.set(row.counterKey, [...(daily.get(row.counterKey) ?? []), row]);
    const countWithin = (key: string, withinDays: number): number => {
      const from = windowStart(c.today, withinDays);
      return (daily.get(key) ?? []).reduce((sum, row) => (row.day >= from ? sum + Number(row.count) : sum), 0);
    };
    const carried = new Map(c.tags.map((t) => [t.tagId, t.source]));
    const plan: BehaviourTagPlan = { customerId: c.customerId, add: [], remove: [] };
    for (const [tagId, tagRules] of byTag) {
      const holding = tagRules.map((r) => ({ r, count: countWithin(r.key, r.definition.withinDays) })).find(({ r, count }) => count >= r.definition.min);
      const source = carried.get(tagId);
      if (holding && source === undefined) {
        plan.add.push({ tagId, ruleId: holding.r.id, evidence: ruleEvidence(holding.r, holding.count) });
      } else if (!holding && source === 'behaviour' && tagRules.some((r) => r.definition.removeWhenFalse)) {
        plan.remove.push(tagId);
      }
    }
    if (plan.add.length || plan.remove.length) plans.push(plan);
  }
  return plans;
}

/** Why a rule tagged a customer, for people: "浏览重疾险产品 2 次 / 7 天 (rule: 重疾险兴趣)". */
export function ruleEvidence(rule: Pick<PlannedRule, 'name' | 'definition'>, count: number): string {
  const d = rule.definition;
  return `${describeActivity(d.event, d.where)} ${count} 次 / ${d.withinDays} 天 (rule: ${rule.name})`.slice(0, 500);
}

/** Verb and object of the events the product and the SDK presets know; others show by name. */
const eventWords: Record<string, readonly [string, string]> = {
  $AppStart: ['打开', ' App'],
  $MPLaunch: ['打开', '小程序'],
  $pageview: ['浏览', '页面'],
  view_product: ['浏览', '产品'],
  use_calculator: ['使用', '保费测算'],
  check_in: ['签到', ''],
  activity_signup: ['报名', '活动'],
  share: ['分享', ''],
  request_proposal: ['索取', '计划书'],
};

const productLineWords = productLineNames;

/** "浏览重疾险产品", "打开 App", "share (channel=moments)". */
export function describeActivity(event: string, where: EventWhere | undefined): string {
  const rest = Object.entries(where ?? {});
  const words = eventWords[event];
  if (!words) return rest.length ? `${event} (${rest.map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : event;
  const line = where?.product_line !== undefined ? productLineWords[String(where.product_line)] : undefined;
  const others = rest.filter(([k]) => !(k === 'product_line' && line));
  const text = `${words[0]}${line ?? ''}${line && words[1].startsWith(' ') ? words[1].trimStart() : words[1]}`;
  return others.length ? `${text} (${others.map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : text;
}

/** A dictionary tag with its group, as rules and agents name it. */
export interface DictionaryTag {
  id: string;
  name: string;
  groupId: string;
  groupKey: string;
  groupName: string;
}

/**
 * The tag a rule (or an agent) means by group and name. The group may be named by its key, which
 * never changes, or by its name; the key wins when both would match.
 */
export function resolveTagRef(dictionary: readonly DictionaryTag[], ref: { group: string; name: string }): DictionaryTag | null {
  const named = dictionary.filter((t) => t.name === ref.name);
  return named.find((t) => t.groupKey === ref.group) ?? named.find((t) => t.groupName === ref.group) ?? null;
}

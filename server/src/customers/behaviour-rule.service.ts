import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { behaviourRuleDefinitionSchema, type BehaviourRuleDefinition, type BehaviourRuleView, type behaviourRuleInputSchema } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { addDays, isTimeZone, localDay } from '../platform/local-day';
import type { ActivityRepository } from './activity.repository';
import type { BehaviourRule } from './behaviour-rule.entity';
import { earliestDay, planBehaviourTags, resolveTagRef, ruleCounterKeys, type CustomerActivity, type DictionaryTag, type PlannedRule } from './behaviour-rule.plan';
import type { BehaviourRuleRepository } from './behaviour-rule.repository';
import { counterDefinition, type CounterDefinition } from './counter-key';
import type { TagDictionaryRepository } from './tag-dictionary.repository';
import type { TaggingService } from './tagging.service';

export type BehaviourRuleInput = z.output<typeof behaviourRuleInputSchema>;

export interface EvaluationSummary {
  /** Customers looked at (merged-away and unknown ids are left out). */
  customers: number;
  added: number;
  removed: number;
}

export interface BehaviourRuleDeps {
  rules: BehaviourRuleRepository;
  dictionary: TagDictionaryRepository;
  activity: ActivityRepository;
  tagging: TaggingService;
  clock: Clock;
  ids: IdGenerator;
  /** Told after rules change in this process (so a cache of the filtered counters can be dropped). */
  onChanged?: (corpId: string) => void;
}

const CHUNK = 500;

/**
 * The rules shipped with the product, on the Sensors presets ($AppStart, $MPLaunch) and the
 * insurer's own events (view_product with product_line, request_proposal…).
 */
export const defaultBehaviourRules: ReadonlyArray<{ key: string; name: string; definition: BehaviourRuleDefinition }> = [
  { key: 'need_ci', name: '重疾险兴趣', definition: interest('critical_illness', '重疾险') },
  { key: 'need_medical', name: '医疗险兴趣', definition: interest('medical', '医疗险') },
  { key: 'need_accident', name: '意外险兴趣', definition: interest('accident', '意外险') },
  { key: 'need_annuity', name: '养老/年金兴趣', definition: interest('annuity', '养老/年金') },
  { key: 'need_education', name: '教育金兴趣', definition: interest('education', '教育金') },
  {
    key: 'need_ci_proposal',
    name: '索取重疾险计划书',
    definition: { event: 'request_proposal', where: { product_line: 'critical_illness' }, min: 1, withinDays: 30, tag: { group: '保险需求', name: '重疾险' }, removeWhenFalse: false },
  },
  { key: 'active_high_app', name: '高活跃', definition: { event: '$AppStart', min: 5, withinDays: 7, tag: { group: '活跃度', name: '高活跃' }, removeWhenFalse: true } },
  { key: 'active_high_mp', name: '高活跃（小程序）', definition: { event: '$MPLaunch', min: 5, withinDays: 7, tag: { group: '活跃度', name: '高活跃' }, removeWhenFalse: true } },
  { key: 'active_mid_app', name: '中活跃', definition: { event: '$AppStart', min: 2, withinDays: 7, tag: { group: '活跃度', name: '中活跃' }, removeWhenFalse: true } },
];

function interest(line: string, tag: string): BehaviourRuleDefinition {
  return { event: 'view_product', where: { product_line: line }, min: 2, withinDays: 7, tag: { group: '保险需求', name: tag }, removeWhenFalse: false };
}

/** Behaviour tag rules: their admin, and turning the rolling counters into tags. */
export class BehaviourRuleService {
  constructor(private readonly d: BehaviourRuleDeps) {}

  async list(corpId: string): Promise<BehaviourRuleView[]> {
    return (await this.d.rules.list(corpId)).flatMap((r) => {
      const v = view(r);
      return v ? [v] : [];
    });
  }

  async create(corpId: string, input: BehaviourRuleInput): Promise<BehaviourRuleView> {
    await this.check(corpId, input, null);
    const now = this.d.clock.now();
    const row: BehaviourRule = { id: this.d.ids.next(), corpId, name: input.name, enabled: input.enabled, definition: JSON.stringify(input.definition), createdAt: now, updatedAt: now };
    await this.d.rules.insert(row);
    this.d.onChanged?.(corpId);
    return view(row)!;
  }

  async replace(corpId: string, id: string, input: BehaviourRuleInput): Promise<BehaviourRuleView> {
    const existing = await this.d.rules.get(corpId, id);
    if (!existing) throw notFound('Behaviour rule');
    await this.check(corpId, input, id);
    const patch = { name: input.name, enabled: input.enabled, definition: JSON.stringify(input.definition), updatedAt: this.d.clock.now() };
    if (!(await this.d.rules.update(corpId, id, patch))) throw notFound('Behaviour rule');
    this.d.onChanged?.(corpId);
    return view({ ...existing, ...patch })!;
  }

  async remove(corpId: string, id: string): Promise<void> {
    if (!(await this.d.rules.delete(corpId, id))) throw notFound('Behaviour rule');
    this.d.onChanged?.(corpId);
  }

  /** The filtered counters ingest must keep so the rules can be evaluated (disabled rules too, so enabling one finds history). */
  async filteredCounters(corpId: string): Promise<CounterDefinition[]> {
    const byKey = new Map<string, CounterDefinition>();
    for (const r of await this.d.rules.list(corpId)) {
      const def = parse(r.definition);
      if (def?.where && Object.keys(def.where).length) {
        const c = counterDefinition(def.event, def.where);
        byKey.set(c.key, c);
      }
    }
    return [...byKey.values()];
  }

  /**
   * Puts on and takes off the behaviour tags of these customers from their rolling counters. Run
   * after every ingest batch: per 500 customers it reads their zones, their counts in the longest
   * window and their current rule tags, then writes the changes through the tagging service.
   */
  async evaluate(corpId: string, customerIds: readonly string[], at: Date): Promise<EvaluationSummary> {
    const summary: EvaluationSummary = { customers: 0, added: 0, removed: 0 };
    const ids = [...new Set(customerIds)];
    if (!ids.length) return summary;
    const rules = await this.plannedRules(corpId);
    if (!rules.length) return summary;
    const corpZone = await this.d.activity.corpZone(corpId);
    const keys = ruleCounterKeys(rules);
    const tagIds = [...new Set(rules.map((r) => r.tagId))];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const zones = await this.d.activity.zones(corpId, ids.slice(i, i + CHUNK));
      if (!zones.length) continue;
      const today = new Map(zones.map((z) => [z.id, localDay(at, z.timezone && isTimeZone(z.timezone) ? z.timezone : corpZone)]));
      const present = zones.map((z) => z.id);
      const [counts, carried] = await Promise.all([
        this.d.activity.counts(corpId, present, keys, earliestDay(rules, [...today.values()])!),
        this.d.tagging.carried(present, tagIds),
      ]);
      const customers = new Map<string, CustomerActivity & { counts: CustomerActivity['counts'][number][]; tags: CustomerActivity['tags'][number][] }>(
        present.map((id) => [id, { customerId: id, today: today.get(id)!, counts: [], tags: [] }]),
      );
      for (const c of counts) customers.get(c.customerId)?.counts.push(c);
      for (const t of carried) customers.get(t.customerId)?.tags.push(t);
      const plans = planBehaviourTags(rules, [...customers.values()]);
      const changes = await this.d.tagging.applyMany(
        corpId,
        plans.map((p) => ({ customerId: p.customerId, add: p.add.map((a) => ({ tagId: a.tagId, source: 'behaviour' as const, evidence: a.evidence })), remove: p.remove, removeSources: ['behaviour'] as const })),
        at,
      );
      summary.customers += present.length;
      for (const c of changes) {
        summary.added += c.added.length;
        summary.removed += c.removed.length;
      }
    }
    return summary;
  }

  /**
   * Evaluates every customer a rule might change without an event of theirs: those with counts of
   * a rule's counter inside the longest window (a new or edited rule) and those carrying a tag a
   * removeWhenFalse rule may take off (the window moved on). For a daily job and after rules change.
   */
  async sweep(corpId: string, at: Date): Promise<EvaluationSummary> {
    const total: EvaluationSummary = { customers: 0, added: 0, removed: 0 };
    const rules = await this.plannedRules(corpId);
    if (!rules.length) return total;
    // A day before the corp's window covers customers in zones up to a day behind it.
    const from = addDays(earliestDay(rules, [localDay(at, await this.d.activity.corpZone(corpId))])!, -1);
    const removable = [...new Set(rules.filter((r) => r.definition.removeWhenFalse).map((r) => r.tagId))];
    const pages = [
      (after: string) => this.d.activity.customersCounting(corpId, ruleCounterKeys(rules), from, after, CHUNK),
      (after: string) => this.d.tagging.customersCarrying(removable, 'behaviour', after, CHUNK),
    ];
    for (const page of pages) {
      let after = '';
      for (;;) {
        const batch = await page(after);
        if (!batch.length) break;
        const s = await this.evaluate(corpId, batch, at);
        total.customers += s.customers;
        total.added += s.added;
        total.removed += s.removed;
        if (batch.length < CHUNK) break;
        after = batch[batch.length - 1]!;
      }
    }
    return total;
  }

  /**
   * Creates the default rules for a corp that has none. Rules whose tag the corp's dictionary lacks
   * are left out. Ids are derived from the corp and the rule, so two processes doing this at once
   * create each rule once.
   */
  async ensureDefaults(corpId: string, at: Date): Promise<number> {
    if (await this.d.rules.hasAny(corpId)) return 0;
    const dictionary = await this.d.dictionary.dictionary(corpId);
    const rows: BehaviourRule[] = defaultBehaviourRules
      .filter((r) => resolveTagRef(dictionary, r.definition.tag))
      .map((r) => ({ id: stableId(`${corpId}:behaviour_rule:${r.key}`), corpId, name: r.name, enabled: true, definition: JSON.stringify(r.definition), createdAt: at, updatedAt: at }));
    const created = await this.d.rules.insertIfAbsent(rows);
    if (created) this.d.onChanged?.(corpId);
    return created;
  }

  /** Enabled rules with their tags found in the dictionary (rules naming a missing tag are skipped). */
  private async plannedRules(corpId: string): Promise<PlannedRule[]> {
    const rows = (await this.d.rules.list(corpId)).filter((r) => r.enabled);
    if (!rows.length) return [];
    const dictionary = await this.d.dictionary.dictionary(corpId);
    return rows.flatMap((r) => {
      const definition = parse(r.definition);
      const tag = definition && resolveTagRef(dictionary, definition.tag);
      return definition && tag ? [{ id: r.id, name: r.name, definition, tagId: tag.id }] : [];
    });
  }

  private async check(corpId: string, input: BehaviourRuleInput, id: string | null): Promise<DictionaryTag> {
    const tag = resolveTagRef(await this.d.dictionary.dictionary(corpId), input.definition.tag);
    if (!tag) throw new DomainError('bad_request', `The tag "${input.definition.tag.group}/${input.definition.tag.name}" is not in the tag dictionary`, [{ path: 'body.definition.tag', message: 'not in the tag dictionary' }]);
    const clash = (await this.d.rules.list(corpId)).find((r) => r.name === input.name && r.id !== id);
    if (clash) throw new DomainError('conflict', `A behaviour rule named "${input.name}" exists already`);
    return tag;
  }
}

function parse(json: string): BehaviourRuleDefinition | null {
  try {
    const parsed = behaviourRuleDefinitionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function view(r: BehaviourRule): BehaviourRuleView | null {
  const definition = parse(r.definition);
  return definition ? { id: r.id, name: r.name, enabled: r.enabled, definition, updatedAt: r.updatedAt.toISOString() } : null;
}

/** A UUID-shaped id derived from a name (v5-like), for rows several processes may create at once. */
function stableId(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

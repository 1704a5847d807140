import { segmentRuleSchema, type SegmentInput, type SegmentMembers, type SegmentMembersQuery, type SegmentRule, type SegmentView } from '@lodestar/shared';
import { fromDbTime } from '../db/naming';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { localDay } from '../platform/local-day';
import type { CounterDefinition } from './counter-key';
import type { CustomerScope } from './customer-scope';
import { compileRule, RuleError, ruleCounters, ruleTags, ruleValidationError, type CompiledRule, type RuleContext } from './segment-rule.sql';
import { chunks, type MembershipChange, type SegmentRepository } from './segment.repository';
import type { Segment } from './segment.entity';

export type { MembershipChange } from './segment.repository';

/** Told of every customer who entered or left a segment (journeys turn these into segment.entered / segment.left). */
export type MembershipHook = (corpId: string, changes: MembershipChange[]) => Promise<void>;

export interface SegmentServiceDeps {
  repo: SegmentRepository;
  clock: Clock;
  ids: IdGenerator;
  onMembership?: MembershipHook;
}

/** What a rule is evaluated against: the corp's local today, now, and the database's SQL dialect. */
export async function ruleContext(repo: SegmentRepository, clock: Clock, corpId: string): Promise<RuleContext> {
  const now = clock.now();
  return { today: localDay(now, await repo.corpTimezone(corpId)), now, dbType: repo.dialect() };
}

/**
 * Compiles a rule someone is saving, refusing (400, the path under `prefix`) a rule that makes no
 * sense or names a tag or tag group the corp does not have.
 */
export async function checkRule(repo: SegmentRepository, corpId: string, rule: SegmentRule, ctx: RuleContext, prefix: string): Promise<CompiledRule> {
  let compiled: CompiledRule;
  try {
    compiled = compileRule(rule, ctx);
  } catch (error) {
    if (error instanceof RuleError) throw ruleValidationError(error, prefix);
    throw error;
  }
  const refs = ruleTags(rule);
  if (refs.length) {
    const dict = await repo.tagDictionary(corpId);
    const inGroup = (group: string, g: { groupName: string; groupKey: string }) => g.groupName === group || g.groupKey === group;
    for (const ref of refs) {
      const known =
        ref.tag === undefined
          ? dict.groups.some((g) => g.name === ref.group || g.key === ref.group)
          : dict.tags.some((t) => t.tag === ref.tag && (ref.group === undefined || inGroup(ref.group, t)));
      if (!known) {
        const what = ref.tag === undefined ? `tag group "${ref.group}"` : ref.group === undefined ? `tag "${ref.tag}"` : `tag "${ref.tag}" in group "${ref.group}"`;
        throw ruleValidationError(new RuleError([...ref.path, ref.tag === undefined ? 'group' : 'tag'], `The corp has no ${what}`), prefix);
      }
    }
  }
  return compiled;
}

const conflict = (name: string): DomainError => new DomainError('conflict', `A segment named "${name}" already exists`);

/**
 * Segments: named rules over customers, with their members kept in segment_member. Members change
 * when customers change (refreshCustomers, after each ingest batch) and when time moves windows
 * along (refreshSegment / refreshAll, on a schedule); either way the hook hears who entered and left.
 */
export class SegmentService {
  constructor(private readonly deps: SegmentServiceDeps) {}

  async list(corpId: string): Promise<SegmentView[]> {
    return (await this.deps.repo.list(corpId)).map(view);
  }

  async get(corpId: string, id: string): Promise<SegmentView> {
    return view(await this.found(corpId, id));
  }

  /** Creates the segment and fills it at once. */
  async create(corpId: string, input: SegmentInput): Promise<SegmentView> {
    const { repo, clock, ids } = this.deps;
    await checkRule(repo, corpId, input.rule, await ruleContext(repo, clock, corpId), 'body.rule');
    if (await repo.nameTaken(corpId, input.name)) throw conflict(input.name);
    const at = clock.now();
    const segment: Segment = { id: ids.next(), corpId, name: input.name, description: input.description ?? null, rule: JSON.stringify(input.rule), memberCount: 0, refreshedAt: null, createdAt: at, updatedAt: at };
    if (!(await repo.save(segment, true))) throw conflict(input.name);
    await this.refreshSegment(corpId, segment.id);
    return this.get(corpId, segment.id);
  }

  /** Replaces name, description and rule; the members are rebuilt at once. */
  async update(corpId: string, id: string, input: SegmentInput): Promise<SegmentView> {
    const { repo, clock } = this.deps;
    const segment = await this.found(corpId, id);
    await checkRule(repo, corpId, input.rule, await ruleContext(repo, clock, corpId), 'body.rule');
    if (await repo.nameTaken(corpId, input.name, id)) throw conflict(input.name);
    const next: Segment = { ...segment, name: input.name, description: input.description ?? null, rule: JSON.stringify(input.rule), updatedAt: clock.now() };
    if (!(await repo.save(next, false))) throw conflict(input.name);
    await this.refreshSegment(corpId, id);
    return this.get(corpId, id);
  }

  /** Deletes the segment and its members (no `left` changes: the segment itself is gone). */
  async remove(corpId: string, id: string): Promise<void> {
    if (!(await this.deps.repo.remove(corpId, id))) throw notFound('Segment');
  }

  /** How many customers of the corp a rule would hold, and the first ten the caller may see. */
  async preview(scope: CustomerScope, rule: SegmentRule): Promise<{ count: number; sample: Array<{ id: string; name: string }> }> {
    const { repo, clock } = this.deps;
    const compiled = await checkRule(repo, scope.corpId, rule, await ruleContext(repo, clock, scope.corpId), 'body.rule');
    const [count, sample] = await Promise.all([repo.countMatching(scope.corpId, compiled), repo.sampleMatching(scope, compiled, 10)]);
    return { count, sample };
  }

  async members(scope: CustomerScope, id: string, q: SegmentMembersQuery): Promise<SegmentMembers> {
    await this.found(scope.corpId, id);
    const { rows, total } = await this.deps.repo.members(scope, id, q.limit, q.offset);
    return { total, items: rows.map((r) => ({ id: r.id, name: r.name, stage: r.stage as SegmentMembers['items'][number]['stage'], enteredAt: fromDbTime(r.enteredAt).toISOString() })) };
  }

  /**
   * Re-evaluates every segment of the corp for just these customers: per chunk of ids one query
   * per segment plus one for the stored memberships, then batched writes. Merged customers leave.
   */
  async refreshCustomers(corpId: string, customerIds: readonly string[]): Promise<MembershipChange[]> {
    const { repo, clock } = this.deps;
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return [];
    const segments = await repo.list(corpId);
    if (segments.length === 0) return [];
    const ctx = await ruleContext(repo, clock, corpId);
    const { compiled, broken } = compileAll(segments, ctx);
    const changes: MembershipChange[] = [];
    for (const chunk of chunks(ids)) {
      const stored = new Map<string, Set<string>>();
      for (const m of await repo.membershipsAmong(corpId, chunk)) stored.set(m.segmentId, (stored.get(m.segmentId) ?? new Set()).add(m.customerId));
      for (const { segment, rule } of compiled) {
        const now = new Set(await repo.matchingAmong(corpId, rule, chunk));
        changes.push(...diff(segment.id, stored.get(segment.id) ?? new Set(), now));
      }
    }
    await repo.applyMembership(corpId, changes, clock.now());
    await this.tell(corpId, changes);
    if (broken.length) throw brokenSegments(broken);
    return changes;
  }

  /** Rebuilds one segment from scratch: time windows move without any event, so this runs on a schedule. */
  async refreshSegment(corpId: string, segmentId: string): Promise<MembershipChange[]> {
    const { repo, clock } = this.deps;
    const segment = await this.found(corpId, segmentId);
    const { compiled, broken } = compileAll([segment], await ruleContext(repo, clock, corpId));
    if (broken.length) throw brokenSegments(broken);
    const [now, stored] = await Promise.all([repo.matchingAll(corpId, compiled[0]!.rule), repo.memberIds(segmentId)]);
    const changes = diff(segmentId, new Set(stored), new Set(now));
    await repo.applyMembership(corpId, changes, clock.now(), segmentId);
    await this.tell(corpId, changes);
    return changes;
  }

  /** Rebuilds every segment of the corp (the scheduled job). */
  async refreshAll(corpId: string): Promise<{ segments: number; entered: number; left: number }> {
    let entered = 0;
    let left = 0;
    const segments = await this.deps.repo.list(corpId);
    for (const s of segments) {
      for (const c of await this.refreshSegment(corpId, s.id)) {
        if (c.change === 'entered') entered += 1;
        else left += 1;
      }
    }
    return { segments: segments.length, entered, left };
  }

  /** The filtered counters the corp's segments read; ingest must count them (see countersFor). */
  async counterDefinitions(corpId: string): Promise<CounterDefinition[]> {
    const out = new Map<string, CounterDefinition>();
    for (const s of await this.deps.repo.list(corpId)) {
      const parsed = segmentRuleSchema.safeParse(JSON.parse(s.rule));
      if (parsed.success) for (const d of ruleCounters(parsed.data)) out.set(d.key, d);
    }
    return [...out.values()];
  }

  private async found(corpId: string, id: string): Promise<Segment> {
    const segment = await this.deps.repo.find(corpId, id);
    if (!segment) throw notFound('Segment');
    return segment;
  }

  private async tell(corpId: string, changes: MembershipChange[]): Promise<void> {
    if (changes.length && this.deps.onMembership) await this.deps.onMembership(corpId, changes);
  }
}

function view(s: Segment): SegmentView {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rule: JSON.parse(s.rule) as SegmentRule,
    memberCount: Number(s.memberCount),
    refreshedAt: s.refreshedAt ? fromDbTime(s.refreshedAt).toISOString() : null,
    updatedAt: fromDbTime(s.updatedAt).toISOString(),
  };
}

function diff(segmentId: string, before: ReadonlySet<string>, after: ReadonlySet<string>): MembershipChange[] {
  const out: MembershipChange[] = [];
  for (const id of after) if (!before.has(id)) out.push({ segmentId, customerId: id, change: 'entered' });
  for (const id of before) if (!after.has(id)) out.push({ segmentId, customerId: id, change: 'left' });
  return out;
}

/**
 * Stored rules were checked when saved; one that no longer parses or compiles (the language
 * changed under it) is skipped so the others still refresh, and reported once they have.
 */
function compileAll(segments: readonly Segment[], ctx: RuleContext): { compiled: Array<{ segment: Segment; rule: CompiledRule }>; broken: Array<{ segment: Segment; error: string }> } {
  const compiled: Array<{ segment: Segment; rule: CompiledRule }> = [];
  const broken: Array<{ segment: Segment; error: string }> = [];
  for (const segment of segments) {
    try {
      compiled.push({ segment, rule: compileRule(segmentRuleSchema.parse(JSON.parse(segment.rule)), ctx) });
    } catch (error) {
      broken.push({ segment, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { compiled, broken };
}

function brokenSegments(broken: ReadonlyArray<{ segment: Segment; error: string }>): Error {
  return new Error(`Segment rules that no longer compile: ${broken.map((b) => `${b.segment.name} (${b.segment.id}): ${b.error}`).join('; ')}`);
}

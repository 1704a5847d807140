import {
  journeyDefinitionSchema,
  stepEdges,
  validateJourney,
  type EnrolResult,
  type Journey,
  type JourneyDefinition,
  type JourneyInput,
  type JourneyPosition,
  type JourneyStats,
  type SegmentRule,
} from '@lodestar/shared';
import { checkRule, ruleCounters, type CounterDefinition, type RuleContext, type SegmentRepository } from '../customers';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { EnrolmentService, EnrolTarget } from './enrolment.service';
import { JourneyRow } from './journey.entity';
import type { JourneyRepository } from './journey.repository';
import type { PositionFilter, PositionListRepository } from './position-list.repository';
import type { PositionRepository } from './position.repository';
import { isValidScheduleCron } from './schedule.plan';
import type { StepStatRepository } from './step-stat.repository';
import { JourneyVersionRow } from './journey-version.entity';

export interface JourneyServiceDeps {
  repo: JourneyRepository;
  positions: PositionRepository;
  positionList: PositionListRepository;
  stats: StepStatRepository;
  enrolment: EnrolmentService;
  segments: SegmentRepository;
  ruleContext: (corpId: string) => Promise<RuleContext>;
  /** Enrols the customers a rule holds (JourneyTriggers.enrolAudience). */
  enrolAudience: (target: EnrolTarget, audience: SegmentRule) => Promise<number>;
  clock: Clock;
  ids: IdGenerator;
}

/** Every segment rule a definition holds, with where it is (for a clear 400). */
function rulesOf(def: JourneyDefinition): Array<{ rule: SegmentRule; path: string }> {
  const out: Array<{ rule: SegmentRule; path: string }> = [];
  if (def.trigger.type === 'schedule') out.push({ rule: def.trigger.audience, path: 'body.definition.trigger.audience' });
  if (def.exit?.rule) out.push({ rule: def.exit.rule, path: 'body.definition.exit.rule' });
  def.steps.forEach((s, i) => {
    if (s.type === 'branch') s.branches.forEach((b, j) => out.push({ rule: b.when, path: `body.definition.steps.${i}.branches.${j}.when` }));
    // A tag step's tags must be in the dictionary: checked as the rule "carries this tag".
    if (s.type === 'tag') [...s.add, ...s.remove].forEach((tag) => out.push({ rule: { type: 'tag', tag, ...(s.group ? { group: s.group } : {}) }, path: `body.definition.steps.${i}` }));
  });
  return out;
}

/** Journeys: drafts validated on save, immutable published versions, pause and resume, enrolment and stats. */
export class JourneyService {
  constructor(private readonly d: JourneyServiceDeps) {}

  async list(corpId: string): Promise<Array<Omit<Journey, 'definition' | 'versions'> & { active: number; entered: number }>> {
    const rows = await this.d.repo.list(corpId);
    return Promise.all(
      rows.map(async (r) => {
        const counts = await this.d.repo.positionCounts(r.id);
        const sum = (f: (s: string) => boolean) => counts.filter((c) => f(c.status)).reduce((n, c) => n + c.n, 0);
        const { definition: _definition, versions: _versions, ...rest } = this.view(r, []);
        return { ...rest, active: sum((s) => s === 'active' || s === 'waiting'), entered: sum(() => true) };
      }),
    );
  }

  async get(corpId: string, id: string): Promise<Journey> {
    const row = await this.row(corpId, id);
    const versions = await this.d.repo.versions(id);
    const counts = await this.d.repo.positionCounts(id);
    return this.view(
      row,
      versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy, customers: counts.filter((c) => c.versionId === v.id).reduce((n, c) => n + c.n, 0) })),
    );
  }

  async create(corpId: string, input: JourneyInput, template: string | null = null): Promise<Journey> {
    const definition = await this.check(corpId, input.definition);
    if (await this.d.repo.byName(corpId, input.name)) throw new DomainError('conflict', `A journey named "${input.name}" exists already`);
    const now = this.d.clock.now();
    const row = Object.assign(new JourneyRow(), {
      id: this.d.ids.next(),
      corpId,
      name: input.name,
      description: input.description ?? null,
      status: 'draft' as const,
      definition: JSON.stringify(definition),
      liveVersionId: null,
      liveVersion: null,
      template,
      scheduledUpTo: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.d.repo.insert(row);
    return this.get(corpId, row.id);
  }

  /** Saves the draft; customers on published versions are not touched. */
  async update(corpId: string, id: string, input: JourneyInput): Promise<Journey> {
    const row = await this.row(corpId, id);
    if (row.status === 'archived') throw new DomainError('conflict', 'An archived journey cannot be edited');
    const definition = await this.check(corpId, input.definition);
    const other = await this.d.repo.byName(corpId, input.name);
    if (other && other.id !== id) throw new DomainError('conflict', `A journey named "${input.name}" exists already`);
    await this.d.repo.update(corpId, id, { name: input.name, description: input.description ?? null, definition: JSON.stringify(definition), updatedAt: this.d.clock.now() });
    return this.get(corpId, id);
  }

  /** Publishes the draft as the next immutable version and makes it live. */
  async publish(corpId: string, id: string, by: string | null): Promise<Journey> {
    const row = await this.row(corpId, id);
    if (row.status === 'archived') throw new DomainError('conflict', 'An archived journey cannot be published');
    const definition = await this.check(corpId, journeyDefinitionSchema.parse(JSON.parse(row.definition)));
    const versions = await this.d.repo.versions(id);
    const now = this.d.clock.now();
    const version = Object.assign(new JourneyVersionRow(), {
      id: this.d.ids.next(),
      corpId,
      journeyId: id,
      version: (versions.at(-1)?.version ?? 0) + 1,
      definition: JSON.stringify(definition),
      publishedBy: by,
      publishedAt: now,
    });
    await this.d.repo.publish(version, now);
    // A schedule counts from publication: no burst of past fires.
    if (definition.trigger.type === 'schedule' && row.scheduledUpTo === null) await this.d.repo.update(corpId, id, { scheduledUpTo: now });
    // The segment's current members, on the first publication only (later ones keep the customers where they are).
    const t = definition.trigger;
    if (t.type === 'segment' && t.includeMembers && version.version === 1) {
      await this.d.enrolAudience({ corpId, journeyId: id, journeyName: row.name, versionId: version.id, version: 1, definition }, { type: 'segment', segmentId: t.segmentId });
    }
    return this.get(corpId, id);
  }

  async pause(corpId: string, id: string): Promise<Journey> {
    const row = await this.row(corpId, id);
    if (row.status !== 'live') throw new DomainError('conflict', `Only a live journey can be paused (this one is ${row.status})`);
    await this.d.repo.update(corpId, id, { status: 'paused', updatedAt: this.d.clock.now() });
    await this.d.positions.pause(id);
    return this.get(corpId, id);
  }

  async resume(corpId: string, id: string): Promise<Journey> {
    const row = await this.row(corpId, id);
    if (row.status !== 'paused') throw new DomainError('conflict', `Only a paused journey can be resumed (this one is ${row.status})`);
    await this.d.repo.update(corpId, id, { status: 'live', updatedAt: this.d.clock.now() });
    await this.d.positions.resume(id);
    return this.get(corpId, id);
  }

  async archive(corpId: string, id: string): Promise<Journey> {
    await this.row(corpId, id);
    await this.d.repo.update(corpId, id, { status: 'archived', updatedAt: this.d.clock.now() });
    // Customers still inside leave at their next step (the runner exits rows of archived journeys).
    await this.d.positions.resume(id);
    return this.get(corpId, id);
  }

  /** Parked customers (failed sends, broken steps) back onto their step, and rows without a wake time made due. */
  async resumeCustomers(corpId: string, id: string, positionIds?: readonly string[]): Promise<{ parked: number; stuck: number }> {
    await this.row(corpId, id);
    const now = this.d.clock.now();
    const parked = await this.d.positions.resumeParked(id, now, positionIds);
    const stuck = await this.d.positions.resumeStuck(id, now);
    return { parked, stuck };
  }

  async enrol(corpId: string, id: string, customerIds: readonly string[], instanceKey?: string): Promise<EnrolResult> {
    const row = await this.row(corpId, id);
    if (row.status !== 'live' || !row.liveVersionId) throw new DomainError('conflict', 'Customers can only be enrolled in a live journey: publish it first');
    const version = await this.d.repo.version(row.liveVersionId);
    const known = new Set(await this.d.segments.matchingAmong(corpId, { sql: '1 = 1', params: [] }, customerIds));
    const result = await this.d.enrolment.enrol(
      { corpId, journeyId: id, journeyName: row.name, versionId: version!.id, version: version!.version, definition: journeyDefinitionSchema.parse(JSON.parse(version!.definition)) },
      customerIds.filter((c) => known.has(c)),
      instanceKey ?? '',
    );
    return { enrolled: result.enrolled, skipped: [...customerIds.filter((c) => !known.has(c)).map((customerId) => ({ customerId, reason: 'no such customer' })), ...result.skipped] };
  }

  /** Who is where: a page of the journey's positions, newest entries first. */
  async positionsOf(corpId: string, id: string, filter: PositionFilter): Promise<{ items: JourneyPosition[]; total: number }> {
    await this.row(corpId, id);
    return this.d.positionList.list(id, filter);
  }

  /** The filtered counters the journeys' rules read (branches, audiences, exits); ingest must count them. */
  async counterDefinitions(corpId: string): Promise<CounterDefinition[]> {
    const out = new Map<string, CounterDefinition>();
    for (const raw of await this.d.repo.definitionsInUse(corpId)) {
      const parsed = journeyDefinitionSchema.safeParse(JSON.parse(raw));
      if (parsed.success) for (const { rule } of rulesOf(parsed.data)) for (const c of ruleCounters(rule)) out.set(c.key, c);
    }
    return [...out.values()];
  }

  /** Per step: entered, waiting, passed, exited, parked, converted, each edge and send outcome; the goal against the holdout. */
  async stats(corpId: string, id: string, versionNumber?: number): Promise<JourneyStats> {
    const row = await this.row(corpId, id);
    const versions = await this.d.repo.versions(id);
    const version = versionNumber === undefined ? versions.find((v) => v.id === row.liveVersionId) ?? versions.at(-1) : versions.find((v) => v.version === versionNumber);
    if (versionNumber !== undefined && !version) throw notFound(`Version ${versionNumber}`);
    const definition = journeyDefinitionSchema.parse(JSON.parse(version?.definition ?? row.definition));
    const metrics = version ? await this.d.stats.ofJourney(id, version.id) : [];
    const waiting = version ? await this.d.positions.waitingBySteps(version.id) : new Map<string, number>();
    const get = (stepId: string, metric: string) => metrics.find((m) => m.stepId === stepId && m.metric === metric)?.count ?? 0;
    const statuses = version ? await this.d.positions.statusCounts(version.id) : new Map<string, number>();
    const goal = version && definition.goal ? await this.d.positions.goalCounts(version.id) : null;
    const rate = (c: number, n: number) => (n === 0 ? 0 : Math.round((c / n) * 10_000) / 100);
    return {
      journeyId: id,
      version: version?.version ?? null,
      customers: {
        total: [...statuses.values()].reduce((a, b) => a + b, 0),
        active: statuses.get('active') ?? 0,
        waiting: statuses.get('waiting') ?? 0,
        parked: statuses.get('parked') ?? 0,
        done: statuses.get('done') ?? 0,
        exited: statuses.get('exited') ?? 0,
        holdout: statuses.get('holdout') ?? 0,
      },
      goal:
        goal && definition.goal
          ? {
              event: definition.goal.event,
              treated: { customers: goal.treated, converted: goal.treatedConverted, rate: rate(goal.treatedConverted, goal.treated) },
              holdout: { customers: goal.holdout, converted: goal.holdoutConverted, rate: rate(goal.holdoutConverted, goal.holdout) },
              uplift: goal.holdout === 0 || goal.treated === 0 ? null : Math.round((rate(goal.treatedConverted, goal.treated) - rate(goal.holdoutConverted, goal.holdout)) * 100) / 100,
            }
          : null,
      steps: definition.steps.map((s) => ({
        stepId: s.id,
        type: s.type,
        name: s.name ?? null,
        entered: get(s.id, 'entered'),
        waiting: waiting.get(s.id) ?? 0,
        passed: get(s.id, 'passed'),
        exited: get(s.id, 'exited') + get(s.id, 'holdout'),
        parked: get(s.id, 'parked'),
        converted: get(s.id, 'converted'),
        edges: stepEdges(s).map((e) => ({ label: e.label, to: e.to, count: get(s.id, `edge:${e.label}`) })),
        sends: Object.fromEntries(['sent', 'held', 'skipped', 'dropped', 'failed'].map((o) => [o, get(s.id, `send:${o}`)]).filter(([, n]) => (n as number) > 0)),
      })),
    };
  }

  private async row(corpId: string, id: string): Promise<JourneyRow> {
    const row = await this.d.repo.get(corpId, id);
    if (!row) throw notFound('Journey');
    return row;
  }

  /** The graph validator, the rules (compiled as the runner will), segments that must exist and cron expressions: every problem as a 400 with its path. */
  private async check(corpId: string, def: JourneyDefinition): Promise<JourneyDefinition> {
    const issues = validateJourney(def);
    if (def.trigger.type === 'schedule' && def.trigger.schedule.kind === 'cron' && !isValidScheduleCron(def.trigger.schedule.expr)) {
      issues.push({ path: ['trigger', 'schedule', 'expr'], stepId: null, message: 'Not a valid five-field cron expression' });
    }
    if (issues.length) {
      throw new DomainError(
        'bad_request',
        `The journey has ${issues.length} problem${issues.length > 1 ? 's' : ''}: ${issues.map((i) => i.message).join('; ')}`,
        issues.map((i) => ({ path: ['body', 'definition', ...i.path].join('.'), message: i.message })),
      );
    }
    const ctx = { ...(await this.d.ruleContext(corpId)), allowSegments: true };
    for (const { rule, path } of rulesOf(def)) await checkRule(this.d.segments, corpId, rule, ctx, path);
    const segmentIds = [...(def.trigger.type === 'segment' ? [def.trigger.segmentId] : []), ...rulesOf(def).flatMap(({ rule }) => segmentRefs(rule))];
    for (const sid of segmentIds) if (!(await this.d.segments.find(corpId, sid))) throw new DomainError('bad_request', `No segment with id ${sid}`, [{ path: 'body.definition', message: `unknown segment ${sid}` }]);
    return def;
  }

  private view(r: JourneyRow, versions: Journey['versions']): Journey {
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      status: r.status,
      definition: journeyDefinitionSchema.parse(JSON.parse(r.definition)),
      liveVersion: r.liveVersion,
      versions,
      template: r.template,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

function segmentRefs(rule: SegmentRule): string[] {
  switch (rule.type) {
    case 'all':
    case 'any':
      return rule.rules.flatMap(segmentRefs);
    case 'not':
      return segmentRefs(rule.rule);
    case 'segment':
      return [rule.segmentId];
    default:
      return [];
  }
}

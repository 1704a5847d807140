import { leadMiningRunSchema, leadSourceDefinitionSchema, type LeadSource, type LeadSourceInput } from '@lodestar/shared';
import { fromDbTime } from '../db/naming';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { defaultLeadSources, handoffLeadSource } from './default-lead-sources';
import type { LeadSourceRecord } from './lead-source.entity';
import type { LeadSourceRepository } from './lead-source.repository';

export interface LeadSourceServiceDeps {
  repo: LeadSourceRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** What DELETE did: removed a source no lead came from, or only disabled one that has leads. */
export interface SourceRemoval {
  id: string;
  deleted: boolean;
  disabled: boolean;
}

const conflict = (name: string): DomainError => new DomainError('conflict', `A lead source named "${name}" already exists`);
const invalid = (path: string, message: string): DomainError => new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/** Admin-defined lead sources: what each looks for, its line and seat group, and its last run. */
export class LeadSourceService {
  constructor(private readonly d: LeadSourceServiceDeps) {}

  async list(corpId: string): Promise<LeadSource[]> {
    const [rows, open] = await Promise.all([this.d.repo.list(corpId), this.d.repo.openLeadCounts(corpId)]);
    return rows.map((r) => view(r, open.get(r.id) ?? 0));
  }

  async get(corpId: string, id: string): Promise<LeadSource> {
    const row = await this.found(corpId, id);
    return view(row, (await this.d.repo.openLeadCounts(corpId)).get(id) ?? 0);
  }

  async create(corpId: string, input: LeadSourceInput): Promise<LeadSource> {
    await this.check(corpId, input, null);
    if (await this.d.repo.nameTaken(corpId, input.name)) throw conflict(input.name);
    const at = this.d.clock.now();
    const row = record(this.d.ids.next(), corpId, input, at);
    if (!(await this.d.repo.insert(row))) throw conflict(input.name);
    return this.get(corpId, row.id);
  }

  /** Replaces the source; its leads keep pointing at it (and keep their detail). */
  async update(corpId: string, id: string, input: LeadSourceInput): Promise<LeadSource> {
    const existing = await this.found(corpId, id);
    await this.check(corpId, input, existing);
    if (await this.d.repo.nameTaken(corpId, input.name, id)) throw conflict(input.name);
    const patch = { name: input.name, enabled: input.enabled, productLine: input.productLine, seatGroupId: input.seatGroupId, definition: JSON.stringify(input.definition), updatedAt: this.d.clock.now() };
    if (!(await this.d.repo.update(corpId, id, patch))) throw conflict(input.name);
    return this.get(corpId, id);
  }

  /**
   * Deletes a source no lead came from. One with leads is only disabled: every lead names its
   * source (the console shows it, reports count by it, scoring learns from it), so the row stays.
   */
  async remove(corpId: string, id: string): Promise<SourceRemoval> {
    await this.found(corpId, id);
    if (await this.d.repo.hasLeads(corpId, id)) {
      await this.d.repo.disable(corpId, id, this.d.clock.now());
      return { id, deleted: false, disabled: true };
    }
    if (!(await this.d.repo.remove(corpId, id))) throw notFound('Lead source');
    return { id, deleted: true, disabled: false };
  }

  /** The four example sources, for a corp that has no source at all; true when it created any. */
  async ensureDefaults(corpId: string, now: Date): Promise<boolean> {
    // Only a corp that finds no leads at all gets them; names are unique, so none is made twice.
    // The built-in hand-off source finds nothing by itself, so it does not count.
    if ((await this.d.repo.list(corpId)).some((s) => s.enabled && kindOf(s) !== 'handoff')) return false;
    let created = false;
    // Another process may seed at the same time: the unique name keeps one of each. A millisecond
    // apart, so they list in this order.
    for (const [i, input] of defaultLeadSources.entries()) {
      created = (await this.d.repo.insert(record(this.d.ids.next(), corpId, input, new Date(now.getTime() + i)))) || created;
    }
    return created;
  }

  /**
   * The corp's built-in journey hand-off source, made on first use. Two processes may make it at
   * once: the unique name keeps one, and the loser reads it. The oldest hand-off source wins when
   * there are several. Whether it is enabled does not matter: it only names where leads came from.
   */
  async ensureHandoffSource(corpId: string, now: Date): Promise<LeadSourceRecord> {
    const existing = await this.handoffSource(corpId);
    if (existing) return existing;
    const row = record(this.d.ids.next(), corpId, handoffLeadSource, now);
    if (await this.d.repo.insert(row)) return row;
    const raced = await this.handoffSource(corpId);
    if (raced) return raced;
    throw new DomainError('conflict', `Another lead source is named "${handoffLeadSource.name}": rename it so journeys can hand customers over`);
  }

  private async handoffSource(corpId: string): Promise<LeadSourceRecord | null> {
    return (await this.d.repo.list(corpId)).find((s) => kindOf(s) === 'handoff') ?? null;
  }

  /**
   * What the schema cannot know: the seat group, segment and tag group a source names must be the
   * corp's, and a hand-off source is the built-in one (the first journey hand-off makes it), so an
   * admin may rename or re-line it but not make another.
   */
  private async check(corpId: string, input: LeadSourceInput, existing: LeadSourceRecord | null): Promise<void> {
    const { repo } = this.d;
    if (input.definition.kind === 'handoff' && (!existing || kindOf(existing) !== 'handoff')) {
      throw invalid('body.definition.kind', 'The journey hand-off source is built in: the first hand-off of a journey makes it');
    }
    if (input.seatGroupId !== null && !(await repo.seatGroupExists(corpId, input.seatGroupId))) throw invalid('body.seatGroupId', `The corp has no seat group ${input.seatGroupId}`);
    const d = input.definition;
    if (d.kind === 'segment' && !(await repo.segmentExists(corpId, d.segmentId))) throw invalid('body.definition.segmentId', `The corp has no segment ${d.segmentId}`);
    if (d.kind === 'coverage_gap' && !(await repo.tagGroupExists(corpId, d.tagGroup))) throw invalid('body.definition.tagGroup', `The corp has no tag group "${d.tagGroup}"`);
    if (d.kind === 'engagement_jump' && d.recentDays >= d.baselineDays) throw invalid('body.definition.recentDays', 'The recent window must be shorter than the baseline');
  }

  private async found(corpId: string, id: string): Promise<LeadSourceRecord> {
    const row = await this.d.repo.find(corpId, id);
    if (!row) throw notFound('Lead source');
    return row;
  }
}

/** The stored definition's kind, without parsing the rest (null when it is not JSON with a kind). */
function kindOf(r: LeadSourceRecord): string | null {
  try {
    const kind: unknown = (JSON.parse(r.definition) as { kind?: unknown } | null)?.kind;
    return typeof kind === 'string' ? kind : null;
  } catch {
    return null;
  }
}

function record(id: string, corpId: string, input: LeadSourceInput, at: Date): LeadSourceRecord {
  return {
    id,
    corpId,
    name: input.name,
    enabled: input.enabled,
    productLine: input.productLine,
    seatGroupId: input.seatGroupId,
    definition: JSON.stringify(input.definition),
    lastRun: null,
    createdAt: at,
    updatedAt: at,
  };
}

function view(r: LeadSourceRecord, openLeads: number): LeadSource {
  const lastRun = r.lastRun ? leadMiningRunSchema.safeParse(JSON.parse(r.lastRun)) : null;
  return {
    id: r.id,
    name: r.name,
    enabled: Boolean(r.enabled),
    productLine: r.productLine,
    seatGroupId: r.seatGroupId,
    definition: leadSourceDefinitionSchema.parse(JSON.parse(r.definition)),
    openLeads,
    lastRun: lastRun?.success ? lastRun.data : null,
    createdAt: fromDbTime(r.createdAt).toISOString(),
    updatedAt: fromDbTime(r.updatedAt).toISOString(),
  };
}

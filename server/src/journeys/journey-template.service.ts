import { journeyDefinitionSchema, type Journey, type SegmentRule } from '@lodestar/shared';
import type { SegmentService } from '../customers';
import { DomainError, notFound } from '../platform/errors';
import type { JourneyRepository } from './journey.repository';
import type { JourneyService } from './journey.service';
import { journeyTemplates } from './templates';

const SEGMENT_REF = /^segment:(.+)$/;

/** Replaces `segment:<key>` references with the ids of the segments the installer made. */
function resolveSegments(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const m = SEGMENT_REF.exec(value);
    if (!m) return value;
    const id = ids.get(m[1]!);
    if (!id) throw new Error(`the template refers to a segment it does not define: ${m[1]}`);
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolveSegments(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSegments(v, ids)]));
  return value;
}

/** The journeys that ship with the product, installed per corp with their segments. */
export class JourneyTemplateService {
  constructor(
    private readonly d: {
      repo: JourneyRepository;
      journeys: JourneyService;
      segments: SegmentService;
    },
  ) {}

  async list(corpId: string): Promise<Array<{ key: string; name: string; description: string; installed: string | null }>> {
    const installed = await this.d.repo.list(corpId);
    return journeyTemplates.map((t) => ({ key: t.key, name: t.name, description: t.description, installed: installed.find((j) => j.template === t.key)?.id ?? null }));
  }

  /** Makes the template's segments (reusing ones of the same name) and the journey as a draft. */
  async install(corpId: string, key: string): Promise<Journey> {
    const template = journeyTemplates.find((t) => t.key === key);
    if (!template) throw notFound(`Journey template ${key}`);
    if ((await this.d.repo.list(corpId)).some((j) => j.template === key)) throw new DomainError('conflict', `The template ${key} is installed already`);
    const existing = await this.d.segments.list(corpId);
    const ids = new Map<string, string>();
    for (const s of template.segments) {
      const same = existing.find((e) => e.name === s.name);
      const made = same ?? (await this.d.segments.create(corpId, { name: s.name, description: s.description, rule: s.rule as SegmentRule }));
      ids.set(s.key, made.id);
    }
    const definition = journeyDefinitionSchema.parse(resolveSegments(template.definition, ids));
    return this.d.journeys.create(corpId, { name: template.name, description: template.description, definition }, template.key);
  }
}

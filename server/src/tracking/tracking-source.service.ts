import { DomainError } from '../platform/errors';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { TrackingSource, TrackingSourceKind } from './tracking-source.entity';
import type { TrackingSourceRepository } from './tracking-source.repository';

const cacheMs = 30_000;

/** Which corp a Sensors project or a Segment write key belongs to (cached briefly: every request asks). */
export class TrackingSourceService {
  private readonly cache = new Map<string, { corpId: string | null; until: number }>();

  constructor(
    private readonly repo: TrackingSourceRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async resolve(kind: TrackingSourceKind, key: string): Promise<string | null> {
    const k = `${kind}:${key}`;
    const now = this.clock.now().getTime();
    const hit = this.cache.get(k);
    if (hit && hit.until > now) return hit.corpId;
    const row = await this.repo.find(kind, key);
    this.cache.set(k, { corpId: row?.corpId ?? null, until: now + cacheMs });
    return row?.corpId ?? null;
  }

  list(corpId: string): Promise<TrackingSource[]> {
    return this.repo.list(corpId);
  }

  async create(corpId: string, input: { kind: TrackingSourceKind; key: string; name: string }): Promise<TrackingSource> {
    const row: TrackingSource = { id: this.ids.next(), corpId, kind: input.kind, sourceKey: input.key, name: input.name, createdAt: this.clock.now() };
    if (!(await this.repo.insert(row))) throw new DomainError('conflict', `the ${input.kind} ${input.kind === 'sensors' ? 'project' : 'write key'} "${input.key}" is in use already`);
    this.cache.delete(`${input.kind}:${input.key}`);
    return row;
  }

  /** Creates the source unless some corp has it already (first start, several processes). */
  async ensure(corpId: string, kind: TrackingSourceKind, key: string, name: string): Promise<void> {
    if (await this.repo.find(kind, key)) return;
    await this.repo.insert({ id: this.ids.next(), corpId, kind, sourceKey: key, name, createdAt: this.clock.now() });
  }
}

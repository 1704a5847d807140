import type { TagSource } from '@lodestar/shared';
import type { IdGenerator } from '../platform/ids';
import type { CustomerTag } from './customer-tag.entity';
import type { CarriedTag, TaggingRepository } from './tagging.repository';

/** Tags put on and taken off one customer (tag ids). */
export interface CustomerTagsChange {
  customerId: string;
  added: string[];
  removed: string[];
}

/** A tag to put on a customer, with where it came from and why. */
export interface TagAddition {
  tagId: string;
  source: TagSource;
  evidence: string | null;
  confidence?: number | null;
  expiresAt?: Date | null;
}

/** What to change on one customer. */
export interface TagEdit {
  /** Put on unless the customer carries the tag already (from any source: never a duplicate). */
  add?: readonly TagAddition[];
  /** Tag ids to take off. */
  remove?: readonly string[];
  /** Take off only tags that came from these sources (a rule never takes what a person said). */
  removeSources?: readonly TagSource[];
}

/** Puts dictionary tags on customers, with where they came from and why. */
export class TaggingService {
  constructor(
    private readonly repo: TaggingRepository,
    private readonly ids: IdGenerator,
    /** Told of every change Lodestar makes, so it reaches WeCom and whoever else reacts. */
    private readonly onChange: (corpId: string, change: CustomerTagsChange) => Promise<void> = async () => undefined,
  ) {}

  /** Names not in the corp's tag dictionary (to refuse them before saving a rule). */
  async unknownTags(corpId: string, names: readonly string[]): Promise<string[]> {
    const found = new Set((await this.repo.tagsByName(corpId, names)).map((t) => t.name));
    return names.filter((n) => !found.has(n));
  }

  /** Tags the customer behind an external user id; returns how many tags were new. */
  async tagByExternalId(corpId: string, externalUserId: string, names: readonly string[], source: TagSource, evidence: string, at: Date): Promise<number> {
    const customerId = await this.repo.customerIdByExternalId(corpId, externalUserId);
    if (!customerId) return 0;
    const added: string[] = [];
    for (const tag of await this.repo.tagsByName(corpId, names)) {
      const fresh = await this.repo.add({ id: this.ids.next(), customerId, tagId: tag.id, source, evidence, confidence: null, createdAt: at, expiresAt: null });
      if (fresh) added.push(tag.id);
    }
    if (added.length) await this.onChange(corpId, { customerId, added, removed: [] });
    return added.length;
  }

  /** The customers' current tags (every source), of some tags only when `tagIds` is given. */
  carried(customerIds: readonly string[], tagIds?: readonly string[]): Promise<CarriedTag[]> {
    return this.repo.carried(customerIds, tagIds);
  }

  /** A page of customers (by id, after `after`) carrying one of the tags from a source. */
  customersCarrying(tagIds: readonly string[], source: TagSource, after: string, limit: number): Promise<string[]> {
    return this.repo.customersCarrying(tagIds, source, after, limit);
  }

  /** Changes one customer's tags and tells the change hook once; returns what changed. */
  async apply(corpId: string, customerId: string, edit: TagEdit, at: Date): Promise<CustomerTagsChange> {
    const [change] = await this.applyMany(corpId, [{ customerId, ...edit }], at);
    return change ?? { customerId, added: [], removed: [] };
  }

  /**
   * Changes many customers' tags with a few statements (one read, one insert and one delete per
   * 500 rows), then tells the change hook once per customer that changed. Returns those changes.
   */
  async applyMany(corpId: string, edits: ReadonlyArray<TagEdit & { customerId: string }>, at: Date): Promise<CustomerTagsChange[]> {
    const touched = edits.filter((e) => e.add?.length || e.remove?.length);
    if (!touched.length) return [];
    const tagIds = [...new Set(touched.flatMap((e) => [...(e.add ?? []).map((a) => a.tagId), ...(e.remove ?? [])]))];
    const current = await this.repo.carried([...new Set(touched.map((e) => e.customerId))], tagIds);
    const row = new Map(current.map((c) => [`${c.customerId}\u0000${c.tagId}`, c]));

    const inserts: CustomerTag[] = [];
    const deletes: CarriedTag[] = [];
    for (const e of touched) {
      const seen = new Set<string>();
      for (const a of e.add ?? []) {
        if (seen.has(a.tagId) || row.has(`${e.customerId}\u0000${a.tagId}`)) continue;
        seen.add(a.tagId);
        inserts.push({ id: this.ids.next(), customerId: e.customerId, tagId: a.tagId, source: a.source, evidence: a.evidence?.slice(0, 500) ?? null, confidence: a.confidence ?? null, createdAt: at, expiresAt: a.expiresAt ?? null });
      }
      for (const tagId of new Set(e.remove ?? [])) {
        const carried = row.get(`${e.customerId}\u0000${tagId}`);
        if (carried && (!e.removeSources || e.removeSources.includes(carried.source))) deletes.push(carried);
      }
    }
    const added = await this.repo.addMany(inserts);
    if (deletes.length) await this.repo.removeRows(deletes.map((d) => d.id));

    const changes = new Map<string, CustomerTagsChange>();
    const changeOf = (customerId: string): CustomerTagsChange => {
      let c = changes.get(customerId);
      if (!c) changes.set(customerId, (c = { customerId, added: [], removed: [] }));
      return c;
    };
    for (const a of added) changeOf(a.customerId).added.push(a.tagId);
    for (const d of deletes) changeOf(d.customerId).removed.push(d.tagId);
    for (const change of changes.values()) await this.onChange(corpId, change);
    return [...changes.values()];
  }

  /** Takes a tag off every customer (the tag is leaving the dictionary); returns how many had it. */
  async removeEverywhere(corpId: string, tagId: string): Promise<number> {
    const customerIds = await this.repo.removeEverywhere(tagId);
    for (const customerId of customerIds) await this.onChange(corpId, { customerId, added: [], removed: [tagId] });
    return customerIds.length;
  }
}

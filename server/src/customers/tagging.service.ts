import type { TagSource } from '@lodestar/shared';
import type { IdGenerator } from '../platform/ids';
import type { TaggingRepository } from './tagging.repository';

/** Puts dictionary tags on customers, with where they came from and why. */
export interface CustomerTagsChange {
  customerId: string;
  added: string[];
  removed: string[];
}

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
}

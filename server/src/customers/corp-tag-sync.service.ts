import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { WecomApiPort } from '../wecom';
import { importedGroupKey, planTagSync } from './corp-tag-sync.plan';
import type { CorpTagSyncRepository } from './corp-tag-sync.repository';

export interface TagSyncSummary {
  imported: number;
  linked: number;
  pushed: number;
  deleted: number;
}

/** Keeps the tag dictionary and WeCom's corp tags in step, both ways. */
export class CorpTagSyncService {
  constructor(
    private readonly repo: CorpTagSyncRepository,
    private readonly wecom: WecomApiPort,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Reconciles the whole dictionary with WeCom: at the first sync and on every tag callback. */
  async reconcile(corpId: string): Promise<TagSyncSummary> {
    const now = this.clock.now();
    const plan = planTagSync(await this.repo.local(corpId), await this.wecom.listCorpTags());
    const summary: TagSyncSummary = { imported: 0, linked: 0, pushed: 0, deleted: plan.deleteTagIds.length };
    for (const g of plan.groups) {
      if (g.localId) await this.repo.updateGroup(g.localId, { wecomGroupId: g.wecomGroupId, name: g.name });
      else await this.repo.insertGroup({ id: this.ids.next(), corpId, key: importedGroupKey(g.wecomGroupId), name: g.name.slice(0, 64), source: 'static', wecomGroupId: g.wecomGroupId, sort: 100, createdAt: now });
    }
    for (const t of plan.tags) {
      const group = await this.repo.groupByWecomId(corpId, t.wecomGroupId);
      if (!group) continue;
      if (t.localId) {
        await this.repo.updateTag(t.localId, { wecomTagId: t.wecomTagId, name: t.name });
        summary.linked += 1;
      } else {
        await this.repo.insertTag({ id: this.ids.next(), corpId, groupId: group.id, name: t.name.slice(0, 64), wecomTagId: t.wecomTagId, sort: 0, createdAt: now });
        summary.imported += 1;
      }
    }
    await this.repo.delete(plan.deleteTagIds, plan.deleteGroupIds);
    for (const id of plan.unlinkTagIds) await this.repo.updateTag(id, { wecomTagId: null });
    for (const p of plan.push) {
      const created = await this.wecom.addCorpTags(p.wecomGroupId ? { groupId: p.wecomGroupId } : { groupName: p.groupName }, p.tags.map((t) => t.name));
      await this.repo.updateGroup(p.localGroupId, { wecomGroupId: created.groupId });
      for (const t of p.tags) {
        const remote = created.tags.find((r) => r.name === t.name);
        if (remote) {
          await this.repo.updateTag(t.localId, { wecomTagId: remote.id });
          summary.pushed += 1;
        }
      }
    }
    return summary;
  }

  /**
   * Mirrors tags Lodestar put on or took off a customer onto every agent's relationship in WeCom
   * (mark_tag). The relationship's remembered WeCom tags are updated too, so the edit callback
   * WeCom sends back changes nothing.
   */
  async pushCustomerTags(customerId: string, addedTagIds: string[], removedTagIds: string[]): Promise<number> {
    const tags = await this.repo.tagsByIds([...addedTagIds, ...removedTagIds]);
    const wecomId = new Map(tags.filter((t) => t.wecomTagId).map((t) => [t.id, t.wecomTagId!]));
    const add = addedTagIds.flatMap((id) => (wecomId.has(id) ? [wecomId.get(id)!] : []));
    const remove = removedTagIds.flatMap((id) => (wecomId.has(id) ? [wecomId.get(id)!] : []));
    if (!add.length && !remove.length) return 0;
    let marked = 0;
    for (const f of await this.repo.activeFollows(customerId)) {
      const next = [...new Set([...f.wecomTagIds.filter((id) => !remove.includes(id)), ...add])];
      await this.wecom.markTags(f.userId, f.externalUserId, add, remove);
      await this.repo.setFollowTags(f.followId, next);
      marked += 1;
    }
    return marked;
  }
}

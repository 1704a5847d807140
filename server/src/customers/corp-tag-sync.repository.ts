import { In, type DataSource } from 'typeorm';
import { StaffMember } from '../org';
import type { LocalTagGroup } from './corp-tag-sync.plan';
import { CustomerFollow } from './customer-follow.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerTag } from './customer-tag.entity';
import { TagGroup } from './tag-group.entity';
import { Tag } from './tag.entity';

/** The tag dictionary as the corp-tag sync sees it, and its writes. */
export class CorpTagSyncRepository {
  constructor(private readonly ds: DataSource) {}

  async local(corpId: string): Promise<LocalTagGroup[]> {
    const groups = await this.ds.getRepository(TagGroup).find({ where: { corpId }, order: { sort: 'ASC', createdAt: 'ASC' } });
    const tags = await this.ds.getRepository(Tag).find({ where: { corpId }, order: { sort: 'ASC' } });
    return groups.map((g) => ({ id: g.id, key: g.key, name: g.name, wecomGroupId: g.wecomGroupId, tags: tags.filter((t) => t.groupId === g.id).map((t) => ({ id: t.id, name: t.name, wecomTagId: t.wecomTagId })) }));
  }

  insertGroup(g: TagGroup): Promise<unknown> {
    return this.ds.getRepository(TagGroup).insert(g);
  }

  updateGroup(id: string, patch: Partial<Pick<TagGroup, 'name' | 'wecomGroupId'>>): Promise<unknown> {
    return this.ds.getRepository(TagGroup).update({ id }, patch);
  }

  groupByWecomId(corpId: string, wecomGroupId: string): Promise<TagGroup | null> {
    return this.ds.getRepository(TagGroup).findOne({ where: { corpId, wecomGroupId } });
  }

  insertTag(t: Tag): Promise<unknown> {
    return this.ds.getRepository(Tag).insert(t);
  }

  updateTag(id: string, patch: Partial<Pick<Tag, 'name' | 'wecomTagId' | 'groupId'>>): Promise<unknown> {
    return this.ds.getRepository(Tag).update({ id }, patch);
  }

  /** Deletes tags and groups together with the customers' tags. */
  async delete(tagIds: string[], groupIds: string[]): Promise<void> {
    if (!tagIds.length && !groupIds.length) return;
    await this.ds.transaction(async (em) => {
      if (tagIds.length) {
        await em.delete(CustomerTag, { tagId: In(tagIds) });
        await em.delete(Tag, { id: In(tagIds) });
      }
      if (groupIds.length) await em.delete(TagGroup, { id: In(groupIds) });
    });
  }

  async tagsByIds(ids: string[]): Promise<Tag[]> {
    return ids.length ? this.ds.getRepository(Tag).find({ where: { id: In(ids) } }) : [];
  }

  /** The customer's active WeCom relationships: agent, external user id and the tags WeCom has. */
  async activeFollows(customerId: string): Promise<Array<{ followId: string; userId: string; externalUserId: string; wecomTagIds: string[] }>> {
    const follows = await this.ds.getRepository(CustomerFollow).find({ where: { customerId, status: 'active' } });
    if (!follows.length) return [];
    const identity = await this.ds.getRepository(CustomerIdentity).findOne({ where: { customerId, kind: 'external_userid' } });
    if (!identity) return [];
    const staff = await this.ds.getRepository(StaffMember).find({ where: { id: In(follows.map((f) => f.staffId)) } });
    const userIds = new Map(staff.map((s) => [s.id, s.wecomUserId]));
    return follows.map((f) => ({ followId: f.id, userId: userIds.get(f.staffId) ?? '', externalUserId: identity.value, wecomTagIds: f.wecomTagIds ?? [] })).filter((f) => f.userId);
  }

  async setFollowTags(followId: string, wecomTagIds: string[]): Promise<void> {
    await this.ds.getRepository(CustomerFollow).update({ id: followId }, { wecomTagIds });
  }
}

import { contactSecrets, int, str, strs, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeTag, type FakeTagGroup, type FakeTenantData } from './wecom-fake.state';

/** Corp tags (企业客户标签): groups of tags, as the admin console and the API change them. */
export class FakeCorpTags {
  constructor(private readonly d: FakeTenantData) {}

  list(filter: { tagIds?: string[]; groupIds?: string[] } = {}): FakeTagGroup[] {
    const tagIds = filter.tagIds ?? [];
    const groupIds = filter.groupIds ?? [];
    const sorted = [...this.d.tagGroups].sort((a, b) => a.order - b.order || a.createTime - b.createTime);
    if (groupIds.length > 0) return sorted.filter((g) => groupIds.includes(g.id));
    if (tagIds.length > 0) return sorted.map((g) => ({ ...g, tags: g.tags.filter((t) => tagIds.includes(t.id)) })).filter((g) => g.tags.length > 0);
    return sorted;
  }

  /**
   * Adds tags to a group (by id), or to the group of that name, creating it when there is none.
   * Returns the group with the new tags only, and whether the group is new.
   */
  add(group: { groupId?: string; groupName?: string; order?: number }, tags: Array<{ name: string; order?: number }>): { group: FakeTagGroup; added: FakeTag[]; groupCreated: boolean } {
    if (tags.length === 0 || tags.some((t) => !t.name || t.name.length > 30)) refuse(40058, 'tag names must be 1 to 30 characters');
    const now = this.d.seconds();
    let g: FakeTagGroup | undefined;
    let groupCreated = false;
    if (group.groupId) g = this.d.tagGroupById(group.groupId) ?? refuse(40068, `invalid tag group id: ${group.groupId}`);
    else {
      const name = group.groupName ?? '';
      if (!name || name.length > 30) refuse(40058, 'group_name must be 1 to 30 characters');
      g = this.d.tagGroups.find((x) => x.name === name);
      if (!g) {
        g = { id: fakeId('et', 32), name, order: group.order ?? this.d.tagGroups.length, createTime: now, tags: [] };
        this.d.tagGroups.push(g);
        groupCreated = true;
      }
    }
    const names = tags.map((t) => t.name);
    if (new Set(names).size !== names.length || g.tags.some((t) => names.includes(t.name))) refuse(40071, 'tag name already exists in this group');
    const added = tags.map((t, i) => ({ id: fakeId('et', 32), name: t.name, order: t.order ?? g.tags.length + i, createTime: now }));
    g.tags.push(...added);
    return { group: g, added, groupCreated };
  }

  /** Renames a tag or a group; answers which it was. */
  rename(id: string, name: string, order?: number): 'tag' | 'tag_group' {
    if (!name || name.length > 30) refuse(40058, 'name must be 1 to 30 characters');
    const found = this.d.tagById(id);
    if (found) {
      if (found.group.tags.some((t) => t.name === name && t.id !== id)) refuse(40071, 'tag name already exists in this group');
      found.tag.name = name;
      if (order !== undefined) found.tag.order = order;
      return 'tag';
    }
    const g = this.d.tagGroupById(id) ?? refuse(40068, `invalid tagid: ${id}`);
    if (this.d.tagGroups.some((x) => x.name === name && x.id !== id)) refuse(40071, 'tag group name already exists');
    g.name = name;
    if (order !== undefined) g.order = order;
    return 'tag_group';
  }

  /** Deletes tags and groups (a group whose last tag goes is deleted too) and takes them off every customer. */
  delete(ids: { tagIds?: string[]; groupIds?: string[] }): void {
    const tagIds = ids.tagIds ?? [];
    const groupIds = ids.groupIds ?? [];
    if (tagIds.length === 0 && groupIds.length === 0) refuse(40058, 'tag_id or group_id is required');
    for (const id of tagIds) if (!this.d.tagById(id)) refuse(40068, `invalid tagid: ${id}`);
    for (const id of groupIds) if (!this.d.tagGroupById(id)) refuse(40068, `invalid tag group id: ${id}`);
    const gone = new Set(tagIds);
    for (const g of this.d.tagGroups) if (groupIds.includes(g.id)) for (const t of g.tags) gone.add(t.id);
    for (const g of this.d.tagGroups) g.tags = g.tags.filter((t) => !gone.has(t.id));
    const emptied = this.d.tagGroups.filter((g) => g.tags.length === 0 || groupIds.includes(g.id));
    for (const g of emptied) this.d.tagGroups.splice(this.d.tagGroups.indexOf(g), 1);
    for (const r of this.d.relationships.values()) if (r.tagIds.some((t) => gone.has(t))) r.tagIds = r.tagIds.filter((t) => !gone.has(t));
  }

  /** Whether an id names a tag, a group, or nothing. */
  kindOf(id: string): 'tag' | 'tag_group' | null {
    return this.d.tagById(id) ? 'tag' : this.d.tagGroupById(id) ? 'tag_group' : null;
  }
}

const wxTag = (t: FakeTag) => ({ id: t.id, name: t.name, create_time: t.createTime, order: t.order, deleted: false });

export function wxTagGroup(g: FakeTagGroup, tags: FakeTag[] = g.tags): Record<string, unknown> {
  return { group_id: g.id, group_name: g.name, create_time: g.createTime, order: g.order, deleted: false, tag: tags.map(wxTag) };
}

/** The corp tag family's endpoints. */
export function tagEndpoints(tags: FakeCorpTags): FakeEndpoint[] {
  const ec = '/externalcontact';
  return [
    {
      method: 'post',
      path: `${ec}/get_corp_tag_list`,
      secrets: contactSecrets,
      handle: ({ body }) => ({ tag_group: tags.list({ tagIds: strs(body, 'tag_id'), groupIds: strs(body, 'group_id') }).map((g) => wxTagGroup(g)) }),
    },
    {
      method: 'post',
      path: `${ec}/add_corp_tag`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const list = Array.isArray(body.tag) ? (body.tag as unknown[]).map((t) => (t && typeof t === 'object' ? (t as Record<string, unknown>) : {})) : [];
        const groupId = str(body, 'group_id');
        const { group, added } = tags.add(
          { ...(groupId ? { groupId } : { groupName: str(body, 'group_name') }), ...(body.order !== undefined ? { order: int(body, 'order', 0) } : {}) },
          list.map((t) => ({ name: str(t, 'name'), ...(t.order !== undefined ? { order: int(t, 'order', 0) } : {}) })),
        );
        return { tag_group: wxTagGroup(group, added) };
      },
    },
    {
      method: 'post',
      path: `${ec}/edit_corp_tag`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        tags.rename(str(body, 'id'), str(body, 'name'), body.order !== undefined ? int(body, 'order', 0) : undefined);
        return {};
      },
    },
    {
      method: 'post',
      path: `${ec}/del_corp_tag`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        tags.delete({ tagIds: strs(body, 'tag_id'), groupIds: strs(body, 'group_id') });
        return {};
      },
    },
  ];
}

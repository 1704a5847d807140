import { defaultTagDictionary, type TagSource } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { WecomApiError, type WecomApiPort } from '../wecom';
import { resolveTagRef } from './behaviour-rule.plan';
import type { BehaviourRuleRepository } from './behaviour-rule.repository';
import type { TagDictionaryRepository, RuleRewrite } from './tag-dictionary.repository';
import type { TagGroup } from './tag-group.entity';
import type { Tag } from './tag.entity';
import type { TaggingService } from './tagging.service';

export interface TagView {
  id: string;
  name: string;
  sort: number;
  wecomTagId: string | null;
  /** How many customers carry it. */
  customers: number;
}

export interface TagGroupView {
  id: string;
  key: string;
  name: string;
  source: TagSource;
  sort: number;
  wecomGroupId: string | null;
  tags: TagView[];
}

export interface TagDictionaryDeps {
  repo: TagDictionaryRepository;
  rules: BehaviourRuleRepository;
  tagging: TaggingService;
  clock: Clock;
  ids: IdGenerator;
  /**
   * WeCom's corp tags, when the dictionary is mirrored there: a new tag is created in WeCom, a
   * renamed or deleted tag linked to WeCom changes there first (else the next tag sync would undo it).
   */
  wecom?: Pick<WecomApiPort, 'addCorpTags' | 'renameCorpTag' | 'deleteCorpTags'>;
}

/** The corp's tag dictionary, edited by admins and read by every staff role. */
export class TagDictionaryService {
  constructor(private readonly d: TagDictionaryDeps) {}

  async list(corpId: string): Promise<TagGroupView[]> {
    const [groups, tags, usage] = await Promise.all([this.d.repo.groups(corpId), this.d.repo.tags(corpId), this.d.repo.usage(corpId)]);
    return groups.map((g) => groupView(g, tags.filter((t) => t.groupId === g.id), usage));
  }

  async createGroup(corpId: string, input: { key: string; name: string; source: TagSource }): Promise<TagGroupView> {
    await this.refuseGroupName(corpId, input.name, null);
    const group: TagGroup = { id: this.d.ids.next(), corpId, key: input.key, name: input.name, source: input.source, wecomGroupId: null, sort: await this.d.repo.nextGroupSort(corpId), createdAt: this.d.clock.now() };
    if (!(await this.d.repo.insertGroup(group))) throw new DomainError('conflict', `A tag group with key "${input.key}" exists already`);
    return groupView(group, [], new Map());
  }

  /** Renames, re-sorts or re-sources a group; rules naming it by its old name follow the rename. */
  async updateGroup(corpId: string, id: string, patch: { name?: string | undefined; source?: TagSource | undefined; sort?: number | undefined }): Promise<TagGroupView> {
    const group = await this.d.repo.group(corpId, id);
    if (!group) throw notFound('Tag group');
    const renamed = patch.name !== undefined && patch.name !== group.name;
    if (renamed) await this.refuseGroupName(corpId, patch.name!, id);
    const rewrites = renamed ? await this.ruleRewrites(corpId, (ref) => (ref.group === group.name ? { ...ref, group: patch.name! } : null)) : [];
    const unlink = renamed && group.wecomGroupId && this.d.wecom ? await unknownToWecom(this.d.wecom.renameCorpTag(group.wecomGroupId, patch.name!)) : false;
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.source !== undefined ? { source: patch.source } : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
      ...(unlink ? { wecomGroupId: null } : {}),
    };
    await this.d.repo.updateGroup(id, changes, rewrites);
    return (await this.list(corpId)).find((g) => g.id === id)!;
  }

  async createTag(corpId: string, input: { groupId: string; name: string }): Promise<TagView & { groupId: string }> {
    const group = await this.d.repo.group(corpId, input.groupId);
    if (!group) throw notFound('Tag group');
    if ((await this.d.repo.tagsNamed(corpId, input.name)).some((t) => t.groupId === group.id)) throw duplicate(input.name, group.name);
    let wecomTagId: string | null = null;
    if (this.d.wecom) {
      // Into the linked WeCom group, or a WeCom group of this name (created when there is none,
      // or when the linked one is gone: WeCom drops a group with its last tag).
      const byName = () => this.d.wecom!.addCorpTags({ groupName: group.name }, [input.name]);
      const created = group.wecomGroupId
        ? await this.d.wecom.addCorpTags({ groupId: group.wecomGroupId }, [input.name]).catch((error: unknown) => {
            if (error instanceof WecomApiError && error.errcode === 40068) return byName();
            throw error;
          })
        : await byName();
      wecomTagId = created.tags.find((t) => t.name === input.name)?.id ?? null;
      if (group.wecomGroupId !== created.groupId) await this.d.repo.updateGroup(group.id, { wecomGroupId: created.groupId });
    }
    const tag: Tag = { id: this.d.ids.next(), corpId, groupId: group.id, name: input.name, wecomTagId, sort: await this.d.repo.nextTagSort(group.id), createdAt: this.d.clock.now() };
    if (!(await this.d.repo.insertTag(tag))) throw duplicate(input.name, group.name);
    return { ...tagView(tag, new Map()), groupId: group.id };
  }

  /** Renames or re-sorts a tag; rules naming it follow the rename. */
  async updateTag(corpId: string, id: string, patch: { name?: string | undefined; sort?: number | undefined }): Promise<TagView & { groupId: string }> {
    const tag = await this.d.repo.tag(corpId, id);
    if (!tag) throw notFound('Tag');
    const renamed = patch.name !== undefined && patch.name !== tag.name;
    const group = (await this.d.repo.group(corpId, tag.groupId))!;
    if (renamed && (await this.d.repo.tagsNamed(corpId, patch.name!)).some((t) => t.groupId === tag.groupId)) throw duplicate(patch.name!, group.name);
    const rewrites = renamed ? await this.ruleRewrites(corpId, (ref, resolved) => (resolved === tag.id ? { ...ref, name: patch.name! } : null)) : [];
    const unlink = renamed && tag.wecomTagId && this.d.wecom ? await unknownToWecom(this.d.wecom.renameCorpTag(tag.wecomTagId, patch.name!)) : false;
    const changes = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.sort !== undefined ? { sort: patch.sort } : {}), ...(unlink ? { wecomTagId: null } : {}) };
    if (!(await this.d.repo.updateTag(id, changes, rewrites))) throw duplicate(patch.name!, group.name);
    const usage = await this.d.repo.usage(corpId);
    return { ...tagView({ ...tag, ...changes }, usage), groupId: tag.groupId };
  }

  /**
   * Deletes a tag: refused while a behaviour rule gives it. It is taken off every customer first
   * (each removal told to the change hook while WeCom still knows the tag), then from WeCom, then here.
   */
  async deleteTag(corpId: string, id: string): Promise<{ removedFromCustomers: number }> {
    const tag = await this.d.repo.tag(corpId, id);
    if (!tag) throw notFound('Tag');
    const dictionary = await this.d.repo.dictionary(corpId);
    const users = (await this.d.rules.list(corpId)).filter((r) => resolveTagRef(dictionary, ruleTag(r.definition) ?? { group: '', name: '' })?.id === id);
    if (users.length) throw new DomainError('conflict', `The tag "${tag.name}" is given by the behaviour rule${users.length > 1 ? 's' : ''} ${users.map((r) => `"${r.name}"`).join(', ')}; change or delete ${users.length > 1 ? 'them' : 'it'} first`);
    const removedFromCustomers = await this.d.tagging.removeEverywhere(corpId, id);
    if (tag.wecomTagId && this.d.wecom) {
      await unknownToWecom(this.d.wecom.deleteCorpTags({ tagIds: [tag.wecomTagId] }));
      // WeCom drops a group with its last tag; a new tag here then creates the group there again.
      if (dictionary.filter((t) => t.groupId === tag.groupId).length === 1) await this.d.repo.updateGroup(tag.groupId, { wecomGroupId: null });
    }
    await this.d.repo.deleteTag(id);
    return { removedFromCustomers };
  }

  /**
   * Creates the default insurance dictionary for a corp with no tag groups. Safe when several
   * processes start at once: the first to commit wins and the others keep theirs out.
   */
  async ensureDefaults(corpId: string, at: Date): Promise<boolean> {
    if (await this.d.repo.hasGroups(corpId)) return false;
    const groups: TagGroup[] = [];
    const tags: Tag[] = [];
    defaultTagDictionary.forEach((g, gi) => {
      const group: TagGroup = { id: this.d.ids.next(), corpId, key: g.key, name: g.name, source: g.source, wecomGroupId: null, sort: gi, createdAt: at };
      groups.push(group);
      g.tags.forEach((name, ti) => tags.push({ id: this.d.ids.next(), corpId, groupId: group.id, name, wecomTagId: null, sort: ti, createdAt: at }));
    });
    return this.d.repo.insertDictionary(groups, tags);
  }

  /**
   * Adds one group with its tags where the corp lacks them (another domain's own tags, e.g. the
   * intent model's); WeCom gets them with the next tag sync. Safe when processes race.
   */
  async ensureGroup(corpId: string, g: { key: string; name: string; source: TagSource; tags: readonly string[] }, at: Date): Promise<void> {
    const find = async () => (await this.d.repo.groups(corpId)).find((x) => x.key === g.key);
    let group = await find();
    if (!group) {
      await this.d.repo.insertGroup({ id: this.d.ids.next(), corpId, key: g.key, name: g.name, source: g.source, wecomGroupId: null, sort: await this.d.repo.nextGroupSort(corpId), createdAt: at });
      group = await find();
    }
    if (!group) return;
    const have = new Set((await this.d.repo.dictionary(corpId)).filter((t) => t.groupId === group.id).map((t) => t.name));
    for (const [i, name] of g.tags.entries()) {
      if (!have.has(name)) await this.d.repo.insertTag({ id: this.d.ids.next(), corpId, groupId: group.id, name, wecomTagId: null, sort: i, createdAt: at });
    }
  }

  /** The dictionary tag an agent means by name, and group (key or name) when several groups have it. */
  async resolve(corpId: string, name: string, group?: string): Promise<{ id: string; name: string; groupName: string }> {
    const matches = (await this.d.repo.dictionary(corpId)).filter((t) => t.name === name);
    const chosen = group === undefined ? matches : matches.filter((t) => t.groupKey === group || t.groupName === group);
    if (!chosen.length) throw new DomainError('bad_request', `The tag "${group ? `${group}/` : ''}${name}" is not in the tag dictionary`, [{ path: 'body.tag', message: 'not in the tag dictionary' }]);
    if (chosen.length > 1) throw new DomainError('bad_request', `Several groups have a tag "${name}" (${chosen.map((t) => t.groupName).join(', ')}); say which with "group"`, [{ path: 'body.group', message: 'required: the tag name is ambiguous' }]);
    return { id: chosen[0]!.id, name: chosen[0]!.name, groupName: chosen[0]!.groupName };
  }

  private async refuseGroupName(corpId: string, name: string, exceptId: string | null): Promise<void> {
    if ((await this.d.repo.groups(corpId)).some((g) => g.name === name && g.id !== exceptId)) throw new DomainError('conflict', `A tag group named "${name}" exists already`);
  }

  /** Behaviour rules whose tag reference changes, resolved against the dictionary before the change. */
  private async ruleRewrites(corpId: string, change: (ref: { group: string; name: string }, resolvedTagId: string | null) => { group: string; name: string } | null): Promise<RuleRewrite[]> {
    const dictionary = await this.d.repo.dictionary(corpId);
    return (await this.d.rules.list(corpId)).flatMap((r) => {
      const tag = ruleTag(r.definition);
      const next = tag && change(tag, resolveTagRef(dictionary, tag)?.id ?? null);
      return next ? [{ id: r.id, definition: JSON.stringify({ ...(JSON.parse(r.definition) as object), tag: next }) }] : [];
    });
  }
}

function ruleTag(definition: string): { group: string; name: string } | null {
  try {
    return (JSON.parse(definition) as { tag?: { group: string; name: string } }).tag ?? null;
  } catch {
    return null;
  }
}

/** Waits for a WeCom call; true when WeCom no longer knows the tag or group (gone there already: go on here). */
async function unknownToWecom(call: Promise<void>): Promise<boolean> {
  try {
    await call;
    return false;
  } catch (error) {
    if (error instanceof WecomApiError && error.errcode === 40068) return true;
    throw error;
  }
}

const duplicate = (name: string, group: string): DomainError => new DomainError('conflict', `The group "${group}" has a tag "${name}" already`);

function tagView(t: Tag, usage: ReadonlyMap<string, number>): TagView {
  return { id: t.id, name: t.name, sort: t.sort, wecomTagId: t.wecomTagId, customers: usage.get(t.id) ?? 0 };
}

function groupView(g: TagGroup, tags: readonly Tag[], usage: ReadonlyMap<string, number>): TagGroupView {
  return { id: g.id, key: g.key, name: g.name, source: g.source, sort: g.sort, wecomGroupId: g.wecomGroupId, tags: tags.map((t) => tagView(t, usage)) };
}

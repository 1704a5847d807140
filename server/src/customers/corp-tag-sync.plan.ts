import type { WecomTagGroup } from '../wecom';

export interface LocalTagGroup {
  id: string;
  key: string;
  name: string;
  wecomGroupId: string | null;
  tags: Array<{ id: string; name: string; wecomTagId: string | null }>;
}

/** Key prefix of groups that came from WeCom (not from Lodestar's dictionary). */
export const importedGroupKey = (wecomGroupId: string): string => `wecom:${wecomGroupId}`.slice(0, 64);
const isImported = (g: LocalTagGroup): boolean => g.key.startsWith('wecom:');

export interface TagSyncPlan {
  /** Local groups to create from WeCom, or to link to a WeCom group of the same name. */
  groups: Array<{ localId: string | null; wecomGroupId: string; name: string }>;
  /** Local tags to create from WeCom, link, or rename. */
  tags: Array<{ localId: string | null; wecomGroupId: string; wecomTagId: string; name: string }>;
  /** Imported tags WeCom no longer has: deleted here too. */
  deleteTagIds: string[];
  deleteGroupIds: string[];
  /** Dictionary tags WeCom lost or never had: unlinked (when lost) and pushed again. */
  unlinkTagIds: string[];
  /** Dictionary tags to create in WeCom, by local group (into its WeCom group, or a new one by name). */
  push: Array<{ localGroupId: string; wecomGroupId: string | null; groupName: string; tags: Array<{ localId: string; name: string }> }>;
}

/**
 * Two-way reconciliation of the tag dictionary with WeCom's corp tags. WeCom is the truth for the
 * groups and tags that came from it (created, renamed, deleted there); Lodestar's dictionary is the
 * truth for its own tags, which are created in WeCom when missing so agents see them there too.
 * Matching is by WeCom id, then by name, so a first sync links instead of duplicating.
 */
export function planTagSync(local: readonly LocalTagGroup[], remote: readonly WecomTagGroup[]): TagSyncPlan {
  const plan: TagSyncPlan = { groups: [], tags: [], deleteTagIds: [], deleteGroupIds: [], unlinkTagIds: [], push: [] };
  const remoteGroupIds = new Set(remote.map((g) => g.groupId));
  const remoteTagIds = new Set(remote.flatMap((g) => g.tags.map((t) => t.id)));
  const linkedGroups = new Map(local.filter((g) => g.wecomGroupId).map((g) => [g.wecomGroupId!, g]));
  const usedLocal = new Set<string>();
  const groupFor = new Map<string, LocalTagGroup>();

  for (const rg of remote) {
    const lg = linkedGroups.get(rg.groupId) ?? local.find((g) => !g.wecomGroupId && g.name === rg.groupName && !usedLocal.has(g.id));
    if (lg) {
      usedLocal.add(lg.id);
      groupFor.set(rg.groupId, lg);
      if (lg.wecomGroupId !== rg.groupId || (isImported(lg) && lg.name !== rg.groupName)) plan.groups.push({ localId: lg.id, wecomGroupId: rg.groupId, name: isImported(lg) ? rg.groupName : lg.name });
    } else {
      plan.groups.push({ localId: null, wecomGroupId: rg.groupId, name: rg.groupName });
    }
    const localTags = lg?.tags ?? [];
    for (const rt of rg.tags) {
      const lt = localTags.find((t) => t.wecomTagId === rt.id) ?? localTags.find((t) => !t.wecomTagId && t.name === rt.name);
      if (!lt) plan.tags.push({ localId: null, wecomGroupId: rg.groupId, wecomTagId: rt.id, name: rt.name });
      else if (lt.wecomTagId !== rt.id || lt.name !== rt.name) plan.tags.push({ localId: lt.id, wecomGroupId: rg.groupId, wecomTagId: rt.id, name: lg && isImported(lg) ? rt.name : lt.name });
    }
  }

  const matchedByName = new Set(plan.tags.filter((p) => p.localId).map((p) => p.localId!));
  for (const lg of local) {
    if (isImported(lg)) {
      if (lg.wecomGroupId && !remoteGroupIds.has(lg.wecomGroupId)) {
        plan.deleteGroupIds.push(lg.id);
        plan.deleteTagIds.push(...lg.tags.map((t) => t.id));
        continue;
      }
      plan.deleteTagIds.push(...lg.tags.filter((t) => t.wecomTagId && !remoteTagIds.has(t.wecomTagId)).map((t) => t.id));
      continue;
    }
    const linkedHere = (t: LocalTagGroup['tags'][number]): boolean => !!t.wecomTagId && remoteTagIds.has(t.wecomTagId);
    const missing = lg.tags.filter((t) => !linkedHere(t) && !matchedByName.has(t.id));
    plan.unlinkTagIds.push(...missing.filter((t) => t.wecomTagId).map((t) => t.id));
    if (missing.length === 0) continue;
    const wecomGroupId = lg.wecomGroupId && remoteGroupIds.has(lg.wecomGroupId) ? lg.wecomGroupId : (plan.groups.find((g) => g.localId === lg.id)?.wecomGroupId ?? null);
    plan.push.push({ localGroupId: lg.id, wecomGroupId, groupName: lg.name, tags: missing.map((t) => ({ localId: t.id, name: t.name })) });
  }
  return plan;
}

import type { WecomContactOfAgent } from '../wecom';

/** What the database already knows about the customers and agents of one page from WeCom. */
export interface KnownContacts {
  /** external_userid → the customer behind it. */
  customers: ReadonlyMap<string, { id: string; name: string; ownerStaffId: string | null; gender: 'male' | 'female' | 'unknown' }>;
  /** WeCom user id → staff id. */
  staff: ReadonlyMap<string, string>;
  /** `${customerId}|${staffId}` → the relationship. */
  follows: ReadonlyMap<string, KnownFollow>;
  /** WeCom corp tag id → our tag id, for tags that are linked. */
  tags: ReadonlyMap<string, string>;
  /** unionids already held by some customer. */
  unionIds: ReadonlySet<string>;
}

export interface KnownFollow {
  id: string;
  status: string;
  remark: string | null;
  description: string | null;
  addWay: number | null;
  state: string | null;
  wecomTagIds: string[] | null;
}

/** Every write one page of WeCom relationships leads to; ids are filled in by the caller. */
export interface ContactImportPlan {
  newStaff: string[];
  newCustomers: Array<{ externalUserId: string; name: string; gender: 'male' | 'female' | 'unknown'; ownerUserId: string; addedAt: Date }>;
  customerUpdates: Array<{ externalUserId: string; name?: string; gender?: 'male' | 'female' | 'unknown'; ownerUserId?: string }>;
  newUnionIds: Array<{ externalUserId: string; unionId: string }>;
  follows: Array<{
    externalUserId: string;
    userId: string;
    existingId: string | null;
    remark: string | null;
    description: string | null;
    addWay: number;
    state: string | null;
    addedAt: Date;
    wecomTagIds: string[];
    /** Was not active before (new, or back after a delete). */
    activated: boolean;
  }>;
  /** Our tag ids to put on / take off a customer because an agent changed them in WeCom. */
  tagsAdded: Array<{ externalUserId: string; userId: string; tagId: string }>;
  tagsRemoved: Array<{ externalUserId: string; tagId: string }>;
}

const sameTags = (a: readonly string[] | null, b: readonly string[]): boolean => !!a && a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Decides how one page of WeCom relationships changes customers, agents, relationships and tags.
 * Pure: the same page over the same state gives the same plan, and applying a plan then planning
 * the same page again gives an empty plan (a resumed sync repeats nothing).
 */
export function planContactImport(items: readonly WecomContactOfAgent[], known: KnownContacts): ContactImportPlan {
  const plan: ContactImportPlan = { newStaff: [], newCustomers: [], customerUpdates: [], newUnionIds: [], follows: [], tagsAdded: [], tagsRemoved: [] };
  const staffSeen = new Set(known.staff.keys());
  const created = new Set<string>();
  const unionSeen = new Set(known.unionIds);
  const ownerSet = new Set<string>();
  for (const { profile, follow } of items) {
    const ext = profile.externalUserId;
    if (!staffSeen.has(follow.userId)) {
      staffSeen.add(follow.userId);
      plan.newStaff.push(follow.userId);
    }
    const customer = known.customers.get(ext);
    if (!customer && !created.has(ext)) {
      created.add(ext);
      ownerSet.add(ext);
      plan.newCustomers.push({ externalUserId: ext, name: profile.name || ext, gender: profile.gender, ownerUserId: follow.userId, addedAt: follow.addedAt });
    } else if (customer) {
      // A placeholder name (the external user id, from an add event before the profile was read) gives way to WeCom's.
      const update: ContactImportPlan['customerUpdates'][number] = { externalUserId: ext };
      if (profile.name && customer.name === ext) update.name = profile.name;
      if (customer.gender === 'unknown' && profile.gender !== 'unknown') update.gender = profile.gender;
      if (!customer.ownerStaffId && !ownerSet.has(ext)) {
        ownerSet.add(ext);
        update.ownerUserId = follow.userId;
      }
      if (Object.keys(update).length > 1) plan.customerUpdates.push(update);
    }
    if (profile.unionId && !unionSeen.has(profile.unionId)) {
      unionSeen.add(profile.unionId);
      plan.newUnionIds.push({ externalUserId: ext, unionId: profile.unionId });
    }

    const staffId = known.staff.get(follow.userId);
    const existing = customer && staffId ? known.follows.get(`${customer.id}|${staffId}`) : undefined;
    const remark = follow.remark || null;
    const description = follow.description || null;
    const state = follow.state ?? existing?.state ?? null;
    const unchanged =
      existing &&
      existing.status === 'active' &&
      existing.remark === remark &&
      existing.description === description &&
      existing.addWay === follow.addWay &&
      existing.state === state &&
      sameTags(existing.wecomTagIds, follow.tagIds);
    if (!unchanged) {
      plan.follows.push({
        externalUserId: ext,
        userId: follow.userId,
        existingId: existing?.id ?? null,
        remark,
        description,
        addWay: follow.addWay,
        state,
        addedAt: follow.addedAt,
        wecomTagIds: [...follow.tagIds],
        activated: existing?.status !== 'active',
      });
    }
    // Tags an agent added or removed in WeCom since we last looked.
    const before = new Set(existing?.wecomTagIds ?? []);
    const after = new Set(follow.tagIds);
    for (const id of after) {
      const tagId = known.tags.get(id);
      if (tagId && !before.has(id)) plan.tagsAdded.push({ externalUserId: ext, userId: follow.userId, tagId });
    }
    for (const id of before) {
      const tagId = known.tags.get(id);
      if (tagId && !after.has(id)) plan.tagsRemoved.push({ externalUserId: ext, tagId });
    }
  }
  return plan;
}

/** True when the plan writes nothing. */
export const isEmptyPlan = (p: ContactImportPlan): boolean =>
  p.newStaff.length + p.newCustomers.length + p.customerUpdates.length + p.newUnionIds.length + p.follows.length + p.tagsAdded.length + p.tagsRemoved.length === 0;

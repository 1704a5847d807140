import { contactSecrets, int, page, required, str, strs, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeContact, type FakeRelationship, type FakeTenantData } from './wecom-fake.state';

export interface NewContact {
  userId: string;
  /** Generated (wm…) when absent; an existing customer adds another agent. */
  externalUserId?: string;
  name: string;
  gender?: 'male' | 'female' | 'unknown';
  state?: string;
  remark?: string;
  unionId?: string;
  /** WeCom's add_way: 1 scanned a QR code (the default), 3 searched a phone number, … */
  addWay?: number;
}

/** Staff, customers and their relationships: WeCom's directory and follow users. */
export class FakeContacts {
  constructor(private readonly d: FakeTenantData) {}

  /** Active staff configured for customer contact. */
  followUserIds(): string[] {
    return [...this.d.staff.values()]
      .filter((s) => s.active)
      .map((s) => s.userId)
      .sort();
  }

  externalUserIdsOf(userId: string): string[] {
    this.d.staffMember(userId);
    return this.d.relationshipsOfAgent(userId).map((r) => r.externalUserId);
  }

  get(externalUserId: string): { contact: FakeContact; relationships: FakeRelationship[] } {
    return { contact: this.d.contact(externalUserId), relationships: this.d.relationshipsOfContact(externalUserId) };
  }

  /** A customer adds an agent (or an agent adds the customer): a relationship and a welcome code. */
  add(c: NewContact): { externalUserId: string; welcomeCode: string } {
    this.d.activeStaff(c.userId);
    if ((c.state ?? '').length > 30) refuse(40058, 'state exceeds 30 characters');
    const externalUserId = c.externalUserId ?? fakeId('wm', 32);
    const known = this.d.contacts.get(externalUserId);
    if (!known) {
      this.d.contacts.set(externalUserId, {
        externalUserId,
        name: c.name,
        type: 1,
        gender: c.gender === 'male' ? 1 : c.gender === 'female' ? 2 : 0,
        unionId: c.unionId ?? '',
        avatar: `https://sandbox.lodestar.local/avatar/${externalUserId}.png`,
        corpName: '',
        refusesHandover: false,
      });
    }
    const existing = this.d.relationship(externalUserId, c.userId);
    if (existing && !existing.deletedByCustomer) refuse(40058, `${externalUserId} is already a customer of ${c.userId}`);
    this.d.putRelationship({
      externalUserId,
      userId: c.userId,
      remark: c.remark ?? existing?.remark ?? '',
      description: existing?.description ?? '',
      createtime: this.d.seconds(),
      tagIds: existing?.tagIds ?? [],
      state: c.state ?? '',
      addWay: c.addWay ?? 1,
      remarkMobiles: [],
      deletedByCustomer: false,
    });
    return { externalUserId, welcomeCode: fakeId('WELCOME', 40) };
  }

  /** The agent edits the relationship in the WeCom client (remark, description, corp tags). */
  edit(userId: string, externalUserId: string, patch: { remark?: string; description?: string; addTagIds?: string[]; removeTagIds?: string[] }): void {
    this.d.contact(externalUserId);
    const r = this.d.requireRelationship(externalUserId, userId);
    if (patch.remark !== undefined) r.remark = patch.remark;
    if (patch.description !== undefined) r.description = patch.description;
    this.markTags(userId, externalUserId, patch.addTagIds ?? [], patch.removeTagIds ?? []);
  }

  markTags(userId: string, externalUserId: string, add: string[], remove: string[]): void {
    this.d.staffMember(userId);
    this.d.contact(externalUserId);
    const r = this.d.requireRelationship(externalUserId, userId);
    for (const id of [...add, ...remove]) if (!this.d.tagById(id)) refuse(40068, `invalid tagid: ${id}`);
    r.tagIds = [...new Set([...r.tagIds.filter((t) => !remove.includes(t)), ...add.filter((t) => !remove.includes(t))])];
  }

  /** The agent deleted the customer: the relationship is gone. */
  removeByAgent(userId: string, externalUserId: string): void {
    this.d.contact(externalUserId);
    this.d.requireRelationship(externalUserId, userId);
    this.d.deleteRelationship(externalUserId, userId);
  }

  /** The customer deleted the agent: WeCom still lists the relationship, but nothing reaches the customer. */
  removeByCustomer(userId: string, externalUserId: string): void {
    this.d.contact(externalUserId);
    this.d.requireRelationship(externalUserId, userId).deletedByCustomer = true;
  }

  /** The member leaves the corp: their customers wait for a resigned handover, their groups for a new owner. */
  staffLeft(userId: string): void {
    const s = this.d.activeStaff(userId);
    s.active = false;
    for (const g of this.d.groups.values()) if (g.owner === userId && !g.dismissed) g.status = 1;
  }
}

/** external_contact in WeCom's shape. */
export function wxContact(c: FakeContact): Record<string, unknown> {
  return {
    external_userid: c.externalUserId,
    name: c.name,
    type: c.type,
    gender: c.gender,
    avatar: c.avatar,
    ...(c.unionId ? { unionid: c.unionId } : {}),
    ...(c.type === 2 ? { corp_name: c.corpName, corp_full_name: c.corpName } : {}),
  };
}

function followCommon(r: FakeRelationship): Record<string, unknown> {
  return {
    userid: r.userId,
    remark: r.remark,
    description: r.description,
    createtime: r.createtime,
    remark_corp_name: '',
    remark_mobiles: r.remarkMobiles,
    oper_userid: r.addWay === 1 ? r.externalUserId : r.userId,
    add_way: r.addWay,
    ...(r.state ? { state: r.state } : {}),
  };
}

/** The contacts family's endpoints. */
export function contactEndpoints(d: FakeTenantData, contacts: FakeContacts): FakeEndpoint[] {
  const ec = '/externalcontact';
  return [
    { method: 'get', path: `${ec}/get_follow_user_list`, secrets: contactSecrets, handle: () => ({ follow_user: contacts.followUserIds() }) },
    { method: 'get', path: `${ec}/list`, secrets: contactSecrets, handle: ({ query }) => ({ external_userid: contacts.externalUserIdsOf(required(query, 'userid')) }) },
    {
      method: 'get',
      path: `${ec}/get`,
      secrets: contactSecrets,
      handle: async ({ query }) => {
        const contact = await d.knownContact(required(query, 'external_userid'));
        const relationships = d.relationshipsOfContact(contact.externalUserId);
        if (relationships.length === 0) refuse(84061, 'not external contact');
        // WeCom pages follow_user 500 at a time.
        const { items, next_cursor } = page(relationships, str(query, 'cursor'), 500);
        const follow_user = items.map((r) => ({
          ...followCommon(r),
          tags: r.tagIds.flatMap((id) => {
            const t = d.tagById(id);
            return t ? [{ group_name: t.group.name, tag_name: t.tag.name, tag_id: id, type: 1 }] : [];
          }),
        }));
        return { external_contact: wxContact(contact), follow_user, next_cursor };
      },
    },
    {
      method: 'post',
      path: `${ec}/batch/get_by_user`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const userIds = strs(body, 'userid_list');
        if (userIds.length === 0 || userIds.length > 100) refuse(40058, 'userid_list must hold 1 to 100 user ids');
        for (const u of userIds) d.staffMember(u);
        const limit = int(body, 'limit', 50);
        if (limit < 1 || limit > 100) refuse(40058, 'limit must be 1 to 100');
        const all = userIds.flatMap((u) => d.relationshipsOfAgent(u));
        const { items, next_cursor } = page(all, str(body, 'cursor'), limit);
        return {
          external_contact_list: items.map((r) => ({ external_contact: wxContact(d.contact(r.externalUserId)), follow_info: { ...followCommon(r), tag_id: r.tagIds } })),
          next_cursor,
          fail_info: { unlicensed_userid_list: [] },
        };
      },
    },
    {
      method: 'post',
      path: `${ec}/mark_tag`,
      secrets: contactSecrets,
      handle: async ({ body }) => {
        const userId = required(body, 'userid');
        const externalUserId = required(body, 'external_userid');
        d.staffMember(userId);
        await d.knownContact(externalUserId);
        contacts.markTags(userId, externalUserId, strs(body, 'add_tag'), strs(body, 'remove_tag'));
        return {};
      },
    },
  ];
}

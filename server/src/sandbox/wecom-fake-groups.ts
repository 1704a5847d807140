import { contactSecrets, int, obj, required, str, strs, page, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeGroupChat, type FakeTenantData } from './wecom-fake.state';

/** Customer groups (客户群): created, joined, left, renamed, dismissed, given to a new owner. */
export class FakeGroups {
  constructor(private readonly d: FakeTenantData) {}

  create(req: { ownerUserId: string; name: string; externalUserIds: string[]; staffUserIds?: string[] }): FakeGroupChat {
    this.d.activeStaff(req.ownerUserId);
    for (const u of req.staffUserIds ?? []) this.d.activeStaff(u);
    for (const e of req.externalUserIds) this.d.contact(e);
    const now = this.d.seconds();
    const chat: FakeGroupChat = {
      chatId: fakeId('wr', 32),
      name: req.name,
      owner: req.ownerUserId,
      createTime: now,
      notice: '',
      members: [{ userId: req.ownerUserId, type: 1, joinTime: now, joinScene: 1, invitor: null, nickname: '' }],
      admins: [],
      dismissed: false,
      status: 0,
    };
    for (const u of req.staffUserIds ?? []) if (u !== req.ownerUserId) chat.members.push({ userId: u, type: 1, joinTime: now, joinScene: 1, invitor: req.ownerUserId, nickname: '' });
    for (const e of new Set(req.externalUserIds)) chat.members.push({ userId: e, type: 2, joinTime: now, joinScene: 1, invitor: req.ownerUserId, nickname: '' });
    this.d.groups.set(chat.chatId, chat);
    return chat;
  }

  /**
   * Customers join: `joinScene` as the callback says it (0 invited by a member, 3 scanned the
   * group QR code). Returns the ones who were not members yet.
   */
  join(chatId: string, externalUserIds: string[], joinScene: 0 | 3, invitorUserId?: string): string[] {
    const chat = this.d.group(chatId);
    for (const e of externalUserIds) this.d.contact(e);
    const fresh = [...new Set(externalUserIds)].filter((e) => !chat.members.some((m) => m.userId === e));
    if (fresh.length === 0) refuse(40058, 'every one of them is a member already');
    const now = this.d.seconds();
    for (const e of fresh) chat.members.push({ userId: e, type: 2, joinTime: now, joinScene: joinScene === 3 ? 3 : 1, invitor: joinScene === 3 ? null : (invitorUserId ?? chat.owner), nickname: '' });
    return fresh;
  }

  /** Members leave (0) or are removed (1). Returns the ones who were members. */
  quit(chatId: string, userIds: string[]): string[] {
    const chat = this.d.group(chatId);
    const leaving = [...new Set(userIds)].filter((u) => chat.members.some((m) => m.userId === u) && u !== chat.owner);
    if (leaving.length === 0) refuse(40058, 'none of them is a member (the owner cannot leave)');
    chat.members = chat.members.filter((m) => !leaving.includes(m.userId));
    return leaving;
  }

  rename(chatId: string, name: string): void {
    if (!name) refuse(40058, 'name is required');
    this.d.group(chatId).name = name;
  }

  dismiss(chatId: string): void {
    this.d.group(chatId).dismissed = true;
  }

  /** Live groups, oldest first; statusFilter 0 is every status. */
  list(statusFilter: number, ownerIds: string[]): Array<{ chatId: string; status: number }> {
    return [...this.d.groups.values()]
      .filter((g) => !g.dismissed && (statusFilter === 0 || g.status === statusFilter) && (ownerIds.length === 0 || ownerIds.includes(g.owner)))
      .sort((a, b) => a.createTime - b.createTime || a.chatId.localeCompare(b.chatId))
      .map((g) => ({ chatId: g.chatId, status: g.status }));
  }

  /**
   * Gives groups to a new owner: of members who left (`resigned`), or of members still in service
   * (onjob_transfer). Per group that could not be, its errcode.
   */
  transfer(chatIds: string[], newOwner: string, resigned = true): Array<{ chatId: string; errcode: number; errmsg: string }> {
    if (chatIds.length === 0 || chatIds.length > 100) refuse(40058, 'chat_id_list must hold 1 to 100 ids');
    this.d.activeStaff(newOwner);
    const failed: Array<{ chatId: string; errcode: number; errmsg: string }> = [];
    for (const chatId of chatIds) {
      const chat = this.d.groups.get(chatId);
      if (!chat || chat.dismissed) failed.push({ chatId, errcode: 90501, errmsg: 'chat is not external group chat' });
      else if (resigned && this.d.staff.get(chat.owner)?.active !== false) failed.push({ chatId, errcode: 90500, errmsg: 'the owner of this chat is not resigned' });
      else if (!resigned && this.d.staff.get(chat.owner)?.active === false) failed.push({ chatId, errcode: 90507, errmsg: 'the owner of this chat has resigned: use groupchat/transfer' });
      else {
        chat.owner = newOwner;
        chat.status = 3;
        if (!chat.members.some((m) => m.userId === newOwner)) chat.members.push({ userId: newOwner, type: 1, joinTime: this.d.seconds(), joinScene: 1, invitor: null, nickname: '' });
      }
    }
    return failed;
  }
}

/** The customer group family's endpoints. */
export function groupEndpoints(d: FakeTenantData, groups: FakeGroups): FakeEndpoint[] {
  const gc = '/externalcontact/groupchat';
  return [
    {
      method: 'post',
      path: `${gc}/list`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const limit = int(body, 'limit', 0);
        if (limit < 1 || limit > 1000) refuse(40058, 'limit must be 1 to 1000');
        const owners = strs(obj(body, 'owner_filter'), 'userid_list');
        if (owners.length > 100) refuse(40058, 'owner_filter.userid_list holds at most 100 ids');
        const { items, next_cursor } = page(groups.list(int(body, 'status_filter', 0), owners), str(body, 'cursor'), limit);
        return { group_chat_list: items.map((g) => ({ chat_id: g.chatId, status: g.status })), next_cursor };
      },
    },
    {
      method: 'post',
      path: `${gc}/get`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const chat = d.group(required(body, 'chat_id'));
        const withNames = int(body, 'need_name', 0) === 1;
        const nameOf = (userId: string, type: 1 | 2): string => (type === 1 ? (d.staff.get(userId)?.name ?? userId) : (d.contacts.get(userId)?.name ?? ''));
        return {
          group_chat: {
            chat_id: chat.chatId,
            name: chat.name,
            owner: chat.owner,
            create_time: chat.createTime,
            notice: chat.notice,
            member_list: chat.members.map((m) => ({
              userid: m.userId,
              type: m.type,
              join_time: m.joinTime,
              join_scene: m.joinScene,
              ...(m.invitor ? { invitor: { userid: m.invitor } } : {}),
              group_nickname: m.nickname,
              ...(withNames ? { name: nameOf(m.userId, m.type) } : {}),
              ...(m.type === 2 && d.contacts.get(m.userId)?.unionId ? { unionid: d.contacts.get(m.userId)!.unionId } : {}),
            })),
            admin_list: chat.admins.map((userid) => ({ userid })),
            member_version: String(chat.members.length),
          },
        };
      },
    },
    ...[true, false].map(
      (resigned): FakeEndpoint => ({
        method: 'post',
        path: `${gc}/${resigned ? 'transfer' : 'onjob_transfer'}`,
        secrets: contactSecrets,
        handle: ({ body }) => ({ failed_chat_list: groups.transfer(strs(body, 'chat_id_list'), required(body, 'new_owner'), resigned).map((f) => ({ chat_id: f.chatId, errcode: f.errcode, errmsg: f.errmsg })) }),
      }),
    ),
  ];
}

/*
 * The callbacks WeCom sends when its users act, field by field as WECOM-NOTES.md's event table
 * names them. Pure: the simulator encrypts, signs and delivers them.
 */

/** A callback's fields; a list becomes `<Name><Item>…</Item>…</Name>` as in MemChangeList. */
export type FakeCallback = Record<string, string | number | string[]>;

const cdata = (v: string): string => `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** WeCom's plaintext callback XML. */
export function fakeCallbackXml(corpId: string, fields: FakeCallback): string {
  const all: FakeCallback = { ToUserName: corpId, FromUserName: 'sys', MsgType: 'event', ...fields };
  const body = Object.entries(all)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `<${k}>${v.map((item) => `<Item>${cdata(item)}</Item>`).join('')}</${k}>`;
      return typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`;
    })
    .join('');
  return `<xml>${body}</xml>`;
}

/** "Event/ChangeType", as the simulate route reports each delivery. */
export const describeCallback = (c: FakeCallback): string => `${String(c.Event)}/${String(c.ChangeType ?? '')}`;

const contact = (changeType: string, at: number, userId: string, externalUserId: string, extra: FakeCallback = {}): FakeCallback => ({
  CreateTime: at,
  Event: 'change_external_contact',
  ChangeType: changeType,
  UserID: userId,
  ExternalUserID: externalUserId,
  ...extra,
});

const chat = (changeType: string, at: number, chatId: string, extra: FakeCallback = {}): FakeCallback => ({ CreateTime: at, Event: 'change_external_chat', ChatId: chatId, ChangeType: changeType, ...extra });

export const callbacks = {
  contactAdded: (at: number, userId: string, externalUserId: string, o: { state?: string; welcomeCode?: string; half?: boolean }): FakeCallback =>
    contact(o.half ? 'add_half_external_contact' : 'add_external_contact', at, userId, externalUserId, { ...(o.state ? { State: o.state } : {}), ...(o.welcomeCode ? { WelcomeCode: o.welcomeCode } : {}) }),
  contactEdited: (at: number, userId: string, externalUserId: string): FakeCallback => contact('edit_external_contact', at, userId, externalUserId),
  contactDeletedByAgent: (at: number, userId: string, externalUserId: string, byTransfer = false): FakeCallback =>
    contact('del_external_contact', at, userId, externalUserId, byTransfer ? { Source: 'DELETE_BY_TRANSFER' } : {}),
  contactDeletedByCustomer: (at: number, userId: string, externalUserId: string): FakeCallback => contact('del_follow_user', at, userId, externalUserId),
  archiveApproved: (at: number, userId: string, externalUserId: string): FakeCallback => contact('msg_audit_approved', at, userId, externalUserId),
  /** UserID is the takeover agent's, as WeCom sends it. */
  transferFailed: (at: number, takeoverUserId: string, externalUserId: string, reason: 'customer_refused' | 'customer_limit_exceed'): FakeCallback =>
    contact('transfer_fail', at, takeoverUserId, externalUserId, { FailReason: reason }),

  groupCreated: (at: number, chatId: string): FakeCallback => chat('create', at, chatId),
  membersJoined: (at: number, chatId: string, userIds: string[], joinScene: 0 | 3, memberCount: number): FakeCallback =>
    chat('update', at, chatId, { UpdateDetail: 'add_member', JoinScene: joinScene, MemChangeCnt: userIds.length, MemChangeList: userIds, LastMemVer: String(memberCount - userIds.length), CurMemVer: String(memberCount) }),
  membersQuit: (at: number, chatId: string, userIds: string[], quitScene: 0 | 1, memberCount: number): FakeCallback =>
    chat('update', at, chatId, { UpdateDetail: 'del_member', QuitScene: quitScene, MemChangeCnt: userIds.length, MemChangeList: userIds, LastMemVer: String(memberCount + userIds.length), CurMemVer: String(memberCount) }),
  groupRenamed: (at: number, chatId: string): FakeCallback => chat('update', at, chatId, { UpdateDetail: 'change_name' }),
  groupDismissed: (at: number, chatId: string): FakeCallback => chat('dismiss', at, chatId),

  tagChanged: (at: number, change: 'create' | 'update' | 'delete', id: string, tagType: 'tag' | 'tag_group'): FakeCallback => ({
    CreateTime: at,
    Event: 'change_external_tag',
    Id: id,
    TagType: tagType,
    ChangeType: change,
  }),

  staffDeleted: (at: number, userId: string): FakeCallback => ({ CreateTime: at, Event: 'change_contact', ChangeType: 'delete_user', UserID: userId }),
};

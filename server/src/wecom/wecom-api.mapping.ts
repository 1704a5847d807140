import type {
  MassAttachment,
  MassSendResult,
  MassSenderTask,
  TransferResult,
  WecomContactProfile,
  WecomContactWay,
  WecomFollow,
  WecomGender,
  WecomGroupChat,
  WecomGroupMember,
  WecomTagGroup,
} from './wecom-api.port';

/*
 * WeCom's JSON shapes and the pure functions that turn them into our vocabulary (and the few of
 * ours that go the other way). Nothing here does I/O; WeCom's field names stop in this file and
 * in the adapter.
 */

/** external_contact of externalcontact/get and batch/get_by_user. */
export interface WxExternalContact {
  external_userid: string;
  name?: string;
  /** 1 WeChat user, 2 WeCom user. */
  type?: number;
  /** 0 unknown, 1 male, 2 female. */
  gender?: number;
  unionid?: string;
  avatar?: string;
  corp_name?: string;
}

/** One corp/personal/rule tag on a follow_user of externalcontact/get. */
export interface WxFollowTag {
  group_name?: string;
  tag_name?: string;
  /** Only corp tags (type 1) and rule tags (type 3) carry an id. */
  tag_id?: string;
  /** 1 corp tag, 2 the agent's own tag, 3 rule tag. */
  type?: number;
}

interface WxFollowCommon {
  userid: string;
  remark?: string;
  description?: string;
  /** Seconds. */
  createtime?: number;
  remark_mobiles?: string[];
  add_way?: number;
  state?: string;
}

/** follow_user[] of externalcontact/get. */
export interface WxFollowUser extends WxFollowCommon {
  tags?: WxFollowTag[];
}

/** follow_info of batch/get_by_user: tags as ids only. */
export interface WxFollowInfo extends WxFollowCommon {
  tag_id?: string[];
}

export interface WxCorpTag {
  id: string;
  name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
}

export interface WxCorpTagGroup {
  group_id: string;
  group_name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag?: WxCorpTag[];
}

export interface WxContactWay {
  config_id: string;
  type?: number;
  scene?: number;
  state?: string;
  skip_verify?: boolean;
  qr_code?: string;
  user?: string[];
}

export interface WxGroupMember {
  userid: string;
  /** 1 staff, 2 external contact. */
  type: number;
  /** Seconds. */
  join_time?: number;
  join_scene?: number;
  invitor?: { userid?: string };
  group_nickname?: string;
  name?: string;
  unionid?: string;
}

export interface WxGroupChat {
  chat_id: string;
  name?: string;
  owner?: string;
  create_time?: number;
  notice?: string;
  member_list?: WxGroupMember[];
  admin_list?: Array<{ userid: string }>;
}

export interface WxSendResult {
  external_userid?: string;
  chat_id?: string;
  userid?: string;
  /** 0 unsent, 1 sent, 2 not a friend, 3 the customer's limit reached. */
  status?: number;
  send_time?: number;
}

/** One sender's entry of get_groupmsg_task's task_list. */
export interface WxGroupMsgTask {
  userid: string;
  /** 0 not sent yet, 2 sent (WeCom documents no other value). */
  status?: number;
  /** Seconds; absent while unsent. */
  send_time?: number;
}

export interface WxTransferCustomer {
  external_userid: string;
  /** 1 done, 2 waiting, 3 refused, 4 the takeover agent is full, 5 no such handover. */
  status?: number;
  takeover_time?: number;
}

/** WeCom's seconds since the epoch as a Date (null for 0 or absent). */
export function fromSeconds(seconds: number | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null;
}

export function genderOf(code: number | undefined): WecomGender {
  return code === 1 ? 'male' : code === 2 ? 'female' : 'unknown';
}

export function toProfile(x: WxExternalContact): WecomContactProfile {
  return {
    externalUserId: x.external_userid,
    name: x.name ?? '',
    type: x.type ?? 1,
    gender: genderOf(x.gender),
    unionId: x.unionid || null,
    avatar: x.avatar || null,
    corpName: x.corp_name || null,
  };
}

function follow(f: WxFollowCommon, tagIds: string[]): WecomFollow {
  return {
    userId: f.userid,
    remark: f.remark ?? '',
    description: f.description ?? '',
    addedAt: fromSeconds(f.createtime) ?? new Date(0),
    tagIds,
    remarkMobiles: f.remark_mobiles ?? [],
    addWay: f.add_way ?? 0,
    state: f.state || null,
  };
}

/** A follow_user of externalcontact/get: corp tags only (the agent's own tags have no id). */
export function toFollow(f: WxFollowUser): WecomFollow {
  return follow(f, (f.tags ?? []).filter((t) => t.type === 1 && !!t.tag_id).map((t) => t.tag_id!));
}

/** A follow_info of batch/get_by_user. */
export function toFollowInfo(f: WxFollowInfo): WecomFollow {
  return follow(f, f.tag_id ?? []);
}

/** A tag group without its deleted tags. */
export function toTagGroup(g: WxCorpTagGroup): WecomTagGroup {
  return {
    groupId: g.group_id,
    groupName: g.group_name,
    order: g.order ?? 0,
    tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, order: t.order ?? 0 })),
  };
}

export function toContactWay(c: WxContactWay): WecomContactWay {
  return { configId: c.config_id, userIds: c.user ?? [], state: c.state ?? '', skipVerify: c.skip_verify ?? false, qrCode: c.qr_code ?? '' };
}

export function toGroupMember(m: WxGroupMember): WecomGroupMember {
  return {
    userId: m.userid,
    kind: m.type === 1 ? 'staff' : 'customer',
    joinedAt: fromSeconds(m.join_time) ?? new Date(0),
    joinScene: m.join_scene ?? 0,
    invitorUserId: m.invitor?.userid || null,
    groupNickname: m.group_nickname ?? '',
    name: m.name ?? '',
    unionId: m.unionid || null,
  };
}

export function toGroupChat(g: WxGroupChat): WecomGroupChat {
  return {
    chatId: g.chat_id,
    name: g.name ?? '',
    ownerUserId: g.owner ?? '',
    createdAt: fromSeconds(g.create_time) ?? new Date(0),
    notice: g.notice ?? '',
    members: (g.member_list ?? []).map(toGroupMember),
    adminUserIds: (g.admin_list ?? []).map((a) => a.userid),
  };
}

const sendStatus: Record<number, MassSendResult['status']> = { 0: 'unsent', 1: 'sent', 2: 'not_friend', 3: 'limit_reached' };

export function toMassSendResult(r: WxSendResult, senderUserId: string): MassSendResult {
  return {
    externalUserId: r.external_userid || null,
    chatId: r.chat_id || null,
    userId: r.userid || senderUserId,
    status: sendStatus[r.status ?? 0] ?? 'unsent',
    sentAt: fromSeconds(r.send_time),
  };
}

/**
 * A sender's part of a mass send. WeCom documents 0 (unsent) and 2 (sent) only; anything else is
 * read as unsent, so a code we do not know never counts as a confirmation.
 */
export function toMassSenderTask(t: WxGroupMsgTask): MassSenderTask {
  const status = t.status === 2 ? 'sent' : 'unsent';
  return { userId: t.userid, status, sentAt: status === 'sent' ? fromSeconds(t.send_time) : null };
}

const transferStatus: Record<number, TransferResult['status']> = { 1: 'done', 2: 'waiting', 3: 'refused', 4: 'limit_reached', 5: 'none' };

export function toTransferResult(c: WxTransferCustomer): TransferResult {
  const status = transferStatus[c.status ?? 5] ?? 'none';
  // For a waiting handover WeCom gives the future automatic takeover time: not a takeover yet.
  return { externalUserId: c.external_userid, status, takenOverAt: status === 'done' ? fromSeconds(c.takeover_time) : null };
}

/** One attachment of add_msg_template in WeCom's shape. */
export function toWxAttachment(a: MassAttachment): Record<string, unknown> {
  switch (a.kind) {
    case 'image':
      return { msgtype: 'image', image: { ...(a.mediaId ? { media_id: a.mediaId } : {}), ...(a.picUrl ? { pic_url: a.picUrl } : {}) } };
    case 'link':
      return { msgtype: 'link', link: { title: a.title, url: a.url, ...(a.picUrl ? { picurl: a.picUrl } : {}), ...(a.desc ? { desc: a.desc } : {}) } };
    case 'miniprogram':
      return { msgtype: 'miniprogram', miniprogram: { title: a.title, appid: a.appId, page: a.page, pic_media_id: a.picMediaId } };
  }
}

/** auth/getuserinfo names the staff member `userid` (newer) or `UserId` (older); outsiders get an openid. */
export function oauthUserId(res: Record<string, unknown>): string | null {
  for (const key of ['userid', 'UserId']) {
    const v = res[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

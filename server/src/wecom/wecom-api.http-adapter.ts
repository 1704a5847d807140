import { WecomApiClient, type WecomEnvelope, type WecomHttpOptions } from './wecom-api.client';
import {
  oauthUserId,
  toContactWay,
  toFollow,
  toFollowInfo,
  toGroupChat,
  toMassSendResult,
  toMassSenderTask,
  toProfile,
  toTagGroup,
  toTransferResult,
  toWxAttachment,
  type WxContactWay,
  type WxCorpTagGroup,
  type WxExternalContact,
  type WxFollowInfo,
  type WxFollowUser,
  type WxGroupChat,
  type WxGroupMsgTask,
  type WxSendResult,
  type WxTransferCustomer,
} from './wecom-api.mapping';
import type {
  ContactWayRequest,
  MassMessageRequest,
  MassSendResult,
  MassSenderTask,
  Page,
  TransferRequest,
  TransferResult,
  WecomAgentApiPort,
  WecomApiPort,
  WecomContact,
  WecomContactOfAgent,
  WecomContactWay,
  WecomGroupChat,
  WecomTagGroup,
} from './wecom-api.port';

export type { WecomHttpOptions } from './wecom-api.client';

const ec = '/cgi-bin/externalcontact';

/** WeCom's "no more pages" is an empty or absent next_cursor. */
const cursorOf = (res: WecomEnvelope): string | null => (typeof res.next_cursor === 'string' && res.next_cursor !== '' ? res.next_cursor : null);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Follows next_cursor until WeCom says there is no more. */
async function allPages<T>(page: (cursor: string) => Promise<{ items: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor = '';
  for (let i = 0; i < 10_000; i++) {
    const { items, next } = await page(cursor);
    out.push(...items);
    if (!next || next === cursor) return out;
    cursor = next;
  }
  return out;
}

/**
 * The WeCom server API over HTTP, in our vocabulary. One class for both secrets: the container
 * builds one instance with the customer-contact secret (WecomApiPort) and one with the sidebar
 * app's secret (WecomAgentApiPort).
 */
export class WecomHttpAdapter implements WecomApiPort, WecomAgentApiPort {
  private readonly api: WecomApiClient;

  constructor(o: WecomHttpOptions) {
    this.api = new WecomApiClient(o);
  }

  // Contacts

  async listFollowUsers(): Promise<string[]> {
    return list<string>((await this.api.get(`${ec}/get_follow_user_list`)).follow_user);
  }

  async listExternalContacts(wecomUserId: string): Promise<string[]> {
    return list<string>((await this.api.get(`${ec}/list`, { userid: wecomUserId })).external_userid);
  }

  async getContact(externalUserId: string): Promise<WecomContact> {
    let profile: WxExternalContact | undefined;
    const follows = await allPages(async (cursor) => {
      const res = await this.api.get(`${ec}/get`, { external_userid: externalUserId, ...(cursor ? { cursor } : {}) });
      profile ??= res.external_contact as WxExternalContact;
      return { items: list<WxFollowUser>(res.follow_user).map(toFollow), next: cursorOf(res) };
    });
    return { profile: toProfile(profile ?? { external_userid: externalUserId }), follows };
  }

  async contactsOfAgents(userIds: string[], cursor: string | null, limit: number): Promise<Page<WecomContactOfAgent>> {
    const res = await this.api.post(`${ec}/batch/get_by_user`, { userid_list: userIds, cursor: cursor ?? '', limit });
    const items = list<{ external_contact: WxExternalContact; follow_info: WxFollowInfo }>(res.external_contact_list).map((i) => ({
      profile: toProfile(i.external_contact),
      follow: toFollowInfo(i.follow_info),
    }));
    return { items, nextCursor: cursorOf(res) };
  }

  // Corp tags

  async listCorpTags(): Promise<WecomTagGroup[]> {
    const res = await this.api.post(`${ec}/get_corp_tag_list`, {});
    return list<WxCorpTagGroup>(res.tag_group)
      .filter((g) => !g.deleted)
      .map(toTagGroup);
  }

  async addCorpTags(group: { groupId?: string; groupName?: string }, tagNames: string[]): Promise<WecomTagGroup> {
    const res = await this.api.post(`${ec}/add_corp_tag`, {
      ...(group.groupId ? { group_id: group.groupId } : { group_name: group.groupName }),
      tag: tagNames.map((name) => ({ name })),
    });
    return toTagGroup(res.tag_group as WxCorpTagGroup);
  }

  async renameCorpTag(id: string, name: string): Promise<void> {
    await this.api.post(`${ec}/edit_corp_tag`, { id, name });
  }

  async deleteCorpTags(ids: { tagIds?: string[]; groupIds?: string[] }): Promise<void> {
    await this.api.post(`${ec}/del_corp_tag`, { tag_id: ids.tagIds ?? [], group_id: ids.groupIds ?? [] });
  }

  async markTags(userId: string, externalUserId: string, add: string[], remove: string[]): Promise<void> {
    await this.api.post(`${ec}/mark_tag`, { userid: userId, external_userid: externalUserId, add_tag: add, remove_tag: remove });
  }

  // Contact ways and acquisition links

  async addContactWay(req: ContactWayRequest): Promise<{ configId: string; qrCode: string }> {
    const res = await this.api.post(`${ec}/add_contact_way`, {
      type: req.userIds.length > 1 ? 2 : 1,
      scene: req.scene ?? 2,
      user: req.userIds,
      state: req.state,
      skip_verify: req.skipVerify,
      remark: req.remark,
    });
    return { configId: String(res.config_id), qrCode: typeof res.qr_code === 'string' ? res.qr_code : '' };
  }

  async updateContactWay(configId: string, userIds: string[]): Promise<void> {
    await this.api.post(`${ec}/update_contact_way`, { config_id: configId, user: userIds });
  }

  async getContactWay(configId: string): Promise<WecomContactWay> {
    return toContactWay((await this.api.post(`${ec}/get_contact_way`, { config_id: configId })).contact_way as WxContactWay);
  }

  async deleteContactWay(configId: string): Promise<void> {
    await this.api.post(`${ec}/del_contact_way`, { config_id: configId });
  }

  async listContactWays(range: { start?: Date; end?: Date }, cursor: string | null, limit: number): Promise<Page<string>> {
    const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);
    const res = await this.api.post(`${ec}/list_contact_way`, {
      ...(range.start ? { start_time: seconds(range.start) } : {}),
      ...(range.end ? { end_time: seconds(range.end) } : {}),
      cursor: cursor ?? '',
      limit,
    });
    return { items: list<{ config_id: string }>(res.contact_way).map((c) => c.config_id), nextCursor: cursorOf(res) };
  }

  async createAcquisitionLink(req: { name: string; userIds: string[]; skipVerify: boolean }): Promise<{ linkId: string; url: string }> {
    const res = await this.api.post(`${ec}/customer_acquisition/create_link`, { link_name: req.name, range: { user_list: req.userIds }, skip_verify: req.skipVerify });
    const link = (res.link ?? {}) as { link_id?: string; url?: string };
    return { linkId: String(link.link_id), url: String(link.url) };
  }

  async sendWelcomeMessage(welcomeCode: string, text: string): Promise<void> {
    await this.api.post(`${ec}/send_welcome_msg`, { welcome_code: welcomeCode, text: { content: text } });
  }

  // Customer groups

  async listGroupChats(filter: { ownerIds?: string[] }, cursor: string | null, limit: number): Promise<Page<{ chatId: string; status: number }>> {
    const res = await this.api.post(`${ec}/groupchat/list`, {
      status_filter: 0,
      ...(filter.ownerIds?.length ? { owner_filter: { userid_list: filter.ownerIds } } : {}),
      cursor: cursor ?? '',
      limit,
    });
    return { items: list<{ chat_id: string; status?: number }>(res.group_chat_list).map((g) => ({ chatId: g.chat_id, status: g.status ?? 0 })), nextCursor: cursorOf(res) };
  }

  async getGroupChat(chatId: string): Promise<WecomGroupChat> {
    return toGroupChat((await this.api.post(`${ec}/groupchat/get`, { chat_id: chatId, need_name: 1 })).group_chat as WxGroupChat);
  }

  // Mass sends

  async createMassMessage(req: MassMessageRequest): Promise<{ msgId: string; failedExternalUserIds: string[] }> {
    const res = await this.api.post(`${ec}/add_msg_template`, {
      chat_type: req.chatType,
      ...(req.externalUserIds?.length ? { external_userid: req.externalUserIds } : {}),
      ...(req.chatIds?.length ? { chat_id_list: req.chatIds } : {}),
      ...(req.senderUserId ? { sender: req.senderUserId } : {}),
      text: { content: req.text },
      ...(req.attachments?.length ? { attachments: req.attachments.map(toWxAttachment) } : {}),
    });
    return { msgId: String(res.msgid), failedExternalUserIds: list<string>(res.fail_list) };
  }

  async massMessageResults(msgId: string, senderUserId: string): Promise<MassSendResult[]> {
    return allPages(async (cursor) => {
      const res = await this.api.post(`${ec}/get_groupmsg_send_result`, { msgid: msgId, userid: senderUserId, limit: 1000, cursor });
      return { items: list<WxSendResult>(res.send_list).map((r) => toMassSendResult(r, senderUserId)), next: cursorOf(res) };
    });
  }

  async massMessageTask(msgId: string): Promise<MassSenderTask[]> {
    return allPages(async (cursor) => {
      const res = await this.api.post(`${ec}/get_groupmsg_task`, { msgid: msgId, limit: 1000, cursor });
      return { items: list<WxGroupMsgTask>(res.task_list).map(toMassSenderTask), next: cursorOf(res) };
    });
  }

  async remindMassMessage(msgId: string): Promise<void> {
    await this.api.post(`${ec}/remind_groupmsg_send`, { msgid: msgId });
  }

  async cancelMassMessage(msgId: string): Promise<void> {
    await this.api.post(`${ec}/cancel_groupmsg_send`, { msgid: msgId });
  }

  // Handovers

  async transferCustomers(req: TransferRequest): Promise<Array<{ externalUserId: string; errcode: number }>> {
    const res = await this.api.post(req.resigned ? `${ec}/resigned/transfer_customer` : `${ec}/transfer_customer`, {
      handover_userid: req.handoverUserId,
      takeover_userid: req.takeoverUserId,
      external_userid: req.externalUserIds,
      ...(!req.resigned && req.message ? { transfer_success_msg: req.message } : {}),
    });
    return list<{ external_userid: string; errcode?: number }>(res.customer).map((c) => ({ externalUserId: c.external_userid, errcode: c.errcode ?? 0 }));
  }

  async transferResults(req: { handoverUserId: string; takeoverUserId: string; resigned: boolean }): Promise<TransferResult[]> {
    return allPages(async (cursor) => {
      const res = await this.api.post(req.resigned ? `${ec}/resigned/transfer_result` : `${ec}/transfer_result`, {
        handover_userid: req.handoverUserId,
        takeover_userid: req.takeoverUserId,
        cursor,
      });
      return { items: list<WxTransferCustomer>(res.customer).map(toTransferResult), next: cursorOf(res) };
    });
  }

  async transferGroups(chatIds: string[], newOwnerUserId: string, resigned: boolean): Promise<Array<{ chatId: string; errcode: number }>> {
    const res = await this.api.post(`${ec}/groupchat/${resigned ? 'transfer' : 'onjob_transfer'}`, { chat_id_list: chatIds, new_owner: newOwnerUserId });
    return list<{ chat_id: string; errcode?: number }>(res.failed_chat_list).map((f) => ({ chatId: f.chat_id, errcode: f.errcode ?? 0 }));
  }

  // The sidebar app: tickets and sign-in

  corpJsapiTicket(): Promise<string> {
    return this.api.ticket('jsapi');
  }

  agentJsapiTicket(): Promise<string> {
    return this.api.ticket('agent_config');
  }

  async userIdFromOAuthCode(code: string): Promise<string | null> {
    return oauthUserId(await this.api.get('/cgi-bin/auth/getuserinfo', { code }));
  }
}

import { DomainError } from '../platform/errors';
import type { ErrorCode } from '@lodestar/shared';

/**
 * What Lodestar asks of WeCom's server API with the customer-contact secret, in our vocabulary.
 * WeCom's field names stay in the adapter.
 */
export interface WecomApiPort {
  /** WeCom user ids of staff configured to have external contacts. */
  listFollowUsers(): Promise<string[]>;
  /** External user ids of one staff member's customers. */
  listExternalContacts(wecomUserId: string): Promise<string[]>;
  /** One customer with every agent who has them (externalcontact/get, follow users paged through). */
  getContact(externalUserId: string): Promise<WecomContact>;
  /**
   * One page of the customers of up to 100 agents (externalcontact/batch/get_by_user): each item is
   * one (customer, agent) relationship. `cursor` null starts at the beginning; `nextCursor` null ends.
   */
  contactsOfAgents(userIds: string[], cursor: string | null, limit: number): Promise<Page<WecomContactOfAgent>>;

  /** Every corp tag group with its tags (get_corp_tag_list), deleted ones excluded. */
  listCorpTags(): Promise<WecomTagGroup[]>;
  /** Adds tags to a group, creating the group by name when `groupId` is absent (add_corp_tag). */
  addCorpTags(group: { groupId?: string; groupName?: string }, tagNames: string[]): Promise<WecomTagGroup>;
  /** Renames a tag or a group (edit_corp_tag). */
  renameCorpTag(id: string, name: string): Promise<void>;
  /** Deletes tags and groups (del_corp_tag). */
  deleteCorpTags(ids: { tagIds?: string[]; groupIds?: string[] }): Promise<void>;
  /** Adds and removes corp tags on one agent's relationship with a customer (mark_tag). */
  markTags(userId: string, externalUserId: string, add: string[], remove: string[]): Promise<void>;

  /** Creates a "contact me" QR code (渠道活码) whose adds come back with `state`. */
  addContactWay(req: ContactWayRequest): Promise<{ configId: string; qrCode: string }>;
  /** Points a contact way at other agents (the next in a pool). */
  updateContactWay(configId: string, userIds: string[]): Promise<void>;
  getContactWay(configId: string): Promise<WecomContactWay>;
  deleteContactWay(configId: string): Promise<void>;
  /** Config ids of contact ways created in a time range (at most 31 days back by default). */
  listContactWays(range: { start?: Date; end?: Date }, cursor: string | null, limit: number): Promise<Page<string>>;
  /** An acquisition link (获客助手); `?customer_channel=X` on its URL comes back as the add's State. */
  createAcquisitionLink(req: { name: string; userIds: string[]; skipVerify: boolean }): Promise<{ linkId: string; url: string }>;

  /** Sends the welcome message for one add; once per code, within 20 s of the add event. */
  sendWelcomeMessage(welcomeCode: string, text: string): Promise<void>;

  /** One page of customer groups (groupchat/list), optionally of some owners only. */
  listGroupChats(filter: { ownerIds?: string[] }, cursor: string | null, limit: number): Promise<Page<{ chatId: string; status: number }>>;
  /** A group with its members (groupchat/get with names). */
  getGroupChat(chatId: string): Promise<WecomGroupChat>;

  /**
   * A mass-send task (add_msg_template) that each sender confirms in the WeCom client. Returns the
   * message id and the recipients WeCom refused (not a customer of the sender, limit reached).
   */
  createMassMessage(req: MassMessageRequest): Promise<{ msgId: string; failedExternalUserIds: string[] }>;
  /** Per recipient, whether one sender's part of a mass send went out (get_groupmsg_send_result, all pages). */
  massMessageResults(msgId: string, senderUserId: string): Promise<MassSendResult[]>;
  /** Per sender, whether they confirmed their part of a mass send yet (get_groupmsg_task, all pages). */
  massMessageTask(msgId: string): Promise<MassSenderTask[]>;
  /**
   * Notifies the senders again who have not confirmed a mass send (remind_groupmsg_send). WeCom
   * allows at most three reminders per mass send within 24 hours and refuses more with an errcode.
   */
  remindMassMessage(msgId: string): Promise<void>;
  /**
   * Stops a mass send (cancel_groupmsg_send): senders who have not confirmed it no longer can.
   * What already went out stays; get_groupmsg_task keeps reporting the rest as unsent.
   */
  cancelMassMessage(msgId: string): Promise<void>;

  /**
   * Hands customers from one agent to another: `resigned` uses resigned/transfer_customer (the
   * agent has left), otherwise transfer_customer (in service, the customer may refuse). Per
   * customer, 0 when WeCom accepted the handover or the errcode it refused it with.
   */
  transferCustomers(req: TransferRequest): Promise<Array<{ externalUserId: string; errcode: number }>>;
  /** The state of handovers between two agents (transfer_result / resigned/transfer_result, all pages). */
  transferResults(req: { handoverUserId: string; takeoverUserId: string; resigned: boolean }): Promise<TransferResult[]>;
  /**
   * Gives groups to a new owner: groupchat/transfer when the owner has left (`resigned`),
   * groupchat/onjob_transfer otherwise. Per group, the errcode of a refusal.
   */
  transferGroups(chatIds: string[], newOwnerUserId: string, resigned: boolean): Promise<Array<{ chatId: string; errcode: number }>>;
}

/** What the sidebar app's secret (WECOM_AGENT_SECRET) is for: agent sign-in and JS-SDK tickets. */
export interface WecomAgentApiPort {
  /** The corp's jsapi_ticket (get_jsapi_ticket), cached for its lifetime and shared across processes. */
  corpJsapiTicket(): Promise<string>;
  /** The app's agent_config ticket (ticket/get?type=agent_config), cached the same way. */
  agentJsapiTicket(): Promise<string>;
  /** The staff member behind a single-use OAuth code (auth/getuserinfo); null when it is not staff. */
  userIdFromOAuthCode(code: string): Promise<string | null>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ContactWayRequest {
  userIds: string[];
  /** Up to 30 characters; comes back as State on the add event. */
  state: string;
  skipVerify: boolean;
  remark?: string;
  /** 1: the mini-program's add-contact plugin (no QR code); 2 (default): a QR code. */
  scene?: 1 | 2;
}

export interface WecomContactWay {
  configId: string;
  userIds: string[];
  state: string;
  skipVerify: boolean;
  qrCode: string;
}

export type WecomGender = 'male' | 'female' | 'unknown';

/** The customer's own profile (external_contact). */
export interface WecomContactProfile {
  externalUserId: string;
  name: string;
  /** 1 a WeChat user, 2 a WeCom user of another corp. */
  type: number;
  gender: WecomGender;
  unionId: string | null;
  avatar: string | null;
  corpName: string | null;
}

/** One agent's side of the relationship (follow_user / follow_info). */
export interface WecomFollow {
  userId: string;
  remark: string;
  description: string;
  addedAt: Date;
  /** Corp tag ids this agent put on the customer. */
  tagIds: string[];
  remarkMobiles: string[];
  /** WeCom's add_way code (1 scanned a QR code, 3 searched a phone number, …). */
  addWay: number;
  state: string | null;
}

export interface WecomContact {
  profile: WecomContactProfile;
  follows: WecomFollow[];
}

export interface WecomContactOfAgent {
  profile: WecomContactProfile;
  follow: WecomFollow;
}

export interface WecomTag {
  id: string;
  name: string;
  order: number;
}

export interface WecomTagGroup {
  groupId: string;
  groupName: string;
  order: number;
  tags: WecomTag[];
}

export interface WecomGroupMember {
  /** The staff user id or the external user id. */
  userId: string;
  kind: 'staff' | 'customer';
  joinedAt: Date;
  /** 1 invited directly, 2 invited by link, 3 scanned the group QR code. */
  joinScene: number;
  invitorUserId: string | null;
  groupNickname: string;
  name: string;
  unionId: string | null;
}

export interface WecomGroupChat {
  chatId: string;
  name: string;
  ownerUserId: string;
  createdAt: Date;
  notice: string;
  members: WecomGroupMember[];
  adminUserIds: string[];
}

export interface MassMessageRequest {
  chatType: 'single' | 'group';
  /** Required for a group send; for a single send, every agent of each customer sends when absent. */
  senderUserId?: string;
  externalUserIds?: string[];
  chatIds?: string[];
  text: string;
  attachments?: MassAttachment[];
}

export type MassAttachment =
  | { kind: 'image'; mediaId?: string; picUrl?: string }
  | { kind: 'link'; title: string; url: string; picUrl?: string; desc?: string }
  | { kind: 'miniprogram'; title: string; appId: string; page: string; picMediaId: string };

export interface MassSendResult {
  externalUserId: string | null;
  chatId: string | null;
  userId: string;
  status: 'unsent' | 'sent' | 'not_friend' | 'limit_reached';
  sentAt: Date | null;
}

/** One sender's part of a mass send (a get_groupmsg_task entry). */
export interface MassSenderTask {
  userId: string;
  /** Whether the sender confirmed their part in the WeCom client (WeCom's 2), or not yet (0). */
  status: 'unsent' | 'sent';
  sentAt: Date | null;
}

export interface TransferRequest {
  handoverUserId: string;
  takeoverUserId: string;
  externalUserIds: string[];
  resigned: boolean;
  /** In-service handovers only: the message the customer sees (WeCom's default when absent). */
  message?: string;
}

export interface TransferResult {
  externalUserId: string;
  status: 'done' | 'waiting' | 'refused' | 'limit_reached' | 'none';
  takenOverAt: Date | null;
}

/** How a WeCom errcode reads in our vocabulary: the code our API answers with and what to do about it. */
export interface WecomErrorMeaning {
  code: ErrorCode;
  hint: string;
}

/**
 * A WeCom API call that failed with an errcode (retryable ones were already retried). It is a
 * domain error, so an HTTP caller sees a coded answer carrying WeCom's own message.
 */
export class WecomApiError extends DomainError {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
    meaning: WecomErrorMeaning,
  ) {
    super(meaning.code, `WeCom ${path} failed with ${errcode} (${errmsg}): ${meaning.hint}`);
    this.name = 'WecomApiError';
  }
}

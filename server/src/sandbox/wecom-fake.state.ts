import { randomBytes } from 'node:crypto';

/*
 * The fake WeCom tenant's data: what a corp's WeCom side holds, in WeCom's own terms (user ids,
 * external user ids, seconds since the epoch), shared by the families of fake endpoints.
 */

/** A WeCom API refusal: the fake endpoints answer `{ errcode, errmsg }` with it. */
export class FakeWecomError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
    this.name = 'FakeWecomError';
  }
}

export const refuse = (errcode: number, errmsg: string): never => {
  throw new FakeWecomError(errcode, errmsg);
};

export interface FakeStaff {
  userId: string;
  name: string;
  active: boolean;
  /** How many customers this agent may have; a handover beyond it fails with customer_limit_exceed. */
  customerLimit: number;
}

export interface FakeContact {
  externalUserId: string;
  name: string;
  /** 1 WeChat user, 2 WeCom user of another corp. */
  type: 1 | 2;
  /** 0 unknown, 1 male, 2 female. */
  gender: 0 | 1 | 2;
  unionId: string;
  avatar: string;
  corpName: string;
  /** Set by the simulator: every handover of this customer fails with customer_refused. */
  refusesHandover: boolean;
}

/** One (customer, agent) relationship: WeCom's follow_user. */
export interface FakeRelationship {
  externalUserId: string;
  userId: string;
  remark: string;
  description: string;
  /** Seconds. */
  createtime: number;
  tagIds: string[];
  state: string;
  addWay: number;
  remarkMobiles: string[];
  /** The customer deleted the agent (del_follow_user): still listed, but messages no longer arrive. */
  deletedByCustomer: boolean;
}

export interface FakeTag {
  id: string;
  name: string;
  order: number;
  createTime: number;
}

export interface FakeTagGroup {
  id: string;
  name: string;
  order: number;
  createTime: number;
  tags: FakeTag[];
}

export interface FakeGroupMember {
  userId: string;
  /** 1 staff, 2 external contact. */
  type: 1 | 2;
  joinTime: number;
  /** 1 invited directly, 2 invited by link, 3 scanned the group QR code. */
  joinScene: number;
  invitor: string | null;
  nickname: string;
}

export interface FakeGroupChat {
  chatId: string;
  name: string;
  owner: string;
  createTime: number;
  notice: string;
  members: FakeGroupMember[];
  admins: string[];
  dismissed: boolean;
  /** 0 normal, 1 the owner left, 2 resigned handover in progress, 3 resigned handover done. */
  status: 0 | 1 | 2 | 3;
}

export interface FakeContactWay {
  configId: string;
  type: number;
  scene: number;
  user: string[];
  state: string;
  skipVerify: boolean;
  remark: string;
  qrCode: string;
  createTime: number;
}

export interface FakeAcquisitionLink {
  linkId: string;
  name: string;
  url: string;
  users: string[];
  skipVerify: boolean;
  createTime: number;
}

export interface FakeMassRecipient {
  externalUserId: string | null;
  chatId: string | null;
  userId: string;
  /** 0 unsent, 1 sent, 2 not a friend, 3 the customer's limit reached. */
  status: 0 | 1 | 2 | 3;
  sendTime: number;
}

export interface FakeMassTask {
  msgId: string;
  chatType: 'single' | 'group';
  text: string;
  attachments: unknown[];
  createTime: number;
  recipients: FakeMassRecipient[];
  /** Seconds, per sender: when they confirmed their part in the WeCom client (get_groupmsg_task's 2). */
  confirmTimes: Record<string, number>;
  /** Seconds of each reminder (remind_groupmsg_send), oldest first. */
  reminders: number[];
  /** Seconds when it was stopped (cancel_groupmsg_send): no sender can confirm it after that; null while live. */
  cancelTime: number | null;
}

export interface FakeHandover {
  resigned: boolean;
  handoverUserId: string;
  takeoverUserId: string;
  externalUserId: string;
  /** 1 done, 2 waiting, 3 refused, 4 the takeover agent is full. */
  status: 1 | 2 | 3 | 4;
  /** Seconds: when it was taken over, or for a waiting one when it will be. */
  takeoverTime: number;
  message: string;
}

/** What the tenant is seeded with: the sandbox database's view of the corp. */
export interface FakeSeed {
  staff: Array<{ userId: string; name: string; active: boolean }>;
  contacts: Array<{ externalUserId: string; name: string; gender: 'male' | 'female' | 'unknown'; unionId: string | null }>;
  relationships: Array<{ externalUserId: string; userId: string; addedAt: Date; state: string | null; remark: string | null; tagIds: string[] }>;
  tagGroups: Array<{ id: string; name: string; order: number; createdAt: Date; tags: Array<{ id: string; name: string; order: number }> }>;
  contactWays: Array<{ configId: string; state: string; userIds: string[]; qrCode: string; createdAt: Date }>;
}

/** A WeCom-looking id: a prefix and random letters (wm… customers, wr… groups, et… tags). */
export function fakeId(prefix: string, length = 30): string {
  return prefix + randomBytes(length).toString('base64url').replace(/[-_]/g, '').slice(0, length - prefix.length);
}

const relKey = (externalUserId: string, userId: string): string => `${externalUserId}\u0001${userId}`;

/** The whole tenant's data, and the lookups every family needs. */
export class FakeTenantData {
  readonly staff = new Map<string, FakeStaff>();
  readonly contacts = new Map<string, FakeContact>();
  readonly relationships = new Map<string, FakeRelationship>();
  readonly tagGroups: FakeTagGroup[] = [];
  readonly groups = new Map<string, FakeGroupChat>();
  readonly contactWays = new Map<string, FakeContactWay>();
  readonly links = new Map<string, FakeAcquisitionLink>();
  readonly welcomed = new Set<string>();
  readonly massTasks = new Map<string, FakeMassTask>();
  readonly handovers: FakeHandover[] = [];

  constructor(
    readonly now: () => Date,
    /** Loads one customer (and their relationships) from the sandbox database, if it has them. */
    private readonly adopt?: (externalUserId: string) => Promise<void>,
  ) {}

  seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** A staff member WeCom knows (active or left), or 60111. */
  staffMember(userId: string): FakeStaff {
    return this.staff.get(userId) ?? refuse(60111, `invalid userid: ${userId}`);
  }

  /** An active staff member, or 60111 (WeCom answers a left member's id like an unknown one). */
  activeStaff(userId: string): FakeStaff {
    const s = this.staffMember(userId);
    return s.active ? s : refuse(60111, `invalid userid: ${userId} has left`);
  }

  contact(externalUserId: string): FakeContact {
    return this.contacts.get(externalUserId) ?? refuse(40096, `invalid external userid: ${externalUserId}`);
  }

  /**
   * Like contact(), but first asks the sandbox database about a customer the tenant has not seen:
   * one that arrived through a hand-made callback rather than through the simulator.
   */
  async knownContact(externalUserId: string): Promise<FakeContact> {
    if (!this.contacts.has(externalUserId) && this.adopt) await this.adopt(externalUserId);
    return this.contact(externalUserId);
  }

  relationship(externalUserId: string, userId: string): FakeRelationship | undefined {
    return this.relationships.get(relKey(externalUserId, userId));
  }

  /** The relationship, or 84061 (no relationship between this agent and this customer). */
  requireRelationship(externalUserId: string, userId: string): FakeRelationship {
    return this.relationship(externalUserId, userId) ?? refuse(84061, `no relationship between ${userId} and ${externalUserId}`);
  }

  putRelationship(r: FakeRelationship): void {
    this.relationships.set(relKey(r.externalUserId, r.userId), r);
  }

  deleteRelationship(externalUserId: string, userId: string): boolean {
    return this.relationships.delete(relKey(externalUserId, userId));
  }

  /** Every agent of one customer, oldest relationship first. */
  relationshipsOfContact(externalUserId: string): FakeRelationship[] {
    return [...this.relationships.values()].filter((r) => r.externalUserId === externalUserId).sort((a, b) => a.createtime - b.createtime || a.userId.localeCompare(b.userId));
  }

  /** Every customer of one agent, oldest first. */
  relationshipsOfAgent(userId: string): FakeRelationship[] {
    return [...this.relationships.values()].filter((r) => r.userId === userId).sort((a, b) => a.createtime - b.createtime || a.externalUserId.localeCompare(b.externalUserId));
  }

  /** A live customer group, or 40050 (no such chat). */
  group(chatId: string): FakeGroupChat {
    const g = this.groups.get(chatId);
    return g && !g.dismissed ? g : refuse(40050, `chatid not found: ${chatId}`);
  }

  tagById(id: string): { group: FakeTagGroup; tag: FakeTag } | undefined {
    for (const group of this.tagGroups) {
      const tag = group.tags.find((t) => t.id === id);
      if (tag) return { group, tag };
    }
    return undefined;
  }

  tagGroupById(id: string): FakeTagGroup | undefined {
    return this.tagGroups.find((g) => g.id === id);
  }

  /** Loads the seed (once, on first use). */
  load(seed: FakeSeed): void {
    const createdAt = this.seconds();
    for (const s of seed.staff) this.staff.set(s.userId, { ...s, customerLimit: 50_000 });
    for (const c of seed.contacts) {
      this.contacts.set(c.externalUserId, {
        externalUserId: c.externalUserId,
        name: c.name,
        type: 1,
        gender: c.gender === 'male' ? 1 : c.gender === 'female' ? 2 : 0,
        unionId: c.unionId ?? '',
        avatar: `https://sandbox.lodestar.local/avatar/${c.externalUserId}.png`,
        corpName: '',
        refusesHandover: false,
      });
    }
    for (const r of seed.relationships) {
      if (!this.contacts.has(r.externalUserId) || !this.staff.has(r.userId)) continue;
      const existing = this.relationship(r.externalUserId, r.userId);
      const tagIds = [...new Set([...(existing?.tagIds ?? []), ...r.tagIds])];
      this.putRelationship({
        externalUserId: r.externalUserId,
        userId: r.userId,
        remark: r.remark ?? existing?.remark ?? '',
        description: existing?.description ?? '',
        createtime: existing?.createtime ?? Math.floor(r.addedAt.getTime() / 1000),
        tagIds,
        state: r.state ?? existing?.state ?? '',
        addWay: r.state ? 1 : 0,
        remarkMobiles: [],
        deletedByCustomer: false,
      });
    }
    for (const g of seed.tagGroups) {
      const time = Math.floor(g.createdAt.getTime() / 1000);
      this.tagGroups.push({ id: g.id, name: g.name, order: g.order, createTime: time, tags: g.tags.map((t) => ({ ...t, createTime: time })) });
    }
    for (const w of seed.contactWays) {
      this.contactWays.set(w.configId, {
        configId: w.configId,
        type: w.userIds.length > 1 ? 2 : 1,
        scene: 2,
        user: w.userIds.slice(0, 1),
        state: w.state,
        skipVerify: true,
        remark: '',
        qrCode: w.qrCode,
        createTime: Math.floor(w.createdAt.getTime() / 1000) || createdAt,
      });
    }
  }
}

import { contactSecrets, int, obj, required, str, strs, page, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeMassRecipient, type FakeMassTask, type FakeTenantData } from './wecom-fake.state';

const day = 24 * 3600;
const month = 30 * day;

/**
 * WeCom documents remind_groupmsg_send's limit (at most three reminders per mass send within 24
 * hours) but not the errcode it refuses one beyond it with, so the sandbox answers this made-up
 * one, outside the ranges WeCom uses, with an errmsg naming the limit. (41063, a tempting guess,
 * is WeCom's "the mass send is still being dispatched, try again later".)
 */
export const FAKE_REMIND_REFUSED_ERRCODE = 999_001;

/** WeCom's errcodes for a missing and an unknown mass-send msgid. */
const MISSING_MSGID = 41046;
const INVALID_MSGID = 41047;

const msgIdOf = (body: Record<string, unknown>): string => str(body, 'msgid') || refuse(MISSING_MSGID, 'msgid is required');

/** WeCom's paging limit for the groupmsg reads: 1 to 1000, and out of range means the default 500. */
const limitOf = (body: Record<string, unknown>): number => {
  const limit = int(body, 'limit', 500);
  return limit >= 1 && limit <= 1000 ? limit : 500;
};

/**
 * Mass sends (群发): a task per sender that waits until the agent confirms it in the WeCom client;
 * then each recipient is sent, not a friend any more, or over the customer's monthly cap. A task
 * can be reminded a few times while young, and stopped, after which nobody can confirm it.
 */
export class FakeMassSends {
  /** How many mass messages one customer receives in 30 days; WeCom's rule changes, so it is a knob. */
  monthlyCap = 30;
  /** How long after its creation a task may be reminded (WeCom: within 24 hours). */
  remindWindowSeconds = day;
  /** How many reminders one task gets in any 24 hours (WeCom: three). */
  remindsPerDay = 3;

  constructor(private readonly d: FakeTenantData) {}

  create(req: { chatType: 'single' | 'group'; sender?: string; externalUserIds?: string[]; chatIds?: string[]; text: string; attachments?: unknown[] }): { task: FakeMassTask; failList: string[] } {
    if (!req.text && (req.attachments ?? []).length === 0) refuse(40058, 'text or attachments are required');
    if ((req.attachments ?? []).length > 9) refuse(40058, 'at most 9 attachments');
    const recipients: FakeMassRecipient[] = [];
    const failList: string[] = [];
    if (req.sender) this.d.activeStaff(req.sender);
    if (req.chatType === 'single') {
      const ids = req.externalUserIds ?? [];
      if (ids.length === 0 && !req.sender) refuse(40058, 'external_userid or sender is required');
      // Without a list, the sender's customers; without a sender, every agent of each customer.
      const targets = ids.length > 0 ? ids : this.d.relationshipsOfAgent(req.sender!).map((r) => r.externalUserId);
      for (const e of new Set(targets)) {
        const senders = req.sender ? [req.sender] : this.d.relationshipsOfContact(e).map((r) => r.userId);
        const reachable = senders.filter((u) => this.d.staff.get(u)?.active && this.d.relationship(e, u));
        if (!this.d.contacts.has(e) || reachable.length === 0) failList.push(e);
        for (const u of reachable) recipients.push({ externalUserId: e, chatId: null, userId: u, status: 0, sendTime: 0 });
      }
    } else {
      if (!req.sender) refuse(40058, 'sender is required for a group send');
      const chats = req.chatIds?.length ? req.chatIds.map((c) => this.d.group(c)) : [...this.d.groups.values()].filter((g) => !g.dismissed && g.owner === req.sender);
      for (const chat of chats) {
        if (chat.owner !== req.sender) refuse(40058, `${req.sender} does not own ${chat.chatId}`);
        recipients.push({ externalUserId: null, chatId: chat.chatId, userId: req.sender!, status: 0, sendTime: 0 });
      }
    }
    const task: FakeMassTask = {
      msgId: fakeId('msg', 28),
      chatType: req.chatType,
      text: req.text,
      attachments: req.attachments ?? [],
      createTime: this.d.seconds(),
      recipients,
      confirmTimes: {},
      reminders: [],
      cancelTime: null,
    };
    this.d.massTasks.set(task.msgId, task);
    return { task, failList };
  }

  task(msgId: string): FakeMassTask {
    return this.d.massTasks.get(msgId) ?? refuse(INVALID_MSGID, `invalid msgid: ${msgId}`);
  }

  /** The task's senders in order, each with when they confirmed their part (null: not yet). */
  senders(task: FakeMassTask): Array<{ userId: string; confirmTime: number | null }> {
    return [...new Set(task.recipients.map((r) => r.userId))].map((userId) => ({ userId, confirmTime: task.confirmTimes[userId] ?? null }));
  }

  /**
   * The sender confirms the task in the WeCom client: their unsent part goes out. Returns what was
   * sent: nothing once the task was cancelled (its unsent recipients stay unsent).
   */
  confirm(msgId: string, userId: string): FakeMassRecipient[] {
    const task = this.task(msgId);
    if (task.cancelTime !== null) return [];
    const now = this.d.seconds();
    const sent: FakeMassRecipient[] = [];
    if (task.recipients.some((r) => r.userId === userId)) task.confirmTimes[userId] ??= now;
    for (const r of task.recipients) {
      if (r.userId !== userId || r.status !== 0) continue;
      if (r.externalUserId) {
        const rel = this.d.relationship(r.externalUserId, userId);
        if (!rel || rel.deletedByCustomer) {
          r.status = 2;
          continue;
        }
        if (this.receivedLastMonth(r.externalUserId, now) >= this.monthlyCap) {
          r.status = 3;
          continue;
        }
      }
      r.status = 1;
      r.sendTime = now;
      sent.push(r);
    }
    return sent;
  }

  /**
   * remind_groupmsg_send: WeCom notifies the senders again. Refused for a cancelled task, past the
   * window after creation, or with remindsPerDay reminders in the last 24 hours.
   */
  remind(msgId: string): void {
    const task = this.task(msgId);
    const now = this.d.seconds();
    if (task.cancelTime !== null) refuse(FAKE_REMIND_REFUSED_ERRCODE, `(sandbox) mass send ${msgId} was cancelled and cannot be reminded`);
    if (now - task.createTime >= this.remindWindowSeconds) {
      refuse(FAKE_REMIND_REFUSED_ERRCODE, `(sandbox) a mass send can be reminded within ${this.remindWindowSeconds / 3600} hours of its creation only`);
    }
    if (task.reminders.filter((t) => t > now - day).length >= this.remindsPerDay) {
      refuse(FAKE_REMIND_REFUSED_ERRCODE, `(sandbox) a mass send can be reminded at most ${this.remindsPerDay} times in 24 hours`);
    }
    task.reminders.push(now);
  }

  /** cancel_groupmsg_send: nobody can confirm the task any more; what went out stays. Cancelling twice is fine. */
  cancel(msgId: string): void {
    const task = this.task(msgId);
    task.cancelTime ??= this.d.seconds();
  }

  private receivedLastMonth(externalUserId: string, now: number): number {
    let n = 0;
    for (const t of this.d.massTasks.values()) for (const r of t.recipients) if (r.externalUserId === externalUserId && r.status === 1 && r.sendTime > now - month) n++;
    return n;
  }
}

/** The mass-send family's endpoints. */
export function messageEndpoints(m: FakeMassSends): FakeEndpoint[] {
  const ec = '/externalcontact';
  return [
    {
      method: 'post',
      path: `${ec}/add_msg_template`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const type = str(body, 'chat_type') || 'single';
        const chatType = type === 'single' || type === 'group' ? type : refuse(40058, 'chat_type must be single or group');
        const attachments = Array.isArray(body.attachments) ? (body.attachments as unknown[]) : [];
        for (const a of attachments) {
          const type = a && typeof a === 'object' ? str(a as Record<string, unknown>, 'msgtype') : '';
          if (!['image', 'link', 'miniprogram', 'video', 'file'].includes(type)) refuse(40058, `invalid attachment msgtype: ${type}`);
        }
        const sender = str(body, 'sender');
        const { task, failList } = m.create({
          chatType,
          ...(sender ? { sender } : {}),
          externalUserIds: strs(body, 'external_userid'),
          chatIds: strs(body, 'chat_id_list'),
          text: str(obj(body, 'text'), 'content'),
          attachments,
        });
        return { fail_list: failList, msgid: task.msgId };
      },
    },
    {
      method: 'post',
      path: `${ec}/get_groupmsg_send_result`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const task = m.task(msgIdOf(body));
        const userId = required(body, 'userid');
        const mine = task.recipients.filter((r) => r.userId === userId);
        const { items, next_cursor } = page(mine, str(body, 'cursor'), limitOf(body));
        return {
          send_list: items.map((r) => ({
            ...(r.externalUserId ? { external_userid: r.externalUserId } : {}),
            ...(r.chatId ? { chat_id: r.chatId } : {}),
            userid: r.userId,
            status: r.status,
            ...(r.status === 1 ? { send_time: r.sendTime } : {}),
          })),
          next_cursor,
        };
      },
    },
    {
      method: 'post',
      path: `${ec}/get_groupmsg_task`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const task = m.task(msgIdOf(body));
        const { items, next_cursor } = page(m.senders(task), str(body, 'cursor'), limitOf(body));
        return {
          task_list: items.map((s) => ({ userid: s.userId, status: s.confirmTime === null ? 0 : 2, ...(s.confirmTime === null ? {} : { send_time: s.confirmTime }) })),
          next_cursor,
        };
      },
    },
    {
      method: 'post',
      path: `${ec}/remind_groupmsg_send`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        m.remind(msgIdOf(body));
        return {};
      },
    },
    {
      method: 'post',
      path: `${ec}/cancel_groupmsg_send`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        m.cancel(msgIdOf(body));
        return {};
      },
    },
  ];
}

import { FAKE_REMIND_REFUSED_ERRCODE, messageEndpoints } from './wecom-fake-messages';
import { WecomFakeTenant } from './wecom-fake-tenant';
import type { FakeSeed } from './wecom-fake.state';

const start = new Date('2026-03-02T01:00:00Z');
const startSeconds = start.getTime() / 1000;
const HOUR = 3600;

const seed: FakeSeed = {
  staff: [
    { userId: 'agent001', name: '王一', active: true },
    { userId: 'agent002', name: '李二', active: true },
  ],
  contacts: [
    { externalUserId: 'wmA', name: '客户甲', gender: 'female', unionId: null },
    { externalUserId: 'wmB', name: '客户乙', gender: 'male', unionId: null },
  ],
  relationships: [
    { externalUserId: 'wmA', userId: 'agent001', addedAt: new Date('2025-01-01T00:00:00Z'), state: null, remark: null, tagIds: [] },
    { externalUserId: 'wmB', userId: 'agent001', addedAt: new Date('2025-01-02T00:00:00Z'), state: null, remark: null, tagIds: [] },
    { externalUserId: 'wmA', userId: 'agent002', addedAt: new Date('2025-02-01T00:00:00Z'), state: null, remark: null, tagIds: [] },
  ],
  tagGroups: [],
  contactWays: [],
};

/** The fake tenant on a clock the test moves, and its mass-send endpoints called the way the router calls them. */
async function setup() {
  let now = start;
  const tenant = new WecomFakeTenant({ now: () => now, seed: async () => structuredClone(seed) });
  await tenant.ready();
  const endpoints = messageEndpoints(tenant.messages);
  const call = async (name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const e = endpoints.find((x) => x.path === `/externalcontact/${name}`);
    if (!e) throw new Error(`no fake endpoint ${name}`);
    return e.handle({ query: {}, body, secret: 'contact' });
  };
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  // No sender: each agent of each customer sends their part, so agent001 and agent002 both have one.
  const { task } = tenant.messages.create({ chatType: 'single', externalUserIds: ['wmA', 'wmB'], text: '春季理财讲座' });
  return { tenant, call, advance, task };
}

describe('the fake WeCom mass sends (群发)', () => {
  it('lists each sender of a task in get_groupmsg_task: 0 until they confirm, then 2 with the confirmation time, across pages', async () => {
    const { tenant, call, advance, task } = await setup();
    expect(await call('get_groupmsg_task', { msgid: task.msgId })).toEqual({
      task_list: [
        { userid: 'agent001', status: 0 },
        { userid: 'agent002', status: 0 },
      ],
      next_cursor: '',
    });

    advance(2 * HOUR);
    expect(tenant.messages.confirm(task.msgId, 'agent002').map((r) => r.externalUserId)).toEqual(['wmA']);
    advance(HOUR);
    // Confirming twice keeps the first time.
    expect(tenant.messages.confirm(task.msgId, 'agent002')).toEqual([]);

    const first = await call('get_groupmsg_task', { msgid: task.msgId, limit: 1 });
    expect(first.task_list).toEqual([{ userid: 'agent001', status: 0 }]);
    expect(first.next_cursor).not.toBe('');
    const second = await call('get_groupmsg_task', { msgid: task.msgId, limit: 1, cursor: first.next_cursor });
    expect(second).toEqual({ task_list: [{ userid: 'agent002', status: 2, send_time: startSeconds + 2 * HOUR }], next_cursor: '' });
    // A limit beyond 1000 falls back to WeCom's default (500), as documented, rather than failing.
    expect((await call('get_groupmsg_task', { msgid: task.msgId, limit: 5000 })).task_list).toHaveLength(2);
  });

  it('records reminders and refuses a fourth within 24 hours with the sandbox’s named errcode', async () => {
    const { call, advance, task } = await setup();
    for (let i = 0; i < 3; i++) {
      expect(await call('remind_groupmsg_send', { msgid: task.msgId })).toEqual({});
      advance(HOUR);
    }
    expect(task.reminders).toEqual([startSeconds, startSeconds + HOUR, startSeconds + 2 * HOUR]);
    await expect(call('remind_groupmsg_send', { msgid: task.msgId })).rejects.toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE, errmsg: expect.stringContaining('at most 3 times') });
    expect(task.reminders).toHaveLength(3);
  });

  it('refuses reminders 24 hours after creation, even with none sent; both limits are knobs', async () => {
    const { tenant, call, advance, task } = await setup();
    advance(24 * HOUR - 1);
    await call('remind_groupmsg_send', { msgid: task.msgId });
    advance(1);
    await expect(call('remind_groupmsg_send', { msgid: task.msgId })).rejects.toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE, errmsg: expect.stringContaining('within 24 hours') });

    // A longer window: the daily count is a rolling 24 hours.
    tenant.messages.remindWindowSeconds = 7 * 24 * HOUR;
    tenant.messages.remindsPerDay = 2;
    await call('remind_groupmsg_send', { msgid: task.msgId });
    await expect(call('remind_groupmsg_send', { msgid: task.msgId })).rejects.toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE });
    advance(24 * HOUR - 1);
    await call('remind_groupmsg_send', { msgid: task.msgId });
    expect(task.reminders).toEqual([startSeconds + 24 * HOUR - 1, startSeconds + 24 * HOUR, startSeconds + 48 * HOUR - 1]);
  });

  it('cancels a task: what went out stays, nobody else can confirm, nothing more is reminded', async () => {
    const { tenant, call, advance, task } = await setup();
    tenant.messages.confirm(task.msgId, 'agent001');
    advance(HOUR);
    expect(await call('cancel_groupmsg_send', { msgid: task.msgId })).toEqual({});
    expect(task.cancelTime).toBe(startSeconds + HOUR);
    advance(HOUR);
    expect(await call('cancel_groupmsg_send', { msgid: task.msgId })).toEqual({});
    expect(task.cancelTime).toBe(startSeconds + HOUR);

    expect(tenant.messages.confirm(task.msgId, 'agent002')).toEqual([]);
    expect(await call('get_groupmsg_task', { msgid: task.msgId })).toEqual({
      task_list: [
        { userid: 'agent001', status: 2, send_time: startSeconds },
        { userid: 'agent002', status: 0 },
      ],
      next_cursor: '',
    });
    expect((await call('get_groupmsg_send_result', { msgid: task.msgId, userid: 'agent001' })).send_list).toEqual([
      { external_userid: 'wmA', userid: 'agent001', status: 1, send_time: startSeconds },
      { external_userid: 'wmB', userid: 'agent001', status: 1, send_time: startSeconds },
    ]);
    expect((await call('get_groupmsg_send_result', { msgid: task.msgId, userid: 'agent002' })).send_list).toEqual([{ external_userid: 'wmA', userid: 'agent002', status: 0 }]);
    await expect(call('remind_groupmsg_send', { msgid: task.msgId })).rejects.toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE, errmsg: expect.stringContaining('cancelled') });
  });

  it('answers an unknown msgid with 41047 and a missing one with 41046 on every mass-send read and action', async () => {
    const { call } = await setup();
    for (const name of ['get_groupmsg_task', 'remind_groupmsg_send', 'cancel_groupmsg_send', 'get_groupmsg_send_result']) {
      await expect(call(name, { msgid: 'msgNoSuchTask', userid: 'agent001' })).rejects.toMatchObject({ errcode: 41047 });
      await expect(call(name, { userid: 'agent001' })).rejects.toMatchObject({ errcode: 41046 });
    }
  });
});

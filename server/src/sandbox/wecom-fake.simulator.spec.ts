import type { SandboxSimulateRequest } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import { parseCallback, parseWecomXml, type WecomEvent } from '../wecom';
import { WecomFakeTenant, wecomOnlyTagGroups } from './wecom-fake-tenant';
import { WecomSimulator } from './wecom-fake.simulator';
import type { FakeSeed } from './wecom-fake.state';

const at = new Date('2026-03-01T08:00:00Z');
const seed: FakeSeed = {
  staff: [
    { userId: 'agent001', name: '王一', active: true },
    { userId: 'agent002', name: '李二', active: true },
    { userId: 'agent003', name: '张三', active: true },
  ],
  contacts: [
    { externalUserId: 'wmA', name: '客户甲', gender: 'female', unionId: 'uA' },
    { externalUserId: 'wmB', name: '客户乙', gender: 'male', unionId: null },
    { externalUserId: 'wmC', name: '客户丙', gender: 'unknown', unionId: null },
  ],
  relationships: [
    { externalUserId: 'wmA', userId: 'agent001', addedAt: new Date('2025-01-01T00:00:00Z'), state: null, remark: null, tagIds: [] },
    { externalUserId: 'wmB', userId: 'agent001', addedAt: new Date('2025-02-01T00:00:00Z'), state: 'live', remark: '老客户', tagIds: [] },
    { externalUserId: 'wmC', userId: 'agent002', addedAt: new Date('2025-03-01T00:00:00Z'), state: null, remark: null, tagIds: [] },
  ],
  tagGroups: [{ id: 'etG1', name: '来源渠道', order: 0, createdAt: at, tags: [{ id: 'etT1', name: '直播', order: 0 }] }],
  contactWays: [],
};

function setup() {
  const tenant = new WecomFakeTenant({ now: () => at, seed: async () => structuredClone(seed) });
  const sent: WecomEvent[] = [];
  const outbox: string[] = [];
  const simulator = new WecomSimulator({
    tenant,
    wecomCorpId: 'wwsandbox',
    now: () => at,
    deliver: async (xml) => {
      // What the server does with it: parse the XML, read the event.
      const parsed = parseWecomXml(xml);
      if (!parsed || parsed.ToUserName !== 'wwsandbox') return { status: 400, text: 'bad' };
      sent.push(parseCallback(parsed).event);
      return { status: 200, text: 'success' };
    },
    recordMassSend: async (recipient) => {
      outbox.push(recipient);
    },
  });
  const run = (req: SandboxSimulateRequest) => simulator.run(req);
  return { tenant, sent, outbox, run };
}

describe('the sandbox WeCom simulator', () => {
  it('adds a customer with a generated id and a welcome code, and refuses an unknown agent as not_found', async () => {
    const { tenant, sent, run } = setup();
    const res = await run({ type: 'contact_added', userId: 'agent003', name: '新客户', state: 'ch-1' });
    expect(res).toMatchObject({ delivered: ['change_external_contact/add_external_contact'], externalUserId: expect.stringMatching(/^wm.{30}$/) });
    expect(sent).toEqual([{ kind: 'contact.added', userId: 'agent003', externalUserId: res.externalUserId, state: 'ch-1', welcomeCode: res.welcomeCode, half: false }]);
    expect(tenant.contacts.get(res.externalUserId!).relationships).toEqual([expect.objectContaining({ userId: 'agent003', state: 'ch-1', createtime: at.getTime() / 1000 })]);
    await expect(run({ type: 'contact_added', userId: 'nobody', name: 'x' })).rejects.toEqual(expect.objectContaining({ code: 'not_found' }));
    await expect(run({ type: 'contact_added', userId: 'agent003', externalUserId: res.externalUserId!, name: 'x' })).rejects.toBeInstanceOf(DomainError);
  });

  it('seeds WeCom-only tag groups next to the database ones, and tags some customers with them', async () => {
    const { tenant } = setup();
    await tenant.ready();
    expect(tenant.tags.list().map((g) => g.name)).toEqual(['来源渠道', '客户等级', '来源']);
    const tagged = [...tenant.data.relationships.values()].flatMap((r) => r.tagIds);
    expect(tagged).toContain(wecomOnlyTagGroups[0].tags[0].id);
  });

  it('sends group membership changes with JoinScene, QuitScene, MemChangeCnt and MemChangeList', async () => {
    const { sent, run } = setup();
    const { chatId } = await run({ type: 'group_created', ownerUserId: 'agent001', name: '保险交流群', externalUserIds: ['wmA'] });
    await run({ type: 'group_members_joined', chatId: chatId!, externalUserIds: ['wmB', 'wmC'], joinScene: 3 });
    await run({ type: 'group_members_quit', chatId: chatId!, externalUserIds: ['wmA'], quitScene: 1 });
    await run({ type: 'group_renamed', chatId: chatId!, name: '新群名' });
    await run({ type: 'group_dismissed', chatId: chatId! });
    expect(sent).toEqual([
      { kind: 'group.created', chatId },
      { kind: 'group.updated', chatId, detail: 'add_member', joinScene: 3, quitScene: null, memberChangeCount: 2, memberIds: ['wmB', 'wmC'] },
      { kind: 'group.updated', chatId, detail: 'del_member', joinScene: null, quitScene: 1, memberChangeCount: 1, memberIds: ['wmA'] },
      { kind: 'group.updated', chatId, detail: 'change_name', joinScene: null, quitScene: null, memberChangeCount: null, memberIds: [] },
      { kind: 'group.dismissed', chatId },
    ]);
    await expect(run({ type: 'group_renamed', chatId: chatId!, name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('announces corp tag changes with Id and TagType, a new group as tag_group', async () => {
    const { tenant, sent, run } = setup();
    const inOld = await run({ type: 'corp_tag_created', groupName: '来源渠道', tagName: '公众号' });
    const inNew = await run({ type: 'corp_tag_created', groupName: '保单状态', tagName: '有效' });
    await run({ type: 'corp_tag_renamed', tagId: 'etG1', name: '渠道' });
    await run({ type: 'corp_tag_deleted', tagId: inNew.tagId! });
    const newGroup = tenant.tags.list().find((g) => g.name === '保单状态');
    expect(newGroup).toBeUndefined();
    expect(sent).toEqual([
      { kind: 'tag.changed', change: 'create', id: inOld.tagId, tagType: 'tag' },
      { kind: 'tag.changed', change: 'create', id: expect.stringMatching(/^et/), tagType: 'tag_group' },
      { kind: 'tag.changed', change: 'update', id: 'etG1', tagType: 'tag_group' },
      { kind: 'tag.changed', change: 'delete', id: inNew.tagId, tagType: 'tag' },
    ]);
    expect((sent[1] as { id: string }).id).not.toBe(inNew.tagId);
  });

  it('edits, removes and approves relationships as the agent and the customer would', async () => {
    const { tenant, sent, run } = setup();
    await run({ type: 'contact_edited', userId: 'agent001', externalUserId: 'wmA', remark: '张姐', addTagIds: ['etT1'] });
    expect(tenant.data.relationship('wmA', 'agent001')).toMatchObject({ remark: '张姐', tagIds: expect.arrayContaining(['etT1']) });
    await run({ type: 'archive_approved', userId: 'agent001', externalUserId: 'wmA' });
    await run({ type: 'contact_deleted_by_customer', userId: 'agent001', externalUserId: 'wmA' });
    await run({ type: 'contact_deleted_by_agent', userId: 'agent001', externalUserId: 'wmB' });
    expect(sent.map((e) => e.kind)).toEqual(['contact.edited', 'contact.archive_approved', 'contact.deleted_by_customer', 'contact.deleted_by_agent']);
    expect(tenant.data.relationship('wmA', 'agent001')?.deletedByCustomer).toBe(true);
    expect(tenant.data.relationship('wmB', 'agent001')).toBeUndefined();
    await expect(run({ type: 'contact_edited', userId: 'agent002', externalUserId: 'wmA' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('ends handovers: in service done (add + delete by transfer), refused, or over the takeover agent’s limit', async () => {
    const { tenant, sent, run } = setup();
    await tenant.ready();
    expect(tenant.handovers.transfer({ resigned: false, handoverUserId: 'agent001', takeoverUserId: 'agent003', externalUserIds: ['wmA', 'wmB'] })).toEqual([
      { externalUserId: 'wmA', errcode: 0 },
      { externalUserId: 'wmB', errcode: 0 },
    ]);
    expect(tenant.handovers.transfer({ resigned: false, handoverUserId: 'agent001', takeoverUserId: 'agent003', externalUserIds: ['wmA', 'wmC'] })).toEqual([
      { externalUserId: 'wmA', errcode: 40100 },
      { externalUserId: 'wmC', errcode: 84061 },
    ]);
    await run({ type: 'customer_refuses_handover', externalUserId: 'wmB' });
    const res = await run({ type: 'handovers_complete' });
    expect(res.delivered).toEqual(['change_external_contact/add_external_contact', 'change_external_contact/del_external_contact', 'change_external_contact/transfer_fail']);
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'contact.added', userId: 'agent003', externalUserId: 'wmA', welcomeCode: null }),
      { kind: 'contact.deleted_by_agent', userId: 'agent001', externalUserId: 'wmA', byTransfer: true },
      { kind: 'contact.transfer_failed', userId: 'agent003', externalUserId: 'wmB', reason: 'customer_refused' },
    ]);
    expect(tenant.handovers.results({ resigned: false, handoverUserId: 'agent001', takeoverUserId: 'agent003' }).map((h) => [h.externalUserId, h.status])).toEqual([
      ['wmA', 1],
      ['wmB', 3],
    ]);

    tenant.setCustomerLimit('agent001', 0);
    tenant.contacts.staffLeft('agent002');
    tenant.handovers.transfer({ resigned: true, handoverUserId: 'agent002', takeoverUserId: 'agent001', externalUserIds: ['wmC'] });
    sent.length = 0;
    expect((await run({ type: 'handovers_complete' })).delivered).toEqual(['change_external_contact/transfer_fail']);
    expect(sent).toEqual([{ kind: 'contact.transfer_failed', userId: 'agent001', externalUserId: 'wmC', reason: 'customer_limit_exceed' }]);
  });

  it('tells the server a member left, and lets a mass send go out when the agent confirms, unless it was cancelled', async () => {
    const { tenant, sent, outbox, run } = setup();
    await tenant.ready();
    const { task, failList } = tenant.messages.create({ chatType: 'single', sender: 'agent001', externalUserIds: ['wmA', 'wmC'], text: 'hi' });
    expect(failList).toEqual(['wmC']);
    tenant.messages.monthlyCap = 0;
    await run({ type: 'mass_send_confirmed', msgId: task.msgId, userId: 'agent001' });
    expect(task.recipients.map((r) => r.status)).toEqual([3]);
    const second = tenant.messages.create({ chatType: 'single', sender: 'agent001', externalUserIds: ['wmB'], text: 'hi' }).task;
    tenant.messages.monthlyCap = 30;
    await run({ type: 'mass_send_confirmed', msgId: second.msgId, userId: 'agent001' });
    expect(outbox).toEqual(['wmB']);

    const cancelled = tenant.messages.create({ chatType: 'single', sender: 'agent001', externalUserIds: ['wmA'], text: 'hi' }).task;
    tenant.messages.cancel(cancelled.msgId);
    await expect(run({ type: 'mass_send_confirmed', msgId: cancelled.msgId, userId: 'agent001' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('cancelled') });
    expect(cancelled.recipients.map((r) => r.status)).toEqual([0]);
    expect(cancelled.confirmTimes).toEqual({});
    await expect(run({ type: 'mass_send_confirmed', msgId: 'msgNoSuchTask', userId: 'agent001' })).rejects.toMatchObject({ code: 'not_found' });
    expect(outbox).toEqual(['wmB']);

    expect((await run({ type: 'staff_left', userId: 'agent002' })).delivered).toEqual(['change_contact/delete_user']);
    expect(sent).toEqual([{ kind: 'staff.changed', change: 'delete_user', userId: 'agent002' }]);
    expect(tenant.contacts.followUserIds()).toEqual(['agent001', 'agent003']);
  });
});

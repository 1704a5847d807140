import { TypeOrmLeaseStore } from '../src/db/lease.repository';
import { sandboxDefaults } from '../src/platform/config';
import { systemClock } from '../src/platform/clock';
import { FAKE_REMIND_REFUSED_ERRCODE } from '../src/sandbox/wecom-fake-messages';
import type { WecomFakeTenant } from '../src/sandbox/wecom-fake-tenant';
import { DbAccessTokenCache, WecomApiError, WecomHttpAdapter, type AccessTokenCache } from '../src/wecom';
import { startTestServer, type TestServer } from './support/server';

describe(`the WeCom API adapter against the sandbox's fake WeCom on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let tenant: WecomFakeTenant;
  let wecom: WecomHttpAdapter;
  let admin: string;

  const adapter = (secret: string, tokenCache?: AccessTokenCache, fetchImpl?: typeof fetch) =>
    new WecomHttpAdapter({
      baseUrl: `${s.url}/sandbox/wecom`,
      corpId: sandboxDefaults.corpId,
      secret,
      clock: systemClock,
      sleep: async () => undefined,
      ...(tokenCache ? { tokenCache } : {}),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  /** A cache as one server process would hold it: its own lease owner, the shared database. */
  const processCache = (owner: string) => new DbAccessTokenCache(s.ds, new TypeOrmLeaseStore(s.ds), systemClock, owner, (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))));
  const simulate = (body: Record<string, unknown>) => s.post('/api/sandbox/wecom/simulate', body);

  /** Seeded customers with their owner's WeCom id and creation time, from the sandbox database. */
  const seeded = async () =>
    (
      await s.ds.query<{ ext: string; name: string; owner: string; created: string | Date }[]>(
        `SELECT i.value AS ext, c.name, o.wecom_user_id AS owner, c.created_at AS created
           FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
           JOIN staff_member o ON o.id = c.owner_staff_id ORDER BY i.value`,
      )
    ).map((r) => ({ ...r, created: r.created instanceof Date ? r.created : new Date(`${r.created.replace(' ', 'T')}Z`) }));
  /** Agents by how many seeded customers they own, most first, skipping the ones a test took. */
  const taken = new Set<string>();
  const busiestAgent = async (min: number) => {
    const byOwner = new Map<string, string[]>();
    for (const c of await seeded()) byOwner.set(c.owner, [...(byOwner.get(c.owner) ?? []), c.ext]);
    const [userId, customers] = [...byOwner.entries()].filter(([u]) => !taken.has(u)).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    expect(customers.length).toBeGreaterThanOrEqual(min);
    taken.add(userId);
    return { userId, customers };
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 80 });
    tenant = s.running.wecomTenant!;
    wecom = adapter(sandboxDefaults.contactSecret);
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('reads a seeded customer with their name and their owner as a follow user', async () => {
    const c = (await seeded())[0]!;
    const contact = await wecom.getContact(c.ext);
    expect(contact.profile).toMatchObject({ externalUserId: c.ext, name: c.name, type: 1 });
    const follow = contact.follows.find((f) => f.userId === c.owner)!;
    expect(follow).toBeDefined();
    expect(follow.addedAt.getTime()).toBe(Math.floor(c.created.getTime() / 1000) * 1000);
  });

  it('pages through the customers of several agents, every relationship exactly once', async () => {
    const all = await seeded();
    const agents = [...new Set(all.map((c) => c.owner))].slice(0, 4);
    const expected = all.filter((c) => agents.includes(c.owner)).map((c) => `${c.ext}|${c.owner}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await wecom.contactsOfAgents(agents, cursor, 2);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => `${i.profile.externalUserId}|${i.follow.userId}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('imports WeCom-only tag groups, adds, renames, marks and deletes corp tags', async () => {
    const before = await wecom.listCorpTags();
    expect(before.find((g) => g.groupName === '客户等级')?.tags.map((t) => t.name)).toEqual(['VIP', '普通']);
    expect(before.find((g) => g.groupName === '来源')?.tags.map((t) => t.name)).toEqual(['转介绍', '自然流量']);

    const group = await wecom.addCorpTags({ groupName: '测试分组' }, ['甲', '乙']);
    expect(group.tags.map((t) => t.name)).toEqual(['甲', '乙']);
    const [a, b] = [group.tags[0]!, group.tags[1]!];
    await expect(wecom.addCorpTags({ groupId: group.groupId }, ['甲'])).rejects.toMatchObject({ errcode: 40071, code: 'conflict' });
    await wecom.renameCorpTag(a.id, '甲一');

    const c = (await seeded())[1]!;
    await wecom.markTags(c.owner, c.ext, [a.id, b.id], []);
    await wecom.markTags(c.owner, c.ext, [], [b.id]);
    expect((await wecom.getContact(c.ext)).follows.find((f) => f.userId === c.owner)!.tagIds).toContain(a.id);
    expect((await wecom.getContact(c.ext)).follows.find((f) => f.userId === c.owner)!.tagIds).not.toContain(b.id);
    await expect(wecom.markTags(c.owner, c.ext, ['etNoSuchTag'], [])).rejects.toMatchObject({ errcode: 40068, code: 'not_found' });

    await wecom.deleteCorpTags({ tagIds: [b.id] });
    expect((await wecom.listCorpTags()).find((g) => g.groupId === group.groupId)?.tags.map((t) => t.name)).toEqual(['甲一']);
    await wecom.deleteCorpTags({ groupIds: [group.groupId] });
    expect((await wecom.listCorpTags()).some((g) => g.groupId === group.groupId)).toBe(false);
    expect((await wecom.getContact(c.ext)).follows.find((f) => f.userId === c.owner)!.tagIds).not.toContain(a.id);

    const made = await simulate({ type: 'corp_tag_created', groupName: '客户等级', tagName: '钻石' });
    expect(made.body).toEqual({ delivered: ['change_external_tag/create'], tagId: expect.stringMatching(/^et/) });
    expect((await wecom.listCorpTags()).find((g) => g.groupName === '客户等级')?.tags.map((t) => t.id)).toContain(made.body.tagId);
  });

  it('creates, reads, repoints, lists and deletes a contact way', async () => {
    const way = await wecom.addContactWay({ userIds: ['agent001'], state: 'cw-api-test', skipVerify: true, remark: '测试活码' });
    expect(await wecom.getContactWay(way.configId)).toEqual({ configId: way.configId, userIds: ['agent001'], state: 'cw-api-test', skipVerify: true, qrCode: way.qrCode });
    await wecom.updateContactWay(way.configId, ['agent002']);
    expect((await wecom.getContactWay(way.configId)).userIds).toEqual(['agent002']);
    const other = await wecom.addContactWay({ userIds: ['agent003'], state: 'cw-api-test-2', skipVerify: false });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await wecom.listContactWays({}, cursor, 1);
      ids.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining([way.configId, other.configId]));
    await wecom.deleteContactWay(way.configId);
    await expect(wecom.getContactWay(way.configId)).rejects.toMatchObject({ errcode: 41044, code: 'not_found' });
    await expect(wecom.addContactWay({ userIds: ['agent001'], state: 'x'.repeat(31), skipVerify: true })).rejects.toMatchObject({ errcode: 40058, code: 'bad_request' });
  });

  it('creates an acquisition link', async () => {
    const link = await wecom.createAcquisitionLink({ name: '春季获客链接', userIds: ['agent001', 'agent002'], skipVerify: true });
    expect(link.linkId).toMatch(/^cawcde/);
    expect(link.url).toBe(`https://work.weixin.qq.com/ca/${link.linkId}`);
    await expect(wecom.createAcquisitionLink({ name: '坏链接', userIds: ['nobody'], skipVerify: true })).rejects.toMatchObject({ errcode: 60111, code: 'not_found' });
  });

  it('lists and reads a group a simulated owner created, and sees customers join by QR code', async () => {
    const { userId, customers } = await busiestAgent(2);
    const [first, second] = customers as [string, string];
    const created = await simulate({ type: 'group_created', ownerUserId: userId, name: '重疾险交流群', externalUserIds: [first] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ delivered: ['change_external_chat/create'], chatId: expect.stringMatching(/^wr/) });
    const chatId = created.body.chatId as string;

    const listed = await wecom.listGroupChats({ ownerIds: [userId] }, null, 100);
    expect(listed.items).toContainEqual({ chatId, status: 0 });
    const joined = await simulate({ type: 'group_members_joined', chatId, externalUserIds: [second], joinScene: 3 });
    expect(joined.body.delivered).toEqual(['change_external_chat/update']);

    const group = await wecom.getGroupChat(chatId);
    expect(group).toMatchObject({ chatId, name: '重疾险交流群', ownerUserId: userId, adminUserIds: [] });
    const names = new Map((await seeded()).map((c) => [c.ext, c.name]));
    expect(group.members.map((m) => [m.userId, m.kind, m.joinScene, m.invitorUserId, m.name])).toEqual([
      [userId, 'staff', 1, null, expect.any(String)],
      [first, 'customer', 1, userId, names.get(first)],
      [second, 'customer', 3, null, names.get(second)],
    ]);
    await expect(wecom.getGroupChat('wrNoSuchGroup')).rejects.toBeInstanceOf(WecomApiError);
  });

  it('creates a mass send that waits for the agent, then reports sent and no-longer-friends', async () => {
    const { userId, customers } = await busiestAgent(2);
    const [stays, leaves] = customers as [string, string];
    const created = await wecom.createMassMessage({
      chatType: 'single',
      senderUserId: userId,
      externalUserIds: [stays, leaves, 'wmNotACustomer'],
      text: '您好，年度保单检视开始了',
      attachments: [{ kind: 'link', title: '保单检视', url: 'https://example.com/review' }],
    });
    expect(created.failedExternalUserIds).toEqual(['wmNotACustomer']);
    expect((await wecom.massMessageResults(created.msgId, userId)).map((r) => r.status)).toEqual(['unsent', 'unsent']);

    expect((await simulate({ type: 'contact_deleted_by_customer', userId, externalUserId: leaves })).body.delivered).toEqual(['change_external_contact/del_follow_user']);
    expect((await simulate({ type: 'mass_send_confirmed', msgId: created.msgId, userId })).body.delivered).toEqual([]);
    const results = await wecom.massMessageResults(created.msgId, userId);
    expect(results.find((r) => r.externalUserId === stays)).toMatchObject({ status: 'sent', userId, sentAt: expect.any(Date) });
    expect(results.find((r) => r.externalUserId === leaves)).toMatchObject({ status: 'not_friend', sentAt: null });
  });

  it('reads a mass send per sender, reminds the sender three times a day at most, and cancels one nobody can confirm then', async () => {
    const { userId, customers } = await busiestAgent(2);
    const [first, second] = customers as [string, string];
    const reminded = await wecom.createMassMessage({ chatType: 'single', senderUserId: userId, externalUserIds: [first], text: '理财讲座本周六开始' });
    expect(await wecom.massMessageTask(reminded.msgId)).toEqual([{ userId, status: 'unsent', sentAt: null }]);

    for (let i = 0; i < 3; i++) await wecom.remindMassMessage(reminded.msgId);
    const refused = await wecom.remindMassMessage(reminded.msgId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WecomApiError);
    expect(refused).toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE, path: '/cgi-bin/externalcontact/remind_groupmsg_send' });
    expect(tenant.messages.task(reminded.msgId).reminders).toHaveLength(3);

    expect((await simulate({ type: 'mass_send_confirmed', msgId: reminded.msgId, userId })).status).toBe(200);
    const [task] = await wecom.massMessageTask(reminded.msgId);
    expect(task).toMatchObject({ userId, status: 'sent', sentAt: expect.any(Date) });
    expect((await wecom.massMessageResults(reminded.msgId, userId))[0]?.sentAt).toEqual(task!.sentAt);

    const stopped = await wecom.createMassMessage({ chatType: 'single', senderUserId: userId, externalUserIds: [second], text: '讲座取消' });
    await wecom.cancelMassMessage(stopped.msgId);
    await wecom.cancelMassMessage(stopped.msgId);
    const confirm = await simulate({ type: 'mass_send_confirmed', msgId: stopped.msgId, userId });
    expect(confirm.status).toBe(409);
    expect(await wecom.massMessageTask(stopped.msgId)).toEqual([{ userId, status: 'unsent', sentAt: null }]);
    expect((await wecom.massMessageResults(stopped.msgId, userId)).map((r) => [r.externalUserId, r.status])).toEqual([[second, 'unsent']]);
    await expect(wecom.remindMassMessage(stopped.msgId)).rejects.toMatchObject({ errcode: FAKE_REMIND_REFUSED_ERRCODE });

    for (const call of [() => wecom.cancelMassMessage('msgNoSuchTask'), () => wecom.remindMassMessage('msgNoSuchTask'), () => wecom.massMessageTask('msgNoSuchTask')]) {
      await expect(call()).rejects.toMatchObject({ errcode: 41047, code: 'not_found' });
    }
  });

  it('hands a resigned agent’s customers over: waiting, then done, or refused by the customer', async () => {
    const { userId: from, customers } = await busiestAgent(2);
    const [accepts, refuses] = customers as [string, string];
    const to = 'agent030' === from ? 'agent029' : 'agent030';
    tenant.contacts.staffLeft(from);
    expect((await simulate({ type: 'customer_refuses_handover', externalUserId: refuses })).body).toEqual({ delivered: [], externalUserId: refuses });

    await expect(wecom.transferCustomers({ handoverUserId: from, takeoverUserId: to, externalUserIds: [accepts], resigned: false })).rejects.toMatchObject({ errcode: 40097, code: 'bad_request' });
    const accepted = await wecom.transferCustomers({ handoverUserId: from, takeoverUserId: to, externalUserIds: [accepts, refuses, 'wmNoSuchCustomer'], resigned: true });
    expect(accepted).toEqual([
      { externalUserId: accepts, errcode: 0 },
      { externalUserId: refuses, errcode: 0 },
      { externalUserId: 'wmNoSuchCustomer', errcode: 40096 },
    ]);
    const waiting = await wecom.transferResults({ handoverUserId: from, takeoverUserId: to, resigned: true });
    expect(waiting.map((r) => [r.externalUserId, r.status, r.takenOverAt])).toEqual([
      [accepts, 'waiting', null],
      [refuses, 'waiting', null],
    ]);

    const done = await simulate({ type: 'handovers_complete' });
    expect(done.body.delivered).toEqual(['change_external_contact/add_external_contact', 'change_external_contact/transfer_fail']);
    const results = await wecom.transferResults({ handoverUserId: from, takeoverUserId: to, resigned: true });
    expect(results.find((r) => r.externalUserId === accepts)).toMatchObject({ status: 'done', takenOverAt: expect.any(Date) });
    expect(results.find((r) => r.externalUserId === refuses)).toMatchObject({ status: 'refused', takenOverAt: null });
    const follows = (await wecom.getContact(accepts)).follows.map((f) => f.userId);
    expect(follows).toContain(to);
    expect(follows).not.toContain(from);
  });

  it('fetches each jsapi ticket once for a burst of 50 calls across two processes sharing the database cache', async () => {
    let ticketCalls = 0;
    const counting: typeof fetch = (input, init) => {
      if (/\/(get_jsapi_ticket|ticket\/get)/.test(String(input))) ticketCalls += 1;
      return fetch(input, init);
    };
    const a = adapter(sandboxDefaults.agentSecret, processCache('ticket-process-a'), counting);
    const b = adapter(sandboxDefaults.agentSecret, processCache('ticket-process-b'), counting);
    const corpBefore = tenant.auth.ticketsIssued('jsapi');
    const corp = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).corpJsapiTicket()));
    expect(new Set(corp).size).toBe(1);
    expect(tenant.auth.ticketsIssued('jsapi') - corpBefore).toBe(1);

    const agentBefore = tenant.auth.ticketsIssued('agent_config');
    const agent = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).agentJsapiTicket()));
    expect(new Set(agent).size).toBe(1);
    expect(agent[0]).not.toBe(corp[0]);
    expect(tenant.auth.ticketsIssued('agent_config') - agentBefore).toBe(1);
    expect(ticketCalls).toBe(2);

    // A third process finds both in the database.
    const c = adapter(sandboxDefaults.agentSecret, processCache('ticket-process-c'), counting);
    expect(await c.corpJsapiTicket()).toBe(corp[0]);
    expect(ticketCalls).toBe(2);
    // The customer-contact secret is not the app's: WeCom answers 48002.
    await expect(wecom.corpJsapiTicket()).rejects.toMatchObject({ errcode: 48002, code: 'upstream_error' });
  });

  it('turns an OAuth code into the staff member once; the second use is 40029', async () => {
    const sidebar = adapter(sandboxDefaults.agentSecret);
    const authorize = new URL(`${s.url}/sandbox/wecom/connect/oauth2/authorize`);
    authorize.search = new URLSearchParams({ appid: sandboxDefaults.corpId, redirect_uri: 'https://sidebar.example/callback', response_type: 'code', scope: 'snsapi_base', state: 'abc', userid: 'agent002' }).toString();
    const res = await fetch(authorize, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('abc');
    const code = back.searchParams.get('code')!;
    expect(await sidebar.userIdFromOAuthCode(code)).toBe('agent002');
    const again = await sidebar.userIdFromOAuthCode(code).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WecomApiError);
    expect(again).toMatchObject({ errcode: 40029, code: 'bad_request' });
    expect(await sidebar.userIdFromOAuthCode(tenant.auth.issueCode({ openId: 'oOutsider001' }))).toBeNull();
  });

  it('answers an unknown external user id with 40096, a not_found domain error', async () => {
    const error = await wecom.getContact('wmNoSuchCustomer000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WecomApiError);
    expect(error).toMatchObject({ errcode: 40096, code: 'not_found', path: '/cgi-bin/externalcontact/get' });
  });

  it('keeps the token and rate-limit faults working on the new endpoints', async () => {
    const c = (await seeded())[2]!;
    await wecom.getContact(c.ext);
    expect((await s.post('/api/sandbox/wecom/faults', { expireTokens: true, rateLimitNext: 2 })).status).toBe(200);
    expect((await wecom.getContact(c.ext)).profile.name).toBe(c.name);
    await s.post('/api/sandbox/wecom/faults', { rateLimitNext: 10 });
    await expect(wecom.listCorpTags()).rejects.toMatchObject({ errcode: 45009, code: 'rate_limited' });
    await s.post('/api/sandbox/wecom/faults', { rateLimitNext: 0 });
  });

  it('simulates a customer adding an agent: a signed callback the server turns into a customer', async () => {
    const res = await simulate({ type: 'contact_added', userId: 'agent010', name: '模拟客户', gender: 'female', state: 'sim-test' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ delivered: ['change_external_contact/add_external_contact'], externalUserId: expect.stringMatching(/^wm/), welcomeCode: expect.any(String) });
    const externalUserId = res.body.externalUserId as string;

    let total = 0;
    for (let i = 0; i < 100 && total === 0; i++) {
      total = (await s.get(`/api/customers?externalUserId=${externalUserId}`, admin)).body.total;
      if (total === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(total).toBe(1);
    const contact = await wecom.getContact(externalUserId);
    expect(contact.profile).toMatchObject({ name: '模拟客户', gender: 'female' });
    expect(contact.follows).toEqual([expect.objectContaining({ userId: 'agent010', state: 'sim-test', addWay: 1 })]);

    expect((await simulate({ type: 'contact_added', userId: 'nobody', name: '无' })).status).toBe(404);
    expect((await simulate({ type: 'group_renamed', chatId: 'wrNoSuchGroup', name: 'x' })).status).toBe(404);
    expect((await simulate({ type: 'contact_added', userId: 'agent010', name: '太长', state: 'x'.repeat(31) })).status).toBe(400);
  });
});

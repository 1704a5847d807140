import { jssdkSignature } from '../src/auth/jssdk-signature';
import { sandboxDefaults } from '../src/platform/config';
import { systemClock } from '../src/platform/clock';
import type { WecomFakeTenant } from '../src/sandbox/wecom-fake-tenant';
import { WecomHttpAdapter } from '../src/wecom';
import { startTestServer, type TestServer } from './support/server';

/** Polls until `check` returns something truthy (the callback inbox works asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, ms = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`customers, tags, groups and handovers from WeCom on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let tenant: WecomFakeTenant;
  let wecom: WecomHttpAdapter;
  let admin: string;
  const simulate = async (body: Record<string, unknown>) => {
    const res = await s.post('/api/sandbox/wecom/simulate', body);
    expect(res.status).toBe(200);
    return res.body as { delivered: string[]; externalUserId?: string; chatId?: string; tagId?: string };
  };
  /**
   * Moves the sandbox clock a second on. WeCom's dedupe fields (event, change, user, customer,
   * CreateTime) cannot tell two edits of one relationship within one second apart.
   */
  const nextSecond = async () => expect((await s.post('/api/sandbox/clock', { advanceMs: 1000 })).status).toBe(200);
  const view = async (customerId: string) => (await s.get(`/api/customers/${customerId}`, admin)).body;
  const byExternalId = async (ext: string) => (await s.get(`/api/customers?externalUserId=${ext}`, admin)).body.items[0] as { id: string; name: string; tags: string[] } | undefined;
  const wecomTagId = async (name: string): Promise<string> => (await s.ds.query<{ w: string }[]>('SELECT wecom_tag_id AS w FROM tag WHERE name = ?', [name]))[0]!.w;
  const ownerships = async () =>
    s.ds.query<{ ext: string; owner: string }[]>(
      `SELECT i.value AS ext, o.wecom_user_id AS owner FROM customer c
         JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
         JOIN staff_member o ON o.id = c.owner_staff_id ORDER BY i.value`,
    );

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 40 });
    tenant = s.running.wecomTenant!;
    await tenant.ready();
    wecom = new WecomHttpAdapter({ baseUrl: `${s.url}/sandbox/wecom`, corpId: sandboxDefaults.corpId, secret: sandboxDefaults.contactSecret, clock: systemClock, sleep: async () => undefined });
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('runs the first full sync in resumable steps: lost customers come back once, corp tags meet the dictionary', async () => {
    const c = s.running.container;
    const corpId = s.running.corpId;
    // Five customers WeCom has and Lodestar lost (or never had).
    const lost = (await ownerships()).slice(0, 5).map((o) => o.ext);
    const names = new Map(await Promise.all(lost.map(async (ext) => [ext, (await wecom.getContact(ext)).profile.name] as const)));
    const ids = (await s.ds.query<{ id: string }[]>(`SELECT customer_id AS id FROM customer_identity WHERE kind = 'external_userid' AND value IN (${lost.map(() => '?').join(',')})`, lost)).map((r) => r.id);
    const inList = ids.map(() => '?').join(',');
    for (const table of ['customer_follow', 'customer_tag', 'customer_identity']) await s.ds.query(`DELETE FROM ${table} WHERE customer_id IN (${inList})`, ids);
    await s.ds.query(`DELETE FROM customer WHERE id IN (${inList})`, ids);

    const run = await c.contactSync.start(corpId, null);
    expect(run).toMatchObject({ status: 'running', phase: 'tags', percent: 0 });
    // Two steps, then the process "stops": the cursor is in the database.
    let steps = 0;
    const paused = await c.contactSync.advance(run.id, corpId, () => steps++ >= 2);
    expect(paused.status).toBe('running');
    expect(paused.phase).toBe('contacts');
    const saved = (await s.get(`/api/wecom/sync/${run.id}`, admin)).body;
    expect(saved.relationshipsSeen).toBeGreaterThan(0);
    expect(saved.percent).toBeGreaterThanOrEqual(5);
    expect(saved.percent).toBeLessThan(100);

    const done = await c.contactSync.advance(run.id, corpId, () => false);
    expect(done).toMatchObject({ status: 'done', phase: 'done', percent: 100, customersCreated: 5 });
    let relationships = 0;
    for (const userId of tenant.contacts.followUserIds()) relationships += tenant.contacts.externalUserIdsOf(userId)!.length;
    expect(done.relationshipsSeen).toBe(relationships);
    for (const ext of lost) expect((await byExternalId(ext))?.name).toBe(names.get(ext));

    // WeCom's own tag groups are imported; the dictionary is created in WeCom, linked, not duplicated.
    const level = await s.ds.query<{ name: string }[]>("SELECT t.name FROM tag t JOIN tag_group g ON g.id = t.group_id WHERE g.name = '客户等级' AND t.wecom_tag_id IS NOT NULL ORDER BY t.name");
    expect(level.map((r) => r.name)).toEqual(['VIP', '普通']);
    const remote = await wecom.listCorpTags();
    expect(remote.filter((g) => g.groupName === '保险需求')).toHaveLength(1);
    expect(remote.find((g) => g.groupName === '保险需求')!.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['重疾险', '医疗险', '意外险']));
    const unlinked = await s.ds.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM tag WHERE wecom_tag_id IS NULL');
    expect(Number(unlinked[0]!.n)).toBe(0);
  });

  it('lets an admin run the sync again through the API and watch it reach 100% without creating anything twice', async () => {
    const agent = await s.login('agent001');
    expect((await s.post('/api/wecom/sync', {}, agent)).status).toBe(403);
    const started = await s.post('/api/wecom/sync', {}, admin);
    expect(started.status).toBe(202);
    const seen: number[] = [];
    const done = await eventually(async () => {
      const r = (await s.get(`/api/wecom/sync/${started.body.id}`, admin)).body;
      seen.push(r.percent);
      return r.status === 'done' && r;
    }, 'the second sync');
    expect(done).toMatchObject({ percent: 100, customersCreated: 0 });
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await s.get('/api/wecom/sync/latest', admin)).body.id).toBe(started.body.id);
  });

  it('names a customer added in WeCom from their profile, with the agent’s remark, and follows tag changes both ways', async () => {
    const added = await simulate({ type: 'contact_added', userId: 'agent001', name: '王小明', gender: 'male', remark: '王小明-重疾咨询' });
    const ext = added.externalUserId!;
    expect(added.delivered).toEqual(['change_external_contact/add_external_contact']);
    const customer = await eventually(async () => {
      const c = await byExternalId(ext);
      return c?.name === '王小明' && c;
    }, 'the name from WeCom');
    const v = await view(customer.id);
    expect(v.gender).toBe('male');
    expect(v.relationships).toEqual([expect.objectContaining({ agent: expect.objectContaining({ userId: 'agent001' }), status: 'active', remark: '王小明-重疾咨询' })]);

    // The agent tags the customer in WeCom: the tag appears here with where it came from.
    await simulate({ type: 'contact_edited', userId: 'agent001', externalUserId: ext, addTagIds: [await wecomTagId('重疾险')] });
    const tagged = await eventually(async () => (await view(customer.id)).tags.find((t: { name: string }) => t.name === '重疾险'), 'the WeCom tag');
    expect(tagged).toMatchObject({ source: 'static', evidence: expect.stringContaining('agent001') });
    await nextSecond();
    await simulate({ type: 'contact_edited', userId: 'agent001', externalUserId: ext, removeTagIds: [await wecomTagId('重疾险')] });
    await eventually(async () => !(await view(customer.id)).tags.some((t: { name: string }) => t.name === '重疾险'), 'the tag removed');

    // Lodestar tags the customer: the agent sees it in WeCom, and WeCom's echo changes nothing.
    const c = s.running.container;
    expect(await c.tagging.tagByExternalId(s.running.corpId, ext, ['医疗险'], 'conversation', '客户：想给孩子买份医疗险', new Date())).toBe(1);
    const medical = await wecomTagId('医疗险');
    await eventually(async () => (await wecom.getContact(ext)).follows[0]!.tagIds.includes(medical), 'mark_tag in WeCom');
    await nextSecond();
    await simulate({ type: 'contact_edited', userId: 'agent001', externalUserId: ext, remark: '王小明-重疾+医疗' });
    await eventually(async () => (await view(customer.id)).relationships[0].remark === '王小明-重疾+医疗', 'the new remark');
    expect((await view(customer.id)).tags.filter((t: { name: string }) => t.name === '医疗险')).toEqual([expect.objectContaining({ source: 'conversation' })]);
  });

  it('imports a corp tag created in WeCom and drops it when WeCom deletes it', async () => {
    const created = await simulate({ type: 'corp_tag_created', groupName: '客户等级', tagName: '黑金' });
    const count = async () => Number((await s.ds.query<{ n: number | string }[]>("SELECT COUNT(*) AS n FROM tag WHERE name = '黑金'"))[0]!.n);
    await eventually(async () => (await count()) === 1, 'the imported tag');
    await simulate({ type: 'corp_tag_deleted', tagId: created.tagId });
    await eventually(async () => (await count()) === 0, 'the deleted tag');
  });

  it('keeps groups, members and each customer’s join and quit history, within each agent’s scope', async () => {
    const mine = (await ownerships()).filter((o) => o.owner === 'agent001').map((o) => o.ext);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    const exts: string[] = [];
    for (const name of ['赵一', '钱二', '孙三', '李四']) exts.push((await simulate({ type: 'contact_added', userId: 'agent001', name })).externalUserId!);
    const { chatId } = await simulate({ type: 'group_created', ownerUserId: 'agent001', name: '上海重疾客户群', externalUserIds: exts.slice(0, 3) });
    const group = await eventually(async () => (await s.get('/api/groups?q=上海重疾', admin)).body.items[0], 'the group');
    expect(group).toMatchObject({ chatId, name: '上海重疾客户群', ownerUserId: 'agent001', customerCount: 3, status: 'active' });

    await simulate({ type: 'group_members_joined', chatId, externalUserIds: [exts[3]], joinScene: 3 });
    await simulate({ type: 'group_members_quit', chatId, externalUserIds: [exts[0]], quitScene: 1 });
    const detail = await eventually(async () => {
      const d = (await s.get(`/api/groups/${group.id}`, admin)).body;
      return d.members.some((m: { memberId: string }) => m.memberId === exts[3]) && d.members.some((m: { status: string }) => m.status === 'left') && d;
    }, 'the join and the quit');
    expect(detail.customerCount).toBe(3);
    expect(detail.members.find((m: { memberId: string }) => m.memberId === exts[0])).toMatchObject({ status: 'left', leftAt: expect.any(String) });
    const quitter = await byExternalId(exts[0]!);
    const history = (await view(quitter!.id)).groups;
    expect(history.map((h: { kind: string; scene: number | null; chatId: string }) => [h.kind, h.scene, h.chatId])).toEqual([
      ['quit', 1, chatId],
      ['join', expect.any(Number), chatId],
    ]);

    // Operations tag the group; agents see only their own groups.
    const put = await fetch(`${s.url}/api/groups/${group.id}/tags`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ tags: ['上海', '重疾', '上海'] }) });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { tags: string[] }).tags).toEqual(['上海', '重疾']);
    expect((await s.get('/api/groups?tag=上海', admin)).body.items.map((g: { chatId: string }) => g.chatId)).toEqual([chatId]);
    expect((await s.get(`/api/groups?chatId=${chatId}`, admin)).body.items.map((g: { chatId: string }) => g.chatId)).toEqual([chatId]);
    expect((await s.get('/api/groups?chatId=wrNoSuchChat', admin)).body.total).toBe(0);
    expect((await s.get(`/api/groups/${group.id}`, await s.login('agent002'))).status).toBe(404);
    expect((await s.get(`/api/groups/${group.id}`, await s.login('agent001'))).status).toBe(200);

    await simulate({ type: 'group_dismissed', chatId });
    await eventually(async () => (await s.get(`/api/groups/${group.id}`, admin)).body.status === 'dismissed', 'the dismissal');
  });

  it('hands a leaving agent’s customers and groups over, shows a refusal with its reason, and flags orphan policies', async () => {
    // The agent (other than agent001, whom the other tests use) serving the most customers leaves.
    const rows = await s.ds.query<{ owner: string; n: number | string }[]>(
      `SELECT o.wecom_user_id AS owner, COUNT(*) AS n FROM customer c JOIN staff_member o ON o.id = c.owner_staff_id
         WHERE o.status = 'active' AND o.role = 'agent' AND o.wecom_user_id <> 'agent001' GROUP BY o.wecom_user_id ORDER BY COUNT(*) DESC, o.wecom_user_id`,
    );
    const leaver = rows[0]!.owner;
    const theirs = (await ownerships()).filter((o) => o.owner === leaver).map((o) => o.ext);
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    const { chatId } = await simulate({ type: 'group_created', ownerUserId: leaver, name: '离职交接测试群', externalUserIds: theirs.slice(0, 2) });
    await eventually(async () => (await s.get('/api/groups?q=离职交接', admin)).body.items[0], 'the leaver’s group');
    const refuser = theirs[0]!;
    await simulate({ type: 'customer_refuses_handover', externalUserId: refuser });

    await simulate({ type: 'staff_left', userId: leaver });
    const waiting = await eventually(async () => {
      const list = (await s.get('/api/handovers?limit=500', admin)).body;
      return list.counts.waiting === theirs.length && list.counts.pending === 0 && list;
    }, 'the handover to start');
    expect(waiting.items.filter((h: { kind: string }) => h.kind === 'customer').every((h: { fromUserId: string; resigned: boolean; toUserId: string }) => h.fromUserId === leaver && h.resigned && h.toUserId !== leaver)).toBe(true);
    expect(waiting.items.find((h: { kind: string }) => h.kind === 'group')).toMatchObject({ subjectId: chatId, status: 'done' });
    expect((await s.get(`/api/groups?q=离职交接`, admin)).body.items[0].ownerUserId).not.toBe(leaver);

    await simulate({ type: 'handovers_complete' });
    expect((await s.post('/api/sandbox/clock', { advanceMs: 1000 })).status).toBe(200);
    const settled = await eventually(async () => {
      const list = (await s.get('/api/handovers?limit=500', admin)).body;
      return list.counts.waiting === 0 && list.counts.pending === 0 && list;
    }, 'the handover to finish');
    expect(settled.counts.failed).toBe(1);
    const failed = (await s.get('/api/handovers?status=failed', admin)).body.items;
    expect(failed).toEqual([expect.objectContaining({ subjectId: refuser, reason: 'the customer refused the handover' })]);

    const after = await ownerships();
    expect(after.find((o) => o.ext === refuser)!.owner).toBe(leaver);
    const moved = theirs.filter((e) => e !== refuser);
    for (const ext of moved) expect(after.find((o) => o.ext === ext)!.owner).not.toBe(leaver);
    const movedView = await view((await byExternalId(moved[0]!))!.id);
    expect(movedView.relationships.map((r: { agent: { userId: string }; status: string }) => [r.agent.userId === leaver, r.status])).toEqual(expect.arrayContaining([[true, 'transferred'], [false, 'active']]));
    const withPolicies = await s.ds.query<{ ext: string }[]>(
      `SELECT i.value AS ext FROM policy p JOIN customer_identity i ON i.customer_id = p.customer_id AND i.kind = 'external_userid'
        WHERE p.orphaned_at IS NOT NULL AND i.value IN (${moved.map(() => '?').join(',')})`,
      moved,
    );
    expect(withPolicies.length).toBeGreaterThan(0);
    const orphanView = await view((await byExternalId(withPolicies[0]!.ext))!.id);
    expect(orphanView.policies.some((p: { orphan: boolean }) => p.orphan)).toBe(true);
  });

  it('signs an agent in with a WeCom OAuth code once, and signs sidebar pages with cached tickets', async () => {
    const code = tenant.auth.issueCode({ userId: 'agent003' });
    const login = await s.post('/api/auth/wecom', { code });
    expect(login.status).toBe(200);
    expect((await s.get('/api/auth/me', login.body.token)).body).toMatchObject({ role: 'agent' });
    expect(login.body.user.id).toBe((await s.ds.query<{ id: string }[]>("SELECT id FROM staff_member WHERE wecom_user_id = 'agent003'"))[0]!.id);
    expect((await s.post('/api/auth/wecom', { code })).status).toBe(401);
    expect((await s.post('/api/auth/wecom', { code: tenant.auth.issueCode({ openId: 'oOutsider' }) })).status).toBe(401);

    const url = 'https://lodestar.example.com/sidebar/?entry=single_chat_tools#/customer';
    const first = await s.get(`/api/sidebar/jssdk-config?url=${encodeURIComponent(url)}`, login.body.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ corpId: sandboxDefaults.corpId, agentId: String(sandboxDefaults.agentId) });
    const tickets = await s.ds.query<{ key: string; token: string }[]>("SELECT `key`, token FROM wecom_access_token WHERE `key` LIKE '%:jsapi' OR `key` LIKE '%:agent_config'");
    const ticket = (kind: string) => tickets.find((t) => t.key.endsWith(`:${kind}`))!.token;
    const { config, agentConfig } = first.body;
    expect(config.signature).toBe(jssdkSignature(ticket('jsapi'), config.nonceStr, config.timestamp, url));
    expect(agentConfig.signature).toBe(jssdkSignature(ticket('agent_config'), agentConfig.nonceStr, agentConfig.timestamp, url));
    await Promise.all(Array.from({ length: 10 }, () => s.get(`/api/sidebar/jssdk-config?url=${encodeURIComponent(url)}`, login.body.token)));
    expect(tenant.auth.ticketsIssued('jsapi')).toBe(1);
    expect(tenant.auth.ticketsIssued('agent_config')).toBe(1);
    expect((await s.get(`/api/sidebar/jssdk-config?url=not-a-url`, login.body.token)).status).toBe(400);
  });
});

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../src/app/server';
import { loadConfig } from '../src/platform/config';
import { fromDbTime } from '../src/db/naming';
import { createLogger } from '../src/platform/logger';
import { testDatabaseUrl } from './support/db';
import { startTestServer, type TestServer } from './support/server';

/**
 * Group SOPs through the running product with the sandbox clock: a weekly plan makes exactly one
 * task per group per week, also with a second server on the same database moving its own clock; mass
 * sends go to the fake WeCom, the owner's confirmation flows back into the completion board;
 * reminders, escalation to the team lead, welcome messages after joins, and a missed window caught
 * up (or skipped, by the plan's choice) by a server started again after being down.
 */
describe(`group SOPs on ${process.env.TEST_DB}`, () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  // SQLite: a file, so a second server and a restarted one open the same database.
  const sqliteFile = join(tmpdir(), `lodestar-sop-${process.pid}-${Date.now()}.sqlite`);
  const databaseUrl = process.env.TEST_DB === 'mysql' ? testDatabaseUrl() : `sqlite:${sqliteFile}`;
  let s: TestServer;
  let twin: RunningServer | undefined;
  let admin: string;
  const groups: Record<string, { id: string; chatId: string }> = {};
  /** Monday 09:00 in Shanghai, at least two days after now (the sandbox clock only moves forward). */
  const monday = (() => {
    const d = new Date(Date.now() + 2 * DAY);
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const dow = new Date(day).getUTCDay();
    return day + ((8 - dow) % 7) * DAY + (9 - 8) * HOUR;
  })();
  const at = (days: number, hours = 0) => new Date(monday + days * DAY + hours * HOUR).toISOString();
  const setClock = (iso: string, server = s) => fetch(`${server.url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ set: iso }) });
  const simulate = async (body: unknown) => {
    const res = await s.post('/api/sandbox/wecom/simulate', body);
    if (res.status !== 200) throw new Error(`simulate ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { chatId?: string };
  };
  const tasks = (planId: string) =>
    s.ds.query<Array<{ id: string; target_id: string; step_id: string; status: string; due_at: string; wecom_msg_id: string | null; owner_user_id: string }>>(
      'SELECT id, target_id, step_id, status, due_at, wecom_msg_id, owner_user_id FROM sop_task WHERE plan_id = ? ORDER BY due_at, target_id',
      [planId],
    );
  const weekly = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    definition: {
      target: { kind: 'groups', groupTags: ['上海'] },
      steps: [{ id: 'tips', name: '周三健康小贴士', when: { kind: 'time', rule: { type: 'weekly', weekdays: [3], at: '10:00' } }, content: { text: '本周健康小贴士：体检报告这样看' } }],
      ...extra,
    },
  });

  beforeAll(async () => {
    s = await startTestServer({ DATABASE_URL: databaseUrl }, { demoCustomers: 40 });
    await setClock(at(0));
    // Tokens are checked against the product clock: sign in after each move.
    admin = await s.login('admin');
    const exts = (await s.ds.query<Array<{ v: string }>>("SELECT value AS v FROM customer_identity WHERE kind = 'external_userid' ORDER BY value LIMIT 6")).map((r) => r.v);
    for (const [key, owner, name, members] of [
      ['a', 'agent001', '上海重疾客户群', exts.slice(0, 2)],
      ['b', 'agent001', '北京医疗客户群', exts.slice(2, 3)],
      ['c', 'agent002', '上海年金客户群', exts.slice(3, 5)],
    ] as const) {
      const { chatId } = await simulate({ type: 'group_created', ownerUserId: owner, name, externalUserIds: [...members] });
      for (let i = 0; i < 100; i++) {
        const [row] = await s.ds.query<Array<{ id: string }>>('SELECT id FROM customer_group WHERE chat_id = ?', [chatId]);
        if (row) {
          groups[key] = { id: row.id, chatId: chatId! };
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!groups[key]) throw new Error(`group ${name} never arrived`);
    }
    for (const key of ['a', 'c']) {
      const res = await fetch(`${s.url}/api/groups/${groups[key]!.id}/tags`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ tags: ['上海'] }) });
      expect(res.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await twin?.stop();
    // The last test stopped the first server already; closing drops the database.
    await s?.close().catch(() => undefined);
    for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
  });

  it('refuses content that breaks the compliance list and library articles, naming the step', async () => {
    const bad = weekly('违规');
    bad.definition.steps[0]!.content = { text: '这款产品保本稳赚，零风险' };
    const res = await s.post('/api/sop/plans', bad, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/steps\.0\.content: compliance/);
    const agent = await s.login('agent001');
    expect((await s.post('/api/sop/plans', weekly('x'), agent)).status).toBe(403);
  });

  it('makes exactly one task per tagged group per week across two servers, and send results flow into the board', async () => {
    const created = await s.post('/api/sop/plans', weekly('上海群周三小贴士'), admin);
    expect(created.status).toBe(201);
    const planId = created.body.id as string;
    expect((await s.post(`/api/sop/plans/${planId}/publish`, {}, admin)).body).toMatchObject({ status: 'live', version: 1 });

    // A second server on the same database, with its own sandbox clock moved the same way.
    // It calls the first server's fake WeCom, as two real servers would call the one WeCom.
    twin = await startServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-test-secret-test-secret-0001', WECOM_SYNC_ON_START: 'false', WECOM_API_BASE: `${s.url}/sandbox/wecom` }),
      createLogger('silent'),
      { demoCustomers: 40 },
    );
    for (let h = 1; h <= 14 * 24; h += 6) await Promise.all([setClock(at(0, h)), setClock(at(0, h), { url: twin.url! } as TestServer)]);

    const rows = await tasks(planId);
    // Two weeks, two tagged groups (北京 is not tagged): four tasks, each on a Wednesday at 10:00 local.
    expect(rows.map((r) => [r.target_id, fromDbTime(r.due_at).toISOString()]).sort()).toEqual(
      [
        [groups.a!.id, at(2, 1)],
        [groups.a!.id, at(9, 1)],
        [groups.c!.id, at(2, 1)],
        [groups.c!.id, at(9, 1)],
      ].sort(),
    );
    expect(rows.every((r) => r.wecom_msg_id)).toBe(true);

    // agent001 confirms the first week's send in the WeCom client; agent002 never does.
    const first = rows.find((r) => r.target_id === groups.a!.id)!;
    expect((await s.post('/api/sandbox/wecom/simulate', { type: 'mass_send_confirmed', msgId: first.wecom_msg_id, userId: 'agent001' })).status).toBe(200);
    await setClock(at(14, 2));
    admin = await s.login('admin');
    const board = (await s.get(`/api/sop/board?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(14))}&by=agent`, admin)).body.items as Array<{ name: string; due: number; sent: number; completionRate: number; overdue: number }>;
    const byName = Object.fromEntries(board.map((r) => [r.name, r]));
    const names = Object.fromEntries((await s.ds.query<Array<{ u: string; name: string }>>("SELECT wecom_user_id AS u, name FROM staff_member WHERE wecom_user_id IN ('agent001', 'agent002')")).map((r) => [r.u, r.name]));
    expect(byName[names.agent001!]).toMatchObject({ due: 2, sent: 1, completionRate: 0.5 });
    expect(byName[names.agent002!]).toMatchObject({ due: 2, sent: 0, completionRate: 0 });

    // The unconfirmed tasks were reminded and, after a day, escalated to the team lead.
    const view = (await s.get(`/api/sop/tasks?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(14))}`, admin)).body.items as Array<{ targetId: string; status: string; remindedCount: number; escalatedAt: string | null; result: unknown }>;
    const c1 = view.find((t) => t.targetId === groups.c!.id && t.status === 'overdue')!;
    expect(c1.remindedCount).toBeGreaterThanOrEqual(1);
    expect(c1.escalatedAt).not.toBeNull();
    expect(view.find((t) => t.targetId === groups.a!.id && t.status === 'sent')).toMatchObject({ result: { sent: 1, unsent: 0, failed: 0 } });
    const [lead] = await s.ds.query<Array<{ username: string }>>(
      "SELECT l.username FROM staff_member a JOIN team t ON t.id = a.team_id JOIN staff_member l ON l.id = t.lead_staff_id WHERE a.wecom_user_id = 'agent002'",
    );
    const notes = (await s.get('/api/notifications?limit=50', await s.login(lead!.username))).body.items as Array<{ kind: string; payload: { reason: string; task: { targetName: string } } }>;
    expect(notes.some((n) => n.kind === 'sop.task' && n.payload.reason === 'overdue' && n.payload.task.targetName === '上海年金客户群')).toBe(true);

    // The calendar shows what was sent and what the plan will send next week.
    const cal = (await s.get(`/api/sop/calendar?from=${encodeURIComponent(at(14))}&to=${encodeURIComponent(at(21))}`, admin)).body.items as Array<{ status: string; targetName: string; dueAt: string }>;
    expect(cal.filter((i) => i.status === 'planned').map((i) => i.targetName).sort()).toEqual(['上海重疾客户群', '上海年金客户群'].sort());
    await s.post(`/api/sop/plans/${planId}/pause`, {}, admin);
    await twin.stop();
    twin = undefined;
  }, 120_000);

  it('welcomes new members once per burst of joins', async () => {
    const plan = {
      name: '入群欢迎',
      definition: {
        target: { kind: 'groups', all: true },
        steps: [{ id: 'welcome', name: '欢迎新成员', when: { kind: 'event', rule: { type: 'member_joined', debounceMinutes: 10 } }, content: { text: '欢迎加入！每周三有健康小贴士' } }],
      },
    };
    const created = await s.post('/api/sop/plans', plan, admin);
    await s.post(`/api/sop/plans/${created.body.id}/publish`, {}, admin);
    const exts = (await s.ds.query<Array<{ v: string }>>("SELECT value AS v FROM customer_identity WHERE kind = 'external_userid' ORDER BY value LIMIT 10")).map((r) => r.v);
    await simulate({ type: 'group_members_joined', chatId: groups.b!.chatId, externalUserIds: [exts[6]], joinScene: 3 });
    await new Promise((r) => setTimeout(r, 300));
    await setClock(at(14, 2.05));
    await simulate({ type: 'group_members_joined', chatId: groups.b!.chatId, externalUserIds: [exts[7]], joinScene: 3 });
    await new Promise((r) => setTimeout(r, 300));
    await setClock(at(14, 3));
    admin = await s.login('admin');
    const rows = await tasks(created.body.id);
    expect(rows.map((r) => r.target_id)).toEqual([groups.b!.id]);
    expect(rows[0]!.status).toBe('awaiting');
  }, 60_000);

  it('catches a missed window up after the server was down, or skips it when the plan says so', async () => {
    const catchUp = (await s.post('/api/sop/plans', weekly('补发', { missed: 'catch_up', catchUpHours: 24 }), admin)).body.id as string;
    const skip = (await s.post('/api/sop/plans', weekly('不补发', { missed: 'skip' }), admin)).body.id as string;
    // Monday of the fourth week: both go live, then the server stops before Wednesday 10:00.
    await setClock(at(21));
    admin = await s.login('admin');
    for (const id of [catchUp, skip]) await s.post(`/api/sop/plans/${id}/publish`, {}, admin);
    await setClock(at(22));
    await s.running.stop();
    // Back on Wednesday at 13:00, three hours after the sends fell due.
    const again = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-test-secret-test-secret-0001', WECOM_SYNC_ON_START: 'false' }), createLogger('silent'), { demoCustomers: 40 });
    twin = again;
    await setClock(at(23, 4), { url: again.url! } as TestServer);
    const rows = async (id: string) => again.container.ds.query<Array<{ target_id: string; status: string; reason: string | null }>>('SELECT target_id, status, reason FROM sop_task WHERE plan_id = ? ORDER BY target_id', [id]);
    const caught = await rows(catchUp);
    expect(caught).toHaveLength(2);
    expect(caught.every((r) => r.status !== 'skipped')).toBe(true);
    const skipped = await rows(skip);
    expect(skipped).toHaveLength(2);
    expect(skipped.every((r) => r.status === 'skipped' && /skips missed/.test(r.reason ?? ''))).toBe(true);
  }, 120_000);
});

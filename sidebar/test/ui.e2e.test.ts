/**
 * The sidebar and the console in a real browser (issue 10, and issue 8's calendar and board).
 *
 * Starts server/dist/main.js (run `npm run build` and `npm run build:ui` first) on an in-memory
 * SQLite database in sandbox mode, then drives headless Chromium through playwright-core:
 *   - the console's login, and an agent refused by it;
 *   - the sidebar at 360 px for one of agent001's customers (fake JS-SDK): the customer card, its
 *     first meaningful paint (printed), a sandbox chat message that arrives as a live script
 *     suggestion, one tap that sends the script through the fake (window.__wecomFake.sent), and a
 *     compliance hit shown (and the send refused) before a risky text goes out;
 *   - as admin at 1440 px, a small journey drawn on the canvas (two steps, two connections),
 *     validated and published, with per-step statistics after a customer is enrolled;
 *   - a group SOP plan whose manual task the agent sends from the sidebar, then the SOP calendar,
 *     the completion board and the dashboard;
 *   - the sidebar's 内容 / 计划书 / 活动签到: a product sent as a mini-program card, a proposal created
 *     and sent, its opening count going up live when the customer opens it (GET /api/mp/proposals/:id),
 *     and the customer's ticket checked in (then refused as already checked in).
 * Screenshots go to sidebar/test/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, startUiStack, type UiStack } from '../../server/test/support/ui-stack';

const shots = join(__dirname, 'screenshots');
const password = 'lodestar-demo';

jest.setTimeout(240_000);

let stack: UiStack;
let api = '';
let base = '';
let browser: Browser;

const call = <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => apiCall<T>(api, method, path, body, token);

const tokenOf = async (username: string): Promise<string> => (await call<{ token: string }>('POST', '/api/auth/login', { username, password })).token;

/** A full-page screenshot, or only the viewport for overlays (dialogs and toasts sit on the viewport). */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(350); // menu and tab transitions settle
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

/** Signs in through the login form (both entries use the same one). */
async function signIn(page: Page, username: string): Promise<void> {
  await page.locator('[data-testid=login-form] input[name=username]').fill(username);
  await page.locator('[data-testid=login-form] input[name=password]').fill(password);
  await page.locator('[data-testid=login-form] button[type=submit]').click();
}

/** Drags from one handle to another the way a person does: press, move in steps, release. */
async function drag(page: Page, from: string, to: string): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot find ${a ? to : from} on the canvas`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  stack = await startUiStack({ page: '/sidebar/', marker: '<div id="root">', build: 'npm run build:ui' });
  ({ api, browser } = stack);
  base = api;
}, 150_000);

afterAll(async () => {
  await stack?.stop();
});

async function newPage(width: number, height = 900): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

describe('the console and the agent sidebar in a browser', () => {
  let customer: { id: string; name: string; externalUserId: string };

  it('signs an admin into the console, and refuses an agent', async () => {
    const { context, page, errors } = await newPage(1440);
    await page.goto(`${base}/console/`);
    await page.locator('[data-testid=login-form]').waitFor();
    await shot(page, 'console-login-1440');
    await signIn(page, 'agent001');
    await page.locator('[data-testid=no-access]').waitFor();
    expect(await page.locator('[data-testid=no-access]').textContent()).toContain('仅对管理员和团队主管开放');
    await shot(page, 'console-agent-refused-1440');
    await page.getByRole('button', { name: '换个账号登录' }).click();
    await signIn(page, 'admin');
    await page.locator('[data-testid=dashboard]').waitFor();
    expect(await page.locator('[data-testid=menu-journeys]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the customer card, a live script suggestion after a chat message, and sends the script through the JS-SDK fake', async () => {
    const agent = await tokenOf('agent001');
    const list = await call<{ items: Array<{ id: string; name: string; externalUserId: string | null }> }>('GET', '/api/customers?limit=50', undefined, agent);
    const pick = list.items.find((c) => c.externalUserId);
    if (!pick?.externalUserId) throw new Error('agent001 has no customer with a WeCom external_userid in the demo data');
    customer = { id: pick.id, name: pick.name, externalUserId: pick.externalUserId };
    // The customer agreed to chat archiving, so their messages are mined.
    await call('POST', '/api/sandbox/wecom/simulate', { type: 'archive_approved', userId: 'agent001', externalUserId: customer.externalUserId });

    const { context, page, errors } = await newPage(360, 780);
    const url = `${base}/sidebar/?fake=1&contact=${encodeURIComponent(customer.externalUserId)}`;
    await page.goto(url);
    await signIn(page, 'agent001');
    await page.locator('[data-testid=customer-card]').waitFor();
    await shot(page, 'sidebar-login-then-card-360');

    // First meaningful paint on a fresh load with a session: the customer card's mark.
    await page.reload();
    await page.locator('[data-testid=customer-card]').waitFor();
    const paint = await page.evaluate(() => {
      const card = performance.getEntriesByName('lodestar:customer-card')[0];
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { card: card?.startTime ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? null, fcp: fcp?.startTime ?? null };
    });
    console.log(
      `sidebar first meaningful paint (customer card rendered): ${paint.card?.toFixed(0)} ms after navigation start ` +
        `(first contentful paint ${paint.fcp?.toFixed(0)} ms, DOMContentLoaded ${paint.domContentLoaded?.toFixed(0)} ms)`,
    );
    expect(paint.card).not.toBeNull();
    expect(await page.getByTestId('sidebar-title').textContent()).toBe(customer.name);
    await page.waitForTimeout(400);
    await shot(page, 'sidebar-customer-360');

    // The customer writes; the archive job mines it and the card arrives on the stream.
    await page.waitForFunction(() => document.querySelector('.sb-dot--open') !== null, undefined, { timeout: 15_000 });
    const said = '这个重疾险一年要交多少钱？太贵了';
    await call('POST', '/api/sandbox/archive', { messages: [{ from: customer.externalUserId, tolist: ['agent001'], msgtype: 'text', text: { content: said } }] });
    const banner = page.getByTestId('live-insight-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain(said.slice(0, 10));
    await shot(page, 'sidebar-live-banner-360');
    await banner.click();
    const card = page.getByTestId('insight-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(said);
    expect(await page.getByTestId('script-card').count()).toBeGreaterThan(0);
    await page.locator('.sb-compliance.is-ok').first().waitFor();
    await shot(page, 'sidebar-suggestions-360');

    // One tap sends the first script.
    const firstScript = page.getByTestId('script-card').first();
    const body = (await firstScript.locator('.sb-script__body').textContent())!.trim();
    await firstScript.getByTestId('send-script').click();
    await page.waitForFunction(() => (window.__wecomFake?.sent.length ?? 0) === 1);
    const sent = await page.evaluate(() => window.__wecomFake!.sent.map((m) => ({ msgtype: m.msgtype, text: m.msgtype === 'text' ? m.text.content : null, to: m.to.externalUserId })));
    expect(sent).toEqual([{ msgtype: 'text', text: body, to: customer.externalUserId }]);
    await shot(page, 'sidebar-sent-360', false);

    // A risky text: the hits are shown before sending, and a high-severity hit is not sent.
    await page.locator('.sb-compose textarea').fill('这款产品保本保息，稳赚不赔');
    await page.getByTestId('compliance-hits').first().waitFor();
    await page.locator('.sb-compose').getByRole('button', { name: '发送' }).click();
    await page.getByText('发送前合规提示').waitFor();
    await shot(page, 'sidebar-compliance-360', false);
    expect(await page.locator('.t-dialog').getByRole('button', { name: '仍然发送' }).count()).toBe(0);
    await page.locator('.t-dialog').getByRole('button', { name: '返回修改' }).click();
    expect(await page.evaluate(() => window.__wecomFake!.sent.length)).toBe(1);

    // My work: the lead inbox by grade with SLA timers.
    await page.getByText('我的工作', { exact: true }).click();
    await page.getByTestId('work-panel').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'sidebar-work-360');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws a small journey on the canvas, validates and publishes it, and shows per-step statistics', async () => {
    const { context, page, errors } = await newPage(1440);
    await page.goto(`${base}/console/#/journeys/new`);
    await signIn(page, 'admin');
    await page.getByTestId('journey-canvas').waitFor();
    await page.getByTestId('journey-name').locator('input').fill('价格异议关怀（浏览器测试）');
    await page.getByTestId('add-send').click();
    await page.getByTestId('add-exit').click();
    await page.locator('.react-flow__node[data-id=exit_1]').waitFor();
    await page.waitForTimeout(400);

    // Not connected yet: validation says so.
    await page.getByTestId('validate-journey').click();
    expect(await page.getByTestId('journey-issues').textContent()).toContain('还没有连');

    await drag(page, '[data-testid=trigger-node] .react-flow__handle.source', '.react-flow__node[data-id=send_1] .react-flow__handle.target');
    await drag(page, '.react-flow__node[data-id=send_1] .react-flow__handle.source', '.react-flow__node[data-id=exit_1] .react-flow__handle.target');
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);
    await page.getByTestId('validate-journey').click();
    await page.getByTestId('journey-valid').waitFor();
    await shot(page, 'console-journey-drawn-1440');

    await page.getByTestId('publish-journey').click();
    await page.getByText('运行中', { exact: true }).waitFor({ timeout: 15_000 });
    expect(page.url()).toMatch(/#\/journeys\/[0-9a-f-]{20,}$/);
    const journeyId = page.url().split('/').pop()!;
    const admin = await tokenOf('admin');
    const saved = await call<{ status: string; liveVersion: number; definition: { entry: string; steps: Array<{ id: string; type: string; next?: string }> } }>('GET', `/api/journeys/${journeyId}`, undefined, admin);
    expect(saved.status).toBe('live');
    expect(saved.liveVersion).toBe(1);
    expect(saved.definition.entry).toBe('send_1');
    expect(saved.definition.steps.map((s) => [s.id, s.type, s.next ?? null])).toEqual([
      ['send_1', 'send', 'exit_1'],
      ['exit_1', 'exit', null],
    ]);

    // A customer enrolled by hand moves through; the nodes show the numbers.
    await call('POST', `/api/journeys/${journeyId}/enrol`, { customerIds: [customer.id] }, admin);
    await call('POST', '/api/sandbox/clock', { advanceMs: 60_000 });
    await page.reload();
    await page.locator('[data-testid=step-stats]').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.react-flow__node[data-id=send_1] [data-testid=step-stats]').textContent()).toContain('进入 1');
    await shot(page, 'console-journey-published-1440');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs a group SOP: the agent sends the manual task from the sidebar; the console shows the calendar, the board and the dashboard', async () => {
    let admin = await tokenOf('admin');
    const agent = await tokenOf('agent001');
    const peers = (await call<{ items: Array<{ externalUserId: string | null }> }>('GET', '/api/customers?limit=10', undefined, agent)).items.flatMap((c) => (c.externalUserId ? [c.externalUserId] : []));
    for (const name of ['重庆重疾客户群', '杭州养老规划群']) {
      await call('POST', '/api/sandbox/wecom/simulate', { type: 'group_created', ownerUserId: 'agent001', name, externalUserIds: peers.slice(0, 4) });
    }
    const plan = await call<{ id: string }>(
      'POST',
      '/api/sop/plans',
      {
        name: '每日群运营',
        definition: {
          target: { kind: 'groups', all: true },
          steps: [
            { id: 'morning', name: '早安问候', when: { kind: 'time', rule: { type: 'daily', at: '09:00' } }, content: { text: '各位早上好！今天也要照顾好自己和家人。' }, mode: 'mass' },
            { id: 'tip', name: '保障小贴士', when: { kind: 'time', rule: { type: 'daily', at: '10:00' } }, content: { text: '小贴士：重疾险保额建议覆盖 3–5 年收入。' }, mode: 'manual' },
          ],
        },
      },
      admin,
    );
    await call('POST', `/api/sop/plans/${plan.id}/publish`, undefined, admin);
    // A day later every group has had one of each step (the clock move runs the SOP job).
    const { now } = await call<{ now: string }>('POST', '/api/sandbox/clock', { advanceMs: 24 * 3_600_000 });
    admin = await tokenOf('admin');
    await call('POST', '/api/sop/run', undefined, admin);
    const serverNow = Date.parse(now);

    // The agent sends one manual task from the sidebar (opened in no chat: the workbench).
    const side = await newPage(360, 780);
    await side.context.addInitScript((t) => (window.__lodestarNow = t), serverNow);
    await side.page.goto(`${base}/sidebar/?fake=1`);
    await signIn(side.page, 'agent001');
    await side.page.getByTestId('work-panel').waitFor();
    const task = side.page.getByTestId('sop-task').filter({ hasText: '保障小贴士' }).first();
    await task.waitFor({ timeout: 15_000 });
    await shot(side.page, 'sidebar-sop-tasks-360');
    await task.getByRole('button', { name: '发送' }).click();
    await side.page.getByText(/已发送到/).waitFor();
    expect(await side.page.evaluate(() => window.__wecomFake!.sent.map((m) => (m.msgtype === 'text' ? m.text.content : '')))).toEqual(['小贴士：重疾险保额建议覆盖 3–5 年收入。']);
    expect(side.errors).toEqual([]);
    await side.context.close();

    const { context, page, errors } = await newPage(1440);
    await context.addInitScript((t) => (window.__lodestarNow = t), serverNow);
    await page.goto(`${base}/console/#/sop/calendar`);
    await signIn(page, 'admin');
    await page.getByTestId('sop-calendar').waitFor();
    await page.locator('.cal-item[data-status=sent]').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.cal-item[data-status=planned]').count()).toBeGreaterThan(0);
    expect(await page.locator('.cal-target__name').allTextContents()).toEqual(expect.arrayContaining(['重庆重疾客户群', '杭州养老规划群']));
    await shot(page, 'console-sop-calendar-1440');

    await page.getByTestId('menu-sop/board').click();
    await page.getByTestId('board-chart').locator('canvas').waitFor();
    await page.getByText('每日群运营').first().waitFor();
    expect(await page.locator('.t-table').textContent()).toContain('每日群运营');
    await shot(page, 'console-sop-board-1440');

    await page.getByTestId('menu-sop/plans').click();
    await page.getByText('每日群运营').first().waitFor();
    await shot(page, 'console-sop-plans-1440');

    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('chart-grades').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    expect(Number(await page.getByTestId('kpi-open-leads').textContent())).toBeGreaterThan(0);
    await shot(page, 'console-dashboard-1440');

    await page.getByTestId('menu-journeys').click();
    await page.getByText('价格异议关怀（浏览器测试）').waitFor();
    await shot(page, 'console-journeys-1440');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shares a product card and a proposal from the sidebar, sees the customer open it live, and checks a ticket in', async () => {
    const login = await call<{ token: string; user: { id: string } }>('POST', '/api/auth/login', { username: 'agent001', password });
    const agent = login.token;
    // One of agent001's customers in a WeCom chat who also uses the mini-program (a sandbox openid oSandbox<n>).
    const list = await call<{ items: Array<{ id: string; externalUserId: string | null }> }>('GET', '/api/customers?limit=100', undefined, agent);
    let who: { id: string; name: string; externalUserId: string; n: number } | null = null;
    for (const c of list.items.filter((x) => x.externalUserId)) {
      const view = await call<{ id: string; name: string; identities: Array<{ kind: string; value: string }> }>('GET', `/api/customers/${c.id}`, undefined, agent);
      const openid = view.identities.find((i) => i.kind === 'openid' && /^oSandbox\d+$/.test(i.value));
      if (openid) {
        who = { id: c.id, name: view.name, externalUserId: c.externalUserId!, n: Number(openid.value.replace('oSandbox', '')) };
        break;
      }
    }
    if (!who) throw new Error('agent001 has no customer with both a WeCom external_userid and a mini-program openid in the demo data');
    const mp = await call<{ token: string; customer: { id: string } }>('POST', '/api/mp/login', { code: `demo-${who.n}` });
    expect(mp.customer.id).toBe(who.id);
    const { mpAppId } = await call<{ mpAppId: string }>('GET', '/api/sandbox/info');

    const { context, page, errors } = await newPage(360, 780);
    await page.goto(`${base}/sidebar/?fake=1&contact=${encodeURIComponent(who.externalUserId)}`);
    await signIn(page, 'agent001');
    await page.locator('[data-testid=customer-card]').waitFor();
    const sentCount = (): Promise<number> => page.evaluate(() => window.__wecomFake?.sent.length ?? 0);

    // 内容: the products, one tap sends a mini-program card.
    await page.getByTestId('tab-content').click();
    await page.getByTestId('content-panel').locator('label', { hasText: '产品' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=shareable]') !== null && document.querySelector('[data-testid=shareable]:not([data-kind=product])') === null);
    const product = page.locator('[data-testid=shareable][data-kind=product]').first();
    await shot(page, 'sidebar-content-360');
    const before = await sentCount();
    await product.getByTestId('send-shareable').click();
    await page.waitForFunction((n) => (window.__wecomFake?.sent.length ?? 0) > n, before);
    const card = await page.evaluate(() => window.__wecomFake!.sent.at(-1)!);
    expect(card.msgtype).toBe('miniprogram');
    if (card.msgtype !== 'miniprogram') throw new Error('not a mini-program card');
    expect(card.miniprogram.appid).toBe(mpAppId);
    expect(card.miniprogram.page).toContain('pages/product/index?id=');
    expect(card.miniprogram.page).toContain(`inviter=${login.user.id}`);
    expect(card.to.externalUserId).toBe(who.externalUserId);

    // 计划书: one product with its cover, created and sent as a card to the proposal page.
    await page.getByTestId('tab-proposal').click();
    await page.getByTestId('proposal-list').waitFor();
    const rowsBefore = await page.getByTestId('proposal-row').count();
    for (const checked of await page.locator('[data-testid=proposal-product] .t-is-checked').all()) await checked.click();
    const ci = page.locator('[data-testid=proposal-product][data-title^="安心重疾险"]');
    await ci.locator('.t-checkbox').click();
    await ci.locator('.t-input-number input').waitFor();
    expect(await ci.locator('.t-input-number input').inputValue()).toMatch(/^500,?000$/);
    await page.waitForFunction(() => document.querySelector('.t-message') === null, undefined, { timeout: 10_000 }); // the send toast fades
    await shot(page, 'sidebar-proposal-form-360');
    const beforeProposal = await sentCount();
    await page.getByTestId('create-proposal').click();
    await page.waitForFunction((n) => (window.__wecomFake?.sent.length ?? 0) > n, beforeProposal, { timeout: 15_000 });
    const shared = await page.evaluate(() => window.__wecomFake!.sent.at(-1)!);
    if (shared.msgtype !== 'miniprogram') throw new Error(`the proposal went out as ${shared.msgtype}`);
    const proposalId = /pages\/proposal\/index\?id=([^&]+)/.exec(shared.miniprogram.page)?.[1];
    expect(proposalId).toBeTruthy();
    const row = page.locator(`[data-testid=proposal-row][data-id="${decodeURIComponent(proposalId!)}"]`);
    await row.waitFor();
    expect(await page.getByTestId('proposal-row').count()).toBe(rowsBefore + 1);
    expect(await row.getByTestId('proposal-views').getAttribute('data-views')).toBe('0');
    const listed = await call<{ items: Array<{ id: string; items: Array<{ product: { name: string }; cover: number }> }> }>('GET', `/api/proposals?customerId=${who.id}`, undefined, agent);
    expect(listed.items.find((p) => p.id === decodeURIComponent(proposalId!))?.items.map((i) => [i.product.name, i.cover])).toEqual([['安心重疾险（2026版）', 500_000]]);

    // The customer opens it in the mini-program, twice: the count goes up on the stream, no reload.
    await page.waitForFunction(() => document.querySelector('.sb-dot--open') !== null, undefined, { timeout: 15_000 });
    await call('GET', `/api/mp/proposals/${proposalId}`, undefined, mp.token);
    await row.locator('[data-testid=proposal-views][data-views="1"]').waitFor({ timeout: 15_000 });
    await call('GET', `/api/mp/proposals/${proposalId}`, undefined, mp.token);
    await row.locator('[data-testid=proposal-views][data-views="2"]').waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('proposal-views').textContent()).toBe('已打开 2 次');
    await page.waitForFunction(() => document.querySelector('.t-message') === null, undefined, { timeout: 10_000 }); // the send toasts fade
    await shot(page, 'sidebar-proposal-360');

    // 活动签到: a seminar starting within the hour (attendance opens three hours before); the customer
    // books it in the mini-program, and the agent types the ticket's QR text.
    const { now } = await call<{ now: string }>('POST', '/api/sandbox/clock', { advanceMs: 0 });
    const startsAt = Date.parse(now) + 3_600_000;
    const title = '浏览器测试·健康讲座';
    const seminar = await call<{ id: string }>(
      'POST',
      '/api/activities',
      { kind: 'offline', type: 'health_talk', title, description: '签到测试', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 7_200_000).toISOString(), location: '上海市浦东新区', capacity: 30, status: 'published', siteCode: 'SITE-E2E-UI' },
      await tokenOf('admin'),
    );
    const booked = await call<{ status: string; ticket: { code: string } | null }>('POST', `/api/mp/activities/${seminar.id}/signups`, { requestId: 'e2e-ui-signup-0001', form: { name: who.name } }, mp.token);
    expect(booked.status).toBe('confirmed');
    const ticket = { code: booked.ticket!.code, title };
    await page.getByTestId('tab-work').click();
    const attendance = page.getByTestId('attendance-panel');
    await attendance.waitFor();
    await attendance.getByTestId('attendance-activity').locator('.t-select').click();
    await page.locator('.t-select-option', { hasText: ticket.title }).first().click();
    await attendance.locator('.sb-attend__row input').fill(`lodestar:ticket:${ticket.code}`);
    await attendance.getByTestId('attendance-submit').click();
    await attendance.getByTestId('attendance-result').first().waitFor();
    expect(await attendance.getByTestId('attendance-result').first().textContent()).toContain(`${who.name} 签到成功`);
    expect(await attendance.getByTestId('attendance-result').first().getAttribute('data-tone')).toBe('ok');
    await attendance.locator('.sb-attend__row input').fill(ticket.code);
    await attendance.getByTestId('attendance-submit').click();
    await attendance.locator('[data-testid=attendance-result][data-tone=warn]').waitFor();
    expect(await attendance.getByTestId('attendance-result').first().textContent()).toContain('已签到过');
    await shot(page, 'sidebar-attendance-360', false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

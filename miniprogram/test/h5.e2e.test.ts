/**
 * The customer mini-program's H5 build in a real browser (issue 9).
 *
 * Starts server/dist/main.js (run `npm run build` and `npm run build:h5 -w miniprogram` first) on an
 * in-memory SQLite database in sandbox mode, then drives headless Chromium (playwright-core, a
 * 375×812 phone at device scale 2) through the app as customers would:
 *   - a new customer (A) signs in (sandbox code2session), checks in (streak 1, +5 points, the
 *     calendar marks today) and turns on the reminder;
 *   - A signs up for an offline activity with one companion: seats left drop by two, the ticket's QR
 *     code decodes to lodestar:ticket:<code>, and an agent's scan marks it attended;
 *   - A shares a referral card and makes a poster; a second new customer (B) opens A's share link,
 *     binds a phone with consent, and becomes A's qualified invitee (+100 points for A);
 *   - A views a product and leaves contact (a lead of the mini-program source);
 *   - the sandbox's showcase customer (C) sees their agent and opens a proposal the agent shared;
 *   - the page views and actions reach the customer view through POST /sa.
 * The server's state is checked through the API after each step. Screenshots go to
 * miniprogram/test/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, startUiStack, type UiStack } from '../../server/test/support/ui-stack';

const shots = join(__dirname, 'screenshots');
const jsqr = require.resolve('jsqr/dist/jsQR.js');

jest.setTimeout(300_000);

let stack: UiStack;
let api = '';
let base = '';
let browser: Browser;
let admin = '';

const call = <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => apiCall<T>(api, method, path, body, token);

/** Polls until `probe` returns something truthy, or fails naming what it waited for and the last value. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== null && v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  // Let a toast that is about to show come and fade, and Taro's page transition and images settle.
  await page.waitForTimeout(300);
  await page
    .locator('.taro__toast')
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function phone(): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

const app = (hash: string): string => `${base}/mp/index.html#${hash}`;
const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').trim();

/** The session the app keeps in Taro storage (H5: localStorage, wrapped as { data }). */
async function sessionOf(page: Page): Promise<{ token: string; customer: { id: string; name: string } }> {
  return until('the app to sign in', async () => {
    const raw = await page.evaluate(() => window.localStorage.getItem('lodestar.session'));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { data?: unknown };
    return (parsed.data ?? parsed) as { token: string; customer: { id: string; name: string } };
  });
}

/** Decodes the QR code drawn in `selector` from a screenshot of it, with jsQR in a blank page. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const png = await page.locator(selector).screenshot();
  const decoder = await page.context().newPage();
  try {
    await decoder.addScriptTag({ path: jsqr });
    return await decoder.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const found = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR(data.data, canvas.width, canvas.height);
      return found ? found.data : null;
    }, png.toString('base64'));
  } finally {
    await decoder.close();
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  stack = await startUiStack({ page: '/mp/index.html', marker: '<div id="app">', build: 'npm run build:mp' });
  ({ api, browser } = stack);
  base = api;
  admin = (await call<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: 'lodestar-demo' })).token;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

interface Card {
  id: string;
  kind: string;
  capacity: number | null;
  seatsLeft: number | null;
  title: string;
  status: string;
}

describe('the customer mini-program (H5) in a phone-sized browser', () => {
  let a: Phone;
  let aToken = '';
  let aId = '';
  let referralCode = '';

  beforeAll(async () => {
    a = await phone();
  });
  afterAll(async () => {
    await a?.context.close();
  });

  it('signs a new customer in and shows the home page', async () => {
    await a.page.goto(app('/pages/index/index'));
    const s = await sessionOf(a.page);
    aToken = s.token;
    aId = s.customer.id;
    const me = await call<{ customer: { id: string; name: string } }>('GET', '/api/mp/me', undefined, aToken);
    expect(me.customer.id).toBe(aId);
    await a.page.locator('.t-home-checkin-state').waitFor();
    expect(await text(a.page, '.t-home-greeting')).toBe(`你好，${me.customer.name}`);
    expect(await text(a.page, '.t-home-checkin-state')).toBe('今日未签到');
    expect(await a.page.locator('.t-activity-card').count()).toBeGreaterThan(0);
    await shot(a.page, '01-home');
  });

  it('checks in once: streak 1, +5 points, today marked, and a second tap changes nothing', async () => {
    await a.page.locator('.taro-tabbar__tabbar').getByText('签到', { exact: true }).click();
    await a.page.locator('.t-checkin-button').waitFor();
    expect(await text(a.page, '.t-streak-text')).toBe('今天签到，开启连签之旅');
    expect(await text(a.page, '.t-balance')).toBe('0');
    await a.page.locator('.t-checkin-button').click();
    await a.page.locator('.t-checkin-button.t-checked').waitFor();
    expect(await text(a.page, '.t-streak-num')).toBe('1');
    expect(await text(a.page, '.t-streak-text')).toBe('今日已签到，已连续签到 1 天');
    expect(await text(a.page, '.t-balance')).toBe('5');
    expect(await text(a.page, '.t-checkin-result')).toContain('+5 积分');
    expect(await a.page.locator('.t-day-checked').count()).toBe(1);
    expect(await a.page.locator('.t-day-today.t-day-checked').count()).toBe(1);
    expect(await text(a.page, '.t-gift-progress')).toContain('再签 6 天');

    await shot(a.page, '02-checkin');
    await a.page.locator('.t-checkin-button').click(); // disabled: no second request
    const cal = await call<{ checkedToday: boolean; streak: number; balance: number; days: string[]; today: string }>('GET', '/api/mp/checkins', undefined, aToken);
    expect(cal).toMatchObject({ checkedToday: true, streak: 1, balance: 5 });
    expect(cal.days).toEqual([cal.today]);
    const points = await call<{ balance: number; entries: Array<{ delta: number; reason: string }> }>('GET', '/api/mp/points', undefined, aToken);
    expect(points.entries.map((e) => [e.reason, e.delta])).toEqual([['checkin', 5]]);

    // Reminder consent: in H5 a confirm dialog stands in for WeChat's subscription sheet.
    await a.page.locator('.t-reminder-button').click();
    await a.page.locator('.taro__modal').getByText('允许', { exact: true }).click();
    await until('the reminder to show as on', async () => (await text(a.page, '.t-reminder-button')) === '已开启');
    await shot(a.page, '02b-checkin-reminder-on');
  });

  it('signs up for an offline activity with a companion: two seats fewer, a scannable ticket, attended after the agent scans it', async () => {
    // An activity that starts in two hours (attendance opens three hours before the start), 10 seats.
    const { now } = await call<{ now: string }>('POST', '/api/sandbox/clock', { advanceMs: 0 });
    const startsAt = new Date(Date.parse(now) + 2 * 3600_000);
    const created = await call<{ id: string }>(
      'POST',
      '/api/activities',
      {
        kind: 'offline',
        type: 'seminar',
        title: '理赔服务开放日',
        description: '理赔专员现场讲解报案、材料和到账流程，带上你的问题来。',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
        location: '上海市浦东新区世纪大道 100 号 12 楼',
        capacity: 10,
        status: 'published',
      },
      admin,
    );
    const act = await call<Card>('GET', `/api/mp/activities/${created.id}`, undefined, aToken);
    expect(act).toMatchObject({ capacity: 10, seatsLeft: 10, status: 'published' });
    const before = act.seatsLeft!;

    await a.page.locator('.taro-tabbar__tabbar').getByText('活动', { exact: true }).click();
    await a.page.locator('.t-activity-list').waitFor();
    await a.page.locator(`.t-activity-${act.id}`).click();
    await a.page.locator('.t-signup-form').waitFor();
    expect(await text(a.page, '.t-seats-left')).toBe(`剩余 ${before} 席 / 共 ${act.capacity} 席`);
    await a.page.locator('.t-signup-name input').fill('王小明');
    if (await a.page.locator('.t-signup-phone').count()) await a.page.locator('.t-signup-phone input').fill('13800138000');
    await a.page.locator('.t-companions-plus').click();
    expect(await text(a.page, '.t-companions')).toBe('1');
    await a.page.locator('.t-signup-consent').click();
    await shot(a.page, '03-activity-signup');
    await a.page.locator('.t-signup-submit').click();

    // A confirmed sign-up opens the ticket.
    await a.page.locator('.t-ticket-qr').waitFor({ timeout: 15_000 });
    const code = await text(a.page, '.t-ticket-code');
    expect(code).toMatch(/\S{4,}/);
    expect(await text(a.page, '.t-ticket-status')).toBe('报名成功');
    expect(await decodeQr(a.page, '.t-ticket-qr')).toBe(`lodestar:ticket:${code}`);
    await shot(a.page, '04-ticket');

    const after = await call<Card>('GET', `/api/mp/activities/${act.id}`, undefined, aToken);
    expect(after.seatsLeft).toBe(before - 2);
    const tickets = await call<{ items: Array<{ code: string; status: string; qrPayload: string }> }>('GET', '/api/mp/tickets', undefined, aToken);
    expect(tickets.items).toEqual([expect.objectContaining({ code, status: 'confirmed', qrPayload: `lodestar:ticket:${code}` })]);

    // Back on the detail page: the customer's own status, and the seats the server now counts.
    await a.page.goBack();
    await a.page.locator('.t-signup-status').waitFor();
    await until('seats left to drop on the detail page', async () => (await text(a.page, '.t-seats-left')) === `剩余 ${before - 2} 席 / 共 ${act.capacity} 席`);
    expect(await a.page.locator('.t-signup-form').count()).toBe(0);

    // The agent scans the QR code in the sidebar: the ticket shows as attended.
    await call('POST', `/api/activities/${act.id}/attendance`, { ticketCode: `lodestar:ticket:${code}` }, admin);
    await a.page.locator('.t-view-ticket').click();
    await until('the ticket to show attended', async () => (await text(a.page, '.t-ticket-status')) === '已签到');
    await shot(a.page, '05-ticket-attended');
  });

  it('shares a referral card and a poster; a friend who opens the link and binds a phone becomes a qualified invitee', async () => {
    await a.page.goto(app('/pages/referral/index'));
    await a.page.locator('.t-referral-code').waitFor();
    const refs = await call<{ code: string; invitees: unknown[] }>('GET', '/api/mp/referrals', undefined, aToken);
    referralCode = refs.code;
    expect(await text(a.page, '.t-referral-code')).toBe(referralCode);
    expect(await text(a.page, '.t-invitee-count')).toBe('0');

    await a.page.locator('.t-share-card').click();
    await a.page.locator('.t-share-sheet').waitFor();
    const link = await text(a.page, '.t-share-link');
    expect(link).toBe(`${base}/mp/index.html#/pages/index/index?r=${referralCode}`);
    await shot(a.page, '06-referral-share');
    await a.page.locator('.t-share-sheet').getByText('复制链接').click();

    await a.page.locator('.t-make-poster').click();
    await a.page.locator('.t-poster-image img').waitFor();
    const img = a.page.locator('.t-poster-image img');
    await until('the poster image to load', () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0));
    expect(await img.getAttribute('src')).toMatch(/^data:image\/(png|jpeg);base64,/);
    await a.page.locator('.t-poster').scrollIntoViewIfNeeded();
    await shot(a.page, '07-referral-poster');

    // Friend B opens the shared link: a new customer, attributed to A; binding a phone qualifies B.
    const b = await phone();
    try {
      await b.page.goto(link);
      const bs = await sessionOf(b.page);
      expect(bs.customer.id).not.toBe(aId);
      await b.page.locator('.t-home-greeting').waitFor();
      const pending = await call<{ invitees: Array<{ qualified: boolean }> }>('GET', '/api/mp/referrals', undefined, aToken);
      expect(pending.invitees).toEqual([expect.objectContaining({ qualified: false })]);

      await b.page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
      await b.page.locator('.t-phone-card').waitFor();
      await b.page.locator('.t-bind-phone').click(); // without consent: refused, nothing sent
      expect((await call<{ customer: { phoneMasked: string | null } }>('GET', '/api/mp/me', undefined, bs.token)).customer.phoneMasked).toBeNull();
      await b.page.locator('.t-phone-consent').click();
      await b.page.locator('.t-bind-phone').click();
      await until('the phone to show as bound', async () => /^手机 1\d{2}\*{4}\d{4}$/.test(await text(b.page, '.t-me-phone')));
      expect(await b.page.locator('.t-phone-card').count()).toBe(0);
      await shot(b.page, '08-friend-me-phone-bound');
      expect(b.errors).toEqual([]);
    } finally {
      await b.context.close();
    }

    const done = await until('the invitee to qualify', async () => {
      const r = await call<{ invitees: Array<{ qualified: boolean; rewardPoints: number }>; totalPoints: number }>('GET', '/api/mp/referrals', undefined, aToken);
      return r.invitees[0]?.qualified ? r : null;
    });
    expect(done.invitees).toHaveLength(1);
    expect(done.totalPoints).toBe(100);
    await a.page.reload();
    await until('the referral page to count the invitee', async () => (await text(a.page, '.t-invitee-count')) === '1');
    expect(await text(a.page, '.t-referral-points')).toBe('100');
    const ledger = await call<{ balance: number; entries: Array<{ reason: string; delta: number }> }>('GET', '/api/mp/points', undefined, aToken);
    expect(ledger.entries.filter((e) => e.reason === 'referral_reward').map((e) => e.delta)).toEqual([100]);
    expect(ledger.balance).toBe(105);
  });

  it('views a critical-illness product and leaves contact with consent: a lead of the mini-program source', async () => {
    await a.page.goto(app('/pages/products/index?line=critical_illness'));
    await a.page.locator('.t-product-card').first().waitFor();
    const name = await text(a.page, '.t-product-card .card-title');
    await a.page.locator('.t-product-card').first().click();
    await a.page.locator('.t-lead-form').waitFor();
    expect(await text(a.page, '.t-product-name')).toBe(name);
    await a.page.locator('.t-lead-name input').fill('王先生');
    await a.page.locator('.t-lead-phone input').fill('13912345678');
    await a.page.locator('.t-lead-consent').click();
    await shot(a.page, '09-product-lead-form');
    const answered = a.page.waitForResponse((r) => r.url().endsWith('/api/mp/leads') && r.request().method() === 'POST');
    await a.page.locator('.t-lead-submit').click();
    const res = await answered;
    expect(res.ok()).toBe(true);
    const { leadId } = (await res.json()) as { leadId: string | null };
    await a.page.locator('.t-lead-done').waitFor();
    await shot(a.page, '10-product-lead-done');
    expect(leadId).toEqual(expect.any(String));
    const lead = await call<{ customer?: { id: string }; customerId?: string; productLine: string }>('GET', `/api/leads/${leadId}`, undefined, admin);
    expect(lead.customer?.id ?? lead.customerId).toBe(aId);
    expect(lead.productLine).toBe('critical_illness');
  });

  it('plays an online quiz: the score and points shown are the server’s', async () => {
    const online = await call<{ items: Array<Card & { type: string }> }>('GET', '/api/mp/activities?kind=online', undefined, aToken);
    const quiz = online.items.find((x) => x.type === 'quiz' && x.status === 'published');
    expect(quiz).toBeDefined();
    const before = (await call<{ balance: number }>('GET', '/api/mp/points', undefined, aToken)).balance;
    await a.page.goto(app('/pages/activities/index'));
    await a.page.locator('.t-tab-online').click();
    await a.page.locator(`.t-activity-${quiz!.id}`).click();
    await a.page.locator('.t-quiz').waitFor();
    const questions = await a.page.locator('.quiz-q').count();
    expect(questions).toBeGreaterThan(0);
    for (let q = 0; q < questions; q++) await a.page.locator(`.t-quiz-${q}-0`).click();
    await shot(a.page, '11a-quiz');
    const answered = a.page.waitForResponse((r) => r.url().endsWith(`/api/mp/activities/${quiz!.id}/play`));
    await a.page.locator('.t-quiz-submit').click();
    const result = (await (await answered).json()) as { kind: string; score: number; total: number; pointsAwarded: number };
    expect(result).toMatchObject({ kind: 'quiz', total: questions });
    await a.page.locator('.t-play-result').waitFor();
    expect(await text(a.page, '.t-play-result')).toContain(`答对 ${result.score} / ${result.total}`);
    const after = await call<{ balance: number }>('GET', '/api/mp/points', undefined, aToken);
    expect(after.balance).toBe(before + result.pointsAwarded);
    await shot(a.page, '11b-quiz-result');
  });

  it('runs the coverage-gap self-assessment and draws the server’s gaps', async () => {
    await a.page.goto(app('/pages/assessment/index'));
    await a.page.locator('.t-assess-submit').waitFor();
    await a.page.locator('.t-assess-annualIncome input').fill('30');
    await a.page.locator('.t-assess-existing-medical input').fill('200');
    await shot(a.page, '11c-assessment-form');
    const answered = a.page.waitForResponse((r) => r.url().endsWith('/api/mp/assessments'));
    await a.page.locator('.t-assess-submit').click();
    const res = await answered;
    const body = (await res.json()) as { score: number; gaps: Array<{ line: string; gap: number }> };
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ age: 35, annualIncome: 300_000, dependents: 2, debts: 1_000_000, existing: { medical: 2_000_000 } });
    await a.page.locator('.t-assessment-result').waitFor();
    expect(await text(a.page, '.t-assessment-score')).toBe(String(body.score));
    for (const g of body.gaps) expect(await a.page.locator(`.t-gap-${g.line}`).count()).toBe(1);
    expect(await a.page.locator('.gap-ok').count()).toBe(body.gaps.filter((g) => g.gap === 0).length);
    await shot(a.page, '11d-assessment-result');
  });

  it('lists articles and opens one', async () => {
    await a.page.goto(app('/pages/articles/index'));
    await a.page.locator('.t-article-card').first().waitFor();
    const title = await text(a.page, '.t-article-card .card-title');
    await shot(a.page, '11e-articles');
    await a.page.locator('.t-article-card').first().click();
    await a.page.locator('.t-article-title').waitFor();
    expect(await text(a.page, '.t-article-title')).toBe(title);
    await shot(a.page, '11f-article');
  });

  it('shows the points, tickets and ledger the server holds on 我的', async () => {
    const me = await call<{ points: { balance: number }; counts: { tickets: number; invitees: number } }>('GET', '/api/mp/me', undefined, aToken);
    const ledger = await call<{ entries: unknown[] }>('GET', '/api/mp/points', undefined, aToken);
    await a.page.goto(app('/pages/me/index'));
    await a.page.locator('.t-me-points').waitFor();
    expect(await text(a.page, '.t-me-points')).toBe(String(me.points.balance));
    expect(me.counts).toMatchObject({ tickets: 1, invitees: 1 });
    expect(await text(a.page, '.t-me-tickets')).toBe('1');
    expect(await text(a.page, '.t-me-invitees')).toBe('1');
    await shot(a.page, '11g-me');
    await a.page.locator('.t-me-points').click();
    await a.page.locator('.t-points-balance').waitFor();
    expect(await text(a.page, '.t-points-balance')).toBe(String(me.points.balance));
    expect(await a.page.locator('.t-ledger-row').count()).toBe(ledger.entries.length);
    await shot(a.page, '11h-points');
  });

  it('reports page views and actions to /sa: they reach the customer view', async () => {
    const view = await until('tracked events in the customer view', async () => {
      const v = await call<{ timeline: Array<{ kind: string }> }>('GET', `/api/customers/${aId}`, undefined, admin);
      const kinds = new Set(v.timeline.map((t) => t.kind));
      return kinds.has('event.$MPViewScreen') && kinds.has('event.share') ? kinds : null;
    }, 20_000);
    expect(view.has('event.signup')).toBe(true);
    expect(view.has('event.checkin')).toBe(true);
    expect(a.errors).toEqual([]);
  });
});

describe('the showcase customer: their agent and a proposal the agent shared', () => {
  it('shows the agent card with the add-on-WeCom sheet, and a proposal whose view the server records', async () => {
    // The sandbox's mini-program users sign in with demo-<n>; find one that has an agent.
    let n = 0;
    let token = '';
    for (let i = 1; i <= 60 && !n; i++) {
      const login = await call<{ token: string }>('POST', '/api/mp/login', { code: `demo-${i}-probe` });
      const me = await call<{ agent: unknown }>('GET', '/api/mp/me', undefined, login.token);
      if (me.agent) [n, token] = [i, login.token];
    }
    expect(n).toBeGreaterThan(0);
    const me = await call<{ customer: { id: string }; agent: { staffId: string; name: string } }>('GET', '/api/mp/me', undefined, token);
    // The customer's agent shares the proposal, as from the sidebar (demo agents sign in with their user id).
    const view = await call<{ relationships: Array<{ agent: { id: string; userId: string } }> }>('GET', `/api/customers/${me.customer.id}`, undefined, admin);
    const userId = view.relationships.find((r) => r.agent.id === me.agent.staffId)?.agent.userId;
    expect(userId).toBeDefined();
    const agent = (await call<{ token: string }>('POST', '/api/auth/login', { username: userId, password: 'lodestar-demo' })).token;
    const products = await call<{ items: Array<{ id: string; line: string }> }>('GET', '/api/mp/products', undefined, token);
    const pick = ['critical_illness', 'medical'].map((l) => products.items.find((p) => p.line === l)!).filter(Boolean);
    const proposal = await call<{ id: string; totalPremium: number; views: number; agent: { name: string } }>(
      'POST',
      '/api/proposals',
      { customerId: me.customer.id, items: pick.map((p, k) => ({ productId: p.id, cover: k === 0 ? 500_000 : 2_000_000 })) },
      agent,
    );
    expect(proposal.agent.name).toBe(me.agent.name);

    const c = await phone();
    try {
      await c.page.goto(`${base}/mp/index.html?sandbox_user=${n}#/pages/me/index`);
      await c.page.locator('.t-agent-card').waitFor();
      expect(await text(c.page, '.t-agent-name')).toBe(me.agent.name);
      await c.page.locator('.t-add-agent').click();
      await c.page.locator('.t-agent-sheet').waitFor();
      await shot(c.page, '12-me-agent-sheet');
      await c.page.locator('.t-agent-sheet').getByText('我知道了').click();

      await c.page.goto(`${base}/mp/index.html#/pages/proposal/index?id=${proposal.id}`);
      await c.page.locator('.t-proposal-total').waitFor();
      expect(await c.page.locator('.t-proposal-item').count()).toBe(pick.length);
      expect(await text(c.page, '.t-proposal-agent')).toBe(me.agent.name);
      await shot(c.page, '13-proposal');
      expect(c.errors).toEqual([]);
    } finally {
      await c.context.close();
    }
    const seen = await call<{ views: number }>('GET', `/api/mp/proposals/${proposal.id}`, undefined, token);
    expect(seen.views).toBeGreaterThanOrEqual(2); // the browser's view, and this one
    const told = await call<{ items: Array<{ kind: string }> }>('GET', '/api/notifications', undefined, agent);
    expect(told.items.some((n) => n.kind === 'proposal.viewed')).toBe(true);
  });
});

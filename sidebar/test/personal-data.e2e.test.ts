/**
 * Masked personal data revealed on purpose, and WeCom's outages told to admins (issue 12), in a real browser.
 *
 * Needs `npm run build` and `npm run build:ui` first. On the demo data in sandbox mode:
 *   - as admin on the console's customer page: 查看 beside the masked phone asks for a reason, shows
 *     the number in clear with a countdown, masks it again when the countdown ends, and the reveal is
 *     in the audit (GET /api/audit/personal-data) with the reason given;
 *   - as agent001 in the sidebar at 360 px, for one of their own customers (default settings): the
 *     phone may be revealed and the ID number may not (it stays masked with no 查看); a refused reveal
 *     says why in the dialog;
 *   - as lead01 on the console (default settings): both stay masked with no 查看;
 *   - the console's banner: absent while WeCom answers; after the fake WeCom fails enough calls in a
 *     row for the circuit breaker to open it appears for an admin at the next poll, with details; a
 *     team lead sees none and never asks for the upstreams' health.
 * Screenshots go to /tmp/lodestar-personal-data-shots/ (or $SHOTS_DIR).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call, newPage, password, signIn, startStack, type Stack } from './support-console';

jest.setTimeout(240_000);

const shots = process.env.SHOTS_DIR ?? '/tmp/lodestar-personal-data-shots';
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

interface ListItem {
  id: string;
  name: string;
  externalUserId: string | null;
}
interface View {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  revealable: string[];
}
interface AuditList {
  total: number;
  items: Array<{ action: string; actor: { id: string | null; role: string | null }; customerId: string | null; fields: string[]; reason: string | null }>;
}
interface Upstreams {
  now: Array<{ upstream: string; state: string }>;
  failing: string[];
}

let stack: Stack;
const login = async (username: string): Promise<{ token: string; user: { id: string } }> => call(stack.api, 'POST', '/api/auth/login', { username, password });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  stack = await startStack();
}, 150_000);
afterAll(async () => {
  await stack?.stop();
});

/** The first customer in the caller's list with both a phone and an ID number on file (and a WeCom id, when asked). */
async function customerWithPersonalData(token: string, withWecom = false): Promise<View & { externalUserId: string | null }> {
  const list = await call<{ items: ListItem[] }>(stack.api, 'GET', '/api/customers?limit=100', undefined, token);
  for (const c of list.items) {
    if (withWecom && !c.externalUserId) continue;
    const v = await call<View>(stack.api, 'GET', `/api/customers/${c.id}`, undefined, token);
    if (v.phone && v.idNumber) return { ...v, externalUserId: c.externalUserId };
  }
  throw new Error('no customer with a phone and an ID number in the demo data for this user');
}

/** 138****5678 and 13812345678 agree on the digits the mask shows. */
const fitsMask = (clear: string, masked: string): boolean => clear.length === masked.length && [...masked].every((ch, i) => ch === '*' || ch === clear[i]);

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('revealing masked personal data', () => {
  it('lets an admin reveal a phone on the console’s customer page for 30 s, and audits it with the reason', async () => {
    const admin = await login('admin');
    const c = await customerWithPersonalData(admin.token);
    expect(c.revealable).toEqual(['phone', 'idNumber']);
    const before = await call<AuditList>(stack.api, 'GET', `/api/audit/personal-data?customerId=${c.id}&action=reveal`, undefined, admin.token);
    expect(before.total).toBe(0);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/customers/${c.id}`);
    await signIn(page, 'admin');
    await page.getByTestId('customer-view').waitFor();
    expect(await text(page, 'pii-phone-value')).toBe(c.phone);
    expect(await text(page, 'pii-idNumber-value')).toBe(c.idNumber);
    expect(await page.getByTestId('reveal-idNumber').count()).toBe(1);

    await page.getByTestId('reveal-phone').click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.waitFor();
    const confirm = page.locator('.t-dialog__confirm');
    expect(await confirm.getAttribute('class')).toContain('t-is-disabled'); // no reason yet
    await dialog.getByText('客户来电核实身份').click();
    expect(await page.locator('[data-testid=reveal-reason] input').inputValue()).toBe('客户来电核实身份');
    await page.waitForFunction(() => !document.querySelector('.t-dialog__confirm')?.classList.contains('t-is-disabled'), undefined, { timeout: 5_000 });
    await shot(page, 'console-reveal-dialog-1440');
    await confirm.click();

    await page.waitForFunction(() => /^1\d{10}$/.test(document.querySelector('[data-testid=pii-phone-value]')?.textContent?.trim() ?? ''), undefined, { timeout: 15_000 });
    const clear = await text(page, 'pii-phone-value');
    expect(fitsMask(clear, c.phone!)).toBe(true);
    expect(await text(page, 'pii-phone-timer')).toMatch(/^(30|29|28|27|26|25) 秒后隐藏$/);
    expect(await text(page, 'pii-idNumber-value')).toBe(c.idNumber); // only what was asked for
    expect(await page.getByTestId('reveal-dialog').count()).toBe(0);
    await shot(page, 'console-reveal-clear-1440');

    const after = await call<AuditList>(stack.api, 'GET', `/api/audit/personal-data?customerId=${c.id}&action=reveal`, undefined, admin.token);
    expect(after.total).toBe(1);
    expect(after.items[0]).toMatchObject({ action: 'reveal', actor: { id: admin.user.id, role: 'admin' }, customerId: c.id, fields: ['phone'], reason: '客户来电核实身份' });

    // The countdown ends and the number is masked again, without anyone touching the page.
    await page.waitForFunction((masked) => document.querySelector('[data-testid=pii-phone-value]')?.textContent?.trim() === masked, c.phone, { timeout: 40_000 });
    expect(await page.getByTestId('pii-phone-timer').count()).toBe(0);
    expect(await page.getByTestId('reveal-phone').count()).toBe(1);
    // The page showed the customer's real number: the API reveals the same one.
    const api = await call<{ phone: string }>(stack.api, 'POST', `/api/customers/${c.id}/personal-data/reveal`, { fields: ['phone'], reason: '测试核对' }, admin.token);
    expect(api.phone).toBe(clear);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers agent001 the phone of their own customer in the sidebar, not the ID number, and says why a refused reveal failed', async () => {
    const agent = await login('agent001');
    const c = await customerWithPersonalData(agent.token, true);
    expect(c.revealable).toEqual(['phone']);

    const { context, page, errors } = await newPage(stack.browser, 360, 780);
    await page.goto(`${stack.base}/sidebar/?fake=1&contact=${encodeURIComponent(c.externalUserId!)}`);
    await signIn(page, 'agent001');
    await page.getByTestId('customer-card').waitFor();
    expect(await text(page, 'pii-phone-value')).toBe(c.phone);
    expect(await text(page, 'pii-idNumber-value')).toBe(c.idNumber);
    expect(await page.getByTestId('reveal-phone').count()).toBe(1);
    expect(await page.getByTestId('reveal-idNumber').count()).toBe(0);
    await shot(page, 'sidebar-pii-masked-360');

    await page.getByTestId('reveal-phone').click();
    await page.getByTestId('reveal-dialog').waitFor();
    const box = await page.locator('.t-dialog').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360); // the dialog fits the sidebar
    await page.locator('[data-testid=reveal-reason] input').fill('电话回访前核对号码');
    await shot(page, 'sidebar-reveal-dialog-360');
    await page.locator('.t-dialog__confirm').click();
    await page.waitForFunction(() => /^1\d{10}$/.test(document.querySelector('[data-testid=pii-phone-value]')?.textContent?.trim() ?? ''), undefined, { timeout: 15_000 });
    expect(fitsMask(await text(page, 'pii-phone-value'), c.phone!)).toBe(true);
    await page.getByTestId('pii-phone-timer').waitFor();
    await shot(page, 'sidebar-pii-clear-360');

    // 隐藏 masks it at once.
    await page.getByTestId('pii-phone').getByRole('button', { name: '隐藏' }).click();
    expect(await text(page, 'pii-phone-value')).toBe(c.phone);

    // A refusal (say the corp changed who may see what while the card was open) is told in the dialog, which stays open.
    await page.route('**/personal-data/reveal', (r) =>
      r.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'Your role may not see the phone number unmasked' } }) }),
    );
    await page.getByTestId('reveal-phone').click();
    await page.getByTestId('reveal-dialog').getByText('投保信息录入').click();
    await page.locator('.t-dialog__confirm').click();
    await page.getByTestId('reveal-error').waitFor();
    expect(await text(page, 'reveal-error')).toBe('你的角色无权查看手机号明文（Your role may not see the phone number unmasked）');
    expect(await text(page, 'pii-phone-value')).toBe(c.phone);
    await shot(page, 'sidebar-reveal-refused-360');
    await page.unroute('**/personal-data/reveal');

    const audit = await call<AuditList>(stack.api, 'GET', `/api/audit/personal-data?customerId=${c.id}&actorId=${agent.user.id}&action=reveal`, undefined, (await login('admin')).token);
    expect(audit.items.map((i) => [i.actor.id, i.fields, i.reason])).toEqual([[agent.user.id, ['phone'], '电话回访前核对号码']]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a team lead no reveal on the console by default (the corp has not opened either field to team leads)', async () => {
    const lead = await login('lead01');
    const c = await customerWithPersonalData(lead.token);
    expect(c.revealable).toEqual([]);
    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/customers/${c.id}`);
    await signIn(page, 'lead01');
    await page.getByTestId('customer-view').waitFor();
    expect(await text(page, 'pii-phone-value')).toBe(c.phone);
    expect(await text(page, 'pii-idNumber-value')).toBe(c.idNumber);
    expect(await page.locator('[data-testid^=reveal-]').count()).toBe(0);
    // The page fits the window (the stage steps once pushed it wider).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the console’s banner for a failing WeCom', () => {
  it('appears for an admin at the next poll once the circuit breaker opens, with details; a team lead sees none and never asks', async () => {
    const admin = await login('admin');
    const upstreams = () => call<Upstreams>(stack.api, 'GET', '/api/system/upstreams', undefined, admin.token);
    expect((await upstreams()).failing).toEqual([]);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    const asked: number[] = [];
    page.on('response', (r) => r.url().endsWith('/api/system/upstreams') && asked.push(r.status()));
    await page.goto(`${stack.base}/console/#/dashboard`);
    const firstPoll = page.waitForResponse((r) => r.url().endsWith('/api/system/upstreams'), { timeout: 20_000 });
    await signIn(page, 'admin');
    await page.getByTestId('dashboard').waitFor();
    await firstPoll;
    expect(asked).toEqual([200]);
    expect(await page.getByTestId('upstream-banner').count()).toBe(0); // WeCom is fine

    // The fake WeCom answers HTTP 503 until UPSTREAM_BREAKER_FAILURES (5) calls in a row have failed.
    let n = 0;
    for (let round = 0; round < 4 && (await upstreams()).now.find((u) => u.upstream === 'wecom')?.state !== 'open'; round += 1) {
      await call(stack.api, 'POST', '/api/sandbox/wecom/faults', { unavailableNext: 5 });
      for (let i = 0; i < 5; i += 1) {
        n += 1;
        const res = await fetch(`${stack.api}/api/channel-codes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
          body: JSON.stringify({ name: `断网渠道码 ${n}`, channel: '直播', state: `outage-${n}`, agentUserIds: ['agent001'], tagNames: [], welcomeText: null }),
        });
        expect(res.status).toBe(503);
      }
    }
    await call(stack.api, 'POST', '/api/sandbox/wecom/faults', { unavailableNext: 0 });
    expect((await upstreams()).failing).toEqual(['wecom']);

    // No reload: the page's own poll (every 30 s) brings the banner.
    const alert = page.getByTestId('upstream-alert-wecom');
    await alert.waitFor({ timeout: 40_000 });
    expect(await alert.getAttribute('data-kind')).toBe('paused');
    expect(await alert.textContent()).toContain('企业微信接口暂停调用');
    expect(await text(page, 'upstream-summary')).toMatch(/^连续 5 次调用失败，自 \d\d-\d\d \d\d:\d\d 起暂停调用；(暂停至 \d\d:\d\d:\d\d（还剩 \d+ 秒）|暂停期已过)/);
    expect(await alert.textContent()).toContain('最近错误：');
    await page.getByTestId('upstream-details-toggle').click();
    await page.getByTestId('upstream-details').waitFor();
    expect(await page.getByTestId('upstream-details').textContent()).toContain('本进程熔断器：暂停调用');
    expect(await page.locator('[data-testid=upstream-details] tbody tr').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'console-upstream-banner-1440');
    expect(errors).toEqual([]);
    await context.close();

    // A team lead: the same console, no banner, and not one request for the upstreams' health.
    const lead = await newPage(stack.browser, 1440);
    const leadAsked: string[] = [];
    lead.page.on('request', (r) => r.url().includes('/api/system/') && leadAsked.push(r.url()));
    await lead.page.goto(`${stack.base}/console/#/dashboard`);
    await signIn(lead.page, 'lead01');
    await lead.page.getByTestId('dashboard').waitFor();
    await lead.page.waitForTimeout(2_000);
    // An admin would see a banner now (the incident is not an hour old): the lead sees none.
    expect((await call<{ incidents: unknown[] }>(stack.api, 'GET', '/api/system/upstreams', undefined, admin.token)).incidents.length).toBeGreaterThanOrEqual(1);
    expect(await lead.page.getByTestId('upstream-banner').count()).toBe(0);
    expect(leadAsked).toEqual([]);
    await shot(lead.page, 'console-lead-no-banner-1440');
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  });
});

/**
 * The console's customer, segment and lead pages in a real browser (issue 10, items 6, 7 and 12).
 *
 * Needs `npm run build` and `npm run build -w sidebar` first. As admin at 1440 px: searches the
 * customers by name and opens one customer's full view; draws a segment rule and sees the live
 * size change when the rule changes; opens the lead scoring preview and sees the grade
 * distribution shift when a threshold changes. Each figure on the page is checked against what the
 * API answers for the same question. Then a team lead is refused an admin-only page (and sees only
 * their team's customers) and an agent is refused the console. Screenshots: sidebar/test/screenshots/console-*.png.
 */
import type { Page } from 'playwright-core';
import { call, newPage, shot, signIn, startStack, tokenOf, type Stack } from './support-console';

jest.setTimeout(240_000);

interface ListItem {
  id: string;
  name: string;
  stage: string;
  tags: string[];
  lead: { score: number; grade: string } | null;
}
interface Preview {
  scored: number;
  grades: Record<string, number>;
  averageScore: number;
}

const fmt = (n: number): string => n.toLocaleString('zh-CN');

let stack: Stack;
let admin = '';
beforeAll(async () => {
  stack = await startStack();
  admin = await tokenOf(stack.api, 'admin');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** Waits until the element's text is exactly `want`, and says what it was when it never got there. */
async function textBecomes(page: Page, selector: string, want: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(([s, w]) => document.querySelector(s!)?.textContent?.trim() === w, [selector, want] as const, { timeout });
  } catch {
    throw new Error(`${selector} shows "${(await page.locator(selector).first().textContent())?.trim()}", expected "${want}"`);
  }
}

describe('the console pages for customers, segments and leads', () => {
  it('searches customers and opens one customer’s full view', async () => {
    const all = await call<{ total: number }>(stack.api, 'GET', '/api/customers?limit=1', undefined, admin);
    const graded = await call<{ items: ListItem[] }>(stack.api, 'GET', '/api/customers?grade=A&limit=50', undefined, admin);
    const target = graded.items.find((c) => c.tags.length >= 2 && c.lead)!;
    expect(target).toBeDefined();
    const matches = await call<{ total: number; items: ListItem[] }>(stack.api, 'GET', `/api/customers?q=${encodeURIComponent(target.name)}&limit=20`, undefined, admin);
    expect(matches.total).toBeLessThan(all.total);
    const view = await call<{ tags: unknown[]; identities: unknown[]; lead: { score: number; grade: string; reasons?: string[] } }>(stack.api, 'GET', `/api/customers/${target.id}`, undefined, admin);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/customers`);
    await signIn(page, 'admin');
    await textBecomes(page, '[data-testid=customer-total]', `共 ${fmt(all.total)} 位客户`);
    expect(await page.locator('[data-testid=customer-link]').count()).toBe(20); // first page of 20

    await page.locator('[data-testid=customer-search] input').fill(target.name);
    await page.keyboard.press('Enter');
    await textBecomes(page, '[data-testid=customer-total]', `共 ${fmt(matches.total)} 位客户`);
    const names = await page.locator('[data-testid=customer-link]').allTextContents();
    expect(names).toContain(target.name);
    expect(names.length).toBe(Math.min(matches.total, 20));
    await shot(page, 'console-customers-search-1440');

    await page.locator('[data-testid=customer-link]', { hasText: target.name }).first().click();
    await page.locator('[data-testid=customer-view]').waitFor();
    expect(page.url()).toContain(`#/customers/${target.id}`);
    expect((await page.locator('[data-testid=customer-name]').textContent())?.trim()).toBe(target.name);
    const lead = await page.locator('[data-testid=customer-lead]').textContent();
    expect(lead).toContain(view.lead.score.toFixed(1));
    expect(lead).toContain(`${view.lead.grade} 级`);
    for (const reason of view.lead.reasons ?? []) expect(lead).toContain(reason);
    expect(await page.locator('[data-testid=customer-tag]').count()).toBe(view.tags.length);
    expect(await page.locator('[data-testid=customer-identities] dt').count()).toBe(view.identities.length);
    await page.locator('[data-testid=customer-tags]').getByText('会话', { exact: false }).first().waitFor();
    await shot(page, 'console-customer-view-1440');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a segment’s live size, and the size changes when the rule changes', async () => {
    const onlyA = await call<{ count: number }>(stack.api, 'POST', '/api/segments/preview', { rule: { type: 'grade', grades: ['A'] } }, admin);
    const aOrB = await call<{ count: number }>(stack.api, 'POST', '/api/segments/preview', { rule: { type: 'grade', grades: ['A', 'B'] } }, admin);
    expect(aOrB.count).toBeGreaterThan(onlyA.count);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/segments/new`);
    await signIn(page, 'admin');
    await textBecomes(page, '[data-testid=segment-preview-count]', fmt(onlyA.count));
    await page.locator('[data-testid=rule-grades] label', { hasText: 'B 级' }).click();
    await textBecomes(page, '[data-testid=segment-preview-count]', fmt(aOrB.count));
    await shot(page, 'console-segment-preview-1440');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('previews how grades would shift under a changed scoring model', async () => {
    const settings = await call<{ scoring: { rules: unknown[]; grades: Record<'A' | 'B' | 'C', { fit: number; engagement: number }> } }>(stack.api, 'GET', '/api/leads/settings', undefined, admin);
    const before = await call<Preview>(stack.api, 'POST', '/api/leads/scoring/preview', settings.scoring, admin);
    const changed = { ...settings.scoring, grades: { ...settings.scoring.grades, A: { ...settings.scoring.grades.A, fit: 20 } } };
    const after = await call<Preview>(stack.api, 'POST', '/api/leads/scoring/preview', changed, admin);
    expect(after.grades.A).toBeGreaterThan(before.grades.A ?? 0);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/leads/scoring`);
    await signIn(page, 'admin');
    for (const g of ['A', 'B', 'C', 'D']) await textBecomes(page, `[data-testid=before-${g}]`, String(before.grades[g] ?? 0));
    expect(await page.locator('[data-testid=scoring-chart] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=save-scoring]').getAttribute('class')).toContain('t-is-disabled'); // nothing changed yet

    const fit = page.locator('[data-testid=grade-A-fit] input');
    await fit.fill('20');
    await fit.blur();
    await textBecomes(page, '[data-testid=after-A]', String(after.grades.A));
    await textBecomes(page, '[data-testid=delta-A]', `+${after.grades.A! - (before.grades.A ?? 0)}`);
    expect(await page.locator('[data-testid=save-scoring]').getAttribute('class')).not.toContain('t-is-disabled');
    await shot(page, 'console-scoring-preview-1440');
    // Nothing was saved: the server still grades with the old thresholds.
    const still = await call<{ scoring: { grades: { A: { fit: number } } } }>(stack.api, 'GET', '/api/leads/settings', undefined, admin);
    expect(still.scoring.grades.A.fit).toBe(settings.scoring.grades.A.fit);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps admin pages from a team lead and the console from an agent', async () => {
    const lead01 = await tokenOf(stack.api, 'lead01');
    const teamTotal = (await call<{ total: number }>(stack.api, 'GET', '/api/customers?limit=1', undefined, lead01)).total;
    const corpTotal = (await call<{ total: number }>(stack.api, 'GET', '/api/customers?limit=1', undefined, admin)).total;
    expect(teamTotal).toBeLessThan(corpTotal);

    const lead = await newPage(stack.browser, 1440);
    await lead.page.goto(`${stack.base}/console/#/tag-candidates`);
    await signIn(lead.page, 'lead01');
    await lead.page.locator('[data-testid=no-access]').waitFor();
    expect(await lead.page.locator('[data-testid=no-access]').textContent()).toContain('「候选标签」仅管理员可用');
    expect(await lead.page.getByRole('button', { name: '立即发现' }).count()).toBe(0);
    await shot(lead.page, 'console-teamlead-admin-page-refused-1440');
    await lead.page.goto(`${stack.base}/console/#/customers`);
    await textBecomes(lead.page, '[data-testid=customer-total]', `共 ${fmt(teamTotal)} 位客户`);
    await lead.context.close();

    const agent = await newPage(stack.browser, 1440);
    await agent.page.goto(`${stack.base}/console/#/leads/scoring`);
    await signIn(agent.page, 'agent001');
    await agent.page.locator('[data-testid=no-access]').waitFor();
    expect(await agent.page.locator('[data-testid=scoring-preview]').count()).toBe(0);
    expect(await agent.page.locator('[data-testid="menu-leads/scoring"]').count()).toBe(0);
    await shot(agent.page, 'console-agent-admin-page-refused-1440');
    expect([...lead.errors, ...agent.errors]).toEqual([]);
    await agent.context.close();
  });
});

/**
 * The console's analytics pages in a real browser (issue 11): 经营分析, 漏斗与留存 and 考核评估.
 *
 * Needs `npm run build` and a UI build first. As admin at 1440 px, over the last 30 days: the KPI
 * cards show what GET /api/analytics/metrics answers for the same period, the journey funnel's
 * table what GET /api/analytics/funnels/journey answers, and the charts are drawn (canvas); the
 * funnel builder and retention table match the API for the same request, and a blank step is
 * refused before it is sent; a target is added through the dialog, an evaluation run from the
 * page shows a report with that target's row, and the CSV export downloads. A team lead sees the
 * pages without the team picker or the admin buttons. Screenshots: sidebar/test/screenshots/analytics-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { metricText, pctOrDash } from '../src/console/pages/_analytics/labels';
import { periodRange } from '../src/console/pages/_analytics/period';
import { call, newPage, shot, signIn, startStack, tokenOf, type Stack } from './support-console';

jest.setTimeout(240_000);

interface MetricValue {
  key: string;
  name: string;
  unit: 'ratio' | 'count' | 'points';
  value: number | null;
}
interface FunnelResult {
  steps: Array<{ label: string; customers: number; fromPrevious: number | null; fromFirst: number | null; dropOff: number }>;
  overall: number | null;
}
interface RetentionResult {
  days: number[];
  cohorts: Array<{ start: string; size: number }>;
  overall: Array<number | null>;
}
interface Snapshot {
  id: string;
  period: string;
  rows: Array<{ metric: string; name: string; teamId: string | null; offTrack: boolean }>;
  offTrack: number;
}

let stack: Stack;
let admin = '';
beforeAll(async () => {
  stack = await startStack();
  admin = await tokenOf(stack.api, 'admin');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** The last 30 local days in Shanghai (the browser's zone in these tests), as the page computes them. */
const last30 = (): { from: string; to: string } => {
  // eslint-disable-next-line no-restricted-syntax -- the page under test reads the same wall clock (no __lodestarNow here)
  const { from, to } = periodRange('last30', Date.now(), 480);
  return { from, to };
};
const q = (o: Record<string, string | undefined>): string =>
  new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined)).toString();

async function pickLast30(page: Page): Promise<void> {
  await page.locator('[data-testid=analytics-scope] label', { hasText: '近 30 天' }).click();
  await page.locator('[data-testid=period-range]', { hasText: '（30 天）' }).waitFor();
}

/** A figure on the page, waited for: the text of `selector` once it is exactly `want`. */
async function textBecomes(page: Page, selector: string, want: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(([s, w]) => document.querySelector(s!)?.textContent?.trim() === w, [selector, want] as const, { timeout });
  } catch {
    throw new Error(`${selector} shows "${(await page.locator(selector).first().textContent())?.trim()}", expected "${want}"`);
  }
}

const canvasIn = async (page: Page, testId: string): Promise<number> => page.locator(`[data-testid=${testId}] canvas`).count();

describe('the console’s analytics pages', () => {
  it('经营分析: KPI cards, the journey funnel, a trend and the agents, as the API counts them', async () => {
    const period = last30();
    const report = await call<{ items: MetricValue[] }>(stack.api, 'GET', `/api/analytics/metrics?${q(period)}`, undefined, admin);
    const journey = await call<FunnelResult>(stack.api, 'GET', `/api/analytics/funnels/journey?${q(period)}`, undefined, admin);
    const agents = await call<{ items: unknown[] }>(stack.api, 'GET', `/api/analytics/metrics/call_connect_rate/breakdown?${q({ ...period, by: 'agent' })}`, undefined, admin);
    expect(report.items.length).toBeGreaterThan(0);
    expect(journey.steps).toHaveLength(6);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/analytics`);
    await signIn(page, 'admin');
    await page.locator('[data-testid=kpi-cards]').waitFor();
    await pickLast30(page);

    // Every metric has a card with the API's value in its unit (percent with one decimal, counts with separators).
    for (const m of report.items) await textBecomes(page, `[data-testid=kpi-${m.key}] [data-testid=kpi-value]`, metricText(m.value, m.unit));
    expect(await page.locator('[data-testid=kpi-value]').count()).toBe(report.items.length);
    const measured = report.items.filter((m) => m.value !== null);
    expect(measured.length).toBeGreaterThan(0); // the demo data gives something to measure
    await page.locator('[data-testid=sparkline]').first().waitFor({ timeout: 20_000 });

    // The journey funnel: six rows whose counts and rates are the API's.
    const first = journey.steps[0]!;
    if (first.customers > 0) {
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('[data-testid=journey-funnel-table] tbody tr td:nth-child(2)')].map((td) => td.textContent).join() === want,
        journey.steps.map((s) => s.customers.toLocaleString('zh-CN')).join(),
        { timeout: 20_000 },
      );
      const cells = await page.locator('[data-testid=journey-funnel-table] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())));
      journey.steps.forEach((s, i) => {
        expect(cells[i]![1]).toBe(s.customers.toLocaleString('zh-CN'));
        expect(cells[i]![3]).toBe(pctOrDash(s.fromFirst));
      });
      expect(await canvasIn(page, 'journey-funnel-chart')).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=journey-funnel-overall]').textContent()).toBe(pctOrDash(journey.overall));
    } else await page.locator('[data-testid=journey-funnel-empty]').waitFor();

    await page.locator('[data-testid=trend-chart] canvas').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=stage-chart] canvas').first().waitFor({ timeout: 20_000 });
    if (agents.items.length) await page.locator('[data-testid=agent-chart] canvas').first().waitFor({ timeout: 20_000 });

    // Hovering a rate's card tells what it was computed from.
    const rate = measured.find((m) => m.unit === 'ratio');
    if (rate) {
      await page.locator(`[data-testid=kpi-${rate.key}]`).hover();
      await page.locator('.t-tooltip', { hasText: rate.name }).getByText('越', { exact: false }).first().waitFor();
    }
    await page.mouse.move(5, 5);
    await shot(page, 'analytics-overview-1440');

    // An admin narrows to one team: the cards show that team's numbers.
    const teams = await call<{ items: Array<{ key: string; label: string }> }>(stack.api, 'GET', `/api/analytics/metrics/agent_activity/breakdown?${q({ ...period, by: 'team' })}`, undefined, admin);
    const team = teams.items.find((t) => t.key !== 'none')!;
    expect(team).toBeDefined();
    const teamReport = await call<{ items: MetricValue[] }>(stack.api, 'GET', `/api/analytics/metrics?${q({ ...period, teamId: team.key })}`, undefined, admin);
    expect(teamReport.items.map((m) => m.value)).not.toEqual(report.items.map((m) => m.value)); // a team is not the whole corp
    await page.locator('[data-testid=team-filter] .t-select').click();
    await page.locator('.t-select-option', { hasText: team.label }).first().click();
    for (const m of teamReport.items) await textBecomes(page, `[data-testid=kpi-${m.key}] [data-testid=kpi-value]`, metricText(m.value, m.unit));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('漏斗与留存: a built funnel and the cohort table match the API, and a blank step is refused', async () => {
    const period = last30();
    const steps = [
      { kind: 'event', name: 'activity_view' },
      { kind: 'event', name: 'activity_signup' },
      { kind: 'event', name: 'activity_attended' },
    ];
    const funnel = await call<FunnelResult>(stack.api, 'POST', '/api/analytics/funnels', { ...period, steps, windowDays: 30 }, admin);
    const stages = await call<FunnelResult>(stack.api, 'POST', '/api/analytics/funnels', { ...period, steps: ['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'].map((stage) => ({ kind: 'stage', stage })), windowDays: 30 }, admin);
    const retention = await call<RetentionResult>(stack.api, 'POST', '/api/analytics/retention', { ...period, startEvent: 'check_in', returnEvent: 'check_in', cohort: 'day', days: [1, 3, 7, 14, 30], mode: 'bounded' }, admin);

    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/analytics/funnels`);
    await signIn(page, 'admin');
    await page.locator('[data-testid=funnel-builder]').waitFor();
    await pickLast30(page);

    const counts = async (): Promise<string[]> => page.locator('[data-testid=funnel-result-table] tbody tr td:nth-child(2)').allTextContents();
    if (funnel.steps[0]!.customers > 0) {
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=funnel-result-table] tbody tr').length === n, 3);
      await page.waitForFunction((want) => [...document.querySelectorAll('[data-testid=funnel-result-table] tbody tr td:nth-child(2)')].map((td) => td.textContent).join() === want, funnel.steps.map((s) => s.customers.toLocaleString('zh-CN')).join());
      expect(await canvasIn(page, 'funnel-result-chart')).toBeGreaterThan(0);
    } else await page.locator('[data-testid=funnel-result-empty]').waitFor();

    // The journey-stage preset: six steps, the API's counts.
    await page.getByRole('button', { name: '旅程六阶段' }).click();
    await page.waitForFunction((want) => [...document.querySelectorAll('[data-testid=funnel-result-table] tbody tr td:nth-child(2)')].map((td) => td.textContent).join() === want, stages.steps.map((s) => s.customers.toLocaleString('zh-CN')).join(), { timeout: 20_000 });
    expect(await counts()).toHaveLength(6);

    // Retention: a row per cohort and the overall line, as the API has them.
    const total = retention.cohorts.reduce((n, c) => n + c.size, 0);
    if (total > 0) {
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=retention-table] tbody tr').length === n, retention.cohorts.length + 1, { timeout: 20_000 });
      expect(await page.locator('[data-testid=retention-table] tbody tr td:first-child').first().textContent()).toBe(retention.cohorts[0]!.start);
      expect(await page.locator('[data-testid=retention-overall]').allTextContents()).toEqual(retention.overall.map((r) => pctOrDash(r)));
      expect(await canvasIn(page, 'retention-chart')).toBeGreaterThan(0);
    } else await page.getByText('这段时间没有客户触发起始事件').waitFor();
    await shot(page, 'analytics-funnels-1440');

    // A step without an event name is caught before anything is sent.
    await page.getByRole('button', { name: '活动转化' }).click();
    await page.getByRole('button', { name: '添加步骤' }).click();
    await page.locator('[data-testid=funnel-run]').click();
    await page.locator('[data-testid=funnel-error]', { hasText: '第 4 步还没有填写事件名' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('考核评估: adds a target, runs an evaluation, reads the report and exports it', async () => {
    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/analytics/evaluations`);
    await signIn(page, 'admin');
    await page.locator('[data-testid=targets]').waitFor();

    // A monthly corp-wide target for 活动渗透率 (the dialog's defaults) at 50%.
    await page.locator('[data-testid=target-add]').click();
    const value = page.locator('[data-testid=target-value] input');
    await value.fill('50');
    await value.blur();
    await page.locator('.t-dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('目标已保存').waitFor();
    const targets = await call<{ items: Array<{ metric: string; period: string; teamId: string | null; target: number }> }>(stack.api, 'GET', '/api/analytics/targets', undefined, admin);
    expect(targets.items).toContainEqual(expect.objectContaining({ metric: 'activity_penetration', period: 'month', teamId: null, target: 0.5 }));
    await page.locator('[data-testid=targets] tbody tr', { hasText: '活动渗透率' }).filter({ hasText: '50.0%' }).first().waitFor();

    // Run now (the period picker defaults to 月): the new snapshot is listed and its report opens.
    await page.locator('[data-testid=run-evaluation]').click();
    await page.getByText('评估完成', { exact: false }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=evaluation-report] tbody tr').first().waitFor();
    const list = await call<{ items: Snapshot[] }>(stack.api, 'GET', '/api/analytics/evaluations?period=month&limit=5', undefined, admin);
    const snap = list.items[0]!;
    expect(snap.rows.some((r) => r.metric === 'activity_penetration' && r.teamId === null)).toBe(true);
    expect(await page.locator('[data-testid=evaluation-report] tbody tr').count()).toBe(snap.rows.length);
    const row = snap.rows.find((r) => r.metric === 'activity_penetration' && r.teamId === null)!;
    const shown = page.locator('[data-testid=evaluation-report] tbody tr', { hasText: row.name }).first();
    await shown.waitFor();
    expect(await shown.locator('[data-testid=off-track]').count()).toBe(row.offTrack ? 1 : 0);
    expect(await page.locator('[data-testid=evaluation-report] [data-testid=off-track]').count()).toBe(snap.rows.filter((r) => r.offTrack).length);
    // The toasts would cover the screenshot: wait for them to go, and hide any that stay (a slow machine).
    await page.waitForFunction(() => document.querySelectorAll('.t-message').length === 0, undefined, { timeout: 10_000 }).catch(() => page.addStyleTag({ content: '.t-message { display: none !important; }' }));
    await shot(page, 'analytics-evaluations-1440');

    // The CSV comes down with the bearer token, as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-csv]').click()]);
    expect(download.suggestedFilename()).toMatch(/^考核评估-月-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/).filter(Boolean).length).toBeGreaterThan(snap.rows.length); // a header and a line per row
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a team lead their team’s analytics without the team picker or the admin buttons', async () => {
    const { context, page, errors } = await newPage(stack.browser, 1440);
    await page.goto(`${stack.base}/console/#/analytics`);
    await signIn(page, 'lead01');
    await page.locator('[data-testid=kpi-cards]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=team-filter]').count()).toBe(0);
    expect(await page.locator('[data-testid="menu-analytics/evaluations"]').count()).toBe(1);
    await page.locator('[data-testid="menu-analytics/evaluations"]').click();
    await page.locator('[data-testid=snapshots]').waitFor();
    expect(await page.locator('[data-testid=run-evaluation]').count()).toBe(0);
    expect(await page.locator('[data-testid=target-add]').count()).toBe(0);
    await shot(page, 'analytics-evaluations-teamlead-1440');
    expect(errors).toEqual([]);
    await context.close();
  });
});

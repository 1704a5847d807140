import { journeyStages } from '@lodestar/shared';
import { buildDemoStageHistory } from './demo-analytics';

describe('demo stage history', () => {
  const now = new Date('2026-03-31T04:00:00Z');
  const DAY = 86_400_000;
  const customers = [
    { id: 'old-referral', corpId: 'k', stage: 'referral' as const, createdAt: new Date(now.getTime() - 400 * DAY) },
    { id: 'new-analysis', corpId: 'k', stage: 'analysis' as const, createdAt: new Date(now.getTime() - 20 * DAY) },
    { id: 'fresh-purchase', corpId: 'k', stage: 'purchase' as const, createdAt: new Date(now.getTime() - 2 * DAY) },
    { id: 'interest', corpId: 'k', stage: 'interest' as const, createdAt: new Date(now.getTime() - 30 * DAY) },
  ];
  const rows = buildDemoStageHistory(customers, now);

  it('walks each customer up from interest to their stage, one stage at a time, at increasing times inside the window', () => {
    for (const c of customers) {
      const mine = rows.filter((r) => r.customerId === c.id);
      const rank = journeyStages.indexOf(c.stage);
      expect(mine.map((r) => r.to)).toEqual(journeyStages.slice(1, rank + 1));
      expect(mine.map((r) => r.from)).toEqual(journeyStages.slice(0, rank));
      const start = Math.max(c.createdAt.getTime(), now.getTime() - 90 * DAY);
      let prev = start;
      for (const r of mine) {
        expect(r.at.getTime()).toBeGreaterThan(prev);
        expect(r.at.getTime()).toBeLessThanOrEqual(now.getTime());
        prev = r.at.getTime();
      }
    }
  });

  it('puts the steps of a customer with room on different days, and is the same every time', () => {
    const days = rows.filter((r) => r.customerId === 'old-referral').map((r) => Math.floor(r.at.getTime() / DAY));
    expect(new Set(days).size).toBe(5);
    expect(buildDemoStageHistory(customers, now)).toEqual(rows);
  });
});

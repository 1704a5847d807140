import { daysAgo, formatCover, miningQuery } from './lead-mining.query';

const ctx = { corpId: 'corp-1', now: new Date('2026-03-02T02:00:00.000Z'), timezone: 'Asia/Shanghai' };

describe('mining query helpers', () => {
  it('writes cover in 万 and days as words', () => {
    expect([formatCover(500_000), formatCover(55_000), formatCover(800_000)]).toEqual(['50 万', '5.5 万', '80 万']);
    expect([daysAgo('2026-03-02', '2026-03-02'), daysAgo('2026-03-01', '2026-03-02'), daysAgo('2026-02-27', '2026-03-02')]).toEqual(['今天', '昨天', '3 天前']);
  });
});

describe('miningQuery', () => {
  it('limits a run to the customers given, and reads one candidate per customer and line', () => {
    const q = miningQuery({ productLine: 'critical_illness', definition: { kind: 'orphan_policy', lines: ['annuity', 'life'] } }, ctx, ['c1', 'c2']);
    expect(q.sql).toContain('pr.line IN (?, ?)');
    expect(q.sql).toContain('p.customer_id IN (?, ?)');
    expect(q.params).toEqual(['corp-1', 'annuity', 'life', 'c1', 'c2']);
    const rows = [
      { customer_id: 'c2', line: 'life', policy_no: 'P3', product: '守护定期寿险' },
      { customer_id: 'c1', line: 'annuity', policy_no: 'P1', product: '福享养老年金' },
      { customer_id: 'c1', line: 'annuity', policy_no: 'P2', product: '稳盈增额终身寿' },
      { customer_id: 'c1', line: 'not_a_line', policy_no: 'P9', product: '?' },
    ];
    expect(q.read(rows)).toEqual([
      { customerId: 'c1', productLine: 'annuity', detail: '孤儿单 P1 · 福享养老年金 等 2 张' },
      { customerId: 'c2', productLine: 'life', detail: '孤儿单 P3 · 守护定期寿险' },
    ]);
  });

  it('takes a form’s line when it names one, else the source’s, and its latest page', () => {
    const q = miningQuery({ productLine: 'medical', definition: { kind: 'left_contact', event: 'leave_contact', withinDays: 7, productLineProperty: 'line' } }, ctx);
    expect(q.params).toEqual(['corp-1', '2026-02-23 02:00:00.000', '2026-02-23 02:00:00.000', 'leave_contact']);
    const read = q.read([
      { customer_id: 'c1', properties: JSON.stringify({ line: 'annuity', page: '养老测算' }) },
      { customer_id: 'c1', properties: JSON.stringify({ line: 'annuity', page: '更早的页面' }) },
      { customer_id: 'c2', properties: '{not json' },
      { customer_id: 'c3', properties: JSON.stringify({ line: 'pets', activity_name: 'x'.repeat(300) }) },
    ]);
    expect(read.map((c) => [c.customerId, c.productLine, c.detail.length <= 200 ? c.detail : 'too long'])).toEqual([
      ['c1', 'annuity', 'leave_contact: 养老测算 · 养老/年金'],
      ['c2', 'medical', 'leave_contact: 医疗险'],
      ['c3', 'medical', `leave_contact: ${'x'.repeat(60)} · 医疗险`],
    ]);
  });

  it('compares the recent rate with the baseline without dividing, over local days', () => {
    const q = miningQuery({ productLine: 'medical', definition: { kind: 'engagement_jump', recentDays: 7, baselineDays: 28, factor: 3, minEvents: 10 } }, ctx);
    // 2026-03-02 10:00 in Shanghai: the recent window is 02-24..03-02, the baseline 01-27..02-23.
    expect(q.params).toEqual(['2026-02-24', '2026-02-24', 'corp-1', '2026-01-27', '2026-03-02', '2026-02-24', 10, '2026-02-24', 28, 21, '2026-02-24']);
    expect(q.read([{ customer_id: 'c1', recent: '30', baseline: 0 }])[0]!.detail).toBe('近 7 天 30 次行为，此前 28 天没有行为');
  });
});

import { advanceStreak, sumIncrements } from './activity-counter.plan';

describe('advanceStreak', () => {
  it('starts, extends on the next day, and ignores a second event the same day', () => {
    let s = advanceStreak(null, '2026-03-01');
    s = advanceStreak(s, '2026-03-01');
    s = advanceStreak(s, '2026-03-02');
    s = advanceStreak(s, '2026-03-03');
    expect(s).toEqual({ current: 3, best: 3, lastDay: '2026-03-03' });
  });

  it('starts over after a missed day but remembers the best', () => {
    const s = advanceStreak({ current: 5, best: 5, lastDay: '2026-02-28' }, '2026-03-02');
    expect(s).toEqual({ current: 1, best: 5, lastDay: '2026-03-02' });
  });

  it('crosses month ends', () => {
    expect(advanceStreak({ current: 2, best: 4, lastDay: '2026-02-28' }, '2026-03-01')).toEqual({ current: 3, best: 4, lastDay: '2026-03-01' });
  });

  it('leaves the streak alone for a late event', () => {
    const s = { current: 2, best: 2, lastDay: '2026-03-05' };
    expect(advanceStreak(s, '2026-03-01')).toBe(s);
  });
});

describe('sumIncrements', () => {
  it('sums increments of the same customer, counter and day and keeps the others apart', () => {
    const base = { corpId: 'k', count: 1 };
    const out = sumIncrements([
      { ...base, customerId: 'a', counterKey: 'event:x', day: '2026-03-01' },
      { ...base, customerId: 'a', counterKey: 'event:x', day: '2026-03-01', count: 2 },
      { ...base, customerId: 'a', counterKey: 'event:x', day: '2026-03-02' },
      { ...base, customerId: 'b', counterKey: 'event:x', day: '2026-03-01' },
    ]);
    expect(out.map((r) => [r.customerId, r.day, r.count])).toEqual([
      ['a', '2026-03-01', 3],
      ['a', '2026-03-02', 1],
      ['b', '2026-03-01', 1],
    ]);
  });
});

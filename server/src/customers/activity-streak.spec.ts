import { effectiveStreak } from './activity-streak';

describe('effectiveStreak', () => {
  it('keeps the streak on the day it was last extended and on the day after (not done yet today)', () => {
    expect(effectiveStreak({ current: 4, lastDay: '2026-03-02' }, '2026-03-02')).toBe(4);
    expect(effectiveStreak({ current: 4, lastDay: '2026-03-01' }, '2026-03-02')).toBe(4);
  });

  it('breaks it once a whole day was missed', () => {
    expect(effectiveStreak({ current: 4, lastDay: '2026-02-28' }, '2026-03-02')).toBe(0);
    expect(effectiveStreak({ current: 9, lastDay: '2025-12-01' }, '2026-03-02')).toBe(0);
  });

  it('counts yesterday across month and year ends', () => {
    expect(effectiveStreak({ current: 2, lastDay: '2025-12-31' }, '2026-01-01')).toBe(2);
    expect(effectiveStreak({ current: 2, lastDay: '2028-02-29' }, '2028-03-01')).toBe(2);
    expect(effectiveStreak({ current: 2, lastDay: '2028-02-28' }, '2028-03-01')).toBe(0);
  });

  it('does not break a streak stamped on a later day than today (an event clock ahead of ours)', () => {
    expect(effectiveStreak({ current: 3, lastDay: '2026-03-03' }, '2026-03-02')).toBe(3);
  });
});

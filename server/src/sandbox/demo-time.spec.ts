import { localDay } from '../platform/local-day';
import { DAY_MS, HISTORY_DAYS, RECENT_DAYS, dayMinutes, daysAgo, demoCalendar, localAt, onDay } from './demo-time';
import { Prng } from './prng';

describe('the demo calendar', () => {
  // 09:30 in Shanghai: a time later today is still ahead.
  const now = new Date('2026-03-31T01:30:00Z');
  const cal = demoCalendar(now, 'Asia/Shanghai');

  it('puts an instant on the local day asked at the local time, and never after now', () => {
    expect(cal.today).toBe('2026-03-31');
    expect(localAt(cal, 3, 14 * 60 + 5)).toEqual(new Date('2026-03-28T06:05:00Z'));
    expect(localAt(cal, 0, 9 * 60)).toEqual(new Date('2026-03-31T01:00:00Z'));
    // 20:00 today has not come yet: it is yesterday's.
    expect(localAt(cal, 0, 20 * 60)).toEqual(new Date('2026-03-30T12:00:00Z'));
    expect(onDay(cal, '2026-03-31', 20 * 60)).toEqual(now);
    expect(onDay(cal, '2026-03-01', 0)).toEqual(new Date('2026-02-28T16:00:00Z'));
  });

  it('draws days in the 90-day window, three times denser per day in the last 30, and office-hour times', () => {
    const rnd = new Prng(7);
    const days = Array.from({ length: 20_000 }, () => daysAgo(rnd));
    expect(Math.min(...days)).toBe(0);
    expect(Math.max(...days)).toBe(HISTORY_DAYS - 1);
    const recent = days.filter((d) => d < RECENT_DAYS).length / days.length;
    expect(recent).toBeGreaterThan(0.58);
    expect(recent).toBeLessThan(0.62);
    for (let i = 0; i < 2000; i++) {
      const m = dayMinutes(rnd);
      expect(m).toBeGreaterThanOrEqual(9 * 60);
      expect(m).toBeLessThan(22 * 60);
      const at = localAt(cal, daysAgo(rnd), m);
      expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - at.getTime()).toBeLessThan((HISTORY_DAYS + 1) * DAY_MS);
      expect(localDay(at, 'Asia/Shanghai') <= cal.today).toBe(true);
    }
  });
});

import { giftProgress, streakText } from './checkin';
import { addDays, monthGrid, shiftMonth, weekday } from './dates';

describe('calendar layout', () => {
  it('lays a month out in Monday-first weeks, padded', () => {
    const feb = monthGrid('2026-02'); // 1 Feb 2026 is a Sunday
    expect(weekday('2026-02-01')).toBe(0);
    expect(feb[0]!.map((c) => c.day)).toEqual([null, null, null, null, null, null, 1]);
    expect(feb.flat().filter((c) => c.date).length).toBe(28);
    expect(feb.every((w) => w.length === 7)).toBe(true);
    expect(feb.at(-1)!.map((c) => c.day)).toEqual([23, 24, 25, 26, 27, 28, null]);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });
});

describe('the 7-day gift track', () => {
  it.each([
    [0, false, 0],
    [1, true, 1],
    [6, false, 6],
    [7, true, 7], // today completed the week: all seven lit
    [7, false, 0], // yesterday completed it: a new week starts today
    [9, true, 2],
  ])('streak %i (checked today: %s) lights %i days', (streak, today, lit) => {
    expect(giftProgress(streak, today)).toBe(lit);
  });

  it('says what happened and what is next', () => {
    expect(streakText(0, false)).toBe('今天签到，开启连签之旅');
    expect(streakText(1, true)).toBe('今日已签到，已连续签到 1 天');
    expect(streakText(3, false)).toBe('已连续签到 3 天，今天签到继续累积');
  });
});

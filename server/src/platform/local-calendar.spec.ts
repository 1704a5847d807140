import { localParts, nextCronRun, startOfLocalDay, startOfLocalMonth, startOfLocalWeek } from './local-calendar';

const at = (iso: string) => new Date(iso);

describe('localParts', () => {
  it('reads the day, clock and ISO weekday in the zone, not in UTC', () => {
    // 16:30Z on Sunday 1 March is 00:30 on Monday 2 March in Shanghai.
    expect(localParts(at('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toEqual({ day: '2026-03-02', minutes: 30, weekday: 1 });
    expect(localParts(at('2026-03-01T16:30:00Z'), 'UTC')).toEqual({ day: '2026-03-01', minutes: 16 * 60 + 30, weekday: 7 });
  });

  it('follows daylight saving time', () => {
    // New York: 19:00 EDT in July (UTC−4), 19:00 EST in January (UTC−5).
    expect(localParts(at('2026-07-10T23:00:00Z'), 'America/New_York')).toEqual({ day: '2026-07-10', minutes: 19 * 60, weekday: 5 });
    expect(localParts(at('2026-01-10T00:00:00Z'), 'America/New_York')).toEqual({ day: '2026-01-09', minutes: 19 * 60, weekday: 5 });
  });

  it('shows midnight as minute 0', () => {
    expect(localParts(at('2026-03-01T16:00:00Z'), 'Asia/Shanghai').minutes).toBe(0);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight as a UTC instant', () => {
    expect(startOfLocalDay(at('2026-03-01T16:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfLocalDay(at('2026-03-01T15:59:59Z'), 'Asia/Shanghai').toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('uses the offset in force at midnight on a DST day', () => {
    // New York springs forward at 02:00 on 8 March 2026: midnight is still EST.
    expect(startOfLocalDay(at('2026-03-08T20:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay(at('2026-03-09T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('starts at the jump when DST skips midnight', () => {
    // Santiago jumps from 00:00 to 01:00 on 6 September 2026: the day begins at 01:00 −03 = 04:00Z.
    expect(startOfLocalDay(at('2026-09-06T15:00:00Z'), 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('starts at the real midnight when the clock falls back from midnight', () => {
    // Santiago goes from 00:00 back to 23:00 on 5 April 2026: 04:00Z is the first 00:00 of the 5th.
    expect(startOfLocalDay(at('2026-04-05T15:00:00Z'), 'America/Santiago').toISOString()).toBe('2026-04-05T04:00:00.000Z');
  });
});

describe('startOfLocalWeek', () => {
  it('goes back to Monday in the zone', () => {
    // Sunday 8 March 23:59 in Shanghai belongs to the week of Monday 2 March.
    expect(startOfLocalWeek(at('2026-03-08T15:59:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    // One minute later it is Monday 9 March: a new week.
    expect(startOfLocalWeek(at('2026-03-08T16:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  it('crosses a month end', () => {
    // Wednesday 1 April 2026 (New York) → Monday 30 March, 00:00 EDT.
    expect(startOfLocalWeek(at('2026-04-01T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-30T04:00:00.000Z');
  });
});

describe('startOfLocalMonth', () => {
  it('is the first of the local month, with the offset in force then', () => {
    // 15 March is EDT, but 1 March midnight was EST (UTC−5).
    expect(startOfLocalMonth(at('2026-03-15T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-01T05:00:00.000Z');
    // 31 March 17:00Z is already 1 April in Shanghai.
    expect(startOfLocalMonth(at('2026-03-31T17:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });
});

describe('nextCronRun', () => {
  it('reads the pattern in the zone and is strictly after the given instant', () => {
    expect(nextCronRun('30 8 * * *', 'Asia/Shanghai', at('2026-03-01T00:00:00Z'))?.toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(nextCronRun('30 8 * * *', 'Asia/Shanghai', at('2026-03-01T00:30:00Z'))?.toISOString()).toBe('2026-03-02T00:30:00.000Z');
  });

  it('returns null for a pattern that never fires and throws on a bad one', () => {
    expect(nextCronRun('0 0 31 2 *', 'UTC', at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(() => nextCronRun('61 * * * *', 'UTC', at('2026-01-01T00:00:00Z'))).toThrow();
  });
});

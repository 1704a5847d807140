import { localMinutes, nextLocalTime } from './local-time.plan';

const at = (iso: string) => new Date(iso);

describe('nextLocalTime', () => {
  it('finds today’s time in Asia/Shanghai (UTC+8) when it is still ahead', () => {
    // 08:00 local on Monday 2 March 2026.
    expect(nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });

  it('moves to tomorrow when today’s time has passed', () => {
    // 10:00 local: 09:30 is gone, so tomorrow's.
    expect(nextLocalTime(at('2026-03-02T02:00:00Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe('2026-03-03T01:30:00.000Z');
  });

  it('is strictly after `from`: exactly at the time means the next day', () => {
    expect(nextLocalTime(at('2026-03-02T01:30:00Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe('2026-03-03T01:30:00.000Z');
    expect(nextLocalTime(at('2026-03-02T01:30:00.400Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe('2026-03-03T01:30:00.000Z');
    // A millisecond before still fires today.
    expect(nextLocalTime(at('2026-03-02T01:29:59.999Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });

  it('handles midnight and the last minute of the day', () => {
    expect(nextLocalTime(at('2026-03-02T02:00:00Z'), 'Asia/Shanghai', '00:00').toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(nextLocalTime(at('2026-03-02T02:00:00Z'), 'Asia/Shanghai', '23:59').toISOString()).toBe('2026-03-02T15:59:00.000Z');
  });

  it('follows America/New_York across the spring DST change (UTC−5 → UTC−4)', () => {
    // Saturday 7 March 2026 10:00 EST; clocks go forward on Sunday 8 March at 02:00.
    const from = at('2026-03-07T15:00:00Z');
    expect(nextLocalTime(from, 'America/New_York', '09:00').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    // The day before the change it is still EST.
    expect(nextLocalTime(at('2026-03-06T15:00:00Z'), 'America/New_York', '09:00').toISOString()).toBe('2026-03-07T14:00:00.000Z');
  });

  it('follows America/New_York across the autumn DST change (UTC−4 → UTC−5)', () => {
    // Saturday 31 October 2026 10:00 EDT; clocks go back on Sunday 1 November at 02:00.
    expect(nextLocalTime(at('2026-10-31T14:00:00Z'), 'America/New_York', '09:00').toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('fires a time skipped by spring-forward just after the gap, and a repeated time once', () => {
    expect(nextLocalTime(at('2026-03-08T05:00:00Z'), 'America/New_York', '02:30').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    const first = nextLocalTime(at('2026-11-01T04:00:00Z'), 'America/New_York', '01:30');
    expect(first.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // After the first 01:30 (EDT), the second 01:30 (EST) an hour later does not fire again.
    expect(nextLocalTime(first, 'America/New_York', '01:30').toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });

  it('keeps to the given ISO weekdays: Friday 19:00', () => {
    // Monday 2 March 2026 → Friday 6 March 19:00 Shanghai.
    expect(nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '19:00', [5]).toISOString()).toBe('2026-03-06T11:00:00.000Z');
    // Friday 19:00 exactly → the next Friday.
    expect(nextLocalTime(at('2026-03-06T11:00:00Z'), 'Asia/Shanghai', '19:00', [5]).toISOString()).toBe('2026-03-13T11:00:00.000Z');
  });

  it('maps ISO 7 to Sunday and picks the nearest of several days', () => {
    expect(nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '19:00', [7]).toISOString()).toBe('2026-03-08T11:00:00.000Z');
    // Saturday 7 March after 19:00 local: Sunday comes before Wednesday.
    expect(nextLocalTime(at('2026-03-07T12:00:00Z'), 'Asia/Shanghai', '19:00', [3, 7]).toISOString()).toBe('2026-03-08T11:00:00.000Z');
    // Weekday numbers refer to the local day, not the UTC one: Monday 07:00 Shanghai is Sunday in UTC.
    expect(nextLocalTime(at('2026-03-01T20:00:00Z'), 'Asia/Shanghai', '07:00', [1]).toISOString()).toBe('2026-03-01T23:00:00.000Z');
  });

  it('reads an empty weekday list as any day', () => {
    expect(nextLocalTime(at('2026-03-02T02:00:00Z'), 'Asia/Shanghai', '09:30', []).toISOString()).toBe('2026-03-03T01:30:00.000Z');
  });

  it('gives the same answer from its cache, zone by zone', () => {
    const from = at('2026-03-02T00:00:00Z');
    const a = nextLocalTime(from, 'Asia/Shanghai', '09:00');
    const b = nextLocalTime(from, 'America/New_York', '09:00');
    expect(nextLocalTime(from, 'Asia/Shanghai', '09:00')).toEqual(a);
    expect(b.toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('rejects a malformed time or weekday', () => {
    expect(() => nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '24:00')).toThrow(RangeError);
    expect(() => nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '9:00')).toThrow(RangeError);
    expect(() => nextLocalTime(at('2026-03-02T00:00:00Z'), 'Asia/Shanghai', '09:00', [0])).toThrow(RangeError);
  });
});

describe('localMinutes', () => {
  it('counts minutes since local midnight in the zone', () => {
    expect(localMinutes(at('2026-03-02T01:30:00Z'), 'Asia/Shanghai')).toBe(9 * 60 + 30);
    expect(localMinutes(at('2026-03-02T16:00:00Z'), 'Asia/Shanghai')).toBe(0);
    expect(localMinutes(at('2026-03-02T15:59:00Z'), 'Asia/Shanghai')).toBe(23 * 60 + 59);
  });

  it('follows DST in America/New_York', () => {
    expect(localMinutes(at('2026-03-07T14:00:00Z'), 'America/New_York')).toBe(9 * 60);
    expect(localMinutes(at('2026-03-09T14:00:00Z'), 'America/New_York')).toBe(10 * 60);
  });
});

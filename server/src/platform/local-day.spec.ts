import { addDays, isTimeZone, localDay } from './local-day';

describe('localDay', () => {
  it('gives the calendar day in the zone, not in UTC', () => {
    const at = new Date('2026-03-01T17:30:00Z');
    expect(localDay(at, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(localDay(at, 'UTC')).toBe('2026-03-01');
    expect(localDay(at, 'America/Los_Angeles')).toBe('2026-03-01');
  });

  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-01-10', -9)).toBe('2026-01-01');
  });

  it('tells known zones from unknown ones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

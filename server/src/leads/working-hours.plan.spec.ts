import type { WorkingHours } from '@lodestar/shared';
import { describeHours, isOnDuty, localTime } from './working-hours.plan';

const weekdays = (timezone: string, from = '09:00', to = '18:00'): WorkingHours => ({ timezone, days: [1, 2, 3, 4, 5], from, to });

describe('working hours', () => {
  it('reads the weekday and time of day in the zone, not in UTC', () => {
    // 2026-01-04T23:30Z is Sunday in UTC but Monday 07:30 in Shanghai and Sunday 18:30 in New York.
    const at = new Date('2026-01-04T23:30:00Z');
    expect(localTime(at, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 7 * 60 + 30 });
    expect(localTime(at, 'America/New_York')).toEqual({ weekday: 7, minutes: 18 * 60 + 30 });
    expect(localTime(new Date('2026-01-05T16:00:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 2, minutes: 0 });
  });

  it('is on duty from `from` (inclusive) to `to` (exclusive) on listed days only', () => {
    const hours = weekdays('Asia/Shanghai');
    expect(isOnDuty(hours, new Date('2026-01-05T00:59:00Z'))).toBe(false); // Mon 08:59
    expect(isOnDuty(hours, new Date('2026-01-05T01:00:00Z'))).toBe(true); // Mon 09:00
    expect(isOnDuty(hours, new Date('2026-01-05T09:59:00Z'))).toBe(true); // Mon 17:59
    expect(isOnDuty(hours, new Date('2026-01-05T10:00:00Z'))).toBe(false); // Mon 18:00
    expect(isOnDuty(hours, new Date('2026-01-10T03:00:00Z'))).toBe(false); // Sat 11:00
  });

  it('judges the same instant by each agent’s own zone', () => {
    const at = new Date('2026-01-05T02:00:00Z'); // Mon 10:00 Shanghai, Sun 21:00 New York, Mon 02:00 London
    expect(isOnDuty(weekdays('Asia/Shanghai'), at)).toBe(true);
    expect(isOnDuty(weekdays('America/New_York'), at)).toBe(false);
    expect(isOnDuty(weekdays('Europe/London'), at)).toBe(false);
    expect(isOnDuty(weekdays('America/New_York'), new Date('2026-01-05T15:00:00Z'))).toBe(true); // Mon 10:00 New York
  });

  it('follows daylight saving time', () => {
    const ny = weekdays('America/New_York');
    expect(isOnDuty(ny, new Date('2026-03-02T13:30:00Z'))).toBe(false); // Mon 08:30 EST
    expect(isOnDuty(ny, new Date('2026-03-09T13:30:00Z'))).toBe(true); // Mon 09:30 EDT (clocks moved on 8 March)
  });

  it('runs a shift past midnight and counts it for the day it starts on', () => {
    const fridayNight: WorkingHours = { timezone: 'Asia/Shanghai', days: [5], from: '22:00', to: '06:00' };
    expect(isOnDuty(fridayNight, new Date('2026-01-09T13:59:00Z'))).toBe(false); // Fri 21:59
    expect(isOnDuty(fridayNight, new Date('2026-01-09T14:00:00Z'))).toBe(true); // Fri 22:00
    expect(isOnDuty(fridayNight, new Date('2026-01-09T19:00:00Z'))).toBe(true); // Sat 03:00, Friday's shift
    expect(isOnDuty(fridayNight, new Date('2026-01-09T22:00:00Z'))).toBe(false); // Sat 06:00
    expect(isOnDuty(fridayNight, new Date('2026-01-08T19:00:00Z'))).toBe(false); // Fri 03:00 belongs to Thursday's shift
    expect(isOnDuty(fridayNight, new Date('2026-01-10T15:00:00Z'))).toBe(false); // Sat 23:00: no Saturday shift
  });

  it('wraps Sunday night into Monday morning', () => {
    const sundayNight: WorkingHours = { timezone: 'Europe/London', days: [7], from: '20:00', to: '04:00' };
    expect(isOnDuty(sundayNight, new Date('2026-01-05T02:00:00Z'))).toBe(true); // Mon 02:00 London
    expect(isOnDuty(sundayNight, new Date('2026-01-06T02:00:00Z'))).toBe(false); // Tue 02:00
  });

  it('takes 24:00 as the end of the day', () => {
    const allDay: WorkingHours = { timezone: 'Asia/Shanghai', days: [6, 7], from: '00:00', to: '24:00' };
    expect(isOnDuty(allDay, new Date('2026-01-10T15:59:00Z'))).toBe(true); // Sat 23:59
    expect(isOnDuty(allDay, new Date('2026-01-09T16:00:00Z'))).toBe(true); // Sat 00:00
    expect(isOnDuty(allDay, new Date('2026-01-11T16:00:00Z'))).toBe(false); // Mon 00:00
  });

  it('throws on a zone Intl does not know, and describes hours in words', () => {
    expect(() => localTime(new Date('2026-01-05T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(describeHours({ timezone: 'Asia/Shanghai', days: [5, 1, 3], from: '09:00', to: '18:00' })).toBe('days 1,3,5 09:00–18:00 Asia/Shanghai');
  });
});

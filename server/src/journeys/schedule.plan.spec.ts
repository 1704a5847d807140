import type { JourneySchedule } from '@lodestar/shared';
import { dueZones, firesBetween, isValidScheduleCron, scheduleCron } from './schedule.plan';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const d = (iso: string) => new Date(iso);
const isoList = (dates: Date[]) => dates.map((x) => x.toISOString());

const fridayEvening: JourneySchedule = { kind: 'weekly', weekdays: [5], time: '19:00' };
const dailyNine: JourneySchedule = { kind: 'daily', time: '09:00' };

describe('scheduleCron', () => {
  it('turns a daily time into minute and hour fields', () => {
    expect(scheduleCron({ kind: 'daily', time: '08:05' })).toBe('5 8 * * *');
  });

  it('turns ISO weekdays into cron weekdays, Sunday as 0, sorted and de-duplicated', () => {
    expect(scheduleCron({ kind: 'weekly', weekdays: [7, 5, 1, 5], time: '19:30' })).toBe('30 19 * * 0,1,5');
  });

  it('keeps a cron expression as given', () => {
    expect(scheduleCron({ kind: 'cron', expr: ' 0 9 * * 1-5 ' })).toBe('0 9 * * 1-5');
  });
});

describe('firesBetween', () => {
  it('fires "Friday 19:00" at the local time of each zone within one week', () => {
    const from = d('2026-07-06T00:00:00Z');
    const to = d('2026-07-13T00:00:00Z');
    expect(isoList(firesBetween(fridayEvening, SH, from, to))).toEqual(['2026-07-10T11:00:00.000Z']);
    // Summer: 19:00 EDT (UTC−4).
    expect(isoList(firesBetween(fridayEvening, NY, from, to))).toEqual(['2026-07-10T23:00:00.000Z']);
  });

  it('follows DST: in winter New York’s Friday 19:00 is Saturday 00:00Z', () => {
    expect(isoList(firesBetween(fridayEvening, NY, d('2026-01-05T00:00:00Z'), d('2026-01-12T00:00:00Z')))).toEqual(['2026-01-10T00:00:00.000Z']);
  });

  it('fires a daily schedule once per local day', () => {
    expect(isoList(firesBetween(dailyNine, SH, d('2026-03-01T00:00:00Z'), d('2026-03-04T00:00:00Z')))).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-02T01:00:00.000Z',
      '2026-03-03T01:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local across a DST change (23 hours apart that night)', () => {
    expect(isoList(firesBetween(dailyNine, NY, d('2026-03-07T00:00:00Z'), d('2026-03-09T23:59:59Z')))).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('excludes a fire exactly at `from` and includes one exactly at `to`', () => {
    const fire = d('2026-03-02T01:00:00Z'); // 09:00 in Shanghai
    expect(isoList(firesBetween(dailyNine, SH, fire, d('2026-03-03T01:00:00Z')))).toEqual(['2026-03-03T01:00:00.000Z']);
    expect(firesBetween(dailyNine, SH, d('2026-03-02T00:59:59Z'), fire)).toEqual([fire]);
    expect(firesBetween(dailyNine, SH, d('2026-03-02T01:00:01Z'), d('2026-03-03T00:59:59Z'))).toEqual([]);
  });

  it('stops at `limit`, keeping the earliest fires', () => {
    expect(isoList(firesBetween(dailyNine, SH, d('2026-03-01T00:00:00Z'), d('2026-03-31T00:00:00Z'), 2))).toEqual(['2026-03-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z']);
  });

  it('reads a cron expression in the zone', () => {
    const weekdayMornings: JourneySchedule = { kind: 'cron', expr: '30 8 * * 1-5' };
    // Sat 7 – Mon 9 March 2026 in Shanghai: only Monday fires, at 08:30 +08 = 00:30Z.
    expect(isoList(firesBetween(weekdayMornings, SH, d('2026-03-06T16:00:00Z'), d('2026-03-09T16:00:00Z')))).toEqual(['2026-03-09T00:30:00.000Z']);
  });
});

describe('dueZones', () => {
  it('returns only the zones with a fire in the window', () => {
    // 10:30Z–11:30Z on Friday 10 July covers 19:00 in Shanghai but not 19:00 in New York (23:00Z).
    const due = dueZones(fridayEvening, [SH, NY, 'Europe/London'], d('2026-07-10T10:30:00Z'), d('2026-07-10T11:30:00Z'));
    expect([...due.entries()]).toEqual([[SH, d('2026-07-10T11:00:00Z')]]);
  });

  it('gives the last fire when a tick missed several, so the zone enrols once', () => {
    const due = dueZones(dailyNine, [SH, SH], d('2026-03-01T00:00:00Z'), d('2026-03-04T00:00:00Z'));
    expect([...due.entries()]).toEqual([[SH, d('2026-03-03T01:00:00Z')]]);
  });

  it('finds the last fire of a dense pattern over a long gap', () => {
    // 2,880 fires in ten days; the last is at 00:00Z on the 11th.
    const everyFive: JourneySchedule = { kind: 'cron', expr: '*/5 * * * *' };
    expect(dueZones(everyFive, ['UTC'], d('2026-03-01T00:00:00Z'), d('2026-03-11T00:02:30Z')).get('UTC')).toEqual(d('2026-03-11T00:00:00Z'));
  });

  it('finds the last fire of a sparse pattern far back in the window', () => {
    // Monthly on the 1st at 09:00 Shanghai; the window ends mid-April, the last fire is 1 April.
    const monthly: JourneySchedule = { kind: 'cron', expr: '0 9 1 * *' };
    expect(dueZones(monthly, [SH], d('2026-01-15T00:00:00Z'), d('2026-04-20T00:00:00Z')).get(SH)).toEqual(d('2026-04-01T01:00:00Z'));
  });

  it('uses the same window boundaries as firesBetween', () => {
    const fire = d('2026-03-02T01:00:00Z');
    expect(dueZones(dailyNine, [SH], fire, d('2026-03-03T00:59:59Z')).size).toBe(0);
    expect(dueZones(dailyNine, [SH], d('2026-03-02T00:00:00Z'), fire).get(SH)).toEqual(fire);
  });

  it('is empty for an empty or reversed window', () => {
    expect(dueZones(dailyNine, [SH], d('2026-03-02T01:00:00Z'), d('2026-03-02T01:00:00Z')).size).toBe(0);
    expect(dueZones(dailyNine, [SH], d('2026-03-03T00:00:00Z'), d('2026-03-01T00:00:00Z')).size).toBe(0);
  });
});

describe('isValidScheduleCron', () => {
  it.each(['0 9 * * 1-5', '*/15 8-20 * * *', '0 0 29 2 *', '30 19 * * 5', ' 0 9 * * * '])('accepts %p', (expr) => {
    expect(isValidScheduleCron(expr)).toBe(true);
  });

  it.each([
    ['four fields', '0 9 * *'],
    ['a seconds field', '0 0 9 * * *'],
    ['a nickname', '@daily'],
    ['a minute out of range', '61 * * * *'],
    ['a weekday out of range', '0 9 * * 8'],
    ['words', 'a b c d e'],
    ['a clock-dependent ?', '0 ? * * *'],
    ['a date that never comes', '0 0 31 2 *'],
  ])('rejects %s', (_why, expr) => {
    expect(isValidScheduleCron(expr)).toBe(false);
  });
});

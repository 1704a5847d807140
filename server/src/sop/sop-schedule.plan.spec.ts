import type { SopTimeRule } from '@lodestar/shared';
import { HolidayYearError } from './holiday-calendar';
import { localInstant } from './local-clock';
import { occurrenceKey, occurrences } from './sop-schedule.plan';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const d = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((x) => x.toISOString());
const longAgo = { createdAt: d('2020-01-01T00:00:00Z') };
const run = (rule: SopTimeRule, from: string, to: string, zone = SH, facts: { createdAt: Date; joinedAt?: Date[] } = longAgo) =>
  iso(occurrences(rule, facts, d(from), d(to), zone));

describe('occurrences: weekly across DST', () => {
  const monday9: SopTimeRule = { type: 'weekly', weekdays: [1], at: '09:00' };

  it('keeps Monday 09:00 local in New York when the clocks spring forward (EST → EDT)', () => {
    // 2026-03-08 is the US spring-forward Sunday.
    expect(run(monday9, '2026-02-28T00:00:00Z', '2026-03-17T00:00:00Z', NY)).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
    ]);
  });

  it('keeps Monday 09:00 local in New York when the clocks fall back (EDT → EST)', () => {
    expect(run(monday9, '2026-10-25T00:00:00Z', '2026-11-10T00:00:00Z', NY)).toEqual(['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-09T14:00:00.000Z']);
  });

  it('is the same UTC instant every week in Asia/Shanghai, which has no DST, across the US change', () => {
    expect(run(monday9, '2026-02-28T00:00:00Z', '2026-03-17T00:00:00Z', SH)).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-09T01:00:00.000Z',
      '2026-03-16T01:00:00.000Z',
    ]);
  });

  it('reads weekdays on the local calendar: Monday 07:00 in Shanghai is Sunday 23:00 UTC', () => {
    expect(run({ type: 'weekly', weekdays: [1, 3], at: '07:00' }, '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z')).toEqual([
      '2026-03-01T23:00:00.000Z',
      '2026-03-03T23:00:00.000Z',
    ]);
  });
});

describe('occurrences: DST gaps and folds', () => {
  it('sends a time the clock skips at the first minute after the jump (02:30 → 03:00 EDT)', () => {
    expect(run({ type: 'daily', at: '02:30' }, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', NY)).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('sends a repeated time once, on its first occurrence (01:30 EDT, not 01:30 EST)', () => {
    expect(run({ type: 'daily', at: '01:30' }, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', NY)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('handles a half-hour DST jump (Lord Howe Island: 02:00 → 02:30)', () => {
    expect(localInstant('2026-10-04', 2 * 60 + 10, 'Australia/Lord_Howe').toISOString()).toBe(localInstant('2026-10-04', 2 * 60 + 30, 'Australia/Lord_Howe').toISOString());
  });
});

describe('occurrences: monthly', () => {
  it('takes −1 as the last day: 29 February in the leap year 2028, 28 February in 2027', () => {
    const last: SopTimeRule = { type: 'monthly', days: [-1], at: '10:00' };
    expect(run(last, '2028-02-01T00:00:00Z', '2028-03-15T00:00:00Z')).toEqual(['2028-02-29T02:00:00.000Z']);
    expect(run(last, '2027-02-01T00:00:00Z', '2027-03-15T00:00:00Z')).toEqual(['2027-02-28T02:00:00.000Z']);
  });

  it('skips a day the month lacks and sends 30 and −1 once in a 30-day month', () => {
    expect(run({ type: 'monthly', days: [31], at: '10:00' }, '2026-03-31T12:00:00Z', '2026-06-01T00:00:00Z')).toEqual(['2026-05-31T02:00:00.000Z']);
    expect(run({ type: 'monthly', days: [30, -1], at: '10:00' }, '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual(['2026-04-30T02:00:00.000Z']);
  });

  it('sends on several days of each month', () => {
    expect(run({ type: 'monthly', days: [1, 15], at: '08:00' }, '2026-01-01T00:00:00Z', '2026-02-16T00:00:00Z')).toEqual([
      '2026-01-15T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-02-15T00:00:00.000Z',
    ]);
  });
});

describe('occurrences: dates and holidays', () => {
  it('reads dates as local days', () => {
    expect(run({ type: 'dates', dates: ['2026-05-01', '2026-06-01', '2025-01-01'], at: '07:00' }, '2026-04-01T00:00:00Z', '2026-05-31T00:00:00Z')).toEqual([
      '2026-04-30T23:00:00.000Z',
    ]);
  });

  it('sends on the eve of 春节 (offset −1) and on 中秋', () => {
    expect(run({ type: 'holidays', holidays: ['spring_festival'], offsetDays: -1, at: '20:00' }, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      '2026-02-16T12:00:00.000Z',
    ]);
    expect(run({ type: 'holidays', holidays: ['mid_autumn', 'national_day'], at: '09:00' }, '2026-09-01T00:00:00Z', '2026-10-31T00:00:00Z')).toEqual([
      '2026-09-25T01:00:00.000Z',
      '2026-10-01T01:00:00.000Z',
    ]);
  });

  it('looks up the next year when an offset crosses New Year', () => {
    // 元旦 2027 minus 3 days is 2026-12-29.
    expect(run({ type: 'holidays', holidays: ['new_year'], offsetDays: -3, at: '09:00' }, '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual(['2026-12-29T01:00:00.000Z']);
  });

  it('throws when the window needs a year the holiday table lacks', () => {
    expect(() => run({ type: 'holidays', holidays: ['qingming'], at: '09:00' }, '2030-12-01T00:00:00Z', '2031-05-01T00:00:00Z')).toThrow(HolidayYearError);
  });
});

describe('occurrences: relative to the target', () => {
  const createdAt = d('2026-03-05T02:00:00Z'); // 10:00 in Shanghai

  it('counts after_created in local days from the day the group was created', () => {
    expect(run({ type: 'after_created', days: 3, at: '09:00' }, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', SH, { createdAt })).toEqual(['2026-03-08T01:00:00.000Z']);
  });

  it('sends day 0 only when the time is still ahead on the day of creation', () => {
    expect(run({ type: 'after_created', days: 0, at: '09:00' }, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', SH, { createdAt })).toEqual([]);
    expect(run({ type: 'after_created', days: 0, at: '20:00' }, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', SH, { createdAt })).toEqual(['2026-03-05T12:00:00.000Z']);
  });

  it('sends after_joined once per moment: members who joined the same day share one send to the group', () => {
    const joinedAt = [d('2026-03-06T01:00:00Z'), d('2026-03-06T09:00:00Z'), d('2026-03-07T03:00:00Z')];
    expect(run({ type: 'after_joined', days: 1, at: '19:00' }, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', SH, { createdAt, joinedAt })).toEqual([
      '2026-03-07T11:00:00.000Z',
      '2026-03-08T11:00:00.000Z',
    ]);
  });

  it('sends after_joined day 0 only to joins before the time of day', () => {
    // Joins at 09:00 and 21:00 in Shanghai on 6 March: only the first is before 20:00.
    const joinedAt = [d('2026-03-06T01:00:00Z'), d('2026-03-06T13:00:00Z'), d('2026-03-07T13:00:00Z')];
    expect(run({ type: 'after_joined', days: 0, at: '20:00' }, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', SH, { createdAt, joinedAt })).toEqual(['2026-03-06T12:00:00.000Z']);
  });

  it('counts after_joined from the local day of the join, even far back and late at night', () => {
    // 23:30 on 10 January in Shanghai; 60 local days later is 11 March, 00:30 local.
    const joinedAt = [d('2026-01-10T15:30:00Z'), d('2026-03-01T00:00:00Z')];
    expect(run({ type: 'after_joined', days: 60, at: '00:30' }, '2026-03-10T16:00:00Z', '2026-03-10T17:00:00Z', SH, { createdAt: d('2026-01-01T00:00:00Z'), joinedAt })).toEqual([
      '2026-03-10T16:30:00.000Z',
    ]);
  });

  it('sends nothing from before the target entered the plan', () => {
    expect(run({ type: 'daily', at: '09:00' }, '2026-03-03T00:00:00Z', '2026-03-07T00:00:00Z', SH, { createdAt })).toEqual(['2026-03-06T01:00:00.000Z']);
  });

  it('reads the window as (from, to]', () => {
    const daily = { type: 'daily', at: '09:00' } as const;
    expect(run(daily, '2026-03-10T01:00:00Z', '2026-03-11T01:00:00Z')).toEqual(['2026-03-11T01:00:00.000Z']);
    expect(run(daily, '2026-03-10T01:00:00Z', '2026-03-10T01:00:00Z')).toEqual([]);
  });
});

describe('occurrenceKey', () => {
  it('is the step id and the ISO instant, at most 64 characters', () => {
    expect(occurrenceKey('weekly-tip', d('2026-03-09T01:00:00Z'))).toBe('weekly-tip@2026-03-09T01:00:00.000Z');
    expect(occurrenceKey('s'.repeat(39), d('2026-03-09T01:00:00Z'))).toHaveLength(64);
  });

  it('refuses a step id that would make the key longer than 64', () => {
    expect(() => occurrenceKey('s'.repeat(40), d('2026-03-09T01:00:00Z'))).toThrow(RangeError);
  });
});

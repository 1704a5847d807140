import { elapsedShare, periodContaining, previousClosed } from './evaluation-period.plan';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const iso = (b: { start: Date; end: Date }) => [b.start.toISOString(), b.end.toISOString()];

describe('evaluation periods in Asia/Shanghai', () => {
  // Wednesday 18 March 2026, 18:00 in Shanghai.
  const at = new Date('2026-03-18T10:00:00Z');

  it('bounds each kind of period at local midnight', () => {
    expect(iso(periodContaining('week', at, SH))).toEqual(['2026-03-15T16:00:00.000Z', '2026-03-22T16:00:00.000Z']);
    expect(iso(periodContaining('month', at, SH))).toEqual(['2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z']);
    expect(iso(periodContaining('quarter', at, SH))).toEqual(['2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z']);
    expect(iso(periodContaining('half_year', at, SH))).toEqual(['2025-12-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
    expect(iso(periodContaining('year', at, SH))).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });

  it('reads realtime as the current month', () => {
    expect(periodContaining('realtime', at, SH).period).toBe('realtime');
    expect(iso(periodContaining('realtime', at, SH))).toEqual(iso(periodContaining('month', at, SH)));
  });

  it('uses the local date, not the UTC one: 1 April 00:30 in Shanghai is still 31 March in UTC', () => {
    const early = new Date('2026-03-31T16:30:00Z');
    expect(iso(periodContaining('month', early, SH))).toEqual(['2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z']);
    expect(iso(periodContaining('quarter', early, SH))).toEqual(['2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
  });

  it('gives the last fully closed period: on Monday 00:05 the week before, on 1 July the first half year', () => {
    const monday = new Date('2026-03-22T16:05:00Z'); // Monday 23 March 00:05
    expect(iso(previousClosed('week', monday, SH))).toEqual(['2026-03-15T16:00:00.000Z', '2026-03-22T16:00:00.000Z']);
    const sundayNight = new Date('2026-03-22T15:59:00Z'); // Sunday 23:59: that week is still open
    expect(iso(previousClosed('week', sundayNight, SH))).toEqual(['2026-03-08T16:00:00.000Z', '2026-03-15T16:00:00.000Z']);
    const july = new Date('2026-06-30T16:05:00Z');
    expect(iso(previousClosed('half_year', july, SH))).toEqual(['2025-12-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
    expect(iso(previousClosed('quarter', july, SH))).toEqual(['2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
    expect(iso(previousClosed('month', july, SH))).toEqual(['2026-05-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
  });

  it('crosses the year: on 1 January the last quarter, month and year of the year before', () => {
    const newYear = new Date('2025-12-31T16:00:00Z');
    expect(iso(previousClosed('quarter', newYear, SH))).toEqual(['2025-09-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
    expect(iso(previousClosed('month', newYear, SH))).toEqual(['2025-11-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
    expect(iso(previousClosed('year', newYear, SH))).toEqual(['2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
    expect(iso(previousClosed('half_year', newYear, SH))).toEqual(['2025-06-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
  });

  it('tells the elapsed share of an open period and 1 for a closed one', () => {
    const week = periodContaining('week', at, SH);
    // Monday 00:00 to Wednesday 18:00 is 2.75 of 7 days.
    expect(elapsedShare(week, at)).toBeCloseTo(2.75 / 7, 10);
    expect(elapsedShare(week, week.end)).toBe(1);
    expect(elapsedShare(week, new Date(week.end.getTime() + 86_400_000))).toBe(1);
    expect(elapsedShare(week, week.start)).toBe(0);
  });
});

describe('evaluation periods across daylight saving time in America/New_York', () => {
  it('gives the spring-forward week 167 hours, from EST midnight to EDT midnight', () => {
    const sunday = new Date('2026-03-08T16:00:00Z'); // Sunday 8 March 12:00 EDT, the day clocks go forward
    const week = periodContaining('week', sunday, NY);
    expect(iso(week)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(elapsedShare(week, sunday)).toBeCloseTo(155 / 167, 10);
  });

  it('gives the fall-back week 169 hours', () => {
    const week = periodContaining('week', new Date('2026-11-01T12:00:00Z'), NY);
    expect(iso(week)).toEqual(['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });

  it('bounds March from EST to EDT midnight, and the first quarter from EST to EDT', () => {
    const at = new Date('2026-03-20T12:00:00Z');
    expect(iso(periodContaining('month', at, NY))).toEqual(['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
    expect(iso(periodContaining('quarter', at, NY))).toEqual(['2026-01-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
    expect(iso(periodContaining('half_year', new Date('2026-11-20T12:00:00Z'), NY))).toEqual(['2026-07-01T04:00:00.000Z', '2027-01-01T05:00:00.000Z']);
  });

  it('closes the week at local midnight on Monday, not at UTC midnight', () => {
    const mondayEarly = new Date('2026-03-09T04:05:00Z'); // Monday 00:05 EDT
    expect(iso(previousClosed('week', mondayEarly, NY))).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    const sundayLate = new Date('2026-03-09T03:59:00Z'); // Sunday 23:59 EDT
    expect(iso(previousClosed('week', sundayLate, NY))).toEqual(['2026-02-23T05:00:00.000Z', '2026-03-02T05:00:00.000Z']);
  });
});

describe('a zone whose day can start at 01:00 (America/Asuncion jumped at 00:00)', () => {
  it('starts October 2017 at the jump, the first instant of 1 October there', () => {
    // Paraguay moved clocks from 00:00 (-04) to 01:00 (-03) on Sunday 1 October 2017: no local midnight that day.
    const at = new Date('2017-10-15T15:00:00Z');
    expect(iso(periodContaining('month', at, 'America/Asuncion'))).toEqual(['2017-10-01T04:00:00.000Z', '2017-11-01T03:00:00.000Z']);
    expect(iso(previousClosed('month', at, 'America/Asuncion'))).toEqual(['2017-09-01T04:00:00.000Z', '2017-10-01T04:00:00.000Z']);
  });
});

import { countsOf, mondayOf, retentionResult } from './retention.plan';

describe('mondayOf', () => {
  it('gives the ISO week’s Monday', () => {
    expect(mondayOf('2026-03-02')).toBe('2026-03-02'); // a Monday
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(mondayOf('2026-03-04')).toBe('2026-03-02');
    expect(mondayOf('2026-03-01')).toBe('2026-02-23'); // Sunday of the week before
  });
});

describe('retention', () => {
  // Start days: a, b on Mon 03-02; c on Wed 03-04; d on Mon 03-09.
  const customers = [
    { start: '2026-03-02', returns: ['2026-03-03', '2026-03-05'] }, // +1, +3
    { start: '2026-03-02', returns: ['2026-03-05'] }, // +3
    { start: '2026-03-04', returns: ['2026-03-05', '2026-03-20'] }, // +1, +16
    { start: '2026-03-09', returns: ['2026-03-09'] }, // same day: not a return
  ];
  const days = [1, 3, 7];

  it('bounded, by day: returned exactly on day N; null where day N has not come', () => {
    const r = retentionResult(countsOf(customers, days, 'bounded'), { days, mode: 'bounded', cohort: 'day', today: '2026-03-10' });
    expect(r.cohorts.map((c) => [c.start, c.size, c.returned])).toEqual([
      ['2026-03-02', 2, [1, 2, 0]],
      ['2026-03-04', 1, [1, 0, null]], // 03-11 not yet
      ['2026-03-09', 1, [0, null, null]], // day 1 = 03-10 = today: come
    ]);
    expect(r.cohorts[0]!.rates).toEqual([0.5, 1, 0]);
    // Overall over cohorts old enough: day 1 = 2/4; day 3 = 2/3; day 7 = 0/2.
    expect(r.overall).toEqual([0.5, 2 / 3, 0]);
  });

  it('unbounded: on day N or later', () => {
    const r = retentionResult(countsOf(customers, days, 'unbounded'), { days, mode: 'unbounded', cohort: 'day', today: '2026-03-30' });
    expect(r.cohorts.map((c) => c.returned)).toEqual([
      [2, 2, 0], // a last +3, b last +3
      [1, 1, 1], // c last +16 (capped at 7)
      [0, 0, 0],
    ]);
    expect(r.overall).toEqual([3 / 4, 3 / 4, 1 / 4]);
  });

  it('by week: cohorts from Monday, a day counted only when it has come for every member', () => {
    const r = retentionResult(countsOf(customers, days, 'bounded'), { days, mode: 'bounded', cohort: 'week', today: '2026-03-06' });
    // Week of 03-02 holds a, b, c; its last start is 03-04, so day 3 (03-07) has not come for c yet.
    expect(r.cohorts.map((c) => [c.start, c.size, c.returned])).toEqual([
      ['2026-03-02', 3, [2, null, null]],
      ['2026-03-09', 1, [null, null, null]],
    ]);
    expect(r.overall).toEqual([2 / 3, null, null]);
  });

  it('has no cohorts and null overall without start events', () => {
    const r = retentionResult({ sizes: [], hits: [] }, { days, mode: 'bounded', cohort: 'day', today: '2026-03-30' });
    expect(r).toEqual({ days, mode: 'bounded', cohorts: [], overall: [null, null, null] });
  });
});

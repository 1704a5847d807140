import { localDay, periodRange, rangeText, seriesInterval } from './period';

describe('analytics periods in local days', () => {
  const shanghai = 480;
  // Wednesday 2026-05-13 01:30 in Shanghai is still Tuesday 17:30 UTC.
  const at = Date.parse('2026-05-12T17:30:00Z');

  it('starts this week on the local Monday and ends after today', () => {
    expect(periodRange('week', at, shanghai)).toEqual({ from: '2026-05-10T16:00:00.000Z', to: '2026-05-13T16:00:00.000Z', days: 3 });
  });
  it('starts this month and this quarter on their first local day', () => {
    expect(periodRange('month', at, shanghai).from).toBe('2026-04-30T16:00:00.000Z');
    expect(periodRange('quarter', at, shanghai)).toMatchObject({ from: '2026-03-31T16:00:00.000Z', days: 43 });
  });
  it('counts the last 30 days including today', () => {
    expect(periodRange('last30', at, shanghai)).toEqual({ from: '2026-04-13T16:00:00.000Z', to: '2026-05-13T16:00:00.000Z', days: 30 });
  });
  it('takes a custom range with both dates included, in either order', () => {
    expect(periodRange('custom', at, shanghai, ['2026-02-28', '2026-02-01'])).toEqual({ from: '2026-01-31T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z', days: 28 });
  });
  it('uses the zone it is given, not the machine’s', () => {
    expect(periodRange('week', at, 0).from).toBe('2026-05-11T00:00:00.000Z'); // Tuesday in UTC: Monday the 11th
  });
  it('writes a range with its last included day', () => {
    const r = periodRange('last30', at, shanghai);
    expect(rangeText(r.from, r.to, shanghai)).toBe('2026-04-14 至 2026-05-13');
    expect(localDay('2026-05-12T17:30:00Z', shanghai)).toBe('2026-05-13');
  });
  it('switches to weekly points beyond two months', () => {
    expect(seriesInterval(30)).toBe('day');
    expect(seriesInterval(91)).toBe('week');
  });
});

import { metricKeys } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import { queryPeriod, parseMetricKeys, seriesBuckets } from './metric-query.plan';

describe('parseMetricKeys', () => {
  it('gives every key when none is asked for', () => {
    expect(parseMetricKeys(undefined)).toEqual([...metricKeys]);
    expect(parseMetricKeys(' ')).toEqual([...metricKeys]);
  });
  it('keeps the order asked, each key once, spaces trimmed', () => {
    expect(parseMetricKeys('sop_completion, call_connect_rate,sop_completion,')).toEqual(['sop_completion', 'call_connect_rate']);
  });
  it('refuses an unknown key with a clear 400', () => {
    expect(() => parseMetricKeys('call_connect_rate,nps')).toThrow(/Unknown metric nps/);
    expect(() => parseMetricKeys('nps')).toThrow(DomainError);
    expect(() => parseMetricKeys('nps')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});

describe('queryPeriod', () => {
  it('accepts a period of exactly 366 days', () => {
    const p = queryPeriod('2025-01-01T00:00:00+08:00', '2026-01-02T00:00:00+08:00');
    expect(p.to.getTime() - p.from.getTime()).toBe(366 * 86_400_000);
  });
  it('refuses a longer period, an empty one and a reversed one', () => {
    expect(() => queryPeriod('2025-01-01T00:00:00Z', '2026-01-02T00:00:01Z')).toThrow(/longer than 366 days/);
    expect(() => queryPeriod('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')).toThrow(/must come before/);
    expect(() => queryPeriod('2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z')).toThrow(/must come before/);
  });
});

describe('seriesBuckets', () => {
  const zone = 'Asia/Shanghai';
  it('cuts at local midnights, clipping the first and last day to the period', () => {
    // 2026-03-02 10:00 to 2026-03-04 06:00 in Shanghai.
    const b = seriesBuckets(new Date('2026-03-02T02:00:00Z'), new Date('2026-03-03T22:00:00Z'), 'day', zone);
    expect(b.map((x) => [x.day, x.from.toISOString(), x.to.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-02T02:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['2026-03-03', '2026-03-02T16:00:00.000Z', '2026-03-03T16:00:00.000Z'],
      ['2026-03-04', '2026-03-03T16:00:00.000Z', '2026-03-03T22:00:00.000Z'],
    ]);
  });
  it('labels weeks by their Monday and starts each at Monday local midnight', () => {
    // Wednesday 2026-03-04 to Wednesday 2026-03-18, Shanghai midnights.
    const b = seriesBuckets(new Date('2026-03-03T16:00:00Z'), new Date('2026-03-17T16:00:00Z'), 'week', zone);
    expect(b.map((x) => [x.day, x.from.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-03T16:00:00.000Z'],
      ['2026-03-09', '2026-03-08T16:00:00.000Z'],
      ['2026-03-16', '2026-03-15T16:00:00.000Z'],
    ]);
    expect(b.at(-1)!.to.toISOString()).toBe('2026-03-17T16:00:00.000Z');
  });
  it('follows a DST day of 23 hours', () => {
    // New York springs forward on 2026-03-08: that day lasts 23 hours.
    const b = seriesBuckets(new Date('2026-03-07T05:00:00Z'), new Date('2026-03-10T04:00:00Z'), 'day', 'America/New_York');
    expect(b.map((x) => [x.day, (x.to.getTime() - x.from.getTime()) / 3_600_000])).toEqual([
      ['2026-03-07', 24],
      ['2026-03-08', 23],
      ['2026-03-09', 24],
    ]);
  });
  it('refuses more than 62 points', () => {
    expect(seriesBuckets(new Date('2026-01-01T16:00:00Z'), new Date('2026-03-04T16:00:00Z'), 'day', zone)).toHaveLength(62);
    expect(() => seriesBuckets(new Date('2026-01-01T16:00:00Z'), new Date('2026-03-05T16:00:00Z'), 'day', zone)).toThrow(/more than 62 points/);
  });
});

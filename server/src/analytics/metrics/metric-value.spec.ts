import { metricInfo, metricKeys } from '@lodestar/shared';
import { countValue, plainValue, rateValue, ratioOf } from './metric-value';

describe('metric values', () => {
  it('a rate over nothing is null, not 0', () => {
    expect(ratioOf({ numerator: 0, denominator: 0 })).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(rateValue('call_connect_rate', { numerator: 0, denominator: 0 }).value).toBeNull();
  });
  it('a rate carries what it was computed from', () => {
    expect(rateValue('call_connect_rate', { numerator: 2, denominator: 3 })).toEqual({
      key: 'call_connect_rate',
      name: '外呼接通率',
      unit: 'ratio',
      better: 'higher',
      value: 2 / 3,
      ratio: { numerator: 2, denominator: 3, value: 2 / 3 },
    });
  });
  it('counts and uplift have their own units', () => {
    expect(countValue('assessment_times', 4)).toMatchObject({ unit: 'count', value: 4, ratio: null });
    expect(plainValue('journey_uplift', 12.5, null)).toMatchObject({ unit: 'points', value: 12.5 });
  });
  it('every metric key has a name, a unit and a direction', () => {
    for (const k of metricKeys) expect(metricInfo[k].name.length).toBeGreaterThan(0);
  });
});

import { deviationText, metricText, pctOrDash, ratioText } from './labels';

describe('metric numbers in words', () => {
  it('writes rates as percentages with one decimal, counts with separators, uplift in points', () => {
    expect(metricText(0.4237, 'ratio')).toBe('42.4%');
    expect(metricText(12345, 'count')).toBe('12,345');
    expect(metricText(3.25, 'points')).toBe('+3.3 个百分点');
    expect(metricText(-1, 'points')).toBe('-1.0 个百分点');
  });
  it('shows a dash when there is nothing to measure', () => {
    expect(metricText(null, 'ratio')).toBe('—');
    expect(pctOrDash(null)).toBe('—');
    expect(ratioText(null)).toBe('');
  });
  it('writes a rate’s deviation in percentage points with its sign', () => {
    expect(deviationText(-0.052, 'ratio')).toBe('−5.2 个百分点');
    expect(deviationText(12, 'count')).toBe('+12');
    expect(deviationText(0, 'count')).toBe('0');
    expect(ratioText({ numerator: 1200, denominator: 3400, value: 0.35 })).toBe('1,200 / 3,400');
  });
});

import { countdown, money } from './format';

describe('SLA timers and amounts', () => {
  const at = Date.parse('2026-01-01T00:00:00Z');
  it('counts down to a deadline and says when it is urgent or late', () => {
    expect(countdown('2026-01-02T03:00:00Z', at)).toEqual({ text: '剩 1天3时', urgent: false, late: false });
    expect(countdown('2026-01-01T01:05:00Z', at)).toEqual({ text: '剩 1时05分', urgent: true, late: false });
    expect(countdown('2025-12-31T23:20:00Z', at)).toEqual({ text: '超时 40分', urgent: true, late: true });
  });
  it('writes cover in 万', () => {
    expect(money(570000)).toBe('57 万');
    expect(money(10080)).toBe('1.0 万');
    expect(money(99)).toBe('99');
  });
});

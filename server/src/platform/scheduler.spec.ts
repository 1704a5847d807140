import { firedBetween } from './scheduler';

describe('firedBetween (sandbox clock moves)', () => {
  const daily = { cron: '0 5 0 * * *', timezone: 'Asia/Shanghai' };

  it('is true when the move passes the local fire time, and only then', () => {
    // 00:05 in Shanghai is 16:05 UTC the day before.
    expect(firedBetween(daily, new Date('2026-03-01T16:00:00Z'), new Date('2026-03-01T16:05:00Z'))).toBe(true);
    expect(firedBetween(daily, new Date('2026-03-01T16:05:00Z'), new Date('2026-03-02T16:04:59Z'))).toBe(false);
    expect(firedBetween(daily, new Date('2026-03-01T10:00:00Z'), new Date('2026-03-05T10:00:00Z'))).toBe(true);
  });

  it('reads the cron in UTC without a time zone', () => {
    expect(firedBetween({ cron: '0 5 0 * * *' }, new Date('2026-03-01T16:00:00Z'), new Date('2026-03-01T23:59:00Z'))).toBe(false);
    expect(firedBetween({ cron: '0 5 0 * * *' }, new Date('2026-03-01T16:00:00Z'), new Date('2026-03-02T00:05:00Z'))).toBe(true);
  });

  it('never fires when the clock stands still or goes back', () => {
    const t = new Date('2026-03-01T16:05:00Z');
    expect(firedBetween(daily, t, t)).toBe(false);
    expect(firedBetween(daily, new Date('2026-03-03T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe(false);
  });
});

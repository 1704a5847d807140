import { daySql, zoneOffsetMinutes } from './day-sql';

describe('day SQL', () => {
  it('knows the zone offsets', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', new Date('2026-03-01T12:34:56.789Z'))).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-07-15T12:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('Asia/Kolkata', new Date('2026-07-15T12:00:00Z'))).toBe(330);
  });

  it('writes each dialect’s day arithmetic', () => {
    expect(daySql(true).diff('a', 'b')).toBe('DATEDIFF(a, b)');
    expect(daySql(false).localDay('t', -300)).toBe("date(t, '-300 minutes')");
    expect(daySql(true).localDay('t', 480)).toBe("DATE_FORMAT(DATE_ADD(t, INTERVAL 480 MINUTE), '%Y-%m-%d')");
    expect(() => daySql(false).localDay('t', 0.5)).toThrow(RangeError);
  });
});

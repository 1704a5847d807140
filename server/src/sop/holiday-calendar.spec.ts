import { holidayKeys } from '@lodestar/shared';
import { HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR, HolidayYearError, holidayDates } from './holiday-calendar';

const years = Array.from({ length: HOLIDAY_LAST_YEAR - HOLIDAY_FIRST_YEAR + 1 }, (_, i) => HOLIDAY_FIRST_YEAR + i);
const one = (key: Parameters<typeof holidayDates>[0], year: number) => {
  const dates = holidayDates(key, year);
  expect(dates).toHaveLength(1);
  return dates[0]!;
};
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe('holidayDates', () => {
  it('knows 春节 for every year of the table', () => {
    expect(years.map((y) => one('spring_festival', y))).toEqual(['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03']);
  });

  it('puts 元宵 fourteen days after 春节', () => {
    expect(years.map((y) => one('lantern', y))).toEqual(['2025-02-12', '2026-03-03', '2027-02-20', '2028-02-09', '2029-02-27', '2030-02-17']);
  });

  it('has the lunar holidays and solar terms of the published calendars', () => {
    expect(one('qingming', 2026)).toBe('2026-04-05');
    expect(one('qingming', 2028)).toBe('2028-04-04');
    expect(one('dragon_boat', 2025)).toBe('2025-05-31');
    expect(one('dragon_boat', 2026)).toBe('2026-06-19');
    expect(one('mid_autumn', 2025)).toBe('2025-10-06');
    expect(one('mid_autumn', 2026)).toBe('2026-09-25');
    expect(one('double_ninth', 2026)).toBe('2026-10-18');
    expect(one('winter_solstice', 2025)).toBe('2025-12-21');
    expect(one('winter_solstice', 2026)).toBe('2026-12-22');
    expect(one('laba', 2026)).toBe('2026-01-26');
    expect(one('laba', 2030)).toBe('2030-01-11');
  });

  it('keeps the lunar table consistent: a lunar year is 353–355 or 383–385 days', () => {
    const lunarYear = new Set([353, 354, 355, 383, 384, 385]);
    for (const key of ['spring_festival', 'dragon_boat', 'mid_autumn', 'double_ninth', 'laba'] as const) {
      for (const y of years.slice(1)) expect(lunarYear.has(daysBetween(one(key, y - 1), one(key, y)))).toBe(true);
    }
  });

  it('keeps the lunar table consistent within a year: 腊八 is 22 or 23 days before 春节, 重阳 23 or 24 days after 中秋', () => {
    for (const y of years) {
      expect([22, 23]).toContain(daysBetween(one('laba', y), one('spring_festival', y)));
      expect([23, 24]).toContain(daysBetween(one('mid_autumn', y), one('double_ninth', y)));
      expect(one('spring_festival', y) < one('dragon_boat', y) && one('dragon_boat', y) < one('mid_autumn', y)).toBe(true);
      expect(['04-04', '04-05']).toContain(one('qingming', y).slice(5));
      expect(['12-21', '12-22']).toContain(one('winter_solstice', y).slice(5));
    }
  });

  it('computes Mother’s Day (2nd Sunday of May) and Father’s Day (3rd Sunday of June)', () => {
    expect(years.map((y) => one('mothers_day', y))).toEqual(['2025-05-11', '2026-05-10', '2027-05-09', '2028-05-14', '2029-05-13', '2030-05-12']);
    expect(years.map((y) => one('fathers_day', y))).toEqual(['2025-06-15', '2026-06-21', '2027-06-20', '2028-06-18', '2029-06-17', '2030-06-16']);
    for (const y of years) {
      expect(new Date(`${one('mothers_day', y)}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(new Date(`${one('fathers_day', y)}T00:00:00Z`).getUTCDay()).toBe(0);
    }
  });

  it('has the fixed-date holidays', () => {
    expect([one('new_year', 2027), one('womens_day', 2027), one('labor_day', 2027), one('national_day', 2027)]).toEqual(['2027-01-01', '2027-03-08', '2027-05-01', '2027-10-01']);
  });

  it('gives every key a date inside its year for every year of the table', () => {
    for (const key of holidayKeys) for (const y of years) for (const d of holidayDates(key, y)) expect(d.slice(0, 4)).toBe(String(y));
  });

  it('throws a clear error for a year outside the table, for computed holidays too', () => {
    expect(() => holidayDates('mid_autumn', 2031)).toThrow(HolidayYearError);
    expect(() => holidayDates('new_year', 2024)).toThrow('No new_year dates for 2024: the holiday calendar covers 2025–2030');
  });
});

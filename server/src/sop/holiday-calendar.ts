import type { HolidayKey } from '@lodestar/shared';

/**
 * The calendar dates (YYYY-MM-DD, China's calendar) of each holiday, per Gregorian year.
 *
 * Fixed-date and weekday holidays are computed. Lunar holidays and the two solar terms (清明,
 * 冬至) come from a table: they depend on astronomy and on China's official calendar, so they are
 * looked up rather than computed. The table was checked against two independent sources: the
 * lunar calendar of the `lunar-javascript` library and the sun's longitude from `astronomy-engine`
 * (清明 = 15°, 冬至 = 270°, read in UTC+8). 元宵 is 春节 + 14 days. 腊八 (the 8th day of the 12th
 * lunar month) is listed under the Gregorian year it falls in: each of 2025–2030 has exactly one
 * (the one of the lunar year before, in January). Extend the table to support more years.
 */

export const HOLIDAY_FIRST_YEAR = 2025;
export const HOLIDAY_LAST_YEAR = 2030;

/** A year outside the table was asked for. */
export class HolidayYearError extends RangeError {
  constructor(
    readonly key: HolidayKey,
    readonly year: number,
  ) {
    super(`No ${key} dates for ${year}: the holiday calendar covers ${HOLIDAY_FIRST_YEAR}–${HOLIDAY_LAST_YEAR} (server/src/sop/holiday-calendar.ts)`);
    this.name = 'HolidayYearError';
  }
}

type TableKey = 'spring_festival' | 'qingming' | 'dragon_boat' | 'mid_autumn' | 'double_ninth' | 'winter_solstice' | 'laba';

/** Index 0 = 2025 … 5 = 2030. */
const table: Record<TableKey, readonly string[]> = {
  spring_festival: ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03'],
  qingming: ['2025-04-04', '2026-04-05', '2027-04-05', '2028-04-04', '2029-04-04', '2030-04-05'],
  dragon_boat: ['2025-05-31', '2026-06-19', '2027-06-09', '2028-05-28', '2029-06-16', '2030-06-05'],
  mid_autumn: ['2025-10-06', '2026-09-25', '2027-09-15', '2028-10-03', '2029-09-22', '2030-09-12'],
  double_ninth: ['2025-10-29', '2026-10-18', '2027-10-08', '2028-10-26', '2029-10-16', '2030-10-05'],
  winter_solstice: ['2025-12-21', '2026-12-22', '2027-12-22', '2028-12-21', '2029-12-21', '2030-12-22'],
  laba: ['2025-01-07', '2026-01-26', '2027-01-15', '2028-01-04', '2029-01-22', '2030-01-11'],
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The n-th Sunday (1-based) of a month. */
function nthSunday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const firstSunday = 1 + ((7 - first) % 7);
  return ymd(year, month, firstSunday + 7 * (n - 1));
}

function fromTable(key: TableKey, year: number): string {
  return table[key][year - HOLIDAY_FIRST_YEAR]!;
}

/**
 * The dates of a holiday in a Gregorian year, sorted (one date for every key and year in the
 * table today; a list because a lunar holiday can fall twice in one Gregorian year). Throws a
 * HolidayYearError for a year outside HOLIDAY_FIRST_YEAR–HOLIDAY_LAST_YEAR, for every key alike, so
 * a plan never silently skips a holiday for lack of data.
 */
export function holidayDates(key: HolidayKey, year: number): string[] {
  if (!Number.isInteger(year) || year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR) throw new HolidayYearError(key, year);
  switch (key) {
    case 'new_year':
      return [ymd(year, 1, 1)];
    case 'womens_day':
      return [ymd(year, 3, 8)];
    case 'labor_day':
      return [ymd(year, 5, 1)];
    case 'national_day':
      return [ymd(year, 10, 1)];
    case 'mothers_day':
      return [nthSunday(year, 5, 2)];
    case 'fathers_day':
      return [nthSunday(year, 6, 3)];
    case 'lantern':
      return [plusDays(fromTable('spring_festival', year), 14)];
    case 'spring_festival':
    case 'qingming':
    case 'dragon_boat':
    case 'mid_autumn':
    case 'double_ninth':
    case 'winter_solstice':
    case 'laba':
      return [fromTable(key, year)];
    default: {
      const never: never = key;
      throw new Error(`Unknown holiday ${String(never)}`);
    }
  }
}

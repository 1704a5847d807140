/**
 * The analytics pages' periods as half-open local-day ranges [from, to), written as ISO instants.
 * Pure: the caller passes the time and the UTC offset of the days (minutes east of UTC).
 */
export type PeriodKind = 'week' | 'month' | 'last30' | 'quarter' | 'custom';

export const periodLabels: Record<PeriodKind, string> = { week: '本周', month: '本月', last30: '近 30 天', quarter: '本季度', custom: '自定义' };

export interface PeriodRange {
  from: string;
  to: string;
  /** Whole local days in the range. */
  days: number;
}

const DAY = 86_400_000;

/** Local midnight (as an instant) of the day `at` falls in. */
function dayStart(at: number, offsetMin: number): number {
  const local = at + offsetMin * 60_000;
  return local - (((local % DAY) + DAY) % DAY) - offsetMin * 60_000;
}

/** The local calendar fields of an instant. */
function fields(at: number, offsetMin: number): { y: number; m: number; d: number; weekday: number } {
  const t = new Date(at + offsetMin * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate(), weekday: (t.getUTCDay() + 6) % 7 };
}

const localMidnight = (y: number, m: number, d: number, offsetMin: number): number => Date.UTC(y, m, d) - offsetMin * 60_000;

/**
 * This week (from Monday), this month, the last 30 days and this quarter all run to the end of
 * today; a custom range is two local dates (YYYY-MM-DD), both included.
 */
export function periodRange(kind: PeriodKind, at: number, offsetMin: number, custom?: [string, string]): PeriodRange {
  const today = dayStart(at, offsetMin);
  const to = today + DAY;
  const f = fields(at, offsetMin);
  let from: number;
  let end = to;
  switch (kind) {
    case 'week':
      from = today - f.weekday * DAY;
      break;
    case 'month':
      from = localMidnight(f.y, f.m, 1, offsetMin);
      break;
    case 'last30':
      from = today - 29 * DAY;
      break;
    case 'quarter':
      from = localMidnight(f.y, f.m - (f.m % 3), 1, offsetMin);
      break;
    case 'custom': {
      if (!custom) return periodRange('last30', at, offsetMin);
      const a = parseDay(custom[0]);
      const b = parseDay(custom[1]);
      from = Math.min(a, b) - offsetMin * 60_000;
      end = Math.max(a, b) - offsetMin * 60_000 + DAY;
      break;
    }
  }
  return { from: new Date(from).toISOString(), to: new Date(end).toISOString(), days: Math.round((end - from) / DAY) };
}

function parseDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) throw new Error(`not a date: ${s}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** A day series for short periods, a week series beyond about two months. */
export const seriesInterval = (days: number): 'day' | 'week' => (days > 62 ? 'week' : 'day');

/** The local date (YYYY-MM-DD) of an instant, e.g. to show a range or name a file. */
export function localDay(iso: string, offsetMin: number): string {
  const f = fields(Date.parse(iso), offsetMin);
  return `${f.y}-${String(f.m + 1).padStart(2, '0')}-${String(f.d).padStart(2, '0')}`;
}

/** 「2026-03-01 至 2026-03-31」 for a half-open range (the end is the last day included). */
export function rangeText(from: string, to: string, offsetMin: number): string {
  return `${localDay(from, offsetMin)} 至 ${localDay(new Date(Date.parse(to) - 1).toISOString(), offsetMin)}`;
}

/**
 * Calendar arithmetic on local dates (YYYY-MM-DD strings). The server decides what "today" is in
 * the customer's time zone; the app only lays dates out, so nothing here reads a clock.
 */

export interface YMD {
  y: number;
  m: number; // 1–12
  d: number;
}

export function parseDate(date: string): YMD {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDate({ y, m, d }: YMD): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(date: string, n: number): string {
  const { y, m, d } = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return formatDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + n, 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}`;
}

export interface CalendarCell {
  date: string | null; // null: padding before the 1st / after the last day
  day: number | null;
}

/** The month as weeks of 7 cells, Monday first, padded with empty cells. */
export function monthGrid(month: string): CalendarCell[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = formatDate({ y, m, d: 1 });
  const lead = (weekday(first) + 6) % 7; // Monday = 0
  const cells: CalendarCell[] = Array.from({ length: lead }, () => ({ date: null, day: null }));
  for (let d = 1; d <= daysInMonth(y, m); d++) cells.push({ date: formatDate({ y, m, d }), day: d });
  while (cells.length % 7) cells.push({ date: null, day: null });
  const weeks: CalendarCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The local date of an instant at a fixed UTC offset (minutes); for the demo source only. */
export function localDateAt(ms: number, offsetMinutes: number): string {
  const t = new Date(ms + offsetMinutes * 60_000);
  return formatDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

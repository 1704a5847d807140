import { DAY, HOUR, MINUTE, now } from '../services/clock';

const pad = (n: number): string => String(n).padStart(2, '0');

/** 3 分钟前 / 2 小时前 / 11-20 14:05. */
export function ago(iso: string, at: number = now()): string {
  const d = at - Date.parse(iso);
  if (d < MINUTE) return '刚刚';
  if (d < HOUR) return `${Math.floor(d / MINUTE)} 分钟前`;
  if (d < DAY) return `${Math.floor(d / HOUR)} 小时前`;
  if (d < 30 * DAY) return `${Math.floor(d / DAY)} 天前`;
  return shortDate(iso);
}

export function shortDate(iso: string): string {
  const t = new Date(iso);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

export function dateTime(iso: string): string {
  const t = new Date(iso);
  return `${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

export function hm(iso: string): string {
  const t = new Date(iso);
  return `${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** Time left until a deadline: 2天3时 / 3时05分 / 12分 / 超时 40分. */
export function countdown(deadlineIso: string, at: number = now()): { text: string; urgent: boolean; late: boolean } {
  const d = Date.parse(deadlineIso) - at;
  const a = Math.abs(d);
  const text = a >= DAY ? `${Math.floor(a / DAY)}天${Math.floor((a % DAY) / HOUR)}时` : a >= HOUR ? `${Math.floor(a / HOUR)}时${pad(Math.floor((a % HOUR) / MINUTE))}分` : `${Math.max(1, Math.floor(a / MINUTE))}分`;
  return { text: d < 0 ? `超时 ${text}` : `剩 ${text}`, urgent: d < 2 * HOUR, late: d < 0 };
}

/** 570000 → 57 万; 9576 → 9,576. */
export function money(n: number): string {
  if (n >= 10_000) return `${(n / 10_000).toFixed(n % 10_000 === 0 ? 0 : 1)} 万`;
  return n.toLocaleString('zh-CN');
}

export const pct = (x: number): string => `${(x * 100).toFixed(x === 0 || x === 1 ? 0 : 1)}%`;

export function ageOf(birthDate: string | null, at: number = now()): number | null {
  if (!birthDate) return null;
  return Math.floor((at - Date.parse(birthDate)) / (365.25 * DAY));
}

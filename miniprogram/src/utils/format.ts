import type { MpProductLine } from '../services/types';

/** What each product line is called (mirrors shared's mpProductLineLabels, kept here so no zod reaches the bundle). */
export const lineLabels: Record<MpProductLine, string> = {
  critical_illness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
  travel_accident: '旅行意外险',
  life: '寿险',
  annuity: '年金险',
  education: '教育金',
};

export const lineIcons: Record<MpProductLine, string> = {
  critical_illness: '重',
  medical: '医',
  accident: '意',
  travel_accident: '旅',
  life: '寿',
  annuity: '年',
  education: '教',
};

/** ¥ with thousands separators; 万 for round ten-thousands. */
export function yuan(n: number): string {
  if (n >= 10000 && n % 10000 === 0) return `${n / 10000}万`;
  return `¥${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

export function cover(n: number): string {
  return n >= 10000 ? `${(n / 10000).toLocaleString('en-US', { maximumFractionDigits: 1 })}万` : `${n}元`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "11月28日 14:00" in the viewer's zone (China: UTC+8 for the customers this serves). */
export function dateTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.getMonth() + 1}月${t.getDate()}日 ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** "11月28日 14:00 – 16:00", or with both dates when it ends on another day. */
export function timeRange(startIso: string, endIso: string): string {
  const start = dateTime(startIso);
  const end = dateTime(endIso);
  const [d1, t1] = start.split(' ');
  const [d2, t2] = end.split(' ');
  if (d1 === d2) return t1 === t2 ? start : `${start} – ${t2}`;
  return `${start} – ${end}`;
}

export function dateOnly(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso.slice(0, 10);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

export const pointsReasonLabels: Record<string, string> = {
  checkin: '每日签到',
  streak_reward: '连续签到礼',
  referral_reward: '邀请好友奖励',
  quiz: '知识问答',
  lottery: '幸运抽奖',
  adjustment: '积分调整',
};

export const activityTypeLabels: Record<string, string> = {
  lottery: '幸运抽奖',
  quiz: '知识问答',
  checkin_challenge: '打卡挑战',
  seminar: '主题讲座',
  health_talk: '健康讲堂',
};

export const signupStatusLabels: Record<string, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
  attended: '已签到',
};

/** Days filled on the 7-day gift track: the streak within the current 7-day cycle. */
export function giftProgress(streak: number, checkedToday: boolean): number {
  if (streak <= 0) return 0;
  const inCycle = streak % 7;
  return inCycle === 0 ? (checkedToday ? 7 : 0) : inCycle;
}

/** The sentence under the streak: what the customer did and what comes next. */
export function streakText(streak: number, checkedToday: boolean): string {
  if (checkedToday) return `今日已签到，已连续签到 ${streak} 天`;
  return streak > 0 ? `已连续签到 ${streak} 天，今天签到继续累积` : '今天签到，开启连签之旅';
}

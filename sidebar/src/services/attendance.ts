import type { AttendanceResult, StaffActivity, StaffActivityList } from '@lodestar/shared';
import { get, post } from './http';

/** Published activities, soonest first (the ones an agent scans tickets for). */
export const publishedActivities = async (): Promise<StaffActivity[]> => (await get<StaffActivityList>('/api/activities', { status: 'published' })).items;

export const recordAttendance = (activityId: string, ticketCode: string): Promise<AttendanceResult> =>
  post(`/api/activities/${encodeURIComponent(activityId)}/attendance`, { ticketCode });

/** The ticket code in a scanned QR payload (lodestar:ticket:<code>) or a typed code; null when empty. */
export function ticketCode(scanned: string): string | null {
  const s = scanned.trim();
  if (!s) return null;
  const m = /^lodestar:ticket:(.+)$/i.exec(s);
  return (m ? m[1]! : s).trim() || null;
}

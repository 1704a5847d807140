import type { ActivityInput, ActivityKind, ActivitySignups, ActivityStatus, AttendanceResult, StaffActivity } from '@lodestar/shared';
import { get, post, put, seg } from './http';

export const listActivities = async (q: { kind?: ActivityKind; status?: ActivityStatus }): Promise<StaffActivity[]> => (await get<{ items: StaffActivity[] }>('/api/activities', { ...q })).items;
export const getActivity = (id: string): Promise<StaffActivity> => get(`/api/activities/${seg(id)}`);
export const createActivity = (input: ActivityInput): Promise<StaffActivity> => post('/api/activities', input);
export const updateActivity = (id: string, input: ActivityInput): Promise<StaffActivity> => put(`/api/activities/${seg(id)}`, input);
export const activitySignups = (id: string): Promise<ActivitySignups> => get(`/api/activities/${seg(id)}/signups`);
export const recordAttendance = (id: string, ticketCode: string): Promise<AttendanceResult> => post(`/api/activities/${seg(id)}/attendance`, { ticketCode });

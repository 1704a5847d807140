import type { KeyNodeReach, LeadGrade } from '@lodestar/shared';
import { DAY, now } from './clock';
import { get } from './http';
import { listJourneys } from './journeys';
import { sopBoard } from './sop';

/** What the dashboard draws, from endpoints the server already has. */
export async function leadsByGrade(): Promise<Array<{ grade: LeadGrade; open: number }>> {
  const grades: LeadGrade[] = ['A', 'B', 'C', 'D'];
  return Promise.all(grades.map(async (grade) => ({ grade, open: (await get<{ total: number }>('/api/leads', { open: 'true', grade, limit: 1 })).total })));
}

export async function leadsByStatus(): Promise<Array<{ status: string; count: number }>> {
  const statuses = ['calling', 'ready', 'assigned', 'pool', 'won', 'lost'];
  return Promise.all(statuses.map(async (status) => ({ status, count: (await get<{ total: number }>('/api/leads', { status, limit: 1 })).total })));
}

export const sopCompletion = (days = 30) => sopBoard(new Date(now() - days * DAY), new Date(now() + DAY), 'plan');

export const journeyCounts = async () => (await listJourneys()).items;

export const keyNodeReach = (days = 30): Promise<KeyNodeReach> =>
  get('/api/chat/key-nodes/reach', { from: new Date(now() - days * DAY).toISOString(), to: new Date(now() + DAY).toISOString() });

export const openComplianceAlerts = async (): Promise<number> => (await get<{ open: number }>('/api/compliance/alerts', { limit: 1 })).open;

import type { Lead, LeadGrade } from '@lodestar/shared';
import { get, post } from './http';

export const listLeads = (q: { open?: 'true'; status?: string; grade?: LeadGrade; ownerStaffId?: string; customerId?: string; limit?: number }): Promise<{ items: Lead[]; total: number }> => get('/api/leads', q);

export const recordLeadActivity = (id: string, kind: 'note' | 'message' | 'call' | 'visit', note?: string): Promise<unknown> =>
  post(`/api/leads/${encodeURIComponent(id)}/activities`, note ? { kind, note } : { kind });

export const claimLead = (id: string): Promise<unknown> => post(`/api/leads/${encodeURIComponent(id)}/claim`);

const gradeRank: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };

/** The inbox order: best grade first, then the nearest SLA deadline, then the highest score. */
export function inboxOrder(a: Lead, b: Lead): number {
  const g = (gradeRank[a.grade ?? ''] ?? 4) - (gradeRank[b.grade ?? ''] ?? 4);
  if (g !== 0) return g;
  const da = a.sla ? Date.parse(a.sla.deadline) : Infinity;
  const db = b.sla ? Date.parse(b.sla.deadline) : Infinity;
  if (da !== db) return da - db;
  return (b.score ?? 0) - (a.score ?? 0);
}

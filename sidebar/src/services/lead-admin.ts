import type {
  AssignmentRuleSet,
  ConnectRate,
  Lead,
  LeadDetail,
  LeadGrade,
  LeadMiningRun,
  LeadProductLine,
  LeadSettings,
  LeadSource,
  LeadSourceInput,
  LeadStatus,
  ScoringModel,
  SeatGroup,
  SeatGroupInput,
  SeatQueue,
  SlaSettings,
} from '@lodestar/shared';
import { del, get, post, put, seg } from './http';

export interface LeadFilter {
  status?: LeadStatus;
  open?: 'true' | 'false';
  grade?: LeadGrade;
  ownerStaffId?: string;
  sourceId?: string;
  productLine?: LeadProductLine;
  customerId?: string;
  limit: number;
  offset: number;
}

export const listLeads = (f: LeadFilter): Promise<{ items: Lead[]; total: number }> => get('/api/leads', { ...f });
export const leadDetail = (id: string): Promise<LeadDetail> => get(`/api/leads/${seg(id)}`);
export const assignLead = (id: string, staffId: string, reason?: string): Promise<Lead> => post(`/api/leads/${seg(id)}/assign`, reason ? { staffId, reason } : { staffId });
export const releaseLead = (id: string, reason?: string): Promise<Lead> => post(`/api/leads/${seg(id)}/release`, reason ? { reason } : {});
export const closeLead = (id: string, outcome: 'won' | 'lost', reason?: string): Promise<Lead> => post(`/api/leads/${seg(id)}/close`, reason ? { outcome, reason } : { outcome });

// Sources.
export const leadSources = async (): Promise<LeadSource[]> => (await get<{ items: LeadSource[] }>('/api/leads/sources')).items;
export const createLeadSource = (input: LeadSourceInput): Promise<LeadSource> => post('/api/leads/sources', input);
export const updateLeadSource = (id: string, input: LeadSourceInput): Promise<LeadSource> => put(`/api/leads/sources/${seg(id)}`, input);
export const deleteLeadSource = (id: string): Promise<{ id: string; deleted: boolean; disabled: boolean }> => del(`/api/leads/sources/${seg(id)}`);
export const runLeadSource = (id: string): Promise<LeadMiningRun> => post(`/api/leads/sources/${seg(id)}/run`);

// Seat groups (cleaning queues).
export const seatGroups = async (): Promise<SeatGroup[]> => (await get<{ items: SeatGroup[] }>('/api/seat-groups')).items;
export const createSeatGroup = (input: SeatGroupInput): Promise<SeatGroup> => post('/api/seat-groups', input);
export const updateSeatGroup = (id: string, input: SeatGroupInput): Promise<SeatGroup> => put(`/api/seat-groups/${seg(id)}`, input);
export const deleteSeatGroup = (id: string): Promise<{ id: string; deleted: true }> => del(`/api/seat-groups/${seg(id)}`);
export const seatQueue = (id: string, q: { includeLater?: 'true'; limit: number; offset: number }): Promise<SeatQueue> => get(`/api/seat-groups/${seg(id)}/queue`, { ...q });
export const connectRate = (from: string, to: string, seatGroupId?: string): Promise<ConnectRate> => get('/api/seat-groups/connect-rate', { from, to, seatGroupId });

// Settings: scoring, assignment, SLA.
export const leadSettings = (): Promise<LeadSettings> => get('/api/leads/settings');
export const saveScoring = (m: ScoringModel): Promise<LeadSettings> => put('/api/leads/settings/scoring', m);
export const saveAssignment = (r: AssignmentRuleSet): Promise<LeadSettings> => put('/api/leads/settings/assignment', r);
export const saveSla = (s: SlaSettings): Promise<LeadSettings> => put('/api/leads/settings/sla', s);

export interface ScoringPreview {
  scored: number;
  grades: Partial<Record<LeadGrade, number>>;
  averageScore: number;
}
export const previewScoring = (m: ScoringModel): Promise<ScoringPreview> => post('/api/leads/scoring/preview', m);
export const rescoreAll = (): Promise<{ customers: number }> => post('/api/leads/scoring/rescore');

// Do-not-contact.
export interface DoNotContactEntry {
  phoneHash: string;
  phoneMasked: string | null;
  reason: string | null;
  addedBy: string | null;
  addedAt: string;
}
export const doNotContact = async (): Promise<DoNotContactEntry[]> => (await get<{ items: DoNotContactEntry[] }>('/api/leads/do-not-contact')).items;
export const addDoNotContact = (input: { phone?: string; customerId?: string; reason?: string }): Promise<{ items: DoNotContactEntry[]; rejectedLeads: string[] }> =>
  post('/api/leads/do-not-contact', input);
export const removeDoNotContact = (phoneHash: string): Promise<{ deleted: true }> => del(`/api/leads/do-not-contact/${seg(phoneHash)}`);

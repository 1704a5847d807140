import type { ComplianceAlert, ComplianceRuleInput, ComplianceRuleView, LeadProductLine } from '@lodestar/shared';
import { del, get, post, put, seg } from './http';

export interface KeyNode {
  key: string;
  name: string;
  by: 'agent' | 'customer' | 'either';
  cues: string[];
  signals?: string[];
}
export interface SalesSop {
  productLine: LeadProductLine | 'any';
  nodes: KeyNode[];
  custom: boolean;
}
export const salesSops = async (): Promise<SalesSop[]> => (await get<{ items: SalesSop[] }>('/api/chat/sales-sops')).items;
export const saveSalesSop = (productLine: SalesSop['productLine'], nodes: KeyNode[]): Promise<SalesSop> => put(`/api/chat/sales-sops/${seg(productLine)}`, { nodes });

export interface TalkTrack {
  key: string;
  example: string;
  uses: number;
  progressed: number;
  rate: number;
  score: number;
  agents: number;
  beatsBaseline?: boolean;
}
export interface TalkTrackGroup {
  objection: string;
  baseline: number;
  replies: number;
  tracks: TalkTrack[];
}
export const talkTracks = (days: number, minUses: number): Promise<{ windowDays: number; items: TalkTrackGroup[] }> => get('/api/chat/talk-tracks', { days, minUses });
export const promoteTalkTrack = (input: { objection: string; title: string; body: string; productLine?: LeadProductLine }): Promise<{ id: string; title: string }> =>
  post('/api/chat/talk-tracks/promote', input);

export const complianceRules = async (): Promise<ComplianceRuleView[]> => (await get<{ items: ComplianceRuleView[] }>('/api/compliance/rules')).items;
export const createComplianceRule = (input: ComplianceRuleInput): Promise<ComplianceRuleView> => post('/api/compliance/rules', input);
export const updateComplianceRule = (id: string, input: ComplianceRuleInput): Promise<ComplianceRuleView> => put(`/api/compliance/rules/${seg(id)}`, input);
export const deleteComplianceRule = (id: string): Promise<{ deleted: true }> => del(`/api/compliance/rules/${seg(id)}`);
export const checkText = (text: string): Promise<{ ok: boolean; hits: Array<{ name: string; match: string; severity: 'high' | 'medium' }> }> => post('/api/compliance/check', { text });

export const complianceAlerts = (status: 'open' | 'acknowledged' | 'all', limit: number): Promise<{ items: ComplianceAlert[]; open: number }> => get('/api/compliance/alerts', { status, limit });
export const acknowledgeAlert = (id: string): Promise<{ acknowledged: true }> => post(`/api/compliance/alerts/${seg(id)}/acknowledge`);

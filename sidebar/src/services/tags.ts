import type { BehaviourRuleView, TagSource } from '@lodestar/shared';
import { del, get, patch, post, put, seg } from './http';

export interface DictionaryTag {
  id: string;
  name: string;
  sort: number;
  wecomTagId: string | null;
  customers: number;
}
export interface DictionaryGroup {
  id: string;
  key: string;
  name: string;
  source: TagSource;
  sort: number;
  wecomGroupId: string | null;
  tags: DictionaryTag[];
}

export const tagDictionary = async (): Promise<DictionaryGroup[]> => (await get<{ groups: DictionaryGroup[] }>('/api/tags')).groups;
export const createTagGroup = (input: { key: string; name: string; source: TagSource }): Promise<DictionaryGroup> => post('/api/tag-groups', input);
export const updateTagGroup = (id: string, input: { name?: string; source?: TagSource; sort?: number }): Promise<DictionaryGroup> => patch(`/api/tag-groups/${seg(id)}`, input);
export const createTag = (groupId: string, name: string): Promise<DictionaryTag> => post('/api/tags', { groupId, name });
export const renameTag = (id: string, name: string): Promise<DictionaryTag> => patch(`/api/tags/${seg(id)}`, { name });
export const deleteTag = (id: string): Promise<{ removedFromCustomers: number }> => del(`/api/tags/${seg(id)}`);

export type BehaviourRuleInput = Pick<BehaviourRuleView, 'name' | 'enabled' | 'definition'>;
export const behaviourRules = async (): Promise<BehaviourRuleView[]> => (await get<{ items: BehaviourRuleView[] }>('/api/behaviour-rules')).items;
export const createBehaviourRule = (input: BehaviourRuleInput): Promise<BehaviourRuleView> => post('/api/behaviour-rules', input);
export const replaceBehaviourRule = (id: string, input: BehaviourRuleInput): Promise<BehaviourRuleView> => put(`/api/behaviour-rules/${seg(id)}`, input);
export const deleteBehaviourRule = (id: string): Promise<{ ok: true }> => del(`/api/behaviour-rules/${seg(id)}`);

export type CandidateStatus = 'pending' | 'accepted' | 'rejected';
export interface CandidateTag {
  id: string;
  phrase: string;
  customers: number;
  count: number;
  examples: string[];
  status: CandidateStatus;
  updatedAt: string;
}
export const candidateTags = async (status: CandidateStatus): Promise<CandidateTag[]> => (await get<{ items: CandidateTag[] }>('/api/chat/candidate-tags', { status })).items;
export const refreshCandidateTags = (): Promise<{ found: number }> => post('/api/chat/candidate-tags/refresh');
export const acceptCandidateTag = (id: string, group: string, name?: string): Promise<CandidateTag> => post(`/api/chat/candidate-tags/${seg(id)}/accept`, name ? { group, name } : { group });
export const rejectCandidateTag = (id: string): Promise<CandidateTag> => post(`/api/chat/candidate-tags/${seg(id)}/reject`);

import type { CustomerList, CustomerScore, CustomerView, Conversation, LeadGrade } from '@lodestar/shared';
import { del, get, post, seg } from './http';

/** The console's customer search: every filter GET /api/customers takes. */
export interface CustomerFilter {
  q?: string;
  tag?: string;
  grade?: LeadGrade;
  externalUserId?: string;
  distinctId?: string;
  limit: number;
  offset: number;
}

export const searchCustomers = (f: CustomerFilter): Promise<CustomerList> => get('/api/customers', { ...f });

export const customerView = (id: string): Promise<CustomerView> => get(`/api/customers/${seg(id)}`);

export const customerConversations = async (id: string, limit = 10): Promise<Conversation[]> =>
  (await get<{ items: Conversation[] }>(`/api/customers/${seg(id)}/conversations`, { limit })).items;

export const customerScore = (id: string): Promise<CustomerScore> => get(`/api/customers/${seg(id)}/score`);

export interface CustomerActivity {
  today: string;
  events: Array<{ event: string; last7: number; last30: number }>;
  streaks: Array<{ counter: string; event: string | null; current: number; best: number; lastDay: string }>;
}
export const customerActivity = (id: string): Promise<CustomerActivity> => get(`/api/customers/${seg(id)}/activity`);

export const addCustomerTag = (id: string, input: { tag: string; group?: string; evidence?: string }): Promise<{ added: boolean; tag: { id: string; name: string; group: string } }> =>
  post(`/api/customers/${seg(id)}/tags`, input);

export const removeCustomerTag = (id: string, tagId: string): Promise<{ ok: true }> => del(`/api/customers/${seg(id)}/tags/${seg(tagId)}`);

import type { Conversation, CustomerList, CustomerView } from '@lodestar/shared';
import { get } from './http';

export const getCustomer = (id: string): Promise<CustomerView> => get(`/api/customers/${encodeURIComponent(id)}`);

export const searchCustomers = (q: { q?: string; externalUserId?: string; limit?: number }): Promise<CustomerList> => get('/api/customers', q);

/** The customer behind a WeCom external_userid, if the caller may see them. */
export async function customerIdByExternalUserId(externalUserId: string): Promise<string | null> {
  const list = await searchCustomers({ externalUserId, limit: 1 });
  return list.items[0]?.id ?? null;
}

export async function lastConversation(customerId: string): Promise<Conversation | null> {
  const r = await get<{ items: Conversation[] }>(`/api/customers/${encodeURIComponent(customerId)}/conversations`, { limit: 1 });
  return r.items[0] ?? null;
}

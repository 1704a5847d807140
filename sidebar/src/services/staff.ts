import type { Lead, SeatGroup } from '@lodestar/shared';
import { get } from './http';

export interface StaffRef {
  id: string;
  name: string;
}

/**
 * The staff members the console can name. The server has no staff directory endpoint, so the
 * names are gathered from what the caller can already see: lead owners (a team lead: their team)
 * and seat-group members. Asked once per page load.
 */
let cache: Promise<StaffRef[]> | null = null;

export function knownStaff(): Promise<StaffRef[]> {
  if (!cache) {
    cache = (async () => {
      const byId = new Map<string, string>();
      const pages = await Promise.all([0, 200, 400].map((offset) => get<{ items: Lead[] }>('/api/leads', { status: 'assigned', limit: 200, offset }).catch(() => ({ items: [] as Lead[] }))));
      pages.forEach((p) => p.items.forEach((l) => l.owner && byId.set(l.owner.id, l.owner.name)));
      const groups = await get<{ items: SeatGroup[] }>('/api/seat-groups').catch(() => ({ items: [] as SeatGroup[] }));
      groups.items.forEach((g) => g.members.forEach((m) => byId.set(m.id, m.name)));
      return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    })();
    cache.catch(() => (cache = null));
  }
  return cache;
}

export const forgetStaff = (): void => {
  cache = null;
};

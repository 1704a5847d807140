import type { GroupView } from '@lodestar/shared';
import { get } from './http';

export const listGroups = (q: { q?: string; tag?: string; chatId?: string; limit?: number } = {}): Promise<{ items: GroupView[]; total: number }> => get('/api/groups', { limit: 200, ...q });

/** The group behind a WeCom chat id, if the caller may see it (GET /api/groups?chatId=). */
export async function groupByChatId(chatId: string): Promise<GroupView | null> {
  const r = await listGroups({ chatId, limit: 1 });
  return r.items.find((g) => g.chatId === chatId) ?? null;
}

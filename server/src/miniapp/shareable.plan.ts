import type { Shareable, ShareableKind } from '@lodestar/shared';

/** The mini-program page each kind of content opens on. */
const pages: Record<ShareableKind, string> = {
  article: 'pages/article/index',
  product: 'pages/product/index',
  activity: 'pages/activity/index',
};

/**
 * What an agent sends for one piece of content: the mini-program page (with the inviting agent, so
 * the view is attributed) and the same page in the H5 build under /mp/ (hash routing).
 */
export function shareable(kind: ShareableKind, item: { id: string; title: string; summary: string }, inviter: string): Shareable {
  const query = `id=${encodeURIComponent(item.id)}&inviter=${encodeURIComponent(inviter)}`;
  const page = `${pages[kind]}?${query}`;
  return { kind, id: item.id, title: item.title, summary: item.summary.slice(0, 120), page, url: `/mp/#/${page}` };
}

/** Case-insensitive match on title or summary; no query matches everything. */
export function matchesQuery(item: { title: string; summary: string }, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return item.title.toLowerCase().includes(needle) || item.summary.toLowerCase().includes(needle);
}

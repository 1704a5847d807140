import type { Shareable, ShareableKind, ShareableList } from '@lodestar/shared';
import { get } from './http';

/** Articles, products on sale and published activities an agent can send (each with its mini-program page and H5 link). */
export const listShareables = async (q: { kind?: ShareableKind; q?: string } = {}): Promise<Shareable[]> =>
  (await get<ShareableList>('/api/content/shareables', { kind: q.kind, q: q.q?.trim() || undefined })).items;

let appId: Promise<string | null> | null = null;

/**
 * The mini-program's appid for miniprogram cards: VITE_MP_APPID at build time, else the sandbox's
 * (GET /api/sandbox/info, mounted only without a WeCom tenant); null means cards go out as H5 links.
 */
export function miniProgramAppId(): Promise<string | null> {
  const configured = (import.meta.env.VITE_MP_APPID as string | undefined)?.trim();
  if (configured) return Promise.resolve(configured);
  appId ??= get<{ mpAppId?: string }>('/api/sandbox/info')
    .then((r) => r.mpAppId || null)
    .catch(() => null);
  return appId;
}

export { absoluteUrl, shareMessage } from './share';

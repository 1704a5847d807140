import type { Context, Next } from 'koa';

/**
 * Which kind of response a path gets, for its headers:
 * - `sidebar`: the agent sidebar, framed inside the WeCom client (and its web version), so WeCom's
 *   origins may frame it;
 * - `console`: the admin console, never framed;
 * - `mp`: the mini-program's H5 build, never framed; Taro's build inlines a small sizing script;
 * - `other`: the API, tracking, callbacks, bundles: data, never a page to frame or run scripts in.
 */
export type SurfaceKind = 'sidebar' | 'console' | 'mp' | 'other';

/** The origins that may frame the sidebar: WeCom's clients and web pages. */
export const wecomFrameAncestors = ['https://*.work.weixin.qq.com', 'https://*.qq.com'] as const;

export function surfaceOf(path: string): SurfaceKind {
  if (path === '/sidebar' || path.startsWith('/sidebar/')) return 'sidebar';
  if (path === '/console' || path.startsWith('/console/')) return 'console';
  if (path === '/mp' || path.startsWith('/mp/')) return 'mp';
  return 'other';
}

/**
 * The pages' policy. The Vite and Taro builds load scripts, styles and fonts from our own origin
 * (@wecom/jssdk is bundled from npm, not loaded from a CDN); TDesign and React set inline styles, so
 * style-src allows them. Avatars and product pictures may come from WeCom's or a CDN's https hosts.
 * The sidebar may open WeCom's own JS-API frame. The mini-program H5 build's index.html carries Taro's
 * inline rem script, so that page alone allows inline scripts.
 */
function pagePolicy(kind: 'sidebar' | 'console' | 'mp'): string {
  const directives = [
    "default-src 'self'",
    kind === 'mp' ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    kind === 'sidebar' ? "frame-src 'self' https://*.work.weixin.qq.com" : "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    kind === 'sidebar' ? `frame-ancestors 'self' ${wecomFrameAncestors.join(' ')}` : "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** JSON, bundles and beacons: nothing to run, nothing to frame. */
const dataPolicy = "default-src 'none'; frame-ancestors 'none'";

const oneYear = 365 * 24 * 3600;

/** The security headers for one response, decided from its path and whether it came over https. */
export function securityHeadersFor(req: { path: string; secure: boolean }): Record<string, string> {
  const kind = surfaceOf(req.path);
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Content-Security-Policy': kind === 'other' ? dataPolicy : pagePolicy(kind),
  };
  // X-Frame-Options has no way to name WeCom's origins (ALLOW-FROM is gone): the sidebar relies on
  // frame-ancestors alone; everything else is refused to frames by both headers.
  if (kind !== 'sidebar') headers['X-Frame-Options'] = 'DENY';
  // HSTS only means something over https (behind a proxy: X-Forwarded-Proto, as the app trusts it).
  // No includeSubDomains: the insurer's other hosts on the same domain are not ours to pin.
  if (req.secure) headers['Strict-Transport-Security'] = `max-age=${oneYear}`;
  // API answers carry tokens, phone numbers and customer data: no cache keeps them.
  if (req.path === '/api' || req.path.startsWith('/api/')) headers['Cache-Control'] = 'no-store';
  return headers;
}

/**
 * Sets the security headers before the rest of the chain runs, so error answers carry them too.
 * A route may still set its own Cache-Control (the event stream does).
 */
export function securityHeaders() {
  return async function setSecurityHeaders(ctx: Context, next: Next): Promise<void> {
    ctx.set(securityHeadersFor({ path: ctx.path, secure: ctx.secure }));
    await next();
  };
}

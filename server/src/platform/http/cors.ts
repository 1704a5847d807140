import type { Context, Next } from 'koa';

export interface CorsOptions {
  /** Exact origins (scheme://host[:port], lower case) that may call cross-origin; empty = closed. */
  origins: readonly string[];
}

export const corsAllowedMethods = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
export const corsAllowedHeaders = 'Authorization, Content-Type, X-Request-Id';

/** The allow-listed origin of a request, or null when it sends none or one not on the list. */
export function allowedOrigin(origin: string, allowList: readonly string[]): string | null {
  if (!origin) return null;
  return allowList.includes(origin.toLowerCase()) ? origin : null;
}

/**
 * CORS closed by default: only an allow-listed Origin gets Access-Control-* headers, and only its
 * preflight is answered (204). Everything else passes through untouched, so a browser on another
 * origin cannot read the answers. The API uses bearer tokens, not cookies: no Allow-Credentials.
 * (The tracking endpoints keep their own open CORS: SDKs post to them from any site.)
 */
export function cors({ origins }: CorsOptions) {
  return async function applyCors(ctx: Context, next: Next): Promise<void> {
    if (origins.length === 0) return next();
    ctx.vary('Origin');
    const origin = allowedOrigin(ctx.get('Origin'), origins);
    if (!origin) return next();
    ctx.set('Access-Control-Allow-Origin', origin);
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.set('Access-Control-Allow-Methods', corsAllowedMethods);
      ctx.set('Access-Control-Allow-Headers', corsAllowedHeaders);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    await next();
  };
}

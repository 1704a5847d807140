import type { Context, Next } from 'koa';
import type { Role } from '@lodestar/shared';
import { DomainError, forbidden, unauthorized } from '../errors';
import type { Principal } from './principal';

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Reads a bearer token when one is sent and puts the caller on ctx.state.principal. It rejects
 * nothing by itself: requireRole decides, so public routes still work with a stale token.
 */
export function authenticate({ verify }: { verify: TokenVerifier }) {
  return async function readBearerToken(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) {
      try {
        ctx.state.principal = await verify(match[1]!);
      } catch (error) {
        // A token we could not check (the session table unreachable) is not a bad token: answering
        // 401 would sign people out over a database outage. Let the error handler answer 503.
        if (!(error instanceof DomainError)) throw error;
        ctx.state.authError = error.message;
      }
    } else if (header) {
      ctx.state.authError = 'The Authorization header must be "Bearer <token>"';
    }
    await next();
  };
}

/** Lets the request through only for a signed-in caller with one of the roles. */
export function requireRole({ roles }: { roles: readonly Role[] }) {
  return async function checkRole(ctx: Context, next: Next): Promise<void> {
    const principal = ctx.state.principal as Principal | undefined;
    if (!principal) throw unauthorized(ctx.state.authError as string | undefined);
    if (!roles.includes(principal.role)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    await next();
  };
}

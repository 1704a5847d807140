import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { DomainError } from '../errors';
import { requireRole } from './auth.middleware';
import { zodDetails } from './error-handler';
import type { Principal } from './principal';
import type { AnyRoute } from './route';

function parseOrThrow<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = zodDetails(parsed.error, where);
    const first = details[0];
    throw new DomainError('validation_failed', first ? `${first.path}: ${first.message}` : `Invalid ${where}`, details);
  }
  return parsed.data;
}

/** Registers route specs on a Koa router: role check, validation, one handler call, the result as JSON. */
export function mountRoutes(router: Router, routes: readonly AnyRoute[]): void {
  for (const spec of routes) {
    const handle = async (ctx: Context): Promise<void> => {
      const params = parseOrThrow(spec.params, ctx.params, 'params');
      const query = parseOrThrow(spec.query, ctx.query, 'query');
      const body = parseOrThrow(spec.body, (ctx.request as { body?: unknown }).body ?? {}, 'body');
      const result: unknown = await spec.handler({
        params,
        query,
        body,
        principal: ctx.state.principal as Principal | undefined,
        requestId: String(ctx.state.requestId ?? ''),
        ip: ctx.ip,
      });
      ctx.status = spec.status ?? 200;
      ctx.body = result ?? { ok: true };
    };
    if (spec.access === 'public') router.register(spec.path, [spec.method], handle);
    else router.register(spec.path, [spec.method], [requireRole({ roles: spec.access }), handle]);
  }
}

import type { Context } from 'koa';
import type { z } from 'zod';
import type { Role } from '@lodestar/shared';
import type { Principal } from './principal';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  requestId: string;
  ip: string;
}

/**
 * One API route, described once: the same zod schemas validate the request, type the handler and
 * generate the OpenAPI document. Handlers never see Koa.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  /** 'public' routes need no token; otherwise the caller's role must be listed. */
  access: 'public' | readonly Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  status?: number;
  /** Extra response statuses worth documenting (errors share the ErrorBody schema). */
  errors?: readonly number[];
  handler(input: RouteInput<P, Q, B>): Promise<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

/** Identity helper that infers the generics from the schemas. */
export function route<P, Q, B, R>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

export type KoaContext = Context;

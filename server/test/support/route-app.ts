import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Container } from '../../src/app/container';
import { authenticate } from '../../src/platform/http/auth.middleware';
import { errorHandler } from '../../src/platform/http/error-handler';
import { mountRoutes } from '../../src/platform/http/mount';
import type { AnyRoute } from '../../src/platform/http/route';
import { requestId } from '../../src/platform/http/request-id';

export interface RouteApp {
  base: string;
  close(): Promise<void>;
}

/**
 * Serves some routes on a Koa app of their own, built like app/http.ts from a running server's
 * container (tokens, logger): for tests that give a service their own clock or hooks.
 */
export async function serveRoutes(c: Container, routes: AnyRoute[]): Promise<RouteApp> {
  const app = new Koa();
  const router = new Router();
  mountRoutes(router, routes);
  app.use(requestId({ logger: c.logger }));
  app.use(errorHandler({ logger: c.logger }));
  app.use(bodyParser());
  app.use(authenticate({ verify: (t) => c.tokens.verify(t) }));
  app.use(router.routes()).use(router.allowedMethods());
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { channelCodeRoutes } from '../acquisition';
import { authRoutes, wecomIdentityRoutes } from '../auth';
import { behaviourRuleRoutes, customerRoutes, customerTagRoutes, groupRoutes, segmentRoutes, stageRoutes, tagDictionaryRoutes, wecomSyncRoutes } from '../customers';
import { trackingAdminRoutes, trackingRouter } from '../tracking';
import { authenticate } from '../platform/http/auth.middleware';
import { errorHandler } from '../platform/http/error-handler';
import { InFlight } from '../platform/http/in-flight';
import { mountRoutes } from '../platform/http/mount';
import { buildOpenApi } from '../platform/http/openapi';
import { requestId } from '../platform/http/request-id';
import type { AnyRoute } from '../platform/http/route';
import type { Container } from './container';
import { healthRouter } from './health.router';
import { kickSyncs } from './sync-runner';

export interface HttpParts {
  app: Koa;
  inFlight: InFlight;
  routes: AnyRoute[];
}

/** The Koa application: middleware in order, then every router. */
export function buildHttp(c: Container, extra: { routes: AnyRoute[]; routers: Router[] }): HttpParts {
  const app = new Koa({ proxy: true });
  const inFlight = new InFlight();
  const routes = [
    ...authRoutes(c.auth),
    ...wecomIdentityRoutes(c.wecomIdentity),
    ...customerRoutes(c.customers),
    ...groupRoutes(c.groups),
    ...wecomSyncRoutes(c.contactSync, c.handovers, () => c.config.role !== 'api' && kickSyncs(c)),
    ...channelCodeRoutes(c.channelCodes),
    ...segmentRoutes(c.segments),
    ...tagDictionaryRoutes(c.tagDictionary),
    ...behaviourRuleRoutes(c.behaviourRules),
    ...customerTagRoutes(c.customerTags, c.customerActivity),
    ...stageRoutes(c.stages),
    ...trackingAdminRoutes({ stats: c.trackingStats, sources: c.trackingSources, ingest: c.ingest, clock: c.clock }),
    ...extra.routes,
  ];
  const openapi = buildOpenApi(routes, { title: 'Lodestar API', version: '0.1.0' });

  const api = new Router();
  api.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  mountRoutes(api, routes);

  app.use(requestId({ logger: c.logger }));
  app.use(errorHandler({ logger: c.logger }));
  app.use(inFlight.middleware());
  // Tracking SDKs: their own body limits and write-key auth, ahead of the API's parser and tokens.
  const tracking = trackingRouter({ ingest: c.ingest, sources: c.trackingSources, clock: c.clock });
  app.use(tracking.routes()).use(tracking.allowedMethods());
  app.use(bodyParser({ enableTypes: ['json', 'form', 'text', 'xml'], jsonLimit: '1mb', formLimit: '256kb', textLimit: '1mb', xmlLimit: '1mb' }));
  app.use(authenticate({ verify: (t) => c.tokens.verify(t) }));
  for (const r of [healthRouter(c.ds), api, ...extra.routers]) app.use(r.routes()).use(r.allowedMethods());
  return { app, inFlight, routes };
}

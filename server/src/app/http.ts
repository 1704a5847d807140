import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { channelCodeRoutes } from '../acquisition';
import { authRoutes, wecomIdentityRoutes } from '../auth';
import { behaviourRuleRoutes, customerRoutes, customerTagRoutes, groupRoutes, personalDataRoutes, segmentRoutes, stageRoutes, tagDictionaryRoutes, wecomSyncRoutes } from '../customers';
import { agentTaskRoutes, journeyRoutes } from '../journeys';
import { chatRoutes } from '../playbook';
import { sopRoutes } from '../sop';
import { evaluationCsvOpenApi, evaluationCsvRouter, evaluationRoutes, funnelRoutes, metricRoutes } from '../analytics';
import { mpRoutes, mpStaffRoutes } from '../miniapp';
import { doNotContactRoutes, leadRoutes, leadSourceRoutes, leadStreamOpenApi, leadStreamRouter, notificationRoutes, seatRoutes } from '../leads';
import { trackingAdminRoutes, trackingRouter } from '../tracking';
import { authenticate } from '../platform/http/auth.middleware';
import { cors } from '../platform/http/cors';
import { errorHandler } from '../platform/http/error-handler';
import { InFlight } from '../platform/http/in-flight';
import { mountRoutes } from '../platform/http/mount';
import { buildOpenApi } from '../platform/http/openapi';
import { requestId } from '../platform/http/request-id';
import { securityHeaders } from '../platform/http/security-headers';
import type { AnyRoute } from '../platform/http/route';
import type { Container } from './container';
import { healthRouter } from './health.router';
import { serveStaticApps } from './static-apps';
import { systemRoutes } from './system.router';
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
    ...personalDataRoutes({ personalData: c.personalData, pipl: c.pipl }),
    ...groupRoutes(c.groups),
    ...wecomSyncRoutes(c.contactSync, c.handovers, () => c.config.role !== 'api' && kickSyncs(c)),
    ...channelCodeRoutes(c.channelCodes),
    ...segmentRoutes(c.segments),
    ...tagDictionaryRoutes(c.tagDictionary),
    ...behaviourRuleRoutes(c.behaviourRules),
    ...customerTagRoutes(c.customerTags, c.customerActivity),
    ...stageRoutes(c.stages),
    ...trackingAdminRoutes({ stats: c.trackingStats, sources: c.trackingSources, ingest: c.ingest, clock: c.clock }),
    ...seatRoutes(c.seatGroups),
    ...leadSourceRoutes(c.leadSources, c.leadMining),
    ...journeyRoutes(c.journeys, c.journeySettings, c.journeyTemplates),
    ...agentTaskRoutes(c.agentTaskService),
    ...chatRoutes(c.chatRoutes),
    ...sopRoutes({ sops: c.sops, runner: c.sopRunner }),
    ...doNotContactRoutes(c.doNotContact),
    ...notificationRoutes(c.notifications),
    ...mpRoutes(c.mp),
    ...mpStaffRoutes(c.mpStaff),
    ...funnelRoutes({ funnels: c.funnels, zones: c.corpZones }),
    ...metricRoutes({ metrics: c.metrics, zones: c.corpZones }),
    ...evaluationRoutes({ evaluations: c.evaluations }),
    ...systemRoutes(c.upstreams, c.clock),
    ...extra.routes,
    // Last: /api/leads/:id must not catch the words of the routes above.
    ...leadRoutes({
      leads: c.leads,
      settings: c.leadSettings,
      scoring: c.leadScoring,
      intentModels: c.intentModels,
      canSeeCustomer: (p, id) => c.customers.assertVisible(p, id),
      rescoreAll: async (corpId) => {
        void c.leadScoring.rescoreAll(corpId, 'manual').catch((error: unknown) => c.logger.error({ err: error, corpId }, 'rescore failed'));
        return { customers: await c.leadScoring.customerCount(corpId) };
      },
    }),
  ];
  const openapi = buildOpenApi(routes, { title: 'Lodestar API', version: '0.1.0' });
  // The sidebar's event stream and the CSV download are not JSON routes: their entries are written by hand.
  Object.assign(openapi.paths as Record<string, unknown>, leadStreamOpenApi, evaluationCsvOpenApi);

  const api = new Router();
  api.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  mountRoutes(api, routes);

  app.use(requestId({ logger: c.logger }));
  app.use(errorHandler({ logger: c.logger }));
  // Headers on every answer (errors too); CORS only for the allow-listed origins (none by default).
  app.use(securityHeaders());
  app.use(cors({ origins: c.config.corsOrigins }));
  app.use(inFlight.middleware());
  // The console, sidebar and mini-program H5 builds: plain files, ahead of the parsers and tokens.
  app.use(serveStaticApps());
  // Tracking SDKs: their own body limits and write-key auth, ahead of the API's parser and tokens.
  const tracking = trackingRouter({ ingest: c.ingest, sources: c.trackingSources, clock: c.clock });
  app.use(tracking.routes()).use(tracking.allowedMethods());
  app.use(bodyParser({ enableTypes: ['json', 'form', 'text', 'xml'], jsonLimit: '1mb', formLimit: '256kb', textLimit: '1mb', xmlLimit: '1mb' }));
  app.use(authenticate({ verify: (t) => c.tokens.verify(t) }));
  // The event stream before the API, or /api/leads/:id would take /api/leads/stream.
  const leadStream = leadStreamRouter({ notifications: c.notifications, feed: c.notificationFeed, verify: (t) => c.tokens.verify(t) });
  // The CSV download before the API, or /api/analytics/evaluations/:id would take "<id>.csv".
  const evaluationCsv = evaluationCsvRouter({ evaluations: c.evaluations });
  for (const r of [healthRouter(c.ds), leadStream, evaluationCsv, api, ...extra.routers]) app.use(r.routes()).use(r.allowedMethods());
  return { app, inFlight, routes };
}

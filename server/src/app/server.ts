import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/data-source';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { bootstrap } from './bootstrap';
import { buildContainer, type Container } from './container';
import { wireEvents } from './events';
import { buildHttp } from './http';
import type { WecomFakeTenant } from '../sandbox/wecom-fake-tenant';
import { sandboxParts, sandboxPrefixes } from './sandbox';
import { registerJobs } from './worker';
import { JourneyLoop } from './journey-loop';
import { wecomCallbackRouter } from '../wecom';

export interface RunningServer {
  container: Container;
  /** Base URL of the HTTP server (undefined for ROLE=worker). */
  url: string | undefined;
  corpId: string;
  demo: Record<string, number> | null;
  /** Sandbox mode with HTTP only: the fake WeCom tenant, for tests that act on it directly. */
  wecomTenant: WecomFakeTenant | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  demoCustomers?: number;
}

/** Opens the database, bootstraps, and starts HTTP and/or the scheduler as ROLE says. */
export async function startServer(config: Config, logger: Logger, opts: StartOptions = {}): Promise<RunningServer> {
  const ds = await openDatabase(config.databaseUrl);
  let http: Server | undefined;
  let container: Container | undefined;
  try {
    const jwtSecret = config.jwtSecret ?? randomBytes(32).toString('hex');
    if (!config.jwtSecret) logger.warn('JWT_SECRET is not set: using a generated one (sandbox only); tokens end with the process');
    container = buildContainer(config, logger, ds, jwtSecret, opts.clock);
    const c = container;
    const { corpId, demo } = await bootstrap(c, opts.demoCustomers !== undefined ? { demoCustomers: opts.demoCustomers } : {});

    let url: string | undefined;
    let wecomTenant: WecomFakeTenant | undefined;
    let inFlight: { drained(ms: number): Promise<boolean> } | undefined;
    if (config.role !== 'worker') {
      const sandbox = sandboxParts(c, corpId, () => url ?? '');
      wecomTenant = sandbox.wecomTenant;
      const callbacks = wecomCallbackRouter({
        corps: [{ id: corpId, wecomCorpId: config.wecom.corpId, token: config.wecom.callbackToken, aesKey: config.wecom.callbackAesKey }],
        clock: c.clock,
        inbox: c.inbox,
        onContactAdded: (corp, e) => {
          const started = Date.now();
          c.channelCodes.onAdded(corp, e.state, e.welcomeCode).then(
            (outcome) => outcome === 'sent' && logger.info({ state: e.state, ms: Date.now() - started }, 'welcome message sent'),
            (error: unknown) => logger.error({ err: error, state: e.state }, 'welcome message failed'),
          );
        },
      });
      const parts = buildHttp(c, { routes: sandbox.routes, routers: [callbacks, ...sandbox.routers] });
      inFlight = parts.inFlight;
      const server = parts.app.listen(config.port, config.host);
      // Outlive the balancer's idle upstream connections; headers must be allowed a little longer still.
      server.keepAliveTimeout = config.httpKeepAliveMs;
      server.headersTimeout = config.httpKeepAliveMs + 1_000;
      http = server;
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      });
      const addr = server.address() as AddressInfo;
      url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
      if (config.sandbox) {
        c.endpoints.wecomApiBase = `${url}${sandboxPrefixes.wecom}`;
        c.endpoints.wechatApiBase = `${url}${sandboxPrefixes.wechat}`;
        c.endpoints.smsApiBase = `${url}${sandboxPrefixes.sms}`;
      }
    }
    wireEvents(c.bus, {
      logger,
      relationships: c.relationships,
      channelCodes: c.channelCodes,
      contactSync: c.contactSync,
      groups: c.groups,
      corpTags: c.corpTags,
      handovers: c.handovers,
      staff: c.staff,
      customerRefresh: c.customerRefresh,
      journeyTriggers: c.journeyTriggers,
      archiveSync: c.archiveSync,
      intelligence: c.intelligence,
      notifications: c.notifications,
      chatEvents: c.chatEvents,
    });
    // Replay what an earlier process accepted but did not finish (a crash after "success").
    c.inbox.kick();
    const journeyLoop = new JourneyLoop(c.journeyRunner, logger.child({ component: 'journey-loop' }));
    if (config.role !== 'api') {
      registerJobs(c, corpId);
      c.scheduler.start();
      journeyLoop.start();
    }

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        logger.info('shutting down: no new requests, finishing in-flight work');
        // Ends the event streams so the server can close; browsers reconnect elsewhere and resume from Last-Event-ID.
        await c.notificationFeed.close();
        const closed = http ? new Promise<void>((resolve) => http!.close(() => resolve())) : Promise.resolve();
        http?.closeIdleConnections();
        const drained = inFlight ? await inFlight.drained(config.shutdownTimeoutMs) : true;
        if (!drained) logger.warn('in-flight requests did not finish in time; closing their connections');
        http?.closeAllConnections();
        await closed;
        await c.scheduler.stop(config.shutdownTimeoutMs);
        await journeyLoop.stop();
        await c.inbox.idle();
        await c.ingest.drain();
        await c.customerRefresh.drain();
        await ds.destroy();
        logger.info('stopped');
      })());
    return { container: c, url, corpId, demo, wecomTenant, stop };
  } catch (error) {
    http?.close();
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    throw error;
  }
}

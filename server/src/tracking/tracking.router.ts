import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { DomainError } from '../platform/errors';
import type { Clock } from '../platform/clock';
import { Overloaded } from '../platform/group-commit';
import type { IngestResult, IngestService } from './ingest.service';
import { mapSegmentMessage } from './segment-event.mapping';
import { mapSensorsRecord } from './sensors-event.mapping';
import { decodeSensors, sensorsParams } from './sensors-wire';
import { isPlainObject, sampleOf, type Mapped, type Rejection, type TrackedEvent } from './tracked-event';
import type { TrackingSourceService } from './tracking-source.service';

/** A 1×1 transparent GIF: the answer an image beacon (`/sa.gif?data=…`) expects. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface TrackingRouterDeps {
  ingest: IngestService;
  sources: TrackingSourceService;
  clock: Clock;
}

function split(mapped: Mapped[]): { events: TrackedEvent[]; rejections: Rejection[] } {
  const events: TrackedEvent[] = [];
  const rejections: Rejection[] = [];
  for (const m of mapped) {
    if (m.ok) events.push(m.event);
    else rejections.push(m.rejection);
  }
  return { events, rejections };
}

/** Browser SDKs post from other origins; the endpoints hold no cookies, so any origin may send. */
async function cors(ctx: Context, next: Next): Promise<void> {
  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin') || '*');
  ctx.set('Vary', 'Origin');
  if (ctx.method === 'OPTIONS') {
    ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'Content-Type, Authorization');
    ctx.set('Access-Control-Max-Age', '86400');
    ctx.status = 204;
    return;
  }
  await next();
}

/**
 * An overloaded writer answers 429 with Retry-After: analytics-node honours the header on 429 (it
 * retries 5xx on its own schedule); Sensors' batch mode keeps the records and resends them.
 */
async function ingestOrBusy(run: () => Promise<IngestResult>): Promise<IngestResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Overloaded) throw new DomainError('rate_limited', `tracking is busy (${error.pending} events waiting): retry shortly`, undefined, 2);
    throw error;
  }
}

/**
 * The tracking endpoints outside programs call: the Sensors wire format at /sa (and /sa.gif, where
 * the JS SDK's image beacon goes) and the Segment HTTP tracking API at /v1/*. They sit before the
 * API's own body parser and authentication, with larger limits of their own.
 */
export function trackingRouter(d: TrackingRouterDeps): Router {
  const router = new Router();
  const parse = bodyParser({ enableTypes: ['form', 'text', 'json'], formLimit: '8mb', textLimit: '8mb', jsonLimit: '1mb', encoding: 'utf-8' });

  const sensors = async (ctx: Context): Promise<void> => {
    const receivedAt = d.clock.now();
    const params = sensorsParams(ctx.query, ctx.request.body);
    const project = params.project ?? 'default';
    const corpId = await d.sources.resolve('sensors', project);
    if (!corpId) throw new DomainError('bad_request', `unknown Sensors project "${project.slice(0, 64)}": create it as a tracking source first`);
    const payload = decodeSensors(params);
    if (!payload.ok) {
      await d.ingest.reject(corpId, 'sensors', [{ reason: 'undecodable', detail: payload.detail, sample: sampleOf(params.data_list ?? params.data ?? '') }], receivedAt);
      throw new DomainError('bad_request', `undecodable Sensors payload: ${payload.detail}`);
    }
    const { events, rejections } = split(payload.records.map((r) => mapSensorsRecord(r, { project, receivedAt })));
    const result = await ingestOrBusy(() => d.ingest.ingest(corpId, 'sensors', events, rejections, receivedAt));
    if (ctx.path.endsWith('.gif')) {
      ctx.type = 'image/gif';
      ctx.body = pixel;
    } else {
      ctx.body = result;
    }
  };

  const writeKeyOf = (ctx: Context): string | null => {
    const auth = ctx.get('Authorization');
    if (auth.startsWith('Basic ')) {
      const user = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
      if (user) return user;
    }
    const body: unknown = ctx.request.body;
    return isPlainObject(body) && typeof body.writeKey === 'string' ? body.writeKey : null;
  };

  const segment = (defaultType: string | null) => async (ctx: Context) => {
    const receivedAt = d.clock.now();
    const writeKey = writeKeyOf(ctx);
    const corpId = writeKey ? await d.sources.resolve('segment', writeKey) : null;
    if (!corpId) throw new DomainError('unauthorized', writeKey ? 'unknown write key' : 'send the write key as the basic-auth user name');
    const body: unknown = ctx.request.body;
    let messages: unknown[];
    if (defaultType === null) {
      if (!isPlainObject(body) || !Array.isArray(body.batch)) {
        await d.ingest.reject(corpId, 'segment', [{ reason: 'undecodable', detail: 'the body must be {"batch": [...]}', sample: sampleOf(body) }], receivedAt);
        throw new DomainError('bad_request', 'the body must be a JSON object with a "batch" array');
      }
      // A batch may carry context for all its messages; each message's own context wins.
      const shared = isPlainObject(body.context) ? body.context : null;
      messages = body.batch.map((m) => (shared && isPlainObject(m) ? { ...m, context: { ...shared, ...(isPlainObject(m.context) ? m.context : {}) } } : m));
    } else {
      if (!isPlainObject(body)) {
        await d.ingest.reject(corpId, 'segment', [{ reason: 'undecodable', detail: 'the body must be a JSON object', sample: sampleOf(body) }], receivedAt);
        throw new DomainError('bad_request', 'the body must be a JSON object');
      }
      messages = [body];
    }
    const { events, rejections } = split(messages.map((m) => mapSegmentMessage(m, { receivedAt, ...(defaultType ? { defaultType } : {}) })));
    const result = await ingestOrBusy(() => d.ingest.ingest(corpId, 'segment', events, rejections, receivedAt));
    ctx.body = { success: true, ...result };
  };

  for (const path of ['/sa', '/sa.gif']) {
    router.get(path, cors, sensors);
    router.post(path, cors, parse, sensors);
    router.options(path, cors);
  }
  const segmentPaths: Array<[string, string | null]> = [['batch', null], ['import', null], ...['track', 'identify', 'page', 'screen', 'alias'].map((t): [string, string] => [t, t])];
  for (const [path, type] of segmentPaths) {
    router.post(`/v1/${path}`, cors, parse, segment(type));
    router.options(`/v1/${path}`, cors);
  }
  return router;
}

import Router from '@koa/router';
import type { Context } from 'koa';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { WecomFakeTenant } from './wecom-fake-tenant';
import type { FakeEndpoint, FakeRequest } from './wecom-fake.endpoint';
import { FakeWecomError } from './wecom-fake.state';

/** Faults the fake WeCom serves on demand, to exercise the client's error handling. */
export class WecomFaults {
  /** The next n authenticated calls answer 45009 (API call limit). */
  rateLimitNext = 0;
  /** Every call (gettoken too) waits this long before it answers: a slow WeCom. */
  delayMs = 0;
  /** The next n calls (gettoken too) answer HTTP 503 with an HTML page, as a failing gateway does. */
  unavailableNext = 0;
  /** Calls that reached the fake WeCom's API (gettoken and /cgi-bin), to see a paused client send none. */
  received = 0;
}

export interface WecomFakeDeps {
  faults: WecomFaults;
  tenant: WecomFakeTenant;
  /** WeCom's corp id (gettoken's corpid, OAuth's appid). */
  wecomCorpId: string;
  /** The secrets gettoken accepts, by kind: their tokens may call different APIs. */
  secrets: { contact?: string | undefined; agent?: string | undefined; archive?: string | undefined };
  tokens: FakeTokenIssuer;
  /** Records a welcome message that went out (the sandbox outbox). */
  welcomed: (code: string, content: Record<string, unknown>) => Promise<void>;
}

const flat = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) && typeof v[0] === 'string' ? [[k, v[0]]] : [])));

/**
 * The sandbox's WeCom server API under <base>/cgi-bin, served from the fake tenant: the real paths,
 * JSON shapes and errcodes, so the production HTTP adapter is what talks to it. Also WeCom's OAuth
 * page under <base>/connect/oauth2/authorize, which signs in as `userid` (sandbox only) and
 * redirects with a code.
 */
export function wecomFakeRouter(deps: WecomFakeDeps, prefix: string): Router {
  const router = new Router({ prefix });
  const kindOf = (secret: string): FakeRequest['secret'] | undefined =>
    secret === deps.secrets.contact ? 'contact' : secret === deps.secrets.agent ? 'agent' : secret === deps.secrets.archive ? 'archive' : undefined;

  // Faults that hit every API call before anything else: slowness, then a failing gateway.
  router.use(async (ctx, next) => {
    if (!ctx.path.startsWith(`${prefix}/cgi-bin/`)) return next();
    deps.faults.received += 1;
    if (deps.faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.faults.delayMs));
    if (deps.faults.unavailableNext > 0) {
      deps.faults.unavailableNext -= 1;
      ctx.status = 503;
      ctx.type = 'text/html';
      ctx.body = '<html><body>503 Service Temporarily Unavailable</body></html>';
      return;
    }
    await next();
  });

  router.get('/cgi-bin/gettoken', (ctx) => {
    const { corpid, corpsecret } = ctx.query;
    if (corpid !== deps.wecomCorpId) ctx.body = { errcode: 40013, errmsg: 'invalid corpid' };
    else if (typeof corpsecret !== 'string' || !kindOf(corpsecret)) ctx.body = { errcode: 40001, errmsg: 'invalid credential' };
    else {
      const { token, expiresIn } = deps.tokens.issue(corpsecret);
      ctx.body = { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn };
    }
  });

  const serve =
    (e: FakeEndpoint) =>
    async (ctx: Context): Promise<void> => {
      const check = deps.tokens.check(typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
      if (check.errcode !== 0) {
        ctx.body = { errcode: check.errcode, errmsg: check.errmsg };
        return;
      }
      if (deps.faults.rateLimitNext > 0) {
        deps.faults.rateLimitNext -= 1;
        ctx.body = { errcode: 45009, errmsg: 'reach max api daily quota limit' };
        return;
      }
      const secret = kindOf(check.subject);
      if (!secret || !e.secrets.includes(secret)) {
        ctx.body = { errcode: 48002, errmsg: 'api forbidden' };
        return;
      }
      const raw = (ctx.request as { body?: unknown }).body;
      const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      try {
        await deps.tenant.ready();
        ctx.body = { errcode: 0, errmsg: 'ok', ...(await e.handle({ query: flat(ctx.query), body, secret })) };
      } catch (error) {
        if (!(error instanceof FakeWecomError)) throw error;
        ctx.body = { errcode: error.errcode, errmsg: error.errmsg };
      }
    };
  for (const e of deps.tenant.endpoints(deps.welcomed)) router[e.method](`/cgi-bin${e.path}`, serve(e));

  router.get('/connect/oauth2/authorize', async (ctx) => {
    const q = flat(ctx.query);
    let target: URL;
    try {
      target = new URL(q.redirect_uri ?? '');
    } catch {
      ctx.status = 400;
      ctx.body = 'redirect_uri must be an absolute URL';
      return;
    }
    if (q.appid !== deps.wecomCorpId || !/^https?:$/.test(target.protocol)) {
      ctx.status = 400;
      ctx.body = 'invalid appid or redirect_uri';
      return;
    }
    await deps.tenant.ready();
    const userId = q.userid ?? deps.tenant.contacts.followUserIds()[0] ?? '';
    let code: string;
    try {
      code = deps.tenant.auth.issueCode({ userId });
    } catch (error) {
      if (!(error instanceof FakeWecomError)) throw error;
      ctx.status = 400;
      ctx.body = error.errmsg;
      return;
    }
    target.searchParams.set('code', code);
    if (q.state) target.searchParams.set('state', q.state);
    ctx.redirect(target.toString());
  });

  return router;
}

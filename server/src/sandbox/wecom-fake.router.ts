import Router from '@koa/router';
import type { Context } from 'koa';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { SandboxDirectoryRepository } from './sandbox-directory.repository';
import type { OutboxRepository } from './outbox.repository';
import type { IdGenerator } from '../platform/ids';
import { randomBytes } from 'node:crypto';

/** Faults the fake WeCom serves on demand, to exercise the client's error handling. */
export class WecomFakeState {
  readonly contactWays = new Map<string, { user: string[]; state: string }>();
  readonly welcomed = new Set<string>();
}

export class WecomFaults {
  /** The next n authenticated calls answer 45009 (API call limit). */
  rateLimitNext = 0;
}

export interface WecomFakeDeps {
  faults: WecomFaults;
  state: WecomFakeState;
  outbox: OutboxRepository;
  ids: IdGenerator;
  now: () => Date;
  wecomCorpId: string;
  corpId: () => Promise<string>;
  secrets: readonly string[];
  tokens: FakeTokenIssuer;
  directory: SandboxDirectoryRepository;
}

/**
 * The sandbox's WeCom server API under <base>/cgi-bin: the real paths, JSON shapes and errcodes,
 * so the production HTTP adapter is what talks to it.
 */
export function wecomFakeRouter(deps: WecomFakeDeps, prefix: string): Router {
  const router = new Router({ prefix: `${prefix}/cgi-bin` });
  const authed = (ctx: Context): boolean => {
    const check = deps.tokens.check(typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (check.errcode !== 0) {
      ctx.body = { errcode: check.errcode, errmsg: check.errmsg };
      return false;
    }
    if (deps.faults.rateLimitNext > 0) {
      deps.faults.rateLimitNext -= 1;
      ctx.body = { errcode: 45009, errmsg: 'reach max api daily quota limit' };
      return false;
    }
    return true;
  };

  router.get('/gettoken', (ctx) => {
    const { corpid, corpsecret } = ctx.query;
    if (corpid !== deps.wecomCorpId) ctx.body = { errcode: 40013, errmsg: 'invalid corpid' };
    else if (typeof corpsecret !== 'string' || !deps.secrets.includes(corpsecret)) ctx.body = { errcode: 40001, errmsg: 'invalid credential' };
    else {
      const { token, expiresIn } = deps.tokens.issue(corpsecret);
      ctx.body = { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn };
    }
  });

  router.get('/externalcontact/get_follow_user_list', async (ctx) => {
    if (!authed(ctx)) return;
    ctx.body = { errcode: 0, errmsg: 'ok', follow_user: await deps.directory.followUserIds(await deps.corpId()) };
  });

  router.get('/externalcontact/list', async (ctx) => {
    if (!authed(ctx)) return;
    const ids = await deps.directory.externalUserIdsOf(await deps.corpId(), String(ctx.query.userid ?? ''));
    ctx.body = ids === null ? { errcode: 60111, errmsg: 'invalid userid' } : { errcode: 0, errmsg: 'ok', external_userid: ids };
  });

  const body = (ctx: Context): Record<string, unknown> => {
    const b = (ctx.request as { body?: unknown }).body;
    return b && typeof b === 'object' ? (b as Record<string, unknown>) : {};
  };

  router.post('/externalcontact/add_contact_way', async (ctx) => {
    if (!authed(ctx)) return;
    const b = body(ctx);
    const user = Array.isArray(b.user) ? b.user.map(String) : [];
    const state = typeof b.state === 'string' ? b.state : '';
    const known = new Set(await deps.directory.followUserIds(await deps.corpId()));
    if (user.length === 0 || user.some((u) => !known.has(u))) ctx.body = { errcode: 60111, errmsg: 'invalid userid' };
    else if (state.length > 30) ctx.body = { errcode: 40058, errmsg: 'state exceeds 30 characters' };
    else {
      const configId = randomBytes(16).toString('hex');
      deps.state.contactWays.set(configId, { user, state });
      ctx.body = { errcode: 0, errmsg: 'ok', config_id: configId, qr_code: `https://sandbox.lodestar.local/qr/${configId}.png` };
    }
  });

  router.post('/externalcontact/update_contact_way', (ctx) => {
    if (!authed(ctx)) return;
    const b = body(ctx);
    const way = deps.state.contactWays.get(String(b.config_id ?? ''));
    if (!way) ctx.body = { errcode: 41044, errmsg: 'invalid config_id' };
    else {
      if (Array.isArray(b.user)) way.user = b.user.map(String);
      ctx.body = { errcode: 0, errmsg: 'ok' };
    }
  });

  router.post('/externalcontact/send_welcome_msg', async (ctx) => {
    if (!authed(ctx)) return;
    const b = body(ctx);
    const code = typeof b.welcome_code === 'string' ? b.welcome_code : '';
    if (!code) ctx.body = { errcode: 41050, errmsg: 'welcome_code missing' };
    else if (deps.state.welcomed.has(code)) ctx.body = { errcode: 41051, errmsg: 'welcome msg already sent' };
    else {
      deps.state.welcomed.add(code);
      await deps.outbox.add({ id: deps.ids.next(), channel: 'wecom_welcome', recipient: code, customerId: null, content: b, sentAt: deps.now() });
      ctx.body = { errcode: 0, errmsg: 'ok' };
    }
  });

  return router;
}

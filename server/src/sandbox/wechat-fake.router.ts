import { createHash, randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { IdGenerator } from '../platform/ids';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { OutboxRepository } from './outbox.repository';

export interface WechatFakeDeps {
  appId: string;
  secret: string;
  tokens: FakeTokenIssuer;
  outbox: OutboxRepository;
  ids: IdGenerator;
  now: () => Date;
}

const digest = (s: string): string => createHash('sha256').update(s).digest('base64url');

/** The sandbox's WeChat (mini-program) server API: code2session, access token, subscription messages. */
export function wechatFakeRouter(deps: WechatFakeDeps, prefix: string): Router {
  const router = new Router({ prefix });
  const credentialsOk = (ctx: Context): boolean => {
    if (ctx.query.appid !== deps.appId || ctx.query.secret !== deps.secret) {
      ctx.body = { errcode: 40013, errmsg: 'invalid appid or secret' };
      return false;
    }
    return true;
  };

  router.get('/sns/jscode2session', (ctx) => {
    if (!credentialsOk(ctx)) return;
    const code = ctx.query.js_code;
    if (ctx.query.grant_type !== 'authorization_code') {
      ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' };
    } else if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(code) || code.startsWith('invalid')) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
    } else {
      // The same code (or the same "user:" prefix) always maps to the same sandbox user.
      const who = code.startsWith('user-') ? code.split('-').slice(0, 2).join('-') : code;
      ctx.body = { openid: `o${digest(`openid:${who}`).slice(0, 27)}`, unionid: `u${digest(`unionid:${who}`).slice(0, 27)}`, session_key: randomBytes(16).toString('base64') };
    }
  });

  router.get('/cgi-bin/token', (ctx) => {
    if (!credentialsOk(ctx)) return;
    const { token, expiresIn } = deps.tokens.issue(`mp:${deps.appId}`);
    ctx.body = { access_token: token, expires_in: expiresIn };
  });

  router.post('/cgi-bin/message/subscribe/send', async (ctx) => {
    const check = deps.tokens.check(typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (check.errcode !== 0) {
      ctx.body = { errcode: check.errcode, errmsg: check.errmsg };
      return;
    }
    const body = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
    if (typeof body.touser !== 'string' || typeof body.template_id !== 'string') {
      ctx.body = { errcode: 47003, errmsg: 'argument invalid! touser and template_id are required' };
      return;
    }
    await deps.outbox.add({ id: deps.ids.next(), channel: 'mp_subscribe', recipient: body.touser, customerId: null, content: body, sentAt: deps.now() });
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  return router;
}

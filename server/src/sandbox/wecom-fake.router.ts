import Router from '@koa/router';
import type { Context } from 'koa';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { SandboxDirectoryRepository } from './sandbox-directory.repository';

/** Faults the fake WeCom serves on demand, to exercise the client's error handling. */
export class WecomFaults {
  /** The next n authenticated calls answer 45009 (API call limit). */
  rateLimitNext = 0;
}

export interface WecomFakeDeps {
  faults: WecomFaults;
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

  return router;
}

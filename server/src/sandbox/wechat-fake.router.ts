import { createHash, randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { isUniqueViolation } from '../db/transaction';
import type { IdGenerator } from '../platform/ids';
import type { FakeTokenIssuer } from './fake-token-issuer';
import type { OutboxRepository } from './outbox.repository';
import { fakeCodePng } from './wechat-fake.png';

export interface WechatFakeDeps {
  /** The mini-program. */
  appId: string;
  secret: string;
  /**
   * The official account, when it is a separate app: its tokens may send template messages and
   * the mini-program's may not (48001), as in WeChat. Without it, the mini-program's credentials
   * do both, so the sandbox runs with one pair.
   */
  officialAccount?: { appId: string; secret: string };
  tokens: FakeTokenIssuer;
  outbox: OutboxRepository;
  ids: IdGenerator;
  now: () => Date;
}

const digest = (s: string): string => createHash('sha256').update(s).digest('base64url');

/** A numeric msgid, as WeChat gives, derived from the outbox row so a repeated send answers the same one. */
const msgIdOf = (outboxId: string): number => parseInt(createHash('sha256').update(outboxId).digest('hex').slice(0, 12), 16);

/**
 * The sandbox's WeChat server API: the mini-program's code2session, phone numbers, codes and subscription messages, the
 * official account's template messages, and the access tokens both need.
 */
export function wechatFakeRouter(deps: WechatFakeDeps, prefix: string): Router {
  const router = new Router({ prefix });
  const oa = deps.officialAccount;
  /** Whose tokens may call what: without a separate official account, the mini-program's do both. */
  const subject = { mp: `mp:${deps.appId}`, oa: oa ? `oa:${oa.appId}` : `mp:${deps.appId}` };
  /** Which app the query's credentials are: 'mp', 'oa', or null (and the answer is set). */
  const appOf = (ctx: Context, accept: Array<'mp' | 'oa'>): 'mp' | 'oa' | null => {
    if (accept.includes('mp') && ctx.query.appid === deps.appId && ctx.query.secret === deps.secret) return 'mp';
    if (accept.includes('oa') && oa && ctx.query.appid === oa.appId && ctx.query.secret === oa.secret) return 'oa';
    ctx.body = { errcode: 40013, errmsg: 'invalid appid or secret' };
    return null;
  };
  /** The body of a call with a valid token of an app allowed to make it; null when refused (and the answer is set). */
  const authorized = (ctx: Context, app: 'mp' | 'oa'): Record<string, unknown> | null => {
    const check = deps.tokens.check(typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (check.errcode !== 0) {
      ctx.body = { errcode: check.errcode, errmsg: check.errmsg };
      return null;
    }
    if (check.subject !== subject[app]) {
      ctx.body = { errcode: 48001, errmsg: 'api unauthorized' };
      return null;
    }
    return (ctx.request as { body?: Record<string, unknown> }).body ?? {};
  };

  router.get('/sns/jscode2session', (ctx) => {
    if (!appOf(ctx, ['mp'])) return;
    const code = ctx.query.js_code;
    if (ctx.query.grant_type !== 'authorization_code') {
      ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' };
    } else if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(code) || code.startsWith('invalid')) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
    } else {
      // `demo-<n>[-…]` is the demo tenant's n-th mini-program user (oSandbox00000n), so the demo can
      // sign in as a known customer; otherwise the same code (or the same "user-<x>" prefix) is always the same user.
      const demo = /^demo-(\d{1,6})(?:-|$)/.exec(code);
      const who = code.startsWith('user-') ? code.split('-').slice(0, 2).join('-') : code;
      ctx.body = demo
        ? { openid: `oSandbox${demo[1]!.padStart(6, '0')}`, unionid: `uSandbox${demo[1]!.padStart(6, '0')}`, session_key: randomBytes(16).toString('base64') }
        : { openid: `o${digest(`openid:${who}`).slice(0, 27)}`, unionid: `u${digest(`unionid:${who}`).slice(0, 27)}`, session_key: randomBytes(16).toString('base64') };
    }
  });

  /**
   * The phone number behind a getPhoneNumber button's code. Codes are single-use, as WeChat's are:
   * `phone-<11 digits>[-…]` gives that number, any other well-formed code a number derived from it;
   * a malformed, "invalid…" or used code answers 40029.
   */
  const usedPhoneCodes = new Set<string>();
  router.post('/wxa/business/getuserphonenumber', (ctx) => {
    const body = authorized(ctx, 'mp');
    if (!body) return;
    const code = body.code;
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(code) || code.startsWith('invalid') || usedPhoneCodes.has(code)) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    usedPhoneCodes.add(code);
    const given = /^phone-(1[3-9]\d{9})(?:-|$)/.exec(code)?.[1];
    const derived = `13${[...createHash('sha256').update(`phone:${code}`).digest()].slice(0, 9).map((b) => b % 10).join('')}`;
    const phone = given ?? derived;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(deps.now().getTime() / 1000), appid: deps.appId } },
    };
  });

  /**
   * Mini-program codes. WeChat answers the image itself, or JSON with an errcode: 40169 for a scene
   * over 32 characters, 40129 for characters outside its set, 41030 for a page with a leading slash
   * or a query (or, with check_path, one not under pages/). The fake draws a small PNG per scene.
   */
  router.post('/wxa/getwxacodeunlimit', (ctx) => {
    const body = authorized(ctx, 'mp');
    if (!body) return;
    const scene = body.scene;
    const page = body.page;
    if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
      ctx.body = { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
    } else if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) {
      ctx.body = { errcode: 40129, errmsg: 'invalid scene' };
    } else if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.includes('?') || (body.check_path !== false && !page.startsWith('pages/')))) {
      ctx.body = { errcode: 41030, errmsg: 'invalid page' };
    } else {
      const width = typeof body.width === 'number' ? Math.min(1280, Math.max(280, body.width)) : 430;
      ctx.type = 'image/png';
      ctx.body = fakeCodePng(`${String(page ?? '')}?${scene}`, width);
    }
  });

  router.get('/cgi-bin/token', (ctx) => {
    const app = appOf(ctx, ['mp', 'oa']);
    if (!app) return;
    const { token, expiresIn } = deps.tokens.issue(subject[app]);
    ctx.body = { access_token: token, expires_in: expiresIn };
  });

  // WeChat takes no idempotency key for subscription messages, so neither does the fake: each call records one.
  router.post('/cgi-bin/message/subscribe/send', async (ctx) => {
    const body = authorized(ctx, 'mp');
    if (!body) return;
    if (typeof body.touser !== 'string' || typeof body.template_id !== 'string') {
      ctx.body = { errcode: 47003, errmsg: 'argument invalid! touser and template_id are required' };
      return;
    }
    await deps.outbox.add({ id: deps.ids.next(), channel: 'mp_subscribe', recipient: body.touser, customerId: null, content: body, sentAt: deps.now() });
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  /**
   * Official-account template messages. WeChat sends one message per (openid, client_msg_id) for
   * ten minutes; the fake keeps that promise for good, by deriving the outbox row's id from them.
   * (What WeChat answers to a repeat is not documented; the fake answers as the first time.)
   */
  router.post('/cgi-bin/message/template/send', async (ctx) => {
    const body = authorized(ctx, 'oa');
    if (!body) return;
    if (typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object' || body.data === null) {
      ctx.body = { errcode: 47003, errmsg: 'argument invalid! touser, template_id and data are required' };
      return;
    }
    const ref = typeof body.client_msg_id === 'string' && body.client_msg_id !== '' ? body.client_msg_id : null;
    const id = ref ? `oa_${digest(`${subject.oa}\0${body.touser}\0${ref}`).slice(0, 32)}` : deps.ids.next();
    try {
      await deps.outbox.add({ id, channel: 'oa_template', recipient: body.touser, customerId: null, content: body, sentAt: deps.now() });
    } catch (error) {
      if (!ref || !isUniqueViolation(error)) throw error;
    }
    ctx.body = { errcode: 0, errmsg: 'ok', msgid: msgIdOf(id) };
  });

  return router;
}

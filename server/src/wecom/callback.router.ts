import Router from '@koa/router';
import type { Context } from 'koa';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { CallbackInbox } from './callback-inbox.service';
import { decryptCallback, signatureMatches, timestampFresh, type CallbackQuery, type CallbackRejection } from './callback-crypto';
import { parseCallback, type WecomEvent } from './callback-event';
import { field, parseWecomXml } from './callback-xml';

/** One WeCom tenant's callback settings. */
export interface CallbackCorp {
  /** Our corp row id. */
  id: string;
  /** WeCom's corp id: the ReceiveId and the optional path segment. */
  wecomCorpId: string;
  token: string;
  aesKey: string;
}

export interface CallbackRouterDeps {
  corps: readonly CallbackCorp[];
  clock: Clock;
  inbox: CallbackInbox;
  /** The fast path for first-time adds (welcome messages have a 20-second window); must not throw. */
  onContactAdded?: (corpId: string, event: Extract<WecomEvent, { kind: 'contact.added' }>) => void;
}

const messages: Record<CallbackRejection, string> = {
  missing_parameters: 'msg_signature, timestamp and nonce are required',
  bad_signature: 'msg_signature does not match',
  stale_timestamp: 'timestamp is outside the 5-minute window',
  bad_ciphertext: 'the ciphertext could not be decrypted',
  bad_padding: 'the ciphertext padding is invalid',
  wrong_receive_id: 'the message is addressed to another corp',
  malformed_xml: 'the body is not well-formed callback XML',
};

function reject(reason: CallbackRejection): never {
  throw new DomainError(reason === 'bad_signature' ? 'unauthorized' : 'bad_request', `WeCom callback refused: ${messages[reason]}`);
}

function readQuery(ctx: Context): CallbackQuery {
  const q = ctx.query;
  const s = (v: unknown): string => (typeof v === 'string' ? v : '');
  const query = { msgSignature: s(q.msg_signature), timestamp: s(q.timestamp), nonce: s(q.nonce) };
  if (!query.msgSignature || !query.timestamp || !query.nonce) reject('missing_parameters');
  return query;
}

/**
 * GET/POST /wecom/callback (and /wecom/callback/:corpId): verify, decrypt, store in the inbox,
 * answer "success" at once, process in the background.
 */
export function wecomCallbackRouter(deps: CallbackRouterDeps): Router {
  const router = new Router();
  const corpFor = (ctx: Context): CallbackCorp => {
    const param = (ctx.params as { corpId?: string }).corpId;
    const corp = param ? deps.corps.find((c) => c.wecomCorpId === param) : deps.corps[0];
    if (!corp) throw new DomainError('not_found', `No WeCom corp ${param ?? ''} is configured here`);
    return corp;
  };
  const open = (ctx: Context, corp: CallbackCorp, encrypted: string): string => {
    const q = readQuery(ctx);
    if (!timestampFresh(q.timestamp, deps.clock.now())) reject('stale_timestamp');
    if (!signatureMatches(corp.token, q, encrypted)) reject('bad_signature');
    const result = decryptCallback(corp.aesKey, encrypted, corp.wecomCorpId);
    if (!result.ok) reject(result.reason);
    return result.message;
  };

  const verify = (ctx: Context): void => {
    const echostr = typeof ctx.query.echostr === 'string' ? ctx.query.echostr : '';
    if (!echostr) reject('missing_parameters');
    ctx.type = 'text/plain';
    ctx.body = open(ctx, corpFor(ctx), echostr);
  };

  const receive = async (ctx: Context): Promise<void> => {
    const corp = corpFor(ctx);
    const req = ctx.request as { rawBody?: string; body?: unknown };
    const raw = typeof req.rawBody === 'string' ? req.rawBody : typeof req.body === 'string' ? req.body : '';
    const outer = parseWecomXml(raw);
    const encrypted = outer ? field(outer, 'Encrypt') : '';
    if (!encrypted) reject('malformed_xml');
    const plain = open(ctx, corp, encrypted);
    const inner = parseWecomXml(plain);
    if (!inner) reject('malformed_xml');
    const parsed = parseCallback(inner);
    const fresh = (await deps.inbox.accept(corp.id, plain, parsed)) === 'new';
    ctx.type = 'text/plain';
    ctx.body = 'success';
    if (fresh && parsed.event.kind === 'contact.added') deps.onContactAdded?.(corp.id, parsed.event);
    deps.inbox.kick();
  };

  router.get('/wecom/callback', verify);
  router.get('/wecom/callback/:corpId', verify);
  router.post('/wecom/callback', receive);
  router.post('/wecom/callback/:corpId', receive);
  return router;
}

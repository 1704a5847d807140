import { createHash } from 'node:crypto';
import Router from '@koa/router';
import { isUniqueViolation } from '../db/transaction';
import type { OutboxRepository } from './outbox.repository';

export interface SmsFakeDeps {
  /** The key callers must send as `Authorization: Bearer <key>`. */
  apiKey: string;
  outbox: OutboxRepository;
  now: () => Date;
}

/** 11-digit mainland mobile numbers, optionally with +86. */
const mobile = /^(?:\+86)?(1[3-9]\d{9})$/;
/** What the contract allows as a client serial. */
const clientRefPattern = /^[\x21-\x7e]{1,64}$/;

/** 13812341234 → 138****1234: the sandbox outbox never shows a whole phone number. */
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/**
 * The message id of a clientRef: derived from it (and the API key, as gateways keep serials per
 * account), so the outbox's primary key is what dedupes. A repeat, even from another process or
 * after a restart, collides with the first row and is answered with the same id.
 */
export function smsMessageId(apiKey: string, clientRef: string): string {
  return `sms_${createHash('sha256').update(`${apiKey}\0${clientRef}`).digest('base64url').slice(0, 32)}`;
}

const refuse = (code: string, message: string) => ({ ok: false, code, message });

/**
 * The sandbox's SMS gateway: the contract in server/src/channels/sms.http-adapter.ts, recording
 * what it accepts in the sandbox outbox (channel 'sms', the number masked) instead of texting.
 */
export function smsFakeRouter(deps: SmsFakeDeps, prefix: string): Router {
  const router = new Router({ prefix });

  router.post('/sms/send', async (ctx) => {
    if (ctx.get('authorization') !== `Bearer ${deps.apiKey}`) {
      ctx.status = 401;
      ctx.body = refuse('unauthorized', 'send the API key as "Authorization: Bearer <key>"');
      return;
    }
    const body = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
    const { phone, template, text, clientRef } = body;
    const number = typeof phone === 'string' ? mobile.exec(phone)?.[1] : undefined;
    if (typeof clientRef !== 'string' || !clientRefPattern.test(clientRef)) {
      ctx.body = refuse('invalid_argument', 'clientRef is required: 1 to 64 printable ASCII characters');
    } else if (!number) {
      ctx.body = refuse('invalid_phone', 'phone must be an 11-digit mainland mobile number');
    } else if (typeof template !== 'string' || template === '' || template.length > 64) {
      ctx.body = refuse('invalid_template', 'template must be the code of an approved template');
    } else if (typeof text !== 'string' || text === '' || text.length > 500) {
      ctx.body = refuse('content_rejected', 'text must be 1 to 500 characters');
    } else {
      const id = smsMessageId(deps.apiKey, clientRef);
      try {
        await deps.outbox.add({ id, channel: 'sms', recipient: maskPhone(number), customerId: null, content: { template, text }, sentAt: deps.now() });
      } catch (error) {
        // The clientRef was accepted before: answer as the first time, send nothing.
        if (!isUniqueViolation(error)) throw error;
      }
      ctx.body = { ok: true, id };
    }
  });

  return router;
}

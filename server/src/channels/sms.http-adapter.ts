import { failed, sent, type ChannelResult, type ChannelSender, type ChannelSendOf } from './channel.port';
import { defaultTimeoutMs, exchangeJson, httpFailure, isObject, unreadableAnswer, urlOf, type BaseUrl, type FetchLike } from './json-http.client';
import { providerRef } from './provider-ref';

/*
 * The SMS gateway contract. Lodestar speaks one small JSON contract; a thin shim in front of a
 * vendor (Aliyun, Tencent Cloud, a carrier aggregator) implements it, and the sandbox's fake
 * (server/src/sandbox/sms-fake.router.ts) implements it for local runs.
 *
 *   POST {base}/sms/send
 *   Authorization: Bearer <api key>
 *   Content-Type: application/json
 *   { "phone": "13812341234",        mainland mobile number, 11 digits (a +86 prefix is allowed)
 *     "template": "SMS_20260101",     the vendor's approved template code
 *     "text": "…",                    the rendered text, for the vendor's review and our records
 *     "clientRef": "…" }              our idempotency key, at most 64 printable ASCII characters
 *
 *   200 { "ok": true, "id": "<gateway message id>" }
 *   200 { "ok": false, "code": "<reason>", "message": "<for people>" }
 *   401 { "ok": false, "code": "unauthorized", "message": … }       wrong or missing key
 *   5xx                                                             the gateway's trouble
 *
 * A clientRef the gateway has accepted before is answered with that first answer (the same id)
 * and nothing is sent again, however often it is repeated; most Chinese gateways take a client
 * serial for exactly this. A refusal is not remembered, so a retry after `rate_limited` can pass.
 *
 * Refusal codes: `rate_limited` and `busy` are worth retrying later; every other code
 * (`invalid_phone`, `invalid_template`, `blacklisted`, `content_rejected`, …) is final.
 */

export interface SmsHttpOptions {
  baseUrl: BaseUrl;
  apiKey: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** Gateway refusals that a later try may get past. */
const retryableCodes = new Set(['rate_limited', 'busy']);

/** SMS through the gateway contract above. */
export class SmsHttpAdapter implements ChannelSender<'sms'> {
  private readonly fetch: FetchLike;

  constructor(private readonly o: SmsHttpOptions) {
    this.fetch = o.fetch ?? fetch;
  }

  async send(req: ChannelSendOf<'sms'>): Promise<ChannelResult> {
    const url = urlOf(this.o.baseUrl, '/sms/send');
    const x = await exchangeJson(this.fetch, {
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${this.o.apiKey}` },
      body: { phone: req.recipient, template: req.message.template, text: req.message.text, clientRef: providerRef(req.key) },
      timeoutMs: this.o.timeoutMs ?? defaultTimeoutMs,
    });
    if (x.kind === 'failed') return x.result;
    const body = isObject(x.json) ? x.json : null;
    if (x.status === 401 || x.status === 403) return failed(false, 'unauthorized', `the SMS gateway refused the API key (HTTP ${x.status})`);
    if (x.status < 200 || x.status >= 300) return httpFailure(x.status, url.host);
    if (!body || typeof body.ok !== 'boolean') return unreadableAnswer(url.host);
    if (body.ok) return sent(typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : null);
    const code = typeof body.code === 'string' && body.code !== '' ? body.code : 'refused';
    return failed(retryableCodes.has(code), code, `the SMS gateway refused the message: ${typeof body.message === 'string' ? body.message : code}`);
  }
}

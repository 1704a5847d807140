import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

export interface DriverTenant {
  corpId: string;
  token: string;
  aesKey: string;
}

export type CallbackFields = Record<string, string | number>;

const escapeCdata = (v: string): string => v.replace(/]]>/g, ']]]]><![CDATA[>');

/** WeCom's plaintext callback XML: `<xml><ToUserName>…</ToUserName>…</xml>`. */
export function callbackXml(corpId: string, fields: CallbackFields): string {
  const body = Object.entries({ ToUserName: corpId, FromUserName: 'sys', MsgType: 'event', ...fields })
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${escapeCdata(v)}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

/**
 * Encrypts and signs a callback exactly as WeCom does. `overrides` lets tests break one thing
 * at a time (the signature, the key, the ReceiveId, the timestamp).
 */
export function signedCallback(
  tenant: DriverTenant,
  xml: string,
  at: Date,
  overrides: { receiveId?: string; aesKey?: string; token?: string; timestamp?: string; encrypted?: string } = {},
): SignedCallback {
  const timestamp = overrides.timestamp ?? String(Math.floor(at.getTime() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = overrides.encrypted ?? encrypt(overrides.aesKey ?? tenant.aesKey, xml, overrides.receiveId ?? tenant.corpId);
  const msg_signature = getSignature(overrides.token ?? tenant.token, timestamp, nonce, encrypted);
  return {
    query: { msg_signature, timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${tenant.corpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

/** Sends signed callbacks to a running server, as WeCom's servers would. */
export class CallbackDriver {
  constructor(
    private readonly baseUrl: string,
    private readonly tenant: DriverTenant,
    private readonly now: () => Date,
  ) {}

  async send(fields: CallbackFields, path = '/wecom/callback'): Promise<{ status: number; text: string }> {
    return this.post(signedCallback(this.tenant, callbackXml(this.tenant.corpId, fields), this.now()), path);
  }

  async post(signed: SignedCallback, path = '/wecom/callback'): Promise<{ status: number; text: string }> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(signed.query)) url.searchParams.set(k, v);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: signed.body });
    return { status: res.status, text: await res.text() };
  }

  /** The URL-verification GET WeCom sends when the callback is configured. */
  async verify(echo: string, path = '/wecom/callback'): Promise<{ status: number; text: string }> {
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const echostr = encrypt(this.tenant.aesKey, echo, this.tenant.corpId);
    const url = new URL(this.baseUrl + path);
    url.search = new URLSearchParams({ msg_signature: getSignature(this.tenant.token, timestamp, nonce, echostr), timestamp, nonce, echostr }).toString();
    const res = await fetch(url);
    return { status: res.status, text: await res.text() };
  }
}

/** Fields of the common contact events, for tests and the simulator. */
export const contactEvent = {
  added: (userId: string, externalUserId: string, createTime: number, state?: string): CallbackFields => ({
    CreateTime: createTime,
    Event: 'change_external_contact',
    ChangeType: 'add_external_contact',
    UserID: userId,
    ExternalUserID: externalUserId,
    ...(state ? { State: state } : {}),
    WelcomeCode: `WELCOME_${externalUserId}`,
  }),
  deletedByCustomer: (userId: string, externalUserId: string, createTime: number): CallbackFields => ({
    CreateTime: createTime,
    Event: 'change_external_contact',
    ChangeType: 'del_follow_user',
    UserID: userId,
    ExternalUserID: externalUserId,
  }),
  archiveApproved: (userId: string, externalUserId: string, createTime: number): CallbackFields => ({
    CreateTime: createTime,
    Event: 'change_external_contact',
    ChangeType: 'msg_audit_approved',
    UserID: userId,
    ExternalUserID: externalUserId,
  }),
};

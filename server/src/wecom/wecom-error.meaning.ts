import type { WecomErrorMeaning } from './wecom-api.port';

const secretHint = 'check WECOM_CONTACT_SECRET (customer contact) or WECOM_AGENT_SECRET (sidebar app) against the WeCom admin console';

/** errcodes an admin must fix in WeCom's admin console or in our configuration. */
const adminFixes: Record<number, string> = {
  40001: `WeCom rejected the secret: ${secretHint}`,
  40013: 'WeCom does not know this corp id: check WECOM_CORP_ID (My Company > Company Information)',
  48002: 'this secret may not call this API (often the wrong kind of secret): use the customer-contact secret or list the app under Customer Contact > API > apps allowed to call; tickets and sign-in need WECOM_AGENT_SECRET',
  60020: "this server's IP address is not among the app's trusted IPs: add it in the admin console (App > Trusted IPs)",
  60011: "the app has no privilege over this member or customer: widen the app's visible range or the customer-contact permissions",
};

/** errcodes naming something WeCom does not know (or no longer knows). */
const unknownThings: Record<number, string> = {
  40096: 'WeCom does not know this external user id',
  84061: 'this agent has no relationship with this customer (any more)',
  60111: 'WeCom does not know this user id',
  41044: 'WeCom does not know this contact way (config id)',
  40068: 'WeCom does not know this corp tag or tag group',
  40050: 'WeCom does not know this customer group (chat id), or it was dismissed',
  41047: 'WeCom does not know this mass-send message (msgid)',
};

/** errcodes of a request WeCom found malformed: a bug or a bad input on our side. */
const badRequests: Record<number, string> = {
  40003: 'a user id is not valid',
  40029: 'the OAuth code is invalid, expired or already used: sign in again',
  40031: 'a list of user ids is not valid',
  40035: 'a parameter is not valid',
  40058: 'a parameter is not valid (for example a state longer than 30 characters, or too many ids)',
  40097: 'the handover request is not valid',
  41050: 'the welcome code is missing',
};

/**
 * How a WeCom errcode reads in our vocabulary: the code our API answers with and a hint naming
 * what to fix. Retryable errcodes (-1, 45009, 45033) reach this only once the retries are spent.
 */
export function meaningOf(errcode: number): WecomErrorMeaning {
  const admin = adminFixes[errcode];
  if (admin) return { code: 'upstream_error', hint: admin };
  const unknown = unknownThings[errcode];
  if (unknown) return { code: 'not_found', hint: unknown };
  if (errcode === 41051) return { code: 'conflict', hint: 'the welcome message for this add was already sent (once per welcome code)' };
  if (errcode === 40071) return { code: 'conflict', hint: 'a tag or tag group with this name exists already' };
  if (errcode === 45009 || errcode === 45033) return { code: 'rate_limited', hint: 'WeCom throttled the call (API frequency or concurrency limit): try again in a minute' };
  if (errcode === -1) return { code: 'unavailable', hint: 'WeCom is busy or could not be reached: try again shortly' };
  const bad = badRequests[errcode];
  if (bad) return { code: 'bad_request', hint: bad };
  // 41xxx: a required field is missing (41001, a missing token, never gets here: it is retried).
  if (errcode >= 41000 && errcode < 41100) return { code: 'bad_request', hint: 'a required parameter is missing' };
  return { code: 'upstream_error', hint: 'WeCom refused the call' };
}

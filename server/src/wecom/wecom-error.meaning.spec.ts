import { WecomApiError } from './wecom-api.port';
import { meaningOf } from './wecom-error.meaning';

describe('meaningOf(errcode)', () => {
  it('sends configuration problems to an admin, naming what to fix', () => {
    expect(meaningOf(40001)).toEqual({ code: 'upstream_error', hint: expect.stringContaining('WECOM_CONTACT_SECRET') });
    expect(meaningOf(40013)).toEqual({ code: 'upstream_error', hint: expect.stringContaining('WECOM_CORP_ID') });
    expect(meaningOf(48002).hint).toContain('wrong kind of secret');
    expect(meaningOf(60020).hint).toContain('trusted IP');
    expect(meaningOf(60011)).toMatchObject({ code: 'upstream_error', hint: expect.stringContaining('visible range') });
  });

  it('reads unknown customers, relationships, users, contact ways, tags and mass sends as not_found', () => {
    for (const errcode of [40096, 84061, 60111, 41044, 40068, 40050, 41047]) expect(meaningOf(errcode).code).toBe('not_found');
    expect(meaningOf(41047).hint).toContain('msgid');
    // A missing msgid (41046) is a missing field, not an unknown thing.
    expect(meaningOf(41046).code).toBe('bad_request');
    expect(meaningOf(84061).hint).toContain('relationship');
  });

  it('reads a second welcome message and a duplicate tag name as conflicts', () => {
    expect(meaningOf(41051)).toEqual({ code: 'conflict', hint: expect.stringContaining('already sent') });
    expect(meaningOf(40071).code).toBe('conflict');
  });

  it('reads throttling as rate_limited and busy or unreachable as unavailable', () => {
    expect(meaningOf(45009).code).toBe('rate_limited');
    expect(meaningOf(45033).code).toBe('rate_limited');
    expect(meaningOf(-1).code).toBe('unavailable');
  });

  it('reads parameter errors, a bad OAuth code and missing fields as bad_request', () => {
    expect(meaningOf(40058)).toEqual({ code: 'bad_request', hint: expect.stringContaining('30 characters') });
    expect(meaningOf(40029)).toEqual({ code: 'bad_request', hint: expect.stringContaining('sign in again') });
    expect(meaningOf(41004).code).toBe('bad_request');
  });

  it('falls back to upstream_error for anything else', () => {
    expect(meaningOf(90000)).toEqual({ code: 'upstream_error', hint: 'WeCom refused the call' });
    expect(meaningOf(42009).code).toBe('upstream_error');
  });

  it('gives WecomApiError the code and a message with the errcode, WeCom’s words and the hint', () => {
    const e = new WecomApiError(40096, 'invalid external userid', '/cgi-bin/externalcontact/get', meaningOf(40096));
    expect(e).toMatchObject({ code: 'not_found', errcode: 40096, errmsg: 'invalid external userid', path: '/cgi-bin/externalcontact/get' });
    expect(e.message).toBe('WeCom /cgi-bin/externalcontact/get failed with 40096 (invalid external userid): WeCom does not know this external user id');
  });
});

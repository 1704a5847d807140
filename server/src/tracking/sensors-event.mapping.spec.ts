import { mapSensorsRecord } from './sensors-event.mapping';
import type { Mapped } from './tracked-event';

const receivedAt = new Date('2026-01-05T02:00:00Z');
const ctx = { project: 'default', receivedAt };
const ok = (m: Mapped) => {
  if (!m.ok) throw new Error(`rejected: ${m.rejection.reason} ${m.rejection.detail}`);
  return m.event;
};
const reason = (m: Mapped) => (m.ok ? 'accepted' : m.rejection.reason);

describe('mapSensorsRecord', () => {
  const base = { type: 'track', event: 'view_product', distinct_id: 'abc', time: receivedAt.getTime() - 1000, _track_id: 123, properties: { $lib: 'js', product_line: 'medical' } };

  it('maps a track with its preset properties and the ID-Mapping identities', () => {
    const e = ok(mapSensorsRecord({ ...base, identities: { $identity_cookie_id: 'abc', $identity_mp_openid: 'o1' } }, ctx));
    expect(e).toMatchObject({ type: 'track', name: 'view_product', joins: false, project: 'default', properties: { $lib: 'js', product_line: 'medical' } });
    expect(e.identities).toEqual([
      { kind: 'anonymous_id', value: 'abc' },
      { kind: 'openid', value: 'o1' },
      { kind: 'distinct_id', value: 'abc' },
    ]);
  });

  it('reads identities sent base64-encoded, as the JS SDK sometimes does', () => {
    const identities = Buffer.from(JSON.stringify({ $identity_login_id: 'L1' })).toString('base64');
    expect(ok(mapSensorsRecord({ ...base, identities }, ctx)).identities).toContainEqual({ kind: 'login_id', value: 'L1' });
  });

  it('gives a retry the same key and another record a different one', () => {
    const a = ok(mapSensorsRecord({ ...base, _flush_time: 1 }, ctx));
    const retry = ok(mapSensorsRecord({ ...base, _flush_time: 2 }, ctx));
    const other = ok(mapSensorsRecord({ ...base, _track_id: 124 }, ctx));
    expect(retry.key).toBe(a.key);
    expect(other.key).not.toBe(a.key);
    expect(ok(mapSensorsRecord({ ...base, properties: { $insert_id: 'x1' } }, ctx)).key).toBe('sa:x1');
  });

  it('turns track_signup into a link of the login id and the anonymous original id', () => {
    const e = ok(mapSensorsRecord({ type: 'track_signup', event: '$SignUp', distinct_id: 'L9', original_id: 'anon9', time: base.time }, ctx));
    expect(e.joins).toBe(true);
    expect(e.identities).toEqual(expect.arrayContaining([{ kind: 'login_id', value: 'L9' }, { kind: 'anonymous_id', value: 'anon9' }]));
  });

  it('maps the six profile operations and unbind', () => {
    for (const [type, op] of [['profile_set', 'set'], ['profile_set_once', 'set_once'], ['profile_increment', 'increment'], ['profile_append', 'append'], ['profile_unset', 'unset'], ['profile_delete', 'delete']]) {
      const e = ok(mapSensorsRecord({ type, distinct_id: 'abc', time: base.time, properties: { a: 1 } }, ctx));
      expect([e.type, e.profile?.op, e.name]).toEqual(['profile', op, `$profile_${op}`]);
    }
    const unbind = ok(mapSensorsRecord({ type: 'track_id_unbind', distinct_id: 'abc', identities: { $identity_login_id: 'L1' }, time: base.time }, ctx));
    expect(unbind.unbinds).toEqual([{ kind: 'login_id', value: 'L1' }]);
    expect(ok(mapSensorsRecord({ type: 'track_id_bind', distinct_id: 'abc', identities: { $identity_login_id: 'L1', $identity_cookie_id: 'abc' }, time: base.time }, ctx)).joins).toBe(true);
  });

  it('takes a phone out of the properties: claimed for hashing, masked in what is stored', () => {
    const e = ok(mapSensorsRecord({ type: 'profile_set', distinct_id: 'abc', time: base.time, properties: { phone: '+86 139-1234-5678' } }, ctx));
    expect(e.identities).toContainEqual({ kind: 'phone', value: '+86 139-1234-5678' });
    expect(e.properties.phone).toBe('139****5678');
  });

  it('refuses what it cannot take, each with its reason', () => {
    expect(reason(mapSensorsRecord('text', ctx))).toBe('not_an_object');
    expect(reason(mapSensorsRecord({ ...base, type: 'item_set' }, ctx))).toBe('unknown_type');
    expect(reason(mapSensorsRecord({ ...base, event: '' }, ctx))).toBe('missing_event_name');
    expect(reason(mapSensorsRecord({ ...base, event: 'has space' }, ctx))).toBe('bad_event_name');
    expect(reason(mapSensorsRecord({ ...base, time: receivedAt.getTime() + 2 * 86_400_000 }, ctx))).toBe('bad_time');
    expect(reason(mapSensorsRecord({ ...base, time: 'yesterday' }, ctx))).toBe('bad_time');
    expect(reason(mapSensorsRecord({ ...base, properties: [1] }, ctx))).toBe('bad_properties');
    expect(reason(mapSensorsRecord({ ...base, distinct_id: '' }, ctx))).toBe('missing_identity');
    expect(reason(mapSensorsRecord({ type: 'track_signup', event: '$SignUp', distinct_id: 'L', time: base.time }, ctx))).toBe('missing_identity');
  });
});

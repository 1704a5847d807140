import { mapSegmentMessage } from './segment-event.mapping';
import type { Mapped } from './tracked-event';

const receivedAt = new Date('2026-01-05T02:00:00Z');
const ok = (m: Mapped) => {
  if (!m.ok) throw new Error(`rejected: ${m.rejection.reason}`);
  return m.event;
};

describe('mapSegmentMessage', () => {
  it('maps track with its messageId as the key and spaces in names made underscores', () => {
    const e = ok(mapSegmentMessage({ type: 'track', event: 'Viewed Product', userId: 'u1', anonymousId: 'a1', messageId: 'm-1', timestamp: '2026-01-05T01:00:00Z', properties: { sku: 'x' } }, { receivedAt }));
    expect(e).toMatchObject({ key: 'sg:m-1', name: 'Viewed_Product', type: 'track', joins: false, distinctId: 'u1', at: new Date('2026-01-05T01:00:00Z') });
    expect(e.identities).toEqual([
      { kind: 'login_id', value: 'u1' },
      { kind: 'anonymous_id', value: 'a1' },
      { kind: 'distinct_id', value: 'u1' },
    ]);
  });

  it('makes identify a profile set, linking when it carries both ids, with trait identities', () => {
    const e = ok(mapSegmentMessage({ type: 'identify', userId: 'u1', anonymousId: 'a1', traits: { name: '李', openid: 'o1', phone: '13812345678' } }, { receivedAt }));
    expect(e.joins).toBe(true);
    expect(e.profile).toEqual({ op: 'set', properties: { name: '李', openid: 'o1', phone: '138****5678' } });
    expect(e.identities).toEqual(expect.arrayContaining([{ kind: 'openid', value: 'o1' }, { kind: 'phone', value: '13812345678' }]));
  });

  it('makes alias a link of previousId and userId', () => {
    const e = ok(mapSegmentMessage({ type: 'alias', previousId: 'anon', userId: 'u2' }, { receivedAt }));
    expect(e.joins).toBe(true);
    expect(e.identities).toEqual(expect.arrayContaining([{ kind: 'login_id', value: 'u2' }, { kind: 'anonymous_id', value: 'anon' }]));
  });

  it('names pages $pageview and takes the type from the path of a single-call endpoint', () => {
    expect(ok(mapSegmentMessage({ anonymousId: 'a', name: '重疾险' }, { receivedAt, defaultType: 'page' }))).toMatchObject({ name: '$pageview', properties: { $title: '重疾险' } });
  });

  it('refuses group calls, nameless tracks and anonymous nobodies with reasons', () => {
    const reason = (m: Mapped) => (m.ok ? 'accepted' : m.rejection.reason);
    expect(reason(mapSegmentMessage({ type: 'group', userId: 'u' }, { receivedAt }))).toBe('unknown_type');
    expect(reason(mapSegmentMessage({ type: 'track', userId: 'u' }, { receivedAt }))).toBe('missing_event_name');
    expect(reason(mapSegmentMessage({ type: 'track', event: 'x' }, { receivedAt }))).toBe('missing_identity');
    expect(reason(mapSegmentMessage({ type: 'alias', userId: 'u' }, { receivedAt }))).toBe('missing_identity');
  });
});

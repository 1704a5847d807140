import type { IdentityKind } from '@lodestar/shared';
import { identityKey, stitch, type Identity, type KnownIdentities, type StitchEvent } from './identity-stitch.plan';

const id = (kind: IdentityKind, value: string): Identity => ({ kind, value });
const track = (...identities: Identity[]): StitchEvent => ({ identities, joins: false, unbinds: [] });
const link = (...identities: Identity[]): StitchEvent => ({ identities, joins: true, unbinds: [] });

function known(customers: Record<string, Identity[]>): KnownIdentities {
  const owner = new Map<string, string>();
  const held = new Map<string, Identity[]>();
  for (const [customer, ids] of Object.entries(customers)) {
    held.set(customer, ids);
    for (const i of ids) owner.set(identityKey(i.kind, i.value), customer);
  }
  return { owner, held };
}

describe('stitch', () => {
  it('creates one customer for a new anonymous visitor, however many events they send', () => {
    const anon = [id('distinct_id', 'A'), id('anonymous_id', 'A')];
    const plan = stitch([track(...anon), track(...anon)], known({}));
    expect(plan.groups).toEqual([{ existing: [], attach: [id('distinct_id', 'A'), id('anonymous_id', 'A')] }]);
    expect(plan.eventGroup).toEqual([0, 0]);
  });

  it('resolves a known identity to its customer and attaches the new ones', () => {
    const plan = stitch([track(id('distinct_id', 'd-1'), id('openid', 'o-1'))], known({ c1: [id('distinct_id', 'd-1')] }));
    expect(plan.groups).toEqual([{ existing: ['c1'], attach: [id('openid', 'o-1')] }]);
  });

  it('merges the anonymous and the known customer on a signup', () => {
    const k = known({ anon: [id('distinct_id', 'A'), id('anonymous_id', 'A')], c1: [id('login_id', 'L'), id('external_userid', 'wm1')] });
    const plan = stitch([link(id('login_id', 'L'), id('distinct_id', 'L'), id('anonymous_id', 'A'), id('distinct_id', 'A'))], k);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.existing.sort()).toEqual(['anon', 'c1']);
    expect(plan.groups[0]!.attach).toEqual([id('distinct_id', 'L')]);
    expect(plan.conflicts).toEqual([]);
  });

  it('does not merge on a plain event that names two customers; the most trusted identity wins', () => {
    const k = known({ anon: [id('anonymous_id', 'A')], c1: [id('login_id', 'L')] });
    const plan = stitch([track(id('anonymous_id', 'A'), id('login_id', 'L'))], k);
    expect(plan.groups).toEqual([{ existing: ['c1'], attach: [] }]);
  });

  it('joins events earlier in the batch to the customer a later link names', () => {
    const k = known({ c1: [id('login_id', 'L')] });
    const anon = [id('distinct_id', 'A'), id('anonymous_id', 'A')];
    const plan = stitch([track(...anon), track(...anon), link(id('login_id', 'L'), id('anonymous_id', 'A')), track(id('login_id', 'L'))], k);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.existing).toEqual(['c1']);
    expect(plan.eventGroup).toEqual([0, 0, 0, 0]);
    expect(plan.groups[0]!.attach).toEqual(expect.arrayContaining(anon));
  });

  it('merges three customers named by one bind', () => {
    const k = known({ a: [id('openid', 'o')], b: [id('phone_hash', 'p')], c: [id('unionid', 'u')] });
    const plan = stitch([link(id('openid', 'o'), id('phone_hash', 'p'), id('unionid', 'u'))], k);
    expect(plan.groups[0]!.existing.sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses a link that would give one person two login ids, and keeps the event with the login it names', () => {
    const k = known({ x: [id('login_id', 'L1'), id('anonymous_id', 'A')] });
    const plan = stitch([link(id('login_id', 'L2'), id('anonymous_id', 'A'))], k);
    expect(plan.groups).toEqual([{ existing: [], attach: [id('login_id', 'L2')] }]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.detail).toMatch(/login_id/);
  });

  it('refuses to merge two WeCom customers with different external user ids', () => {
    const k = known({ a: [id('external_userid', 'wm1'), id('phone_hash', 'p')], b: [id('external_userid', 'wm2'), id('openid', 'o')] });
    const plan = stitch([link(id('phone_hash', 'p'), id('openid', 'o'))], k);
    expect(plan.groups).toEqual([{ existing: ['a'], attach: [] }]);
    expect(plan.conflicts[0]!.detail).toMatch(/external_userid/);
  });

  it('unbinds an identity so that a later event with it starts a new customer', () => {
    const k = known({ c1: [id('login_id', 'L'), id('anonymous_id', 'A')] });
    const plan = stitch([{ identities: [id('anonymous_id', 'A')], joins: false, unbinds: [id('anonymous_id', 'A')] }, track(id('anonymous_id', 'A'))], k);
    expect(plan.detach).toEqual([id('anonymous_id', 'A')]);
    expect(plan.eventGroup).toEqual([0, 1]);
    expect(plan.groups[1]).toEqual({ existing: [], attach: [id('anonymous_id', 'A')] });
  });

  it('gives the same plan whatever order the identities of one record come in', () => {
    const k = known({ anon: [id('anonymous_id', 'A')], c1: [id('login_id', 'L')] });
    const one = stitch([link(id('anonymous_id', 'A'), id('login_id', 'L'))], k);
    const two = stitch([link(id('login_id', 'L'), id('anonymous_id', 'A'))], k);
    expect(one.groups[0]!.existing.sort()).toEqual(two.groups[0]!.existing.sort());
  });
});

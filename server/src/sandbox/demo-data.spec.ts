import { PhoneVault } from '../customers';
import { SequentialIdGenerator } from '../platform/ids';
import { buildDemoData, type DemoOptions } from './demo-data';

const now = new Date('2026-01-05T01:00:00.000Z');
const options = (): DemoOptions => ({
  corpWecomId: 'wwsandbox0000000001',
  customers: 300,
  now,
  ids: new SequentialIdGenerator('demo'),
  staffPasswordHash: 'scrypt$stub',
  protectPhone: (phone) => new PhoneVault('phone-key', '0a'.repeat(32), () => Buffer.alloc(12)).protect(phone),
});

describe('buildDemoData', () => {
  const data = buildDemoData(options());

  it('gives the same data for the same options', () => {
    expect(buildDemoData(options())).toEqual(data);
  });

  it('builds 3 teams, each led by one of 3 team leads, with 30 active agents and some leavers', () => {
    expect(data.teams).toHaveLength(3);
    expect(data.customers).toHaveLength(300);
    const leads = data.staff.filter((s) => s.role === 'team_lead' && s.status === 'active');
    expect(leads).toHaveLength(3);
    expect(data.teams.map((t) => t.leadStaffId).sort()).toEqual(leads.map((l) => l.id).sort());
    expect(data.staff.filter((s) => s.role === 'agent' && s.status === 'active')).toHaveLength(30);
    const left = data.staff.filter((s) => s.status === 'left');
    expect(left.length).toBeGreaterThan(0);
    for (const s of left) {
      expect(s.passwordHash).toBeNull();
      expect(s.leftAt!.getTime()).toBeLessThan(now.getTime());
    }
  });

  it('gives every owned customer an external_userid identity', () => {
    const external = new Set(data.identities.filter((i) => i.kind === 'external_userid').map((i) => i.customerId));
    const owned = data.customers.filter((c) => c.ownerStaffId !== null);
    expect(owned.length).toBeGreaterThan(0);
    for (const c of owned) expect(external.has(c.id)).toBe(true);
  });

  it('keeps identity (kind, value) pairs unique', () => {
    const keys = data.identities.map((i) => `${i.kind}\u0000${i.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never dates a customer tag after now and never tags a customer twice with one tag', () => {
    expect(data.customerTags.length).toBeGreaterThan(0);
    for (const t of data.customerTags) expect(t.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
    const pairs = data.customerTags.map((t) => `${t.customerId}|${t.tagId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('includes active policies whose agent has left (orphans to reassign)', () => {
    const statusById = new Map(data.staff.map((s) => [s.id, s.status]));
    const orphans = data.policies.filter((p) => p.status === 'active' && statusById.get(p.agentStaffId ?? '') === 'left');
    expect(orphans.length).toBeGreaterThan(0);
    for (const p of data.policies) expect(statusById.has(p.agentStaffId ?? '')).toBe(true);
  });
});

describe('buildDemoData: WeChat channels', () => {
  const data = buildDemoData(options());

  it('subscribes only mini-program users, to every journey template, once per customer and template', () => {
    const mpUsers = new Set(data.identities.filter((i) => i.kind === 'openid').map((i) => i.customerId));
    const subscribed = new Set(data.subscriptionConsents.map((c) => c.customerId));
    expect(subscribed.size).toBeGreaterThan(mpUsers.size / 2);
    expect(subscribed.size).toBeLessThan(mpUsers.size);
    for (const id of subscribed) expect(mpUsers.has(id)).toBe(true);
    const pairs = data.subscriptionConsents.map((c) => `${c.customerId}|${c.templateId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(data.subscriptionConsents.map((c) => c.templateId))).toEqual(new Set(['TPL_CHECKIN_7', 'TPL_CHECKIN_REMIND', 'TPL_LOTTERY', 'TPL_TRAVEL_ACCIDENT']));
  });

  it('makes half the customers official-account followers', () => {
    const followers = data.identities.filter((i) => i.kind === 'oa_openid');
    expect(followers).toHaveLength(150);
    expect(new Set(followers.map((f) => f.customerId)).size).toBe(150);
  });
});

import { SequentialIdGenerator } from '../platform/ids';
import { buildDemoCalls, demoCallSourceName } from './demo-calls';
import { demoFixture } from './demo-fixture.spec-helper';
import { DAY_MS } from './demo-time';

const now = new Date('2026-03-31T04:00:00Z');
const data = demoFixture(2000, now);
const build = () => buildDemoCalls({ ...data, now, ids: new SequentialIdGenerator('call'), seed: 11 });
const out = build();
const byLead = <T extends { leadId: string }>(rows: readonly T[]): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.leadId, [...(m.get(r.leadId) ?? []), r]);
  return m;
};
const calls = byLead(out.calls);
const moves = byLead(out.leadMoves);

describe('the demo’s outbound calls', () => {
  it('calls a list of customers with a phone and no earlier lead, from a disabled source of its seat group whose seats are agents', () => {
    expect(out.leadSources).toEqual([expect.objectContaining({ name: demoCallSourceName, enabled: false, seatGroupId: out.seatGroups[0]!.id })]);
    const seats = new Set(out.seatGroupMembers.map((m) => m.staffId));
    const agents = new Set(data.staff.filter((s) => s.role === 'agent' && s.status === 'active').map((s) => s.id));
    expect(seats.size).toBeGreaterThan(3);
    for (const s of seats) expect(agents.has(s)).toBe(true);
    for (const k of out.calls) expect(seats.has(k.staffId)).toBe(true);
    const earlier = new Set(data.leads.map((l) => l.customerId));
    const customer = new Map(data.customers.map((c) => [c.id, c]));
    expect(out.leads.length).toBeGreaterThan(200);
    expect(new Set(out.leads.map((l) => l.customerId)).size).toBe(out.leads.length);
    for (const l of out.leads) {
      expect(earlier.has(l.customerId)).toBe(false);
      expect(customer.get(l.customerId)!.phoneCipher).not.toBeNull();
    }
  });

  it('connects 35–45% of calls', () => {
    const share = out.calls.filter((k) => k.connected).length / out.calls.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
  });

  it('closes every lead by now, each call and move in time order, as the call rules and the lead service would have', () => {
    for (const l of out.leads) {
      expect(['won', 'lost', 'rejected']).toContain(l.status);
      expect(l.openKey).toBeNull();
      expect(l.closedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - l.createdAt.getTime()).toBeLessThan(100 * DAY_MS);
      const mine = moves.get(l.id)!;
      const times = mine.map((m) => m.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(mine.slice(0, 2).map((m) => m.kind)).toEqual(['created', 'queued_for_call']);
      const made = calls.get(l.id)!;
      expect(mine.filter((m) => m.kind === 'called')).toHaveLength(made.length);
      expect(made.every((k) => k.calledAt.getTime() >= l.createdAt.getTime() && k.calledAt.getTime() <= l.closedAt!.getTime())).toBe(true);
      expect(mine[mine.length - 1]!.at).toEqual(l.closedAt);
      if (l.status === 'rejected') expect(made.map((k) => k.nextStep)).toEqual(['invalid_number']);
      if (l.status === 'won') {
        // Won: the last call reached someone interested; the agent who held it last followed it up and closed it.
        expect(made[made.length - 1]).toMatchObject({ connected: true, nextStep: 'assign' });
        const closing = mine[mine.length - 1]!;
        expect(closing).toMatchObject({ kind: 'closed', actor: l.ownerStaffId });
        expect(mine.some((m) => m.kind === 'activity' && m.actor === l.ownerStaffId)).toBe(true);
      }
      // Three unanswered calls close a lead lost (the call rules' maxUnanswered).
      if (made.length === 3 && made.every((k) => !k.connected)) expect(l).toMatchObject({ status: 'lost', outcome: '3 次未接通' });
    }
  });

  it('keeps most assignments (followed up in time) and lets about a tenth lapse to the pool', () => {
    const assigned = out.leadMoves.filter((m) => m.kind === 'assigned');
    const returned = out.leadMoves.filter((m) => m.kind === 'returned');
    expect(assigned.length).toBeGreaterThan(100);
    expect(returned.length / assigned.length).toBeGreaterThan(0.04);
    expect(returned.length / assigned.length).toBeLessThan(0.18);
    for (const r of returned) {
      const claim = moves.get(r.leadId)!.find((m) => m.kind === 'claimed')!;
      expect(claim.toStaffId).not.toBe(r.fromStaffId);
      expect(claim.at.getTime()).toBeGreaterThan(r.at.getTime());
    }
  });

  it('wins about as often as the closed-lead history (its hidden rule decides)', () => {
    const closed = out.leads.filter((l) => l.status === 'won' || l.status === 'lost');
    const won = closed.filter((l) => l.status === 'won').length / closed.length;
    expect(won).toBeGreaterThan(0.2);
    expect(won).toBeLessThan(0.5);
  });

  it('is the same every time', () => {
    expect(build()).toEqual(out);
  });
});

import type { SlaSettings } from '@lodestar/shared';
import { ManualClock } from '../platform/clock';
import { canReassign, cooldownEndsAt, slaState, type LeadReturn } from './sla.plan';

const HOUR = 3_600_000;
const assignedAt = new Date('2026-01-05T01:00:00.000Z');
const h = (hours: number): Date => new Date(assignedAt.getTime() + hours * HOUR);
const settings: SlaSettings = {
  firstTouchHours: 24,
  remindBeforeHours: 4,
  protectionHours: 72,
  extendOnActivityHours: 48,
  maxProtectionHours: 168,
  cooldownHours: 72,
};

describe('slaState', () => {
  it('walks an untouched lead from ok to remind to reclaim on a fake clock', () => {
    const clock = new ManualClock(assignedAt);
    const lead = { assignedAt, activityAt: [] };
    const seen: string[] = [];
    for (const step of [0, 19, 1, 3, 1]) {
      clock.advance(step * HOUR);
      seen.push(slaState(lead, settings, clock.now()).status);
    }
    expect(seen).toEqual(['ok', 'ok', 'remind', 'remind', 'reclaim']); // 0h, 19h, 20h, 23h, 24h
    const verdict = slaState(lead, settings, clock.now());
    expect(verdict).toMatchObject({ touched: false, deadline: h(24), remindAt: h(20), maxDeadline: h(168) });
    expect(verdict.reason).toBe('not touched within 24h of assignment (due 2026-01-06T01:00:00.000Z)');
  });

  it('keeps a touched lead for the protection period, reminding before it ends', () => {
    const lead = { assignedAt, activityAt: [h(2)] };
    expect(slaState(lead, settings, h(30))).toMatchObject({ status: 'ok', touched: true, deadline: h(72) });
    expect(slaState(lead, settings, h(68)).status).toBe('remind');
    const end = slaState(lead, settings, h(72));
    expect(end.status).toBe('reclaim');
    expect(end.reason).toBe('no activity kept the lead after 2026-01-08T01:00:00.000Z');
  });

  it('extends protection to activity + extendOnActivityHours', () => {
    const lead = { assignedAt, activityAt: [h(2), h(60)] };
    expect(slaState(lead, settings, h(80))).toMatchObject({ status: 'ok', deadline: h(108), remindAt: h(104) });
    expect(slaState(lead, settings, h(108)).status).toBe('reclaim');
  });

  it('never extends protection past the maximum, however active the agent is', () => {
    const lead = { assignedAt, activityAt: [h(1), h(50), h(90), h(130), h(160)] };
    expect(slaState(lead, settings, h(120))).toMatchObject({ status: 'ok', deadline: h(138) }); // 90 + 48
    expect(slaState(lead, settings, h(165))).toMatchObject({ status: 'remind', deadline: h(168) }); // 130 + 48, capped
    const verdict = slaState(lead, settings, h(168));
    expect(verdict).toMatchObject({ status: 'reclaim', touched: true, deadline: h(168) });
    expect(verdict.reason).toBe('protection reached its maximum of 168h at 2026-01-12T01:00:00.000Z');
  });

  it('does not let activity after the deadline bring the lead back', () => {
    const late = slaState({ assignedAt, activityAt: [h(25)] }, settings, h(26));
    expect(late).toMatchObject({ status: 'reclaim', touched: false, deadline: h(24) });
    const lapsed = slaState({ assignedAt, activityAt: [h(2), h(80)] }, settings, h(81));
    expect(lapsed).toMatchObject({ status: 'reclaim', deadline: h(72) });
  });

  it('ignores activity before the assignment (the previous owner’s) and after now, in any order', () => {
    const previousOwner = slaState({ assignedAt, activityAt: [h(-5)] }, settings, h(24));
    expect(previousOwner).toMatchObject({ status: 'reclaim', touched: false });
    const future = slaState({ assignedAt, activityAt: [h(10)] }, settings, h(5));
    expect(future).toMatchObject({ status: 'ok', touched: false, deadline: h(24) });
    const shuffled = slaState({ assignedAt, activityAt: [h(60), h(2)] }, settings, h(80));
    expect(shuffled.deadline).toEqual(h(108));
  });

  it('counts a touch at the very moment of assignment', () => {
    expect(slaState({ assignedAt, activityAt: [h(0)] }, settings, h(30))).toMatchObject({ status: 'ok', touched: true, deadline: h(72) });
  });

  it('never reminds when no reminder is set', () => {
    const { remindBeforeHours: _off, ...quiet } = settings;
    const verdict = slaState({ assignedAt, activityAt: [] }, quiet, h(23.9));
    expect(verdict).toMatchObject({ status: 'ok', remindAt: null });
    expect(slaState({ assignedAt, activityAt: [] }, quiet, h(24)).status).toBe('reclaim');
  });

  it('is pure: the activity list is not reordered', () => {
    const activityAt = [h(60), h(2)];
    slaState({ assignedAt, activityAt }, settings, h(80));
    expect(activityAt).toEqual([h(60), h(2)]);
  });
});

describe('cooldown after a lead returns to the pool', () => {
  const returnedAt = h(24);
  const returns: LeadReturn[] = [{ customerId: 'cus-1', staffId: 'agent-a', at: returnedAt }];
  const lead = { customerId: 'cus-1' };
  const at = (hours: number): Date => new Date(returnedAt.getTime() + hours * HOUR);

  it('refuses the same agent within the cooldown and allows them after it', () => {
    expect(canReassign(lead, 'agent-a', returns, at(0), settings)).toBe(false);
    expect(canReassign(lead, 'agent-a', returns, at(71.9), settings)).toBe(false);
    expect(cooldownEndsAt(lead, 'agent-a', returns, at(1), settings)).toEqual(at(72));
    expect(canReassign(lead, 'agent-a', returns, at(72), settings)).toBe(true);
    expect(cooldownEndsAt(lead, 'agent-a', returns, at(72), settings)).toBeNull();
  });

  it('does not hold back other agents or other leads', () => {
    expect(canReassign(lead, 'agent-b', returns, at(1), settings)).toBe(true);
    expect(canReassign({ customerId: 'cus-2' }, 'agent-a', returns, at(1), settings)).toBe(true);
  });

  it('counts from the latest return of the lead by that agent', () => {
    const twice = [...returns, { customerId: 'cus-1', staffId: 'agent-a', at: at(100) }];
    expect(canReassign(lead, 'agent-a', twice, at(150), settings)).toBe(false);
    expect(cooldownEndsAt(lead, 'agent-a', twice, at(150), settings)).toEqual(at(172));
  });

  it('allows an immediate return to the same agent when the cooldown is zero', () => {
    expect(canReassign(lead, 'agent-a', returns, at(0), { cooldownHours: 0 })).toBe(true);
  });
});

import { sopPlanDefinitionSchema } from '@lodestar/shared';
import { SequentialIdGenerator } from '../platform/ids';
import { localParts } from '../platform/local-calendar';
import { occurrenceKey } from '../sop';
import { demoFixture } from './demo-fixture.spec-helper';
import { buildDemoSop } from './demo-sop';

const now = new Date('2026-03-31T04:00:00Z');
const data = demoFixture(3000, now);
const build = (customers = data.customers) =>
  buildDemoSop({ corpId: data.corp.id, zone: 'Asia/Shanghai', staff: data.staff, customers, identities: data.identities, follows: data.follows, createdBy: null, now, ids: new SequentialIdGenerator('sop'), seed: 19 });
const out = build();

describe('the demo group SOP', () => {
  it('gives agents customer groups of their own customers, with member counts that agree', () => {
    expect(out.groups).toHaveLength(30);
    expect(build(data.customers.slice(0, 150)).groups).toHaveLength(6);
    const customer = new Map(data.customers.map((c) => [c.id, c]));
    for (const g of out.groups) {
      const members = out.groupMembers.filter((m) => m.groupId === g.id);
      expect(g.memberCount).toBe(members.length);
      expect(g.customerCount).toBe(members.filter((m) => m.kind === 'customer').length);
      expect(members.filter((m) => m.kind === 'staff')).toEqual([expect.objectContaining({ customerId: null, memberId: g.ownerUserId })]);
      for (const m of members.filter((x) => x.kind === 'customer')) {
        expect(customer.get(m.customerId!)!.ownerStaffId).toBe(g.ownerStaffId);
        expect(m.joinedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    }
    expect(new Set(out.groups.map((g) => g.chatId)).size).toBe(out.groups.length);
  });

  it('holds a valid group plan, paused (no new tasks for groups the sandbox’s WeCom does not know)', () => {
    expect(out.plans).toHaveLength(1);
    const plan = out.plans[0]!;
    expect(plan.status).toBe('paused');
    expect(sopPlanDefinitionSchema.parse(plan.definition)).toEqual(plan.definition);
  });

  it('has one task per group and occurrence of the weekly steps, due by now at the step’s local time, none waiting for anyone', () => {
    const keys = out.tasks.map((t) => `${t.planId}|${t.targetId}|${t.occurrence}`);
    expect(new Set(keys).size).toBe(keys.length);
    const steps = new Map(out.plans[0]!.definition.steps.map((s) => [s.id, s]));
    for (const t of out.tasks) {
      expect(t.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(t.occurrence).toBe(occurrenceKey(t.stepId, t.dueAt));
      const rule = steps.get(t.stepId)!.when;
      if (rule.kind !== 'time' || rule.rule.type !== 'weekly') throw new Error('weekly steps only');
      const local = localParts(t.dueAt, 'Asia/Shanghai');
      expect(rule.rule.weekdays).toContain(local.weekday);
      expect(local.minutes).toBe(Number(rule.rule.at.slice(0, 2)) * 60 + Number(rule.rule.at.slice(3)));
      expect(['sent', 'failed', 'skipped']).toContain(t.status);
      expect(t.status === 'sent').toBe(t.sentAt !== null);
      if (t.sentAt) {
        expect(t.sentAt.getTime()).toBeGreaterThanOrEqual(t.dueAt.getTime());
        expect(t.sentAt.getTime()).toBeLessThanOrEqual(now.getTime());
      }
      const g = out.groups.find((x) => x.id === t.targetId)!;
      expect(t).toMatchObject({ targetKind: 'groups', wecomTarget: g.chatId, ownerStaffId: g.ownerStaffId, ownerUserId: g.ownerUserId });
    }
  });

  it('completes 80–90% of the tasks due (SOP completion)', () => {
    const share = out.tasks.filter((t) => t.status === 'sent').length / out.tasks.length;
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(0.9);
  });

  it('is the same every time', () => {
    expect(build()).toEqual(out);
  });
});

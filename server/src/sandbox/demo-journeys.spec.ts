import { journeyDefinitionSchema } from '@lodestar/shared';
import { SequentialIdGenerator } from '../platform/ids';
import { demoFixture } from './demo-fixture.spec-helper';
import { buildDemoJourneys } from './demo-journeys';
import { DAY_MS } from './demo-time';

const now = new Date('2026-03-31T04:00:00Z');
const data = demoFixture(3000, now);
const build = () => buildDemoJourneys({ corpId: data.corp.id, zone: 'Asia/Shanghai', customers: data.customers, publishedBy: null, now, ids: new SequentialIdGenerator('jr'), seed: 13 });
const out = build();
const rate = (list: ReadonlyArray<{ convertedAt: Date | null }>): number => list.filter((p) => p.convertedAt).length / list.length;

describe('the demo journeys', () => {
  it('publishes valid journeys (version 1 live) that enrol by hand only, with a goal and a holdout step', () => {
    expect(out.journeys).toHaveLength(2);
    for (const j of out.journeys) {
      const def = journeyDefinitionSchema.parse(JSON.parse(j.definition));
      expect(def.trigger).toEqual({ type: 'manual' });
      expect(def.goal).toBeDefined();
      expect(def.steps.some((s) => s.type === 'holdout')).toBe(true);
      expect(out.versions.find((v) => v.id === j.liveVersionId)).toMatchObject({ journeyId: j.id, version: 1, definition: j.definition });
    }
  });

  it('leaves every position finished (nothing for the engine to wake), one per customer and journey, with the goal reached inside its window and never after now', () => {
    const keys = out.positions.map((p) => `${p.versionId}|${p.customerId}|${p.instanceKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of out.positions) {
      expect(p.wakeAt).toBeNull();
      expect(['done', 'holdout']).toContain(p.status);
      expect(p.enteredAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - p.enteredAt.getTime()).toBeLessThan(91 * DAY_MS);
      expect(p.visited.startsWith(',holdout,')).toBe(true);
      if (p.convertedAt) {
        expect(p.convertedAt.getTime()).toBeGreaterThan(p.enteredAt.getTime());
        expect(p.convertedAt.getTime()).toBeLessThanOrEqual(Math.min(p.goalUntil.getTime(), now.getTime()));
      }
    }
  });

  it('holds out about a fifth, and converts treated customers more often than held-out ones', () => {
    const held = out.positions.filter((p) => p.status === 'holdout');
    const treated = out.positions.filter((p) => p.status !== 'holdout');
    expect(held.length / out.positions.length).toBeGreaterThan(0.16);
    expect(held.length / out.positions.length).toBeLessThan(0.24);
    expect(rate(treated)).toBeGreaterThan(0.08);
    expect(rate(treated)).toBeLessThan(0.2);
    expect(rate(treated)).toBeGreaterThan(rate(held));
  });

  it('gives the agent of each treated customer one task, mostly done by now, none for held-out ones', () => {
    const treated = new Map(out.positions.filter((p) => p.status !== 'holdout').map((p) => [p.id, p]));
    expect(out.agentTasks).toHaveLength(treated.size);
    const customer = new Map(data.customers.map((c) => [c.id, c]));
    for (const t of out.agentTasks) {
      const p = treated.get(t.taskKey.split(':')[1]!)!;
      expect(t.customerId).toBe(p.customerId);
      expect(t.staffId).toBe(customer.get(t.customerId)!.ownerStaffId);
      expect(t.createdAt.getTime()).toBeGreaterThanOrEqual(p.enteredAt.getTime());
      expect(t.status === 'done').toBe(t.doneAt !== null);
      if (t.doneAt) expect(t.doneAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const done = out.agentTasks.filter((t) => t.status === 'done').length / out.agentTasks.length;
    expect(done).toBeGreaterThan(0.7);
    expect(done).toBeLessThan(0.9);
  });

  it('counts each step as the positions went through it', () => {
    for (const v of out.versions) {
      const mine = out.positions.filter((p) => p.versionId === v.id);
      const stat = (stepId: string, metric: string) => out.stepStats.find((s) => s.versionId === v.id && s.stepId === stepId && s.metric === metric)?.count ?? 0;
      expect(stat('holdout', 'entered')).toBe(mine.length);
      expect(stat('holdout', 'holdout')).toBe(mine.filter((p) => p.status === 'holdout').length);
      expect(stat('end', 'exited')).toBe(mine.filter((p) => p.status === 'done').length);
      expect(stat('holdout', 'converted')).toBe(mine.filter((p) => p.convertedAt).length);
    }
  });

  it('is the same every time', () => {
    expect(build()).toEqual(out);
  });
});

import { sopPlanDefinitionSchema, type SopPlanDefinitionInput, type SopStepInput } from '@lodestar/shared';
import { dueTasks, earlyEnd, missedStatus, SOP_REASON_MISSED_WINDOW, SOP_REASON_PLAN_SKIPS_MISSED, type SopDueTarget } from './sop-due.plan';

const d = (iso: string) => new Date(iso);
const content = { text: '本周保险小知识' };
const weeklyStep: SopStepInput = { id: 'tip', name: 'Weekly tip', when: { kind: 'time', rule: { type: 'weekly', weekdays: [1], at: '09:00' } }, content };
const dailyStep: SopStepInput = { id: 'morning', name: 'Good morning', when: { kind: 'time', rule: { type: 'daily', at: '09:00' } }, content };

const plan = (def: Partial<SopPlanDefinitionInput> = {}, publishedAt = '2026-03-01T00:00:00Z') => ({
  id: 'plan-1',
  publishedAt: d(publishedAt),
  definition: sopPlanDefinitionSchema.parse({ target: { kind: 'groups', all: true }, steps: [weeklyStep], ...def }),
});
const group = (id: string, extra: Partial<SopDueTarget> = {}): SopDueTarget => ({
  id,
  createdAt: d('2026-01-01T00:00:00Z'),
  memberCount: 40,
  tags: [],
  ownerId: `owner-${id}`,
  ...extra,
});

describe('dueTasks: a weekly plan', () => {
  it('creates exactly one task per group per week, due Monday 09:00 Shanghai', () => {
    const { tasks, ended } = dueTasks({ plan: plan(), targets: [group('g1'), group('g2')], from: d('2026-03-08T00:00:00Z'), to: d('2026-03-09T01:05:00Z'), now: d('2026-03-09T01:05:00Z') });
    expect(ended).toEqual([]);
    expect(tasks).toEqual([
      { stepId: 'tip', targetId: 'g1', ownerId: 'owner-g1', dueAt: d('2026-03-09T01:00:00Z'), key: 'tip@2026-03-09T01:00:00.000Z', status: 'pending' },
      { stepId: 'tip', targetId: 'g2', ownerId: 'owner-g2', dueAt: d('2026-03-09T01:00:00Z'), key: 'tip@2026-03-09T01:00:00.000Z', status: 'pending' },
    ]);
  });

  it('gives the same tasks whether the week is run in one window or in many small ones', () => {
    const p = plan();
    const whole = dueTasks({ plan: p, targets: [group('g1')], from: null, to: d('2026-03-29T00:00:00Z'), now: d('2026-03-01T00:00:00Z') }).tasks;
    const pieces = [];
    for (let t = d('2026-03-01T00:00:00Z').getTime(); t < d('2026-03-29T00:00:00Z').getTime(); t += 3_600_000) {
      pieces.push(...dueTasks({ plan: p, targets: [group('g1')], from: new Date(t), to: new Date(t + 3_600_000), now: new Date(t + 3_600_000) }).tasks);
    }
    expect(whole.map((x) => x.key)).toEqual(['tip@2026-03-02T01:00:00.000Z', 'tip@2026-03-09T01:00:00.000Z', 'tip@2026-03-16T01:00:00.000Z', 'tip@2026-03-23T01:00:00.000Z']);
    expect(pieces.map((x) => x.key)).toEqual(whole.map((x) => x.key));
    expect(pieces.every((x) => x.status === 'pending')).toBe(true);
  });

  it('never counts what fell due before the plan was published, whatever from says', () => {
    const tasks = dueTasks({ plan: plan({}, '2026-03-09T02:00:00Z'), targets: [group('g1')], from: d('2026-03-01T00:00:00Z'), to: d('2026-03-17T00:00:00Z'), now: d('2026-03-17T00:00:00Z') }).tasks;
    expect(tasks.map((x) => x.key)).toEqual(['tip@2026-03-16T01:00:00.000Z']);
  });

  it('gives a group created mid-window only what falls due after it was created', () => {
    const tasks = dueTasks({
      plan: plan({ steps: [dailyStep] }),
      targets: [group('old'), group('new', { createdAt: d('2026-03-10T05:00:00Z') })],
      from: d('2026-03-09T00:00:00Z'),
      to: d('2026-03-11T02:00:00Z'),
      now: d('2026-03-11T02:00:00Z'),
    }).tasks;
    expect(tasks.map((x) => `${x.targetId} ${x.key}`)).toEqual(['old morning@2026-03-09T01:00:00.000Z', 'old morning@2026-03-10T01:00:00.000Z', 'old morning@2026-03-11T01:00:00.000Z', 'new morning@2026-03-11T01:00:00.000Z']);
  });

  it('leaves event steps to the event planner', () => {
    const welcome: SopStepInput = { id: 'welcome', name: 'Welcome', when: { kind: 'event', rule: { type: 'member_joined' } }, content };
    const tasks = dueTasks({ plan: plan({ steps: [welcome, weeklyStep] }), targets: [group('g1')], from: null, to: d('2026-03-03T00:00:00Z'), now: d('2026-03-03T00:00:00Z') }).tasks;
    expect(tasks.map((x) => x.stepId)).toEqual(['tip']);
  });
});

describe('dueTasks: a window that spans a restart', () => {
  // The server stopped Monday 08:00 and came back Wednesday 12:00 (Shanghai); a daily 09:00 step fell due three times meanwhile.
  const window = { from: d('2026-03-09T00:00:00Z'), to: d('2026-03-11T04:00:00Z'), now: d('2026-03-11T04:00:00Z') };
  const statuses = (def: Partial<SopPlanDefinitionInput>) =>
    dueTasks({ plan: plan({ steps: [dailyStep], ...def }), targets: [group('g1')], ...window }).tasks.map((x) => [x.dueAt.toISOString(), x.status, x.reason ?? null]);

  it('catch_up: sends what is within catchUpHours, skips the older ones as a missed window', () => {
    expect(statuses({})).toEqual([
      ['2026-03-09T01:00:00.000Z', 'skipped', SOP_REASON_MISSED_WINDOW],
      ['2026-03-10T01:00:00.000Z', 'skipped', SOP_REASON_MISSED_WINDOW],
      ['2026-03-11T01:00:00.000Z', 'pending', null],
    ]);
    expect(statuses({ catchUpHours: 48 }).map((x) => x[1])).toEqual(['skipped', 'pending', 'pending']);
  });

  it('skip: marks everything that fell due more than 15 minutes ago skipped', () => {
    expect(statuses({ missed: 'skip' })).toEqual([
      ['2026-03-09T01:00:00.000Z', 'skipped', SOP_REASON_PLAN_SKIPS_MISSED],
      ['2026-03-10T01:00:00.000Z', 'skipped', SOP_REASON_PLAN_SKIPS_MISSED],
      ['2026-03-11T01:00:00.000Z', 'skipped', SOP_REASON_PLAN_SKIPS_MISSED],
    ]);
  });

  it('counts a run up to 15 minutes late as on time in both modes', () => {
    const settings = { missed: 'skip', catchUpHours: 24 } as const;
    expect(missedStatus(d('2026-03-11T01:00:00Z'), d('2026-03-11T01:15:00Z'), settings)).toEqual({ status: 'pending' });
    expect(missedStatus(d('2026-03-11T01:00:00Z'), d('2026-03-11T01:15:01Z'), settings)).toEqual({ status: 'skipped', reason: SOP_REASON_PLAN_SKIPS_MISSED });
    expect(missedStatus(d('2026-03-12T01:00:00Z'), d('2026-03-11T01:15:00Z'), settings)).toEqual({ status: 'pending' });
  });
});

describe('dueTasks: early end', () => {
  const window = { from: d('2026-03-01T00:00:00Z'), to: d('2026-03-31T00:00:00Z'), now: d('2026-03-01T00:00:00Z') };

  it('gives a group with the end tag, or with enough members, nothing and reports it ended', () => {
    const p = plan({ earlyEnd: { groupTag: '已成交', memberCountAtLeast: 200 } });
    const result = dueTasks({ plan: p, targets: [group('done', { tags: ['已成交'] }), group('big', { memberCount: 200 }), group('live')], ...window });
    expect(result.ended).toEqual([
      { targetId: 'done', reason: 'group_tag' },
      { targetId: 'big', reason: 'member_count' },
    ]);
    expect(new Set(result.tasks.map((x) => x.targetId))).toEqual(new Set(['live']));
  });

  it('stops afterDays after the group was created, and reports the group ended once that passed', () => {
    const p = plan({ steps: [dailyStep], earlyEnd: { afterDays: 3 } });
    const young = group('young', { createdAt: d('2026-03-01T02:00:00Z') });
    const ahead = dueTasks({ plan: p, targets: [young], ...window });
    // Created 10:00 on 1 March (Shanghai): 09:00 on the 2nd, 3rd and 4th are within three days; the 4th at 09:00 is before 10:00.
    expect(ahead.tasks.map((x) => x.dueAt.toISOString())).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z', '2026-03-04T01:00:00.000Z']);
    const later = dueTasks({ plan: p, targets: [young], from: d('2026-03-04T00:00:00Z'), to: d('2026-03-06T00:00:00Z'), now: d('2026-03-04T02:00:00Z') });
    expect(later).toEqual({ tasks: [], ended: [{ targetId: 'young', reason: 'after_days' }] });
  });

  it('ends a customer on a tag or a tracking event', () => {
    const p = plan({ target: { kind: 'customers', segmentId: 'renewals' }, earlyEnd: { customerTag: '已续保', event: 'policy_purchased' } });
    const result = dueTasks({ plan: p, targets: [group('c1', { tags: ['已续保'] }), group('c2', { events: ['page_view', 'policy_purchased'] }), group('c3', { events: ['page_view'] })], ...window });
    expect(result.ended).toEqual([
      { targetId: 'c1', reason: 'customer_tag' },
      { targetId: 'c2', reason: 'event' },
    ]);
    expect(result.tasks.every((x) => x.targetId === 'c3')).toBe(true);
  });

  it('reports ended targets even when the window is empty', () => {
    const p = plan({ earlyEnd: { groupTag: 'x' } });
    expect(dueTasks({ plan: p, targets: [group('g', { tags: ['x'] })], from: d('2026-03-05T00:00:00Z'), to: d('2026-03-05T00:00:00Z'), now: d('2026-03-05T00:00:00Z') }).ended).toEqual([
      { targetId: 'g', reason: 'group_tag' },
    ]);
  });

  it('earlyEnd without a condition never ends', () => {
    expect(earlyEnd(undefined, group('g'), d('2030-01-01T00:00:00Z'))).toEqual({ endedNow: false, endsAt: null });
  });
});

import { sopPlanDefinitionSchema, type SopPlanDefinitionInput } from '@lodestar/shared';
import { SOP_REASON_MISSED_WINDOW } from './sop-due.plan';
import { burstsDue, eventTasks, joinBursts, memberCountKey, memberCountReached, type SopEventTarget } from './sop-event.plan';

const d = (iso: string) => new Date(iso);
const at = (hhmm: string) => d(`2026-03-10T${hhmm}:00Z`);
const iso = (x: Date | undefined) => x?.toISOString();

describe('joinBursts', () => {
  // Five joins: three within minutes of each other, a pause, then two more.
  const joins = [at('10:08'), at('10:00'), at('10:03'), at('10:30'), at('10:31')];

  it('groups joins less than the debounce apart and runs each burst once, debounce after its last join', () => {
    expect(joinBursts(joins, 10)).toEqual([
      { firstJoinAt: at('10:00'), lastJoinAt: at('10:08'), joins: 3, dueAt: at('10:18') },
      { firstJoinAt: at('10:30'), lastJoinAt: at('10:31'), joins: 2, dueAt: at('10:41') },
    ]);
  });

  it('keeps a steady trickle in one burst as long as each gap is within the debounce', () => {
    const trickle = [0, 9, 18, 27, 36].map((m) => new Date(at('10:00').getTime() + m * 60_000));
    expect(joinBursts(trickle, 10)).toHaveLength(1);
    expect(joinBursts(trickle, 8)).toHaveLength(5);
  });

  it('with debounce 0, runs once per join, and once for joins at the same instant', () => {
    expect(joinBursts([at('10:00'), at('10:00'), at('10:01')], 0).map((b) => [iso(b.dueAt), b.joins])).toEqual([
      ['2026-03-10T10:00:00.000Z', 2],
      ['2026-03-10T10:01:00.000Z', 1],
    ]);
  });

  it('leaves a burst that is still open for the next run, which then runs it with the same due time', () => {
    const first = burstsDue(joins, 10, at('10:00'), at('10:35'));
    expect(first.due.map((b) => iso(b.dueAt))).toEqual(['2026-03-10T10:18:00.000Z']);
    expect(iso(first.open?.dueAt)).toBe('2026-03-10T10:41:00.000Z');
    // The next run sees only the joins of the last debounce before its window: the keys still agree.
    const second = burstsDue(joins.filter((j) => j.getTime() > at('10:25').getTime()), 10, at('10:35'), at('10:45'));
    expect(second.due.map((b) => iso(b.dueAt))).toEqual(['2026-03-10T10:41:00.000Z']);
    expect(second.open).toBeNull();
  });
});

describe('memberCountReached', () => {
  it('fires when the count crosses the mark between two observations', () => {
    expect(memberCountReached(50, 48, 50)).toBe(true);
    expect(memberCountReached(50, 49, 120)).toBe(true);
  });

  it('does not fire above, below, or without an earlier observation', () => {
    expect(memberCountReached(50, 50, 52)).toBe(false);
    expect(memberCountReached(50, 40, 49)).toBe(false);
    expect(memberCountReached(50, 60, 40)).toBe(false);
    expect(memberCountReached(50, null, 60)).toBe(false);
  });
});

describe('eventTasks', () => {
  const content = { text: '欢迎新朋友入群！' };
  const plan = (def: Partial<SopPlanDefinitionInput> = {}) => ({
    id: 'p1',
    publishedAt: d('2026-03-10T09:00:00Z'),
    definition: sopPlanDefinitionSchema.parse({
      target: { kind: 'groups', groupTags: ['新客群'] },
      steps: [
        { id: 'welcome', name: 'Welcome', when: { kind: 'event', rule: { type: 'member_joined' } }, content },
        { id: 'fifty', name: '50 members', when: { kind: 'event', rule: { type: 'member_count', reaches: 50 } }, content },
        { id: 'tip', name: 'Weekly', when: { kind: 'time', rule: { type: 'weekly', weekdays: [1], at: '09:00' } }, content },
      ],
      ...def,
    }),
  });
  const group = (extra: Partial<SopEventTarget> = {}): SopEventTarget => ({
    id: 'g1',
    createdAt: d('2026-01-01T00:00:00Z'),
    joinedAt: [at('08:55'), at('10:00'), at('10:03'), at('10:30')],
    memberCount: 51,
    previousMemberCount: 47,
    tags: ['新客群'],
    ownerId: 'u1',
    ...extra,
  });

  it('runs the welcome once per closed burst since publishing, and the member-count step once', () => {
    const { tasks, ended } = eventTasks({ plan: plan(), targets: [group()], from: at('10:00'), to: at('10:20'), now: at('10:20') });
    expect(ended).toEqual([]);
    expect(tasks).toEqual([
      { stepId: 'welcome', targetId: 'g1', ownerId: 'u1', dueAt: at('10:13'), key: 'welcome@2026-03-10T10:13:00.000Z', status: 'pending' },
      { stepId: 'fifty', targetId: 'g1', ownerId: 'u1', dueAt: at('10:20'), key: memberCountKey('fifty'), status: 'pending' },
    ]);
  });

  it('applies the missed rules to a burst that closed while the server was down', () => {
    const { tasks } = eventTasks({ plan: plan(), targets: [group({ previousMemberCount: 51 })], from: null, to: d('2026-03-11T12:00:00Z'), now: d('2026-03-11T12:00:00Z') });
    expect(tasks.map((x) => [iso(x.dueAt), x.status, x.reason])).toEqual([
      ['2026-03-10T10:13:00.000Z', 'skipped', SOP_REASON_MISSED_WINDOW],
      ['2026-03-10T10:40:00.000Z', 'skipped', SOP_REASON_MISSED_WINDOW],
    ]);
  });

  it('gives an ended group nothing', () => {
    const result = eventTasks({ plan: plan({ earlyEnd: { memberCountAtLeast: 50 } }), targets: [group()], from: at('10:00'), to: at('10:20'), now: at('10:20') });
    expect(result).toEqual({ tasks: [], ended: [{ targetId: 'g1', reason: 'member_count' }] });
  });
});

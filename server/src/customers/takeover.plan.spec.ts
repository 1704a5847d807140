import { pickTakeovers } from './takeover.plan';

describe('pickTakeovers', () => {
  it('fills the least loaded agents first and ends balanced', () => {
    const plan = pickTakeovers(
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
      [
        { staffId: 's1', userId: 'agent001', load: 10 },
        { staffId: 's2', userId: 'agent002', load: 7 },
        { staffId: 's3', userId: 'agent003', load: 8 },
      ],
    );
    const counts = new Map<string, number>();
    for (const c of plan.values()) counts.set(c.userId, (counts.get(c.userId) ?? 0) + 1);
    // 10+1, 7+3, 8+2: everyone ends at 10 or 11.
    expect(Object.fromEntries(counts)).toEqual({ agent001: 1, agent002: 3, agent003: 2 });
    expect(plan.get('c1')!.userId).toBe('agent002');
  });

  it('gives the same plan for the same input and refuses an empty pool', () => {
    const pool = [
      { staffId: 'a', userId: 'u2', load: 0 },
      { staffId: 'b', userId: 'u1', load: 0 },
    ];
    expect([...pickTakeovers(['x', 'y', 'z'], pool).values()].map((c) => c.userId)).toEqual(['u1', 'u2', 'u1']);
    expect(() => pickTakeovers(['x'], [])).toThrow('no takeover candidates');
  });
});

import { firstReaches, firstReachSql, stagesCrossed } from './stage-reach.plan';

describe('stage reach', () => {
  it('names the stages a change passes on its way up, a skipped one included', () => {
    expect(stagesCrossed('interest', 'analysis')).toEqual(['online_interaction', 'analysis']);
    expect(stagesCrossed(null, 'interest')).toEqual([]);
    expect(stagesCrossed(null, 'online_interaction')).toEqual(['online_interaction']);
    expect(stagesCrossed('purchase', 'referral')).toEqual(['referral']);
    // Going down, or staying, reaches nothing.
    expect(stagesCrossed('purchase', 'analysis')).toEqual([]);
    expect(stagesCrossed('analysis', 'analysis')).toEqual([]);
  });

  it('keeps the first instant of each stage per customer, whatever the order given', () => {
    const at = (d: string) => new Date(`2026-03-${d}T02:00:00Z`);
    const got = firstReaches([
      { customerId: 'a', from: 'analysis', to: 'purchase', at: at('20') },
      { customerId: 'a', from: 'interest', to: 'analysis', at: at('03') },
      { customerId: 'a', from: 'purchase', to: 'online_interaction', at: at('21') },
      { customerId: 'a', from: 'online_interaction', to: 'purchase', at: at('25') },
      { customerId: 'b', from: 'purchase', to: 'interest', at: at('01') },
    ]);
    expect(Object.fromEntries([...got.get('a')!].map(([s, d]) => [s, d.toISOString().slice(8, 10)]))).toEqual({
      online_interaction: '03',
      analysis: '03',
      need_clarified: '20',
      purchase: '20',
    });
    expect(got.has('b')).toBe(false);
  });

  it('writes the same rule in SQL: reaching k from below k', () => {
    const text = firstReachSql();
    expect(text.split('MIN(').length - 1).toBe(5);
    expect(text).toContain("WHEN 'referral' THEN 5 ELSE -1 END >= 2 AND (t.from_stage IS NULL OR CASE t.from_stage WHEN 'interest' THEN 0");
    expect(text).toMatch(/ELSE -1 END < 2\) THEN t\.at END\)/);
  });
});

import { decideProgress, normaliseReply, rankTalkTracks, wilsonLowerBound, type ObjectionReply } from './talk-track.plan';

const rep = (objection: string, replyText: string, agentId: string, progressed: boolean, times = 1): ObjectionReply[] =>
  Array.from({ length: times }, () => ({ objection, replyText, agentId, progressed }));

describe('normaliseReply', () => {
  it('groups replies that differ only in punctuation, emoji, spaces, numbers, case and the customer’s name', () => {
    const key = '@您好每天不到#块钱';
    expect(normaliseReply('王先生您好！每天不到10块钱😊')).toBe(key);
    expect(normaliseReply('李先生 您好,每天不到 3.5 块钱[微笑]')).toBe(key);
    expect(normaliseReply('张女士您好。每天不到１０块钱～')).toBe(key);
    expect(normaliseReply('刘总您好，每天不到1,000块钱')).toBe(key);
    expect(normaliseReply('APP 上 Check 一下')).toBe(normaliseReply('app上check一下!'));
  });

  it('keeps replies with different words apart, and 总 inside a word is not a name', () => {
    expect(normaliseReply('每天不到10块钱')).not.toBe(normaliseReply('每年不到10块钱'));
    expect(normaliseReply('保费总共3000')).toBe('保费总共#');
  });

  it('gives the empty key to a reply of only emoji and punctuation', () => {
    expect(normaliseReply('[微笑]👍！！')).toBe('');
  });
});

describe('wilsonLowerBound', () => {
  it('matches hand-computed values and is 0 without data', () => {
    expect(wilsonLowerBound(8, 10)).toBeCloseTo(0.4902, 4);
    expect(wilsonLowerBound(3, 3)).toBeCloseTo(0.4385, 4);
    expect(wilsonLowerBound(4, 4)).toBeCloseTo(0.5101, 4);
    expect(wilsonLowerBound(0, 5)).toBe(0);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });

  it('grows with the evidence at the same rate', () => {
    expect(wilsonLowerBound(80, 100)).toBeGreaterThan(wilsonLowerBound(8, 10));
    expect(wilsonLowerBound(80, 100)).toBeLessThan(0.8);
  });
});

describe('rankTalkTracks', () => {
  const replies: ObjectionReply[] = [
    // 价格: A, 10 uses, 8 progressed, 3 agents; written two ways.
    ...rep('价格', '每天不到10块钱', 'a1', true, 4),
    ...rep('价格', '每天不到10块钱', 'a2', true, 2),
    ...rep('价格', '每天不到3块钱！', 'a3', true, 2),
    ...rep('价格', '每天不到3块钱！', 'a3', false, 2),
    // B: 3 of 3, one agent: a perfect rate on little evidence.
    ...rep('价格', '这个不贵的', 'a1', true, 3),
    // C: 5 uses, none progressed.
    ...rep('价格', '那您再考虑下', 'a2', false, 5),
    // Emoji only: in the baseline, not a track.
    ...rep('价格', '[微笑]', 'a1', true),
    ...rep('价格', '[微笑]', 'a2', false),
    // E: one use, below minUses.
    ...rep('价格', '先了解一下也行', 'a4', true),
    // 信任: X 4 of 4; "嗯嗯" 0 of 6. Baseline 4/10.
    ...rep('信任', '我们是持牌公司，可以在官网查到', 'a1', true, 4),
    ...rep('信任', '嗯嗯', 'a2', false, 6),
  ];

  it('ranks by the Wilson lower bound, not the raw rate, with a baseline per objection (worked by hand)', () => {
    const [price, trust] = rankTalkTracks(replies, { minUses: 3, limit: 10 });
    // 价格: 21 replies, 8 + 3 + 0 + 1 + 1 = 13 progressed.
    expect(price!.objection).toBe('价格');
    expect(price!.replies).toBe(21);
    expect(price!.baseline).toBeCloseTo(13 / 21);
    expect(price!.tracks.map((t) => [t.key, t.uses, t.progressed, t.agents])).toEqual([
      ['每天不到#块钱', 10, 8, 3], // score 0.490
      ['这个不贵的', 3, 3, 1], // rate 1 but score 0.438
      ['那您再考虑下', 5, 0, 1], // score 0
    ]);
    expect(price!.tracks[0]).toMatchObject({ objection: '价格', example: '每天不到10块钱', rate: 0.8, beatsBaseline: false });
    expect(price!.tracks[0]!.score).toBeCloseTo(0.4902, 4);
    // 信任: 4/10 baseline; 4 of 4 has score 0.510 > 0.4.
    expect(trust).toMatchObject({ objection: '信任', replies: 10, baseline: 0.4 });
    expect(trust!.tracks[0]).toMatchObject({ key: '我们是持牌公司可以在官网查到', uses: 4, rate: 1, beatsBaseline: true });
    expect(trust!.tracks[1]).toMatchObject({ key: '嗯嗯', uses: 6, score: 0, beatsBaseline: false });
  });

  it('applies minUses and limit, and keeps an objection without tracks for its baseline', () => {
    const [price] = rankTalkTracks(replies, { minUses: 1, limit: 2 });
    expect(price!.tracks.map((t) => t.key)).toEqual(['每天不到#块钱', '这个不贵的']);
    const all = rankTalkTracks(replies, { minUses: 1, limit: 10 })[0]!;
    expect(all.tracks.map((t) => t.key)).toContain('先了解一下也行');
    expect(rankTalkTracks(replies, { minUses: 3, limit: 10 })[0]!.tracks.map((t) => t.key)).not.toContain('先了解一下也行');
    expect(rankTalkTracks(rep('已有保障', '好的', 'a1', true, 2), { minUses: 5, limit: 10 })).toEqual([{ objection: '已有保障', replies: 2, baseline: 1, tracks: [] }]);
  });

  it('breaks a score tie by uses, then by key', () => {
    const rows = [...rep('再考虑', '乙', 'a1', false, 5), ...rep('再考虑', '甲', 'a1', false, 6), ...rep('再考虑', '丙', 'a1', false, 6)];
    expect(rankTalkTracks(rows, { minUses: 1, limit: 10 })[0]!.tracks.map((t) => t.key)).toEqual(['丙', '甲', '乙']);
  });

  it('orders objections by how often they were answered and returns nothing for no replies', () => {
    const rows = [...rep('信任', 'x', 'a', true, 1), ...rep('价格', 'y', 'a', true, 2), ...rep('保障', 'z', 'a', true, 1)];
    expect(rankTalkTracks(rows, { minUses: 1, limit: 1 }).map((o) => o.objection)).toEqual(['价格', '保障', '信任']);
    expect(rankTalkTracks([], { minUses: 1, limit: 5 })).toEqual([]);
  });
});

describe('decideProgress', () => {
  const t = (min: number): Date => new Date(Date.parse('2026-03-02T02:00:00Z') + min * 60_000);
  const hour = 60 * 60_000;

  it('counts a customer turn without objection inside the window', () => {
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [{ at: t(5), objections: [] }] }, hour)).toBe(true);
  });

  it('does not count turns that only raise objections, turns after the window or at the reply itself', () => {
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [{ at: t(5), objections: ['价格'] }, { at: t(10), objections: ['信任'] }] }, hour)).toBe(false);
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [{ at: t(61), objections: [] }] }, hour)).toBe(false);
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [{ at: t(0), objections: [] }] }, hour)).toBe(false);
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [] }, hour)).toBe(false);
  });

  it('includes the last instant of the window', () => {
    expect(decideProgress({ replyAt: t(0), nextCustomerTurns: [{ at: t(60), objections: [] }] }, hour)).toBe(true);
  });

  it('counts a proposal viewed or a policy bought inside the window, not before the reply or after the window', () => {
    const quiet = { replyAt: t(0), nextCustomerTurns: [{ at: t(3), objections: ['价格'] }] };
    expect(decideProgress({ ...quiet, proposalViewedAt: t(30) }, hour)).toBe(true);
    expect(decideProgress({ ...quiet, policyBoughtAt: t(59) }, hour)).toBe(true);
    expect(decideProgress({ ...quiet, proposalViewedAt: t(-5), policyBoughtAt: t(120) }, hour)).toBe(false);
    expect(decideProgress({ ...quiet, proposalViewedAt: null, policyBoughtAt: null }, hour)).toBe(false);
  });
});

import { defaultNodeKeys, defaultSalesSops } from './default-sales-sops';
import { cueRegExp, markKeyNodes, objectionHandledTurn, pickSop, reachRates, splitConversations, type ConversationTurn, type SalesSop } from './key-node.plan';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const at = (min: number): Date => new Date(T0 + min * 60_000);
let seq = 0;
const turn = (by: ConversationTurn['by'], min: number, text: string, extra: Partial<ConversationTurn> = {}): ConversationTurn => ({
  id: `t${++seq}-${min}`,
  by,
  text,
  at: at(min),
  objections: [],
  intents: [],
  ...extra,
});
const anySop = pickSop(defaultSalesSops, 'any')!;
const keys = (nodes: ReturnType<typeof markKeyNodes>): string[] => nodes.map((n) => n.key);

describe('markKeyNodes', () => {
  const chat = [
    turn('agent', 0, '您好，我是小李。您今年多大了？家里几口人？'),
    turn('customer', 1, '32岁，三口人'),
    turn('agent', 2, '我帮您算一下保额够不够'),
    turn('customer', 3, '太贵了吧', { objections: ['价格'] }),
    turn('customer', 4, '我再考虑考虑', { objections: ['再考虑'] }),
    turn('agent', 5, '每天不到10块钱，换50万的保障'),
    turn('customer', 6, '那你发我计划书看看', { intents: ['asks_proposal'] }),
    turn('agent', 7, '好的，计划书已经发您了，请查收'),
    turn('customer', 9, '好的，怎么下单？'),
  ];

  it('marks every node of a full sales conversation once, at its first reaching turn, in SOP order', () => {
    expect(markKeyNodes(chat, anySop)).toEqual([
      { key: 'needs_probing', name: '需求挖掘', turnId: chat[0]!.id, at: at(0) },
      { key: 'coverage_gap', name: '保障缺口测评', turnId: chat[2]!.id, at: at(2) },
      { key: 'proposal_presented', name: '方案呈现', turnId: chat[7]!.id, at: at(7) },
      { key: 'objection_handled', name: '异议处理', turnId: chat[6]!.id, at: at(6) },
      { key: 'closing', name: '促成投保', turnId: chat[8]!.id, at: at(9) },
    ]);
  });

  it('looks for cues only in the turns of the node’s speaker', () => {
    const nodes = markKeyNodes([turn('customer', 0, '你们要求有没有社保吗？收入多少能买？'), turn('agent', 1, '都可以的'), turn('customer', 2, '那我怎么付款')], anySop);
    // needs_probing is the agent's; closing is either's, so the customer's 付款 counts.
    expect(nodes.map((n) => [n.key, n.turnId])).toEqual([['closing', expect.stringMatching(/-2$/)]]);
  });

  it('returns nothing for an empty conversation or one without cues and signals', () => {
    expect(markKeyNodes([], anySop)).toEqual([]);
    expect(markKeyNodes([turn('agent', 0, '早上好'), turn('customer', 1, '早')], anySop)).toEqual([]);
  });

  it('reaches a node by an outside signal earlier than any cue, with no turn', () => {
    const turns = [turn('agent', 0, '您好'), turn('customer', 1, '嗯'), turn('agent', 30, '这份计划书您看下')];
    expect(markKeyNodes(turns, anySop, { proposalViewed: at(10) })).toEqual([{ key: 'proposal_presented', name: '方案呈现', turnId: null, at: at(10) }]);
    // A signal after the last turn still counts (viewed the next morning).
    expect(markKeyNodes(turns.slice(0, 2), anySop, { proposalShared: at(600) })).toEqual([{ key: 'proposal_presented', name: '方案呈现', turnId: null, at: at(600) }]);
  });

  it('ignores an outside signal from before the conversation, and prefers the turn on a tie', () => {
    const turns = [turn('agent', 5, '计划书发您了')];
    expect(markKeyNodes(turns, anySop, { proposalShared: at(4) })[0]).toMatchObject({ turnId: turns[0]!.id, at: at(5) });
    expect(markKeyNodes([turn('agent', 5, '您好')], anySop, { proposalShared: at(4) })).toEqual([]);
    expect(markKeyNodes(turns, anySop, { proposalShared: at(5) })[0]!.turnId).toBe(turns[0]!.id);
  });

  it('reaches closing by the ready_to_buy intent even without a closing word', () => {
    const turns = [turn('customer', 0, '行，就这个吧', { intents: ['ready_to_buy'] })];
    expect(keys(markKeyNodes(turns, anySop))).toEqual(['closing']);
  });

  it('counts a node only once even when the SOP lists its key twice', () => {
    const sop: SalesSop = { productLine: 'any', nodes: [anySop.nodes[0]!, { ...anySop.nodes[0]!, cues: ['您好'] }] };
    expect(markKeyNodes([turn('agent', 0, '您好'), turn('agent', 1, '您家里几口人？')], sop)).toEqual([
      { key: 'needs_probing', name: '需求挖掘', turnId: expect.stringMatching(/-1$/), at: at(1) },
    ]);
  });

  it('uses the line’s own cues', () => {
    const turns = [turn('agent', 0, '您手上有没有闲钱放着？')];
    expect(keys(markKeyNodes(turns, pickSop(defaultSalesSops, 'annuity')!))).toEqual(['needs_probing']);
    expect(markKeyNodes(turns, anySop)).toEqual([]);
  });
});

describe('objectionHandledTurn', () => {
  const obj = (min: number): ConversationTurn => turn('customer', min, '太贵了', { objections: ['价格'] });

  it('needs an objection, then an agent reply, then a customer turn without objection', () => {
    const done = turn('customer', 3, '那发我看看');
    expect(objectionHandledTurn([obj(0), turn('agent', 1, '其实不贵'), done])).toBe(done);
  });

  it('is not reached when the customer leaves after the reply, or goes on without a reply', () => {
    expect(objectionHandledTurn([obj(0), turn('agent', 1, '其实不贵')])).toBeNull();
    expect(objectionHandledTurn([obj(0), turn('customer', 1, '我问问家里人')])).toBeNull();
    expect(objectionHandledTurn([turn('agent', 0, '您好'), turn('customer', 1, '你好')])).toBeNull();
  });

  it('restarts when the customer answers the reply with another objection', () => {
    const turns = [obj(0), turn('agent', 1, '其实不贵'), turn('customer', 2, '我不太信任网上买', { objections: ['信任'] })];
    expect(objectionHandledTurn(turns)).toBeNull();
    const done = turn('customer', 4, '哦，原来是这样');
    expect(objectionHandledTurn([...turns, turn('agent', 3, '我们是持牌公司'), done])).toBe(done);
  });
});

describe('cueRegExp', () => {
  it('matches literally, on NFKC text, ignoring Latin case, with * spanning up to 6 characters of one clause', () => {
    const re = cueRegExp('收入*多少')!;
    expect(re.test('您收入大概多少呢')).toBe(true);
    expect(re.test('您收入多少')).toBe(true);
    expect(re.test('收入情况，我们再说多少')).toBe(false);
    expect(re.test('收入一二三四五六七多少')).toBe(false);
    expect(cueRegExp('ＡＰＰ下单')!.test('在app下单')).toBe(true);
    expect(cueRegExp('3-5年(收入)')!.test('3-5年(收入)')).toBe(true);
  });

  it('ignores an empty cue and one of only wildcards', () => {
    expect(cueRegExp('')).toBeNull();
    expect(cueRegExp(' * ')).toBeNull();
    expect(markKeyNodes([turn('agent', 0, '任何话')], { productLine: 'any', nodes: [{ key: 'k', name: 'k', by: 'either', cues: ['', '*'] }] })).toEqual([]);
  });
});

describe('pickSop and defaultSalesSops', () => {
  it('picks the line’s SOP, else the any SOP, else none', () => {
    expect(pickSop(defaultSalesSops, 'medical')!.productLine).toBe('medical');
    expect(pickSop(defaultSalesSops, 'life')!.productLine).toBe('any');
    expect(pickSop(defaultSalesSops, null)!.productLine).toBe('any');
    expect(pickSop(defaultSalesSops.filter((s) => s.productLine !== 'any'), 'life')).toBeNull();
  });

  it('defines any, critical_illness, medical and annuity, each with the five nodes in order', () => {
    expect(defaultSalesSops.map((s) => s.productLine)).toEqual(['any', 'critical_illness', 'medical', 'annuity']);
    for (const s of defaultSalesSops) expect(s.nodes.map((n) => n.key)).toEqual([...defaultNodeKeys]);
  });
});

describe('splitConversations', () => {
  it('starts a new conversation after a silence longer than the gap, not one equal to it', () => {
    const a = turn('agent', 0, 'a');
    const b = turn('customer', 60, 'b'); // exactly 60 min later: same conversation
    const c = turn('agent', 121, 'c'); // 61 min later: new conversation
    const d = turn('customer', 122, 'd');
    expect(splitConversations([a, b, c, d], 60 * 60_000)).toEqual([[a, b], [c, d]]);
  });

  it('sorts a copy by time, keeping the order of equal times', () => {
    const a = turn('agent', 10, 'a');
    const b = turn('customer', 0, 'b');
    const c = turn('customer', 10, 'c');
    const input = [a, b, c];
    expect(splitConversations(input, 5 * 60_000)).toEqual([[b], [a, c]]);
    expect(input).toEqual([a, b, c]);
    expect(splitConversations([], 1000)).toEqual([]);
  });
});

describe('reachRates', () => {
  it('computes reach per agent, per team and overall (worked by hand)', () => {
    const rows = [
      { agentId: 'a1', teamId: 't1', nodes: ['needs', 'gap', 'proposal'] },
      { agentId: 'a1', teamId: 't1', nodes: ['needs'] },
      { agentId: 'a2', teamId: 't1', nodes: ['needs', 'gap', 'proposal', 'needs'] },
      { agentId: 'a3', teamId: null, nodes: ['gap', 'not-a-node'] },
    ];
    const r = reachRates(rows, ['needs', 'gap', 'proposal']);
    // a1: 2 conversations; needs 2/2, gap 1/2, proposal 1/2; one reaches all three: 1/2.
    expect(r.agents[0]).toEqual({ agentId: 'a1', conversations: 2, reached: { needs: 2, gap: 1, proposal: 1 }, rate: { needs: 1, gap: 0.5, proposal: 0.5 }, fullReached: 1, fullReach: 0.5 });
    // a2: the repeated key counts once.
    expect(r.agents[1]).toEqual({ agentId: 'a2', conversations: 1, reached: { needs: 1, gap: 1, proposal: 1 }, rate: { needs: 1, gap: 1, proposal: 1 }, fullReached: 1, fullReach: 1 });
    expect(r.agents[2]).toEqual({ agentId: 'a3', conversations: 1, reached: { needs: 0, gap: 1, proposal: 0 }, rate: { needs: 0, gap: 1, proposal: 0 }, fullReached: 0, fullReach: 0 });
    // t1: a1 + a2 = 3 conversations; needs 3, gap 2, proposal 2; full 2. a3 has no team.
    expect(r.teams).toHaveLength(1);
    expect(r.teams[0]).toMatchObject({ teamId: 't1', conversations: 3, reached: { needs: 3, gap: 2, proposal: 2 }, fullReached: 2 });
    expect(r.teams[0]!.rate.gap).toBeCloseTo(2 / 3);
    expect(r.teams[0]!.fullReach).toBeCloseTo(2 / 3);
    // overall: 4 conversations; needs 3, gap 3, proposal 2; full 2.
    expect(r.overall).toEqual({ conversations: 4, reached: { needs: 3, gap: 3, proposal: 2 }, rate: { needs: 0.75, gap: 0.75, proposal: 0.5 }, fullReached: 2, fullReach: 0.5 });
  });

  it('sorts agents and teams by id and gives zeros, not NaN, when there is nothing to count', () => {
    const r = reachRates(
      [
        { agentId: 'b', teamId: 'y', nodes: [] },
        { agentId: 'a', teamId: 'x', nodes: [] },
      ],
      [],
    );
    expect(r.agents.map((a) => a.agentId)).toEqual(['a', 'b']);
    expect(r.teams.map((t) => t.teamId)).toEqual(['x', 'y']);
    expect(r.overall).toEqual({ conversations: 2, reached: {}, rate: {}, fullReached: 0, fullReach: 0 });
    expect(reachRates([], ['needs']).overall).toEqual({ conversations: 0, reached: { needs: 0 }, rate: { needs: 0 }, fullReached: 0, fullReach: 0 });
  });
});

import type { AssignmentRule, AssignmentStrategy, WorkingHours } from '@lodestar/shared';
import {
  emptyAssignmentState,
  matchRule,
  pickAgent,
  type AssignableLead,
  type AssignmentCandidate,
  type AssignmentState,
} from './assignment.plan';

const now = new Date('2026-01-05T02:00:00.000Z'); // Monday 10:00 in Shanghai, Sunday 21:00 in New York
const HOUR = 3_600_000;
const options = { cooldownHours: 72 };

const lead = (over: Partial<AssignableLead> = {}): AssignableLead => ({
  customerId: 'cus-1',
  productLines: ['medical'],
  grade: 'B',
  score: 40,
  source: 'miniprogram',
  orphanPolicy: false,
  teamId: null,
  ...over,
});

const rule = (over: Partial<AssignmentRule> = {}): AssignmentRule => ({
  id: 'r1',
  name: 'Rule',
  when: {},
  strategy: { type: 'round_robin' },
  pool: {},
  respectWorkingHours: false,
  ...over,
});

const agent = (id: string, over: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  id,
  name: id,
  teamId: 't-new',
  teamName: '新单组',
  seniority: 'intermediate',
  skills: [],
  status: 'active',
  openLeads: 0,
  ...over,
});

const shanghaiOffice: WorkingHours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const newYorkOffice: WorkingHours = { timezone: 'America/New_York', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };

/** Picks `n` leads in a row under one rule, threading the state through. */
function sequence(r: AssignmentRule, candidates: AssignmentCandidate[], n: number, state: AssignmentState = emptyAssignmentState): { picks: Array<string | null>; state: AssignmentState } {
  const picks: Array<string | null> = [];
  for (let i = 0; i < n; i++) {
    const result = pickAgent(r, lead({ customerId: `cus-${i}` }), candidates, state, now, options);
    picks.push(result.staffId);
    state = result.state;
  }
  return { picks, state };
}

/** Freezes an object and everything in it, so a mutation throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('matchRule', () => {
  const rules: AssignmentRule[] = [
    rule({ id: 'orphan', name: 'Orphan policies', when: { orphanPolicy: true }, pool: { teamIds: ['t-renew'] } }),
    rule({ id: 'vip', name: 'Hot high-value', when: { productLines: ['critical_illness', 'annuity'], grades: ['A'] } }),
    rule({ id: 'scored', name: 'Scored from live', when: { sources: ['live'], minScore: 60 } }),
    rule({ id: 'team', name: 'Renewal team leads', when: { teamIds: ['t-renew'] } }),
    rule({ id: 'all', name: 'Everyone else' }),
  ];

  it('takes the first rule that holds, even when later ones hold too', () => {
    expect(matchRule(rules, lead({ orphanPolicy: true, productLines: ['annuity'], grade: 'A' })).id).toBe('orphan');
    expect(matchRule(rules, lead({ productLines: ['medical', 'annuity'], grade: 'A', teamId: 't-renew' })).id).toBe('vip');
  });

  it('needs every condition of a rule, any value of each list', () => {
    expect(matchRule(rules, lead({ productLines: ['annuity'], grade: 'B' })).id).toBe('all');
    expect(matchRule(rules, lead({ productLines: ['critical_illness'], grade: null })).id).toBe('all');
    expect(matchRule(rules, lead({ source: 'live', score: 60 })).id).toBe('scored');
    expect(matchRule(rules, lead({ source: 'live', score: 59 })).id).toBe('all');
    expect(matchRule(rules, lead({ source: 'live', score: null })).id).toBe('all');
    expect(matchRule(rules, lead({ source: null, score: 90 })).id).toBe('all');
    expect(matchRule(rules, lead({ teamId: 't-renew' })).id).toBe('team');
    expect(matchRule(rules, lead({ teamId: null })).id).toBe('all');
  });

  it('matches orphanPolicy: false only for leads without an orphan policy', () => {
    const noOrphans = [rule({ id: 'fresh', when: { orphanPolicy: false } }), rule({ id: 'all' })];
    expect(matchRule(noOrphans, lead({ orphanPolicy: false })).id).toBe('fresh');
    expect(matchRule(noOrphans, lead({ orphanPolicy: true })).id).toBe('all');
  });

  it('refuses a rule list without a catch-all when nothing matches', () => {
    expect(() => matchRule([rules[0]!], lead())).toThrow('catch-all');
  });
});

describe('pickAgent: round robin', () => {
  const team = [agent('a3'), agent('a1'), agent('a2')];

  it('takes agents in turn in id order, whatever order they come in, and wraps around', () => {
    const { picks, state } = sequence(rule(), team, 5);
    expect(picks).toEqual(['a1', 'a2', 'a3', 'a1', 'a2']);
    expect(state.cursors).toEqual({ r1: 'a2' });
    expect(sequence(rule(), [...team].reverse(), 5).picks).toEqual(picks);
  });

  it('skips agents who cannot take the lead without giving them a turn later', () => {
    const withOffDuty = [agent('a1'), agent('a2', { workingHours: newYorkOffice }), agent('a3')];
    const { picks } = sequence(rule({ respectWorkingHours: true }), withOffDuty, 4);
    expect(picks).toEqual(['a1', 'a3', 'a1', 'a3']);
  });

  it('carries on after the last agent picked even when that agent has since gone', () => {
    const state: AssignmentState = { ...emptyAssignmentState, cursors: { r1: 'a15' } };
    const result = pickAgent(rule(), lead(), team, state, now, options);
    expect(result.staffId).toBe('a2');
    expect(result.reason).toBe("Rule: round robin in 新单组: a2's turn (2 of 3 eligible)");
  });

  it('keeps a cursor per rule', () => {
    const state: AssignmentState = { ...emptyAssignmentState, cursors: { other: 'a1' } };
    const result = pickAgent(rule(), lead(), team, state, now, options);
    expect(result.staffId).toBe('a1');
    expect(result.state.cursors).toEqual({ other: 'a1', r1: 'a1' });
  });

  it('does not mutate the state or the candidates it was given', () => {
    const state = deepFreeze<AssignmentState>({ cursors: { r1: 'a1' }, currentWeights: { r1: { a1: 1 } }, returns: [] });
    const frozen = deepFreeze(team.map((c) => ({ ...c })));
    expect(() => pickAgent(rule(), lead(), frozen, state, now, options)).not.toThrow();
    expect(() => pickAgent(rule({ strategy: { type: 'weighted', weights: {} } }), lead(), frozen, state, now, options)).not.toThrow();
    expect(state.cursors).toEqual({ r1: 'a1' });
  });
});

describe('pickAgent: weighted', () => {
  const weighted = (weights: Record<string, number>): AssignmentRule => rule({ strategy: { type: 'weighted', weights } });

  it('spreads leads by weight, smoothly and deterministically (3:1 gives a a b a, repeating)', () => {
    const run = sequence(weighted({ a: 3, b: 1 }), [agent('a'), agent('b')], 8);
    expect(run.picks).toEqual(['a', 'a', 'b', 'a', 'a', 'a', 'b', 'a']);
    expect(sequence(weighted({ a: 3, b: 1 }), [agent('b'), agent('a')], 8).picks).toEqual(run.picks);
  });

  it('keeps exact proportions over a full cycle (5:3:2 over 20 leads)', () => {
    const { picks } = sequence(weighted({ a: 5, b: 3, c: 2 }), [agent('a'), agent('b'), agent('c')], 20);
    expect(picks.filter((p) => p === 'a')).toHaveLength(10);
    expect(picks.filter((p) => p === 'b')).toHaveLength(6);
    expect(picks.filter((p) => p === 'c')).toHaveLength(4);
    // smooth: the heaviest never gets more than two in a row here
    expect(picks.join('')).not.toContain('aaa');
  });

  it('uses the agent’s own weight when the rule does not list them, 1 otherwise, and never picks weight 0', () => {
    const { picks } = sequence(weighted({ z: 0 }), [agent('x', { weight: 2 }), agent('y'), agent('z', { weight: 5 })], 6);
    expect(picks).toEqual(['x', 'y', 'x', 'x', 'y', 'x']);
  });

  it('explains the choice and says so when every eligible agent weighs 0', () => {
    const first = pickAgent(weighted({ a: 3, b: 1 }), lead(), [agent('a'), agent('b')], emptyAssignmentState, now, options);
    expect(first.reason).toBe('Rule: weighted in 新单组: a has weight 3 of 4');
    const none = pickAgent(weighted({ a: 0, b: 0 }), lead(), [agent('a'), agent('b')], emptyAssignmentState, now, options);
    expect(none).toMatchObject({ staffId: null, reason: 'Rule: nobody eligible in the pool has a weight above 0', state: emptyAssignmentState });
  });
});

describe('pickAgent: least loaded', () => {
  const leastLoaded = (capacity: number): AssignmentRule =>
    rule({ name: '续期', strategy: { type: 'least_loaded', capacity }, pool: { teamIds: ['t-renew'] } });
  const renew = (id: string, openLeads: number, over: Partial<AssignmentCandidate> = {}): AssignmentCandidate =>
    agent(id, { teamId: 't-renew', teamName: '续期组', openLeads, ...over });

  it('picks the agent with the fewest open leads and says how many of how many', () => {
    const result = pickAgent(leastLoaded(20), lead(), [renew('a1', 7), renew('a2', 3), renew('a3', 9)], emptyAssignmentState, now, options);
    expect(result.staffId).toBe('a2');
    expect(result.reason).toBe('续期: least loaded in 续期组: 3 open of 20');
    expect(result.state).toBe(emptyAssignmentState);
  });

  it('breaks ties by id', () => {
    expect(pickAgent(leastLoaded(20), lead(), [renew('b', 2), renew('c', 2), renew('a', 4)], emptyAssignmentState, now, options).staffId).toBe('b');
  });

  it('skips agents at the rule’s cap and honours an agent’s own cap over it', () => {
    const team = [renew('a1', 20), renew('a2', 8, { capacity: 8 }), renew('a3', 12, { capacity: 30 })];
    const result = pickAgent(leastLoaded(20), lead(), team, emptyAssignmentState, now, options);
    expect(result.staffId).toBe('a3');
    expect(result.reason).toBe('续期: least loaded in 续期组: 12 open of 30');
  });

  it('leaves the lead in the pool when everyone is full', () => {
    const result = pickAgent(leastLoaded(5), lead(), [renew('a1', 5), renew('a2', 6)], emptyAssignmentState, now, options);
    expect(result.staffId).toBeNull();
    expect(result.reason).toBe('续期: everyone eligible in 续期组 is at capacity (5 open leads unless capped otherwise)');
  });

  it('sends orphan policies to the rule’s team even when another team is less loaded', () => {
    const orphan = rule({ name: 'Orphans', when: { orphanPolicy: true }, strategy: { type: 'least_loaded', capacity: 50 }, pool: { teamIds: ['t-renew'] } });
    const result = pickAgent(orphan, lead({ orphanPolicy: true }), [agent('n1', { openLeads: 0 }), renew('r1', 10), renew('r2', 4)], emptyAssignmentState, now, options);
    expect(result.staffId).toBe('r2');
    expect(result.excluded).toEqual([{ staffId: 'n1', why: 'outside the pool' }]);
  });
});

describe('pickAgent: skill and seniority', () => {
  const skill = (over: Partial<Extract<AssignmentStrategy, { type: 'skill' }>> = {}): AssignmentRule =>
    rule({ name: 'Skill', strategy: { type: 'skill', skills: ['critical_illness'], among: 'least_loaded', fallback: 'none', ...over } });
  const team = [
    agent('j1', { seniority: 'junior', skills: ['critical_illness'], openLeads: 0 }),
    agent('i1', { seniority: 'intermediate', skills: ['critical_illness', 'annuity'], openLeads: 1 }),
    agent('s1', { seniority: 'senior', skills: ['critical_illness'], openLeads: 6 }),
    agent('e1', { seniority: 'expert', skills: ['critical_illness', 'annuity'], openLeads: 4 }),
    agent('x1', { seniority: 'expert', skills: ['medical'], openLeads: 0 }),
  ];

  it('sends high-value lines to senior agents or above by default', () => {
    const result = pickAgent(skill(), lead({ productLines: ['critical_illness'] }), team, emptyAssignmentState, now, options);
    expect(result.staffId).toBe('e1');
    expect(result.reason).toBe('Skill: has critical_illness at senior+ (high-value line); least loaded in 新单组: 4 open');
  });

  it('lets any agent with the skills take other lines', () => {
    expect(pickAgent(skill(), lead({ productLines: ['medical'] }), team, emptyAssignmentState, now, options).staffId).toBe('j1');
  });

  it('uses the rule’s own minimum seniority over the high-value default', () => {
    const result = pickAgent(skill({ skills: ['annuity'], minSeniority: 'intermediate' }), lead({ productLines: ['annuity'] }), team, emptyAssignmentState, now, options);
    expect(result.staffId).toBe('i1');
  });

  it('requires every listed skill', () => {
    const result = pickAgent(skill({ skills: ['critical_illness', 'annuity'] }), lead({ productLines: ['medical'] }), team, emptyAssignmentState, now, options);
    expect(result.staffId).toBe('i1');
  });

  it('can take the qualified in turn', () => {
    const { picks } = sequence(skill({ among: 'round_robin' }), team, 3);
    expect(picks).toEqual(['e1', 'i1', 'j1']);
  });

  it('leaves the lead unassigned when nobody qualifies, saying what was needed', () => {
    const juniors = team.filter((c) => c.seniority !== 'senior' && c.seniority !== 'expert');
    const result = pickAgent(skill(), lead({ productLines: ['annuity'] }), juniors, emptyAssignmentState, now, options);
    expect(result).toMatchObject({ staffId: null, reason: 'Skill: nobody eligible in the pool has critical_illness at senior+ (high-value line)' });
  });

  it('falls back to the least loaded of the pool when told to', () => {
    const juniors = [agent('j1', { seniority: 'junior', openLeads: 3 }), agent('j2', { seniority: 'junior', openLeads: 1 })];
    const result = pickAgent(skill({ fallback: 'pool' }), lead({ productLines: ['annuity'] }), juniors, emptyAssignmentState, now, options);
    expect(result.staffId).toBe('j2');
    expect(result.reason).toBe('Skill: nobody has critical_illness at senior+ (high-value line); fell back to least loaded in 新单组: 1 open');
  });

  it('respects caps among the qualified', () => {
    const capped = [agent('s1', { seniority: 'senior', skills: ['critical_illness'], openLeads: 10 }), agent('s2', { seniority: 'expert', skills: ['critical_illness'], openLeads: 12 })];
    const result = pickAgent(skill({ capacity: 10 }), lead({ productLines: ['critical_illness'] }), capped, emptyAssignmentState, now, options);
    expect(result).toMatchObject({ staffId: null, reason: 'Skill: everyone in the pool with critical_illness at senior+ (high-value line) is at capacity' });
  });
});

describe('pickAgent: who is never eligible', () => {
  it('never picks an agent who left, even the least loaded', () => {
    const result = pickAgent(rule({ strategy: { type: 'least_loaded', capacity: 10 } }), lead(), [agent('a1', { status: 'left', openLeads: 0 }), agent('a2', { openLeads: 9 })], emptyAssignmentState, now, options);
    expect(result.staffId).toBe('a2');
    expect(result.excluded).toEqual([{ staffId: 'a1', why: 'left' }]);
  });

  it('narrows the pool by team or staff id, seniority and skills', () => {
    const r = rule({ pool: { teamIds: ['t-renew'], staffIds: ['n2'], minSeniority: 'senior', skills: ['claims'] } });
    const candidates = [
      agent('n1', { seniority: 'expert', skills: ['claims'] }),
      agent('n2', { seniority: 'expert', skills: ['claims'] }),
      agent('r1', { teamId: 't-renew', seniority: 'intermediate', skills: ['claims'] }),
      agent('r2', { teamId: 't-renew', seniority: 'senior', skills: [] }),
      agent('r3', { teamId: 't-renew', seniority: 'senior', skills: ['claims', 'annuity'] }),
    ];
    const { picks } = sequence(r, candidates, 3);
    expect(picks).toEqual(['n2', 'r3', 'n2']);
    expect(pickAgent(r, lead(), candidates, emptyAssignmentState, now, options).excluded).toEqual([
      { staffId: 'n1', why: 'outside the pool' },
      { staffId: 'r1', why: 'below senior' },
      { staffId: 'r2', why: 'lacks claims' },
    ]);
  });

  it('respects working hours in each agent’s zone only when the rule says so', () => {
    const candidates = [agent('ny', { workingHours: newYorkOffice }), agent('sh', { workingHours: shanghaiOffice, openLeads: 5 })];
    const strict = rule({ strategy: { type: 'least_loaded', capacity: 10 }, respectWorkingHours: true });
    expect(pickAgent(strict, lead(), candidates, emptyAssignmentState, now, options).staffId).toBe('sh');
    const nyMorning = new Date('2026-01-05T15:00:00.000Z'); // Mon 10:00 New York, Mon 23:00 Shanghai
    expect(pickAgent(strict, lead(), candidates, emptyAssignmentState, nyMorning, options).staffId).toBe('ny');
    const lax = { ...strict, respectWorkingHours: false };
    expect(pickAgent(lax, lead(), candidates, emptyAssignmentState, now, options).staffId).toBe('ny');
  });

  it('picks an agent on a night shift that started the day before', () => {
    const night: WorkingHours = { timezone: 'Asia/Shanghai', days: [7], from: '22:00', to: '08:00' };
    const candidates = [agent('day', { workingHours: shanghaiOffice }), agent('night', { workingHours: night })];
    const mondayDawn = new Date('2026-01-04T22:30:00.000Z'); // Mon 06:30 Shanghai
    expect(pickAgent(rule({ respectWorkingHours: true }), lead(), candidates, emptyAssignmentState, mondayDawn, options).staffId).toBe('night');
  });

  it('does not give a returned lead back to the same agent within the cooldown, and does after it', () => {
    const r = rule({ strategy: { type: 'least_loaded', capacity: 10 } });
    const candidates = [agent('a1', { openLeads: 0 }), agent('a2', { openLeads: 5 })];
    const state: AssignmentState = { ...emptyAssignmentState, returns: [{ customerId: 'cus-1', staffId: 'a1', at: new Date(now.getTime() - 10 * HOUR) }] };
    const during = pickAgent(r, lead(), candidates, state, now, options);
    expect(during.staffId).toBe('a2');
    expect(during.excluded).toEqual([{ staffId: 'a1', why: 'lost this lead recently (cooldown until 2026-01-07T16:00:00.000Z)' }]);
    expect(pickAgent(r, lead({ customerId: 'cus-2' }), candidates, state, now, options).staffId).toBe('a1');
    expect(pickAgent(r, lead(), candidates, state, new Date(now.getTime() + 62 * HOUR), options).staffId).toBe('a1');
  });

  it('says why nobody could take the lead, counting each kind of reason', () => {
    const r = rule({ name: 'Renewals', pool: { teamIds: ['t-renew'] }, respectWorkingHours: true });
    const renew = (id: string, over: Partial<AssignmentCandidate>): AssignmentCandidate => agent(id, { teamId: 't-renew', teamName: '续期组', ...over });
    const candidates = [
      renew('r1', { status: 'left' }),
      renew('r2', { status: 'left' }),
      renew('r3', { workingHours: newYorkOffice }),
      renew('r4', { capacity: 3, openLeads: 3 }),
      renew('r5', {}),
      agent('n1', {}),
    ];
    const state: AssignmentState = { ...emptyAssignmentState, returns: [{ customerId: 'cus-1', staffId: 'r5', at: now }] };
    const result = pickAgent(r, lead(), candidates, state, now, options);
    expect(result.staffId).toBeNull();
    expect(result.reason).toBe('Renewals: nobody eligible in 续期组: 2 left, 1 off duty, 1 at capacity, 1 lost this lead recently');
    expect(result.state).toBe(state);
  });

  it('says so when the pool has nobody at all', () => {
    const r = rule({ name: 'Renewals', pool: { teamIds: ['t-renew'] } });
    expect(pickAgent(r, lead(), [agent('n1')], emptyAssignmentState, now, options).reason).toBe('Renewals: nobody in t-renew');
    expect(pickAgent(r, lead(), [], emptyAssignmentState, now, options)).toMatchObject({ staffId: null, reason: 'Renewals: nobody in t-renew' });
  });

  it('gives the same answer for the same inputs', () => {
    const r = rule({ strategy: { type: 'weighted', weights: { a: 2, b: 2, c: 1 } } });
    const candidates = [agent('c'), agent('a'), agent('b')];
    expect(sequence(r, candidates, 10)).toEqual(sequence(r, [...candidates].reverse(), 10));
  });
});

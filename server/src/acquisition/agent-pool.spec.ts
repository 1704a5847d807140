import { nextAgent } from './agent-pool';

describe('agent pool', () => {
  it('walks the pool in order for round robin, wrapping around', () => {
    const pool = ['a', 'b', 'c'];
    expect([0, 1, 2, 3, 4].map((n) => nextAgent(pool, 'round_robin', n, new Map()))).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('picks the agent with the fewest active customers, ties in pool order, unknown as zero', () => {
    expect(nextAgent(['a', 'b', 'c'], 'least_loaded', 0, new Map([['a', 5], ['b', 2], ['c', 2]]))).toBe('b');
    expect(nextAgent(['a', 'b'], 'least_loaded', 0, new Map([['a', 1]]))).toBe('b');
  });

  it('refuses an empty pool', () => {
    expect(() => nextAgent([], 'round_robin', 0, new Map())).toThrow('empty');
  });
});

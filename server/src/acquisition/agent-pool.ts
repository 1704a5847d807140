/**
 * Which agent of a code's pool takes the next customer. Round robin walks the pool in order;
 * least loaded picks the agent with the fewest active customers (ties in pool order).
 */
export function nextAgent(pool: readonly string[], strategy: 'round_robin' | 'least_loaded', assigned: number, load: ReadonlyMap<string, number>): string {
  if (pool.length === 0) throw new Error('an agent pool cannot be empty');
  if (strategy === 'round_robin') return pool[assigned % pool.length]!;
  let best = pool[0]!;
  for (const agent of pool) if ((load.get(agent) ?? 0) < (load.get(best) ?? 0)) best = agent;
  return best;
}

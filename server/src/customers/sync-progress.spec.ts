import { syncPercent } from './sync-progress';

describe('syncPercent', () => {
  const run = (phase: 'tags' | 'contacts' | 'groups' | 'done', agentsDone: number, total: number, status: 'running' | 'done' | 'failed' = 'running') => ({
    phase,
    status,
    agentsDone,
    agentUserIds: Array.from({ length: total }, (_, i) => `agent${i}`),
  });

  it('moves with the agents done during the contacts phase', () => {
    expect(syncPercent(run('tags', 0, 10))).toBe(0);
    expect(syncPercent(run('contacts', 0, 10))).toBe(5);
    expect(syncPercent(run('contacts', 5, 10))).toBe(47);
    expect(syncPercent(run('contacts', 10, 10))).toBe(90);
    expect(syncPercent(run('groups', 10, 10))).toBe(90);
  });

  it('says 100 only when the run is done, and copes with a corp without agents', () => {
    expect(syncPercent(run('done', 3, 3, 'done'))).toBe(100);
    expect(syncPercent(run('contacts', 0, 0))).toBe(90);
    expect(syncPercent(run('groups', 4, 4, 'failed'))).toBe(90);
  });
});

import { entryDecision, type EarlierEntry } from './reentry.plan';

const now = new Date('2026-03-10T00:00:00.000Z');
const entry = (status: EarlierEntry['status'], daysAgo: number, versionId = 'v1'): EarlierEntry => ({ versionId, status, enteredAt: new Date(now.getTime() - daysAgo * 86_400_000) });

describe('entryDecision', () => {
  it('lets a first-timer in with a new row', () => {
    expect(entryDecision([], 'v1', { mode: 'never' }, now)).toEqual({ enter: true, reuse: false });
  });

  it('never lets a customer in twice at once, whatever the policy', () => {
    for (const status of ['active', 'waiting', 'parked'] as const) {
      expect(entryDecision([entry(status, 40)], 'v1', { mode: 'always' }, now)).toEqual({ enter: false, reason: 'already in the journey' });
    }
  });

  it('applies never, after N days and always to customers who finished', () => {
    expect(entryDecision([entry('done', 400)], 'v1', { mode: 'never' }, now)).toMatchObject({ enter: false });
    expect(entryDecision([entry('exited', 6)], 'v1', { mode: 'after', days: 7 }, now)).toEqual({ enter: false, reason: 'entered less than 7 days ago' });
    expect(entryDecision([entry('exited', 7)], 'v1', { mode: 'after', days: 7 }, now)).toEqual({ enter: true, reuse: true });
    expect(entryDecision([entry('holdout', 1)], 'v1', { mode: 'always' }, now)).toEqual({ enter: true, reuse: true });
  });

  it('makes a new row on a newer version, and counts the latest entry of any version', () => {
    expect(entryDecision([entry('done', 30, 'v1')], 'v2', { mode: 'always' }, now)).toEqual({ enter: true, reuse: false });
    expect(entryDecision([entry('done', 30, 'v1'), entry('done', 2, 'v2')], 'v2', { mode: 'after', days: 7 }, now)).toMatchObject({ enter: false });
  });
});

import { moreToDelete, retentionCutoff } from './chat-retention.plan';

describe('chat retention', () => {
  it('keeps exactly the last N days', () => {
    expect(retentionCutoff(new Date('2026-07-01T00:00:00Z'), 180).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-07-01T12:00:00Z'), 1).toISOString()).toBe('2026-06-30T12:00:00.000Z');
  });

  it('refuses a retention that would delete everything or is not whole days', () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow(/≥ 1/);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(/whole number/);
  });

  it('runs another batch only after a full one', () => {
    expect(moreToDelete(500, 500)).toBe(true);
    expect(moreToDelete(499, 500)).toBe(false);
    expect(moreToDelete(0, 500)).toBe(false);
  });
});

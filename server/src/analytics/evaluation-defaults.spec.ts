import { evaluationTargetInputSchema } from '@lodestar/shared';
import { defaultTargets } from './evaluation-defaults';

describe('defaultTargets', () => {
  it('are valid target inputs for the whole corp, one per metric and period, rates within 0..1', () => {
    const targets = defaultTargets();
    for (const t of targets) expect(evaluationTargetInputSchema.parse(t)).toEqual(t);
    const keys = targets.map((t) => `${t.metric}/${t.period}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(targets.every((t) => t.teamId === null && t.period !== 'realtime')).toBe(true);
    const counts = new Set(['assessment_customers', 'assessment_times']);
    expect(targets.filter((t) => !counts.has(t.metric)).every((t) => t.target > 0 && t.target <= 1)).toBe(true);
    expect(targets.some((t) => t.metric === 'call_connect_rate' && t.period === 'month' && t.target === 0.35)).toBe(true);
  });
});

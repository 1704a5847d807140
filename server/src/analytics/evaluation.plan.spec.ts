import type { EvaluationTarget, MetricKey, MetricValue } from '@lodestar/shared';
import { evaluateRow, evaluationRows, offTrackCount, targetsFor } from './evaluation.plan';

const rate = (key: MetricKey, value: number | null, better: 'higher' | 'lower' = 'higher'): MetricValue => ({ key, name: key, unit: 'ratio', value, ratio: null, better });
const count = (key: MetricKey, value: number | null, better: 'higher' | 'lower' = 'higher'): MetricValue => ({ key, name: key, unit: 'count', value, ratio: null, better });
const t = (metric: MetricKey, target: number, tolerance = 0.1) => ({ metric, target, tolerance });

describe('evaluateRow on a rate (judged as it stands)', () => {
  it('gives completion value / target, deviation value − target, and off track below target − 10 %', () => {
    const row = evaluateRow(rate('call_connect_rate', 0.28), t('call_connect_rate', 0.35), 0.5, null);
    expect(row).toEqual({
      metric: 'call_connect_rate',
      name: 'call_connect_rate',
      unit: 'ratio',
      teamId: null,
      value: 0.28,
      target: 0.35,
      better: 'higher',
      completion: 0.8,
      expected: 0.5,
      deviation: -0.07,
      offTrack: true, // 0.28 < 0.35 − 0.035 = 0.315
    });
  });

  it('is on track inside the tolerance band, and exactly at its edge', () => {
    const inside = evaluateRow(rate('call_connect_rate', 0.33), t('call_connect_rate', 0.35), 0.2, 'team-1');
    expect(inside).toMatchObject({ completion: 0.9429, deviation: -0.02, offTrack: false, teamId: 'team-1' });
    expect(evaluateRow(rate('lead_sla_compliance', 0.81), t('lead_sla_compliance', 0.9), 1, null).offTrack).toBe(false); // 0.9 − 0.09 = 0.81
    expect(evaluateRow(rate('lead_sla_compliance', 0.8099), t('lead_sla_compliance', 0.9), 1, null).offTrack).toBe(true);
  });

  it('turns completion round when lower is better: target / value, off track above target + 10 %', () => {
    const worse = evaluateRow(rate('journey_uplift', 0.5, 'lower'), t('journey_uplift', 0.4), 1, null);
    expect(worse).toMatchObject({ completion: 0.8, deviation: 0.1, offTrack: true }); // 0.5 > 0.44
    const fine = evaluateRow(rate('journey_uplift', 0.43, 'lower'), t('journey_uplift', 0.4), 1, null);
    expect(fine).toMatchObject({ completion: 0.9302, deviation: 0.03, offTrack: false });
  });

  it('has no completion without a value or with a zero divisor, and a missing value is never off track', () => {
    expect(evaluateRow(rate('event_attendance_rate', null), t('event_attendance_rate', 0.6), 1, null)).toMatchObject({ value: null, completion: null, deviation: null, offTrack: false });
    expect(evaluateRow(rate('referral_rate', 0.02), t('referral_rate', 0), 1, null)).toMatchObject({ completion: null, deviation: 0.02, offTrack: false });
    expect(evaluateRow(rate('journey_uplift', 0, 'lower'), t('journey_uplift', 0.4), 1, null)).toMatchObject({ completion: null, deviation: -0.4, offTrack: false });
  });
});

describe('evaluateRow on a count (pro-rated to the elapsed share)', () => {
  it('measures a half-elapsed month against half its target', () => {
    // 12 of 30 with half the month gone: completion 0.4, 15 expected by now, so 3 behind; 0.4 is not below 0.5 − 0.1.
    expect(evaluateRow(count('assessment_customers', 12), t('assessment_customers', 30), 0.5, null)).toMatchObject({ completion: 0.4, expected: 0.5, deviation: -3, offTrack: false });
    // 11 of 30: completion 0.3667 < 0.4, 4 behind.
    expect(evaluateRow(count('assessment_customers', 11), t('assessment_customers', 30), 0.5, null)).toMatchObject({ completion: 0.3667, deviation: -4, offTrack: true });
  });

  it('holds a closed period to the whole target', () => {
    expect(evaluateRow(count('assessment_times', 27), t('assessment_times', 30), 1, null)).toMatchObject({ completion: 0.9, deviation: -3, offTrack: false });
    expect(evaluateRow(count('assessment_times', 26), t('assessment_times', 30), 1, null)).toMatchObject({ completion: 0.8667, deviation: -4, offTrack: true });
    expect(evaluateRow(count('assessment_times', 45), t('assessment_times', 30), 1, null)).toMatchObject({ completion: 1.5, deviation: 15, offTrack: false });
  });

  it('flags a lower-is-better count once it has used more than its pro-rated allowance plus the tolerance', () => {
    // At most 10 in the month, a quarter gone: 4 used is 0.4 of the allowance > 0.25 + 0.1.
    expect(evaluateRow(count('agent_activity', 4, 'lower'), t('agent_activity', 10), 0.25, null)).toMatchObject({ completion: 2.5, deviation: 1.5, offTrack: true });
    expect(evaluateRow(count('agent_activity', 3, 'lower'), t('agent_activity', 10), 0.25, null)).toMatchObject({ deviation: 0.5, offTrack: false });
  });
});

describe('evaluationRows', () => {
  it('has a row only for metrics with a target and a value, in the catalogue order', () => {
    const values = [rate('sop_completion', 0.9), rate('call_connect_rate', 0.2), count('assessment_customers', 50), rate('referral_rate', 0.1)];
    const rows = evaluationRows(values, [t('sop_completion', 0.85), t('call_connect_rate', 0.35), t('checkin_active_rate', 0.3)], 1, null);
    expect(rows.map((r) => r.metric)).toEqual(['call_connect_rate', 'sop_completion']);
    expect(offTrackCount(rows)).toBe(1);
  });
});

describe('targetsFor', () => {
  const target = (metric: MetricKey, period: EvaluationTarget['period'], value: number, teamId: string | null = null): EvaluationTarget => ({
    id: `${metric}-${period}-${teamId ?? ''}`,
    metric,
    period,
    target: value,
    teamId,
    tolerance: 0.1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
  });
  const all = [
    target('call_connect_rate', 'month', 0.35),
    target('sop_completion', 'month', 0.85),
    target('sop_completion', 'realtime', 0.8),
    target('call_connect_rate', 'week', 0.3),
    target('call_connect_rate', 'month', 0.4, 'team-a'),
  ];

  it('groups the period’s targets by team key', () => {
    const week = targetsFor('week', all);
    expect([...week.entries()]).toEqual([['', [{ metric: 'call_connect_rate', target: 0.3, tolerance: 0.1 }]]]);
    const month = targetsFor('month', all);
    expect(month.get('')?.map((x) => x.target)).toEqual([0.35, 0.85]);
    expect(month.get('team-a')).toEqual([{ metric: 'call_connect_rate', target: 0.4, tolerance: 0.1 }]);
  });

  it('lets realtime fall back to the month target where it has none of its own', () => {
    const rt = targetsFor('realtime', all);
    expect(rt.get('')?.map((x) => [x.metric, x.target])).toEqual([
      ['call_connect_rate', 0.35],
      ['sop_completion', 0.8],
    ]);
    expect(rt.get('team-a')?.[0]?.target).toBe(0.4);
  });
});

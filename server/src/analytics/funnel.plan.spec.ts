import type { FunnelStep } from '@lodestar/shared';
import { aggregateReach, funnelResult, journeySteps, medianOf, reachDays, stageSnapshot } from './funnel.plan';

const march = { fromDay: '2026-03-01', lastDay: '2026-03-31' };

describe('reachDays (ordered funnel semantics)', () => {
  it('enters at the first step-1 day inside the period and takes each later step at its earliest day on or after the previous one', () => {
    // Step 1 on 02-27 is before the period; 03-02 is the entry. Step 2 on 03-01 comes before the entry, so 03-04.
    // The window (7 days) ends 03-09: step 3 on 03-09 counts.
    expect(reachDays([['2026-02-27', '2026-03-05', '2026-03-02'], ['2026-03-01', '2026-03-04'], ['2026-03-10', '2026-03-09']], march, 7)).toEqual(['2026-03-02', '2026-03-04', '2026-03-09']);
  });

  it('drops a step after the window and every step after a missed one', () => {
    expect(reachDays([['2026-03-02'], ['2026-03-04'], ['2026-03-10']], march, 7)).toEqual(['2026-03-02', '2026-03-04', null]);
    expect(reachDays([['2026-03-02'], ['2026-03-01'], ['2026-03-03']], march, 7)).toEqual(['2026-03-02', null, null]);
  });

  it('counts steps on the same day as in order, and lets later steps fall after the period', () => {
    expect(reachDays([['2026-03-31'], ['2026-03-31'], ['2026-04-03']], march, 7)).toEqual(['2026-03-31', '2026-03-31', '2026-04-03']);
  });

  it('leaves out a customer whose step 1 is outside the period', () => {
    expect(reachDays([['2026-04-01'], ['2026-04-02']], march, 7)).toEqual([null, null]);
  });
});

describe('funnelResult', () => {
  const steps: FunnelStep[] = [
    { kind: 'event', name: 'view' },
    { kind: 'stage', stage: 'analysis' },
    { kind: 'event', name: 'buy', label: '购买' },
  ];

  it('turns reach days into counts, conversions, drop-off and median days', () => {
    const agg = aggregateReach(
      [
        ['2026-03-01', '2026-03-03', '2026-03-06'], // gaps 2, 3
        ['2026-03-01', '2026-03-02', null], // gap 1
        ['2026-03-05', null, null],
        ['2026-03-01', '2026-03-05', '2026-03-07'], // gaps 4, 2
      ],
      3,
    );
    expect(agg.counts).toEqual([4, 3, 2]);
    const r = funnelResult(steps, agg, { windowDays: 7, from: 'f', to: 't' });
    expect(r.steps.map((s) => s.label)).toEqual(['view', 'analysis', '购买']);
    expect(r.steps.map((s) => s.customers)).toEqual([4, 3, 2]);
    expect(r.steps.map((s) => s.fromPrevious)).toEqual([null, 0.75, 2 / 3]);
    expect(r.steps.map((s) => s.fromFirst)).toEqual([1, 0.75, 0.5]);
    expect(r.steps.map((s) => s.dropOff)).toEqual([0, 1, 1]);
    // Step 2 gaps {1, 2, 4}: median 2; step 3 gaps {2, 3}: median 2.5.
    expect(r.steps.map((s) => s.medianDaysFromPrevious)).toEqual([null, 2, 2.5]);
    expect(r.overall).toBe(0.5);
    expect(r).toMatchObject({ windowDays: 7, from: 'f', to: 't' });
  });

  it('gives null rates, not NaN, for an empty funnel', () => {
    const r = funnelResult(steps, aggregateReach([], 3), { windowDays: 7, from: 'f', to: 't' });
    expect(r.overall).toBeNull();
    expect(r.steps.map((s) => [s.fromPrevious, s.fromFirst, s.medianDaysFromPrevious])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });
});

describe('medianOf', () => {
  it('reads the median off a histogram', () => {
    expect(medianOf(new Map([[1, 2], [5, 1]]))).toBe(1);
    expect(medianOf(new Map([[1, 1], [5, 1]]))).toBe(3);
    expect(medianOf(new Map([[7, 0]]))).toBeNull();
  });
});

describe('journey stages', () => {
  it('are the six stages in order', () => {
    expect(journeySteps().map((s) => (s.kind === 'stage' ? s.stage : s.name))).toEqual(['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral']);
  });

  it('snapshot counts each stage and each stage or beyond', () => {
    const s = stageSnapshot(new Map([['interest', 5], ['analysis', 3], ['referral', 1]]));
    expect(s.total).toBe(9);
    expect(s.stages.map((r) => [r.stage, r.customers, r.atLeast])).toEqual([
      ['interest', 5, 9],
      ['online_interaction', 0, 4],
      ['analysis', 3, 4],
      ['need_clarified', 0, 1],
      ['purchase', 0, 1],
      ['referral', 1, 1],
    ]);
  });
});

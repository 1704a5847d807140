import { buildPlan, CATCH_UP_DAYS, dayStart, ROLLUP_HORIZON_DAYS, splitPeriod } from './rollup.plan';
import { addDays } from '../platform/local-day';

const zone = 'Asia/Shanghai';
const L = (s: string) => new Date(`${s}+08:00`);

describe('rollup plan', () => {
  it('finds the first instant of a local day', () => {
    expect(dayStart('2026-03-02', zone).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(dayStart('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('reads whole built days from the rollup and the rest live', () => {
    const built = { from: '2026-02-01', last: '2026-03-05' };
    // A day-aligned week: 03-02..03-05 rolled, 03-06..03-08 live (not built yet).
    expect(splitPeriod(L('2026-03-02T00:00:00'), L('2026-03-09T00:00:00'), built, zone)).toEqual({
      rolled: { from: '2026-03-02', last: '2026-03-05' },
      live: [{ from: L('2026-03-06T00:00:00'), to: L('2026-03-09T00:00:00') }],
    });
    // Ragged ends are live; the whole days between come from the rollup.
    expect(splitPeriod(L('2026-03-01T10:00:00'), L('2026-03-04T12:00:00'), built, zone)).toEqual({
      rolled: { from: '2026-03-02', last: '2026-03-03' },
      live: [
        { from: L('2026-03-01T10:00:00'), to: L('2026-03-02T00:00:00') },
        { from: L('2026-03-04T00:00:00'), to: L('2026-03-04T12:00:00') },
      ],
    });
  });

  it('counts everything live without built days, or when no whole built day fits', () => {
    const p = { from: L('2026-03-02T00:00:00'), to: L('2026-03-09T00:00:00') };
    expect(splitPeriod(p.from, p.to, null, zone)).toEqual({ rolled: null, live: [p] });
    expect(splitPeriod(p.from, p.to, { from: '2026-03-10', last: '2026-03-20' }, zone)).toEqual({ rolled: null, live: [p] });
    const part = { from: L('2026-03-02T06:00:00'), to: L('2026-03-02T18:00:00') };
    expect(splitPeriod(part.from, part.to, { from: '2026-01-01', last: '2026-03-20' }, zone)).toEqual({ rolled: null, live: [part] });
  });

  it('starts with the last month, then settles, catches up and reaches back', () => {
    const first = buildPlan(null, '2026-03-10')!;
    expect(first.ranges).toEqual([{ from: addDays('2026-03-09', -(CATCH_UP_DAYS - 1)), last: '2026-03-09' }]);
    // The next day: the last 3 closed days built before are rebuilt, yesterday is added, and a month further back.
    const next = buildPlan(first.built, '2026-03-11')!;
    expect(next.ranges).toEqual([
      { from: '2026-03-08', last: '2026-03-09' },
      { from: '2026-03-10', last: '2026-03-10' },
      { from: addDays(first.built.from, -CATCH_UP_DAYS), last: addDays(first.built.from, -1) },
    ]);
    expect(next.built).toEqual({ from: addDays(first.built.from, -CATCH_UP_DAYS), last: '2026-03-10' });
  });

  it('catches up at most a month per run after downtime, and stops at the horizon', () => {
    const floor = addDays('2026-06-01', -ROLLUP_HORIZON_DAYS);
    const plan = buildPlan({ from: floor, last: '2026-03-09' }, '2026-06-01')!;
    expect(plan.ranges).toEqual([{ from: '2026-03-10', last: addDays('2026-03-09', CATCH_UP_DAYS) }]);
    expect(plan.built).toEqual({ from: floor, last: addDays('2026-03-09', CATCH_UP_DAYS) });
    // Built up to yesterday and back to the horizon: only the settling days.
    expect(buildPlan({ from: floor, last: '2026-05-31' }, '2026-06-01')!.ranges).toEqual([{ from: '2026-05-29', last: '2026-05-31' }]);
  });
});

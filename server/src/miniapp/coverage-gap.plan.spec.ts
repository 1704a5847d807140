import { assessGaps, recommendedCover } from './coverage-gap.plan';

describe('coverage-gap plan', () => {
  const young = { age: 30, annualIncome: 200_000, dependents: 2, debts: 1_000_000, existing: { critical_illness: 0, medical: 0, accident: 0, life: 0 } };

  it('recommends cover from income, dependents and debts', () => {
    expect(recommendedCover(young)).toEqual({ critical_illness: 1_000_000, medical: 2_000_000, accident: 3_000_000, life: 5_000_000 });
    // Nobody depends on them and no debts: no life cover needed; low income still gets the floors.
    expect(recommendedCover({ ...young, annualIncome: 30_000, dependents: 0, debts: 0 })).toEqual({ critical_illness: 300_000, medical: 2_000_000, accident: 500_000, life: 0 });
    // Retired: smaller medical and accident needs, life only for debts.
    expect(recommendedCover({ ...young, age: 70, debts: 100_000 })).toMatchObject({ medical: 1_000_000, accident: 200_000, life: 100_000 });
  });

  it('scores 0 with nothing held, 100 with everything held, and never a negative gap', () => {
    expect(assessGaps(young).score).toBe(0);
    const full = assessGaps({ ...young, existing: { critical_illness: 2_000_000, medical: 6_000_000, accident: 3_000_000, life: 5_000_000 } });
    expect(full.score).toBe(100);
    expect(full.gaps.every((g) => g.gap === 0)).toBe(true);
  });

  it('weighs the lines: holding only the recommended medical cover scores 25', () => {
    const r = assessGaps({ ...young, existing: { ...young.existing, medical: 2_000_000 } });
    expect(r.score).toBe(25);
    expect(r.gaps.find((g) => g.line === 'critical_illness')).toEqual({ line: 'critical_illness', recommended: 1_000_000, existing: 0, gap: 1_000_000 });
  });

  it('counts a line with nothing recommended as covered', () => {
    const r = assessGaps({ age: 30, annualIncome: 30_000, dependents: 0, debts: 0, existing: { critical_illness: 300_000, medical: 2_000_000, accident: 500_000, life: 0 } });
    expect(r.score).toBe(100);
  });
});

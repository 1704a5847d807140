import { balanceOf, entriesToWrite, pointsKey, type PointsEntry } from './points.plan';

describe('points ledger plan', () => {
  const e = (key: string, delta: number): PointsEntry => ({ customerId: 'c1', delta, reason: 'checkin', ref: null, key });

  it('writes each key once: a replayed batch and a duplicate inside a batch move nothing', () => {
    const first = entriesToWrite([e('checkin:c1:2026-03-01', 5), e('streak:c1:2026-03-01', 50)], new Set());
    expect(first.map((x) => x.key)).toEqual(['checkin:c1:2026-03-01', 'streak:c1:2026-03-01']);
    const ledger = [...first];
    const again = entriesToWrite([e('checkin:c1:2026-03-01', 5), e('streak:c1:2026-03-01', 50)], new Set(ledger.map((x) => x.key)));
    expect(again).toEqual([]);
    expect(entriesToWrite([e('k', 5), e('k', 5)], new Set())).toHaveLength(1);
    expect(balanceOf(ledger)).toBe(55);
  });

  it('skips zero movements and refuses fractions', () => {
    expect(entriesToWrite([e('quiz:a:c1', 0)], new Set())).toEqual([]);
    expect(() => entriesToWrite([e('x', 1.5)], new Set())).toThrow(/whole numbers/);
  });

  it('keys name the fact, so a referral pays once per referee whoever retries it', () => {
    expect(pointsKey.referralReward('r1')).toBe('referral:r1');
    expect(pointsKey.checkin('c1', '2026-03-01')).toBe('checkin:c1:2026-03-01');
    expect(pointsKey.play('quiz', 'a1', 'c1')).toBe('quiz:a1:c1');
    expect(balanceOf([{ delta: 100 }, { delta: -30 }])).toBe(70);
  });
});

import { drawPrize, rollOf, scoreQuiz } from './play.plan';

describe('play plan', () => {
  const prizes = [
    { name: '体检卡', points: 0, weight: 1 },
    { name: '50 积分', points: 50, weight: 3 },
  ];

  it('draws by weight, with the miss weight winning nothing', () => {
    expect(drawPrize(prizes, 6, 0)).toEqual({ name: '体检卡', points: 0 });
    expect(drawPrize(prizes, 6, 0.15)).toEqual({ name: '50 积分', points: 50 });
    expect(drawPrize(prizes, 6, 0.5)).toBeNull();
    expect(drawPrize([], 0, 0.5)).toBeNull();
  });

  it('rolls the same number for the same id, in [0, 1)', () => {
    const r = rollOf('seed-1');
    expect(r).toBe(rollOf('seed-1'));
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
    expect(rollOf('seed-2')).not.toBe(r);
  });

  it('scores a quiz; missing answers are wrong', () => {
    const qs = [{ answer: 0 }, { answer: 2 }, { answer: 1 }];
    expect(scoreQuiz(qs, [0, 2, 1], 10)).toEqual({ score: 3, total: 3, points: 30 });
    expect(scoreQuiz(qs, [0, 1], 10)).toEqual({ score: 1, total: 3, points: 10 });
  });
});

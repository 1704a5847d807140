import { journeyConversion, journeyUplift, type JourneyCohort } from './journeys.metric';

const cohort = (journeyId: string, holdout: boolean, customers: number, converted: number): JourneyCohort => ({ journeyId, holdout, customers, converted });

describe('journey goal metrics', () => {
  it('conversion counts treated customers only, all journeys together', () => {
    expect(journeyConversion([cohort('a', false, 4, 2), cohort('a', true, 2, 0), cohort('b', false, 6, 1)])).toEqual({ numerator: 3, denominator: 10 });
  });
  it('uplift is treated minus holdout in points, weighted by each journey’s cohort', () => {
    // a: 2/4 − 0/2 = +50 points, weight 6; b: 1/2 − 1/2 = 0, weight 4 → 300/10 = 30.
    expect(journeyUplift([cohort('a', false, 4, 2), cohort('a', true, 2, 0), cohort('b', false, 2, 1), cohort('b', true, 2, 1)])).toBeCloseTo(30, 10);
  });
  it('leaves out journeys without a holdout, and is null when none has both groups', () => {
    expect(journeyUplift([cohort('a', false, 4, 2), cohort('a', true, 2, 0), cohort('c', false, 100, 100)])).toBeCloseTo(50, 10);
    expect(journeyUplift([cohort('c', false, 100, 100)])).toBeNull();
    expect(journeyUplift([])).toBeNull();
  });
});

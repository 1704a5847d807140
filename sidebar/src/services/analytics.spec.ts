import type { JourneyStage } from '@lodestar/shared';
import { normaliseStages } from './analytics';

const order: JourneyStage[] = ['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'];

describe('stage snapshot counts, whatever shape the server answers in', () => {
  it('reads the server’s {stages, total}', () => {
    const rows = normaliseStages({ stages: order.map((stage, i) => ({ stage, customers: i, atLeast: 99 - i })), total: 15 }, order);
    expect(rows[5]).toEqual({ stage: 'referral', customers: 5, atLeast: 94 });
  });
  it('reads {items} rows and keeps the server’s atLeast', () => {
    const rows = normaliseStages({ items: [{ stage: 'interest', customers: 5, atLeast: 20 }, { stage: 'purchase', customers: 3, atLeast: 4 }] }, order);
    expect(rows.map((r) => r.stage)).toEqual(order);
    expect(rows[0]).toEqual({ stage: 'interest', customers: 5, atLeast: 20 });
    expect(rows[4]).toEqual({ stage: 'purchase', customers: 3, atLeast: 4 });
  });
  it('derives atLeast from later stages when the server gives counts only (a record or a bare array)', () => {
    const fromRecord = normaliseStages({ interest: 10, analysis: 4, referral: 1 }, order);
    expect(fromRecord.map((r) => r.atLeast)).toEqual([15, 5, 5, 1, 1, 1]);
    const fromArray = normaliseStages([{ stage: 'analysis', count: 4 }], order);
    expect(fromArray.map((r) => r.customers)).toEqual([0, 0, 4, 0, 0, 0]);
    expect(fromArray[0]!.atLeast).toBe(4);
  });
});

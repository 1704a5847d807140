import type { Lead } from '@lodestar/shared';
import { inboxOrder } from './leads';

const lead = (id: string, grade: Lead['grade'], deadline: string | null, score: number): Lead =>
  ({ id, grade, score, sla: deadline ? { status: 'ok', touched: false, deadline, remindAt: null, maxDeadline: deadline, reason: '' } : null }) as Lead;

describe('the lead inbox order', () => {
  it('puts better grades first, then the nearest SLA deadline, then the higher score', () => {
    const leads = [
      lead('c-late', 'C', '2026-01-01T12:00:00Z', 50),
      lead('a', 'A', '2026-01-03T00:00:00Z', 80),
      lead('ungraded', null, '2026-01-01T00:00:00Z', 0),
      lead('c-soon', 'C', '2026-01-01T08:00:00Z', 40),
      lead('c-none-high', 'C', null, 60),
      lead('c-none-low', 'C', null, 45),
      lead('b', 'B', null, 70),
    ];
    expect([...leads].sort(inboxOrder).map((l) => l.id)).toEqual(['a', 'b', 'c-soon', 'c-late', 'c-none-high', 'c-none-low', 'ungraded']);
  });
});

import type { SopTaskStatus } from '@lodestar/shared';
import { completion } from './sop-completion.plan';

const now = new Date('2026-03-10T12:00:00Z');
const row = (key: string, status: SopTaskStatus, dueAt?: string) => ({ key, name: `Name ${key}`, status, ...(dueAt ? { dueAt: new Date(dueAt) } : {}) });

describe('completion', () => {
  it('counts each status in its column and rates sent over due', () => {
    const rows = [
      row('a', 'sent'),
      row('a', 'partly_sent'),
      row('a', 'failed'),
      row('a', 'skipped'),
      row('a', 'overdue'),
      row('a', 'awaiting'),
      row('a', 'sending'),
      row('a', 'pending', '2026-03-10T11:00:00Z'),
      // Not counted: not due yet, a forecast, withdrawn, ended early.
      row('a', 'pending', '2026-03-10T13:00:00Z'),
      row('a', 'planned'),
      row('a', 'cancelled'),
      row('a', 'ended'),
    ];
    expect(completion(rows, now)).toEqual([
      { key: 'a', name: 'Name a', due: 8, sent: 2, partlySent: 1, failed: 1, skipped: 1, overdue: 1, awaiting: 2, pending: 1, completionRate: 0.25 },
    ]);
  });

  it('keeps due equal to the sum of its columns', () => {
    const statuses: SopTaskStatus[] = ['sent', 'failed', 'skipped', 'overdue', 'awaiting', 'pending', 'sent', 'planned', 'ended'];
    const [b] = completion(statuses.map((s) => row('k', s)));
    expect(b!.due).toBe(b!.sent + b!.failed + b!.skipped + b!.overdue + b!.awaiting + b!.pending);
    expect(b!.due).toBe(7);
  });

  it('rounds the rate to four decimals, gives 0 when nothing is due, and keeps the keys’ order', () => {
    const board = completion([row('x', 'planned'), row('y', 'sent'), row('y', 'failed'), row('y', 'awaiting'), row('x', 'cancelled')], now);
    expect(board.map((b) => [b.key, b.due, b.completionRate])).toEqual([
      ['x', 0, 0],
      ['y', 3, 0.3333],
    ]);
  });

  it('counts a pending task without a due time, or without now, as due', () => {
    expect(completion([row('a', 'pending')], now)[0]!.due).toBe(1);
    expect(completion([row('a', 'pending', '2099-01-01T00:00:00Z')])[0]!.due).toBe(1);
  });
});

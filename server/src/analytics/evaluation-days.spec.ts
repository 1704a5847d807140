import { withDays } from './evaluation.service';

const stored = (periodStart: string, periodEnd: string) => ({
  id: 's1',
  period: 'month' as const,
  periodStart,
  periodEnd,
  takenAt: periodEnd,
  trigger: 'schedule' as const,
  rows: [],
  offTrack: 0,
});

describe('an evaluation snapshot’s days', () => {
  it('names the first and last local day of the corp, not UTC’s', () => {
    // November in Shanghai: [31 Oct 16:00Z, 30 Nov 16:00Z); in UTC the first day would read 31 October.
    expect(withDays(stored('2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'), 'Asia/Shanghai')).toMatchObject({ firstDay: '2026-11-01', lastDay: '2026-11-30' });
  });

  it('treats the end as exclusive, also for a zone west of UTC', () => {
    expect(withDays(stored('2026-01-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z'), 'America/New_York')).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-12-31' });
  });
});

import type { SopTaskStatus } from '@lodestar/shared';
import { followUp, type SopFollowUpSettings } from './sop-followup.plan';

const H = 3_600_000;
const created = new Date('2026-03-10T01:00:00Z');
const after = (hours: number) => new Date(created.getTime() + hours * H);
const settings: SopFollowUpSettings = { reminders: { afterHours: 2, maxPerDay: 3 }, escalateAfterHours: 24 };
const task = (remindedHours: number[] = [], extra: { status?: SopTaskStatus; escalatedAt?: Date | null } = {}) => ({
  status: extra.status ?? ('awaiting' as SopTaskStatus),
  createdAt: created,
  remindedAt: remindedHours.map(after),
  escalatedAt: extra.escalatedAt ?? null,
});

describe('followUp', () => {
  it('reminds once the task waited afterHours since it was created', () => {
    expect(followUp(task(), settings, after(1.5))).toEqual({ remind: false, escalate: false, nextAt: after(2) });
    expect(followUp(task(), settings, after(2)).remind).toBe(true);
  });

  it('waits afterHours again after each reminder', () => {
    expect(followUp(task([2]), settings, after(3.9)).remind).toBe(false);
    expect(followUp(task([2]), settings, after(4))).toEqual({ remind: true, escalate: false, nextAt: after(4) });
  });

  it('caps reminders at maxPerDay in any 24 hours and says when the next one may go', () => {
    const s = { reminders: { afterHours: 1, maxPerDay: 3 }, escalateAfterHours: 48 };
    expect(followUp(task([1, 2, 3]), s, after(4))).toEqual({ remind: false, escalate: false, nextAt: after(25) });
    expect(followUp(task([1, 2, 3]), s, after(24.9)).remind).toBe(false);
    // At 25 h the reminder of hour 1 drops out of the rolling day.
    expect(followUp(task([1, 2, 3]), s, after(25)).remind).toBe(true);
    expect(followUp(task([1, 2]), { ...s, reminders: { afterHours: 1, maxPerDay: 2 } }, after(10)).remind).toBe(false);
  });

  it('never reminds twice within an hour', () => {
    const s = { ...settings, reminders: { afterHours: 1, maxPerDay: 3 } };
    expect(followUp(task([5]), s, after(5.5)).remind).toBe(false);
    expect(followUp(task([5]), s, after(6)).remind).toBe(true);
  });

  it('escalates once, when the task waited escalateAfterHours', () => {
    expect(followUp(task([2, 4, 6]), settings, after(23.9)).escalate).toBe(false);
    expect(followUp(task([2, 4, 6]), settings, after(24)).escalate).toBe(true);
    expect(followUp(task([2, 4, 6], { status: 'overdue', escalatedAt: after(24) }), settings, after(30)).escalate).toBe(false);
  });

  it('keeps reminding an overdue task after escalation', () => {
    const overdue = task([24, 26], { status: 'overdue', escalatedAt: after(24) });
    expect(followUp(overdue, settings, after(27))).toEqual({ remind: false, escalate: false, nextAt: after(28) });
    expect(followUp(overdue, settings, after(28))).toEqual({ remind: true, escalate: false, nextAt: after(28) });
  });

  it('does nothing for tasks that are not waiting for the owner', () => {
    for (const status of ['pending', 'sending', 'sent', 'partly_sent', 'failed', 'skipped', 'cancelled', 'ended', 'planned'] as const) {
      expect(followUp(task([], { status }), settings, after(100))).toEqual({ remind: false, escalate: false, nextAt: null });
    }
  });
});

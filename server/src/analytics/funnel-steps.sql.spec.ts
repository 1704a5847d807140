import { daySql } from './day-sql';
import { crossingInto, stepSource } from './funnel-steps.sql';

describe('funnel step sources', () => {
  it('reaches a stage by a change from below it to it or beyond', () => {
    const c = crossingInto('analysis');
    expect(c.sql).toBe('s.to_stage IN (?, ?, ?, ?) AND (s.from_stage IS NULL OR s.from_stage IN (?, ?))');
    expect(c.params).toEqual(['analysis', 'need_clarified', 'purchase', 'referral', 'interest', 'online_interaction']);
  });

  it('reads events from the daily counters, interest from the customer’s creation, other stages from their changes', () => {
    const sql = daySql(false);
    const ev = stepSource({ kind: 'event', name: 'view' }, sql, 480);
    expect([ev.table, ev.day, ev.match.params]).toEqual(['activity_count s', 's.day', ['event:view']]);
    expect(ev.range('k', new Date(0), new Date(0), '2026-03-01', '2026-03-31').params).toEqual(['k', 'event:view', '2026-03-01', '2026-03-31']);
    const interest = stepSource({ kind: 'stage', stage: 'interest' }, sql, 480);
    expect([interest.table, interest.customer, interest.day]).toEqual(['customer s', 's.id', "date(s.created_at, '+480 minutes')"]);
    const stage = stepSource({ kind: 'stage', stage: 'referral' }, sql, 480);
    expect(stage.table).toBe('stage_transition s');
    expect(stage.range('k', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), '', '').params.slice(0, 3)).toEqual(['k', '2026-03-01 00:00:00.000', '2026-04-01 00:00:00.000']);
  });
});

import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, raw, sql, staffScope, sumTallies } from './metric-sql';

const scope = (teamId: string | null, segmentId: string | null): AnalyticsScope => ({ corpId: 'corp', teamId, segmentId, timeZone: 'Asia/Shanghai' });

describe('metric SQL pieces', () => {
  it('the sql tag binds values and splices parts in order', () => {
    const q = sql`SELECT 1 FROM t WHERE a = ${'x'}${inPeriod('t.at', { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') })}${raw(' AND b = 1')} AND c = ${3}`;
    expect(q.sql).toBe('SELECT 1 FROM t WHERE a = ? AND t.at >= ? AND t.at < ? AND b = 1 AND c = ?');
    expect(q.params).toEqual(['x', '2026-01-01 00:00:00.000', '2026-01-02 00:00:00.000', 3]);
  });
  it('staff scope: the team on the staff column, the segment on the customer column', () => {
    expect(staffScope(scope(null, null), 's', 'c')).toEqual({ sql: '', params: [] });
    const team = staffScope(scope('t1', null), 'k.staff_id', 'k.customer_id');
    expect(team.sql).toContain('k.staff_id IN');
    expect(team.sql).not.toContain('k.customer_id');
    const both = staffScope(scope('t1', 'seg'), 'k.staff_id', 'k.customer_id');
    expect(both.sql).toContain('k.customer_id IN (SELECT sm.customer_id FROM segment_member sm WHERE sm.segment_id = ?)');
    expect(both.sql).not.toContain('sc.owner_staff_id');
    expect(both.params).toEqual(['corp', 't1', 'seg']);
  });
  it('leaves merged records out by probing the corp’s merged ones, keeping rows that name no customer', () => {
    expect(notMerged('k.customer_id', 'corp')).toEqual({
      sql: ' AND (k.customer_id IS NULL OR k.customer_id NOT IN (SELECT mc.id FROM customer mc WHERE mc.corp_id = ? AND mc.merged_into_id IS NOT NULL))',
      params: ['corp'],
    });
  });
  it('customer scope: the team’s customers through its staff, each set probed (an IN inside an OR)', () => {
    const q = customerScope(scope('t1', 'seg'), 'x.customer_id');
    expect(q.sql).toBe(
      ' AND (x.customer_id IN (SELECT sc.id FROM staff_member ss JOIN customer sc ON sc.owner_staff_id = ss.id WHERE ss.corp_id = ? AND ss.team_id = ?) OR 1 = 0)' +
        ' AND (x.customer_id IN (SELECT sm.customer_id FROM segment_member sm WHERE sm.segment_id = ?) OR 1 = 0)',
    );
    expect(q.params).toEqual(['corp', 't1', 'seg']);
  });
  it('sums tallies', () => {
    expect(sumTallies([{ numerator: 1, denominator: 2 }, { numerator: 3, denominator: 4 }])).toEqual({ numerator: 4, denominator: 6 });
  });
});

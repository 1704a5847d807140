import type { DataSource } from 'typeorm';
import { Corp } from '../org';
import { ActivityCount } from './activity-count.entity';
import { ActivityStreak } from './activity-streak.entity';
import { Customer } from './customer.entity';

export interface DailyCount {
  customerId: string;
  counterKey: string;
  day: string;
  count: number;
}

/** Reads the rolling activity counters and streaks that ingest keeps up to date. */
export class ActivityRepository {
  constructor(private readonly ds: DataSource) {}

  /** Daily counts of some counters for some customers (≤ 500 a call), from a day on: one query. */
  async counts(corpId: string, customerIds: readonly string[], counterKeys: readonly string[], fromDay: string): Promise<DailyCount[]> {
    if (!customerIds.length || !counterKeys.length) return [];
    const rows = await this.ds
      .getRepository(ActivityCount)
      .createQueryBuilder('a')
      .select(['a.customer_id AS "customerId"', 'a.counter_key AS "counterKey"', 'a.day AS "day"', 'a.count AS "count"'])
      .where('a.corp_id = :corpId', { corpId })
      .andWhere('a.customer_id IN (:...ids)', { ids: [...customerIds] })
      .andWhere('a.counter_key IN (:...keys)', { keys: [...counterKeys] })
      .andWhere('a.day >= :fromDay', { fromDay })
      .getRawMany<DailyCount>();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Every counter of one customer from a day on (the activity panel). */
  async countsOf(customerId: string, fromDay: string): Promise<DailyCount[]> {
    const rows = await this.ds
      .getRepository(ActivityCount)
      .createQueryBuilder('a')
      .select(['a.customer_id AS "customerId"', 'a.counter_key AS "counterKey"', 'a.day AS "day"', 'a.count AS "count"'])
      .where('a.customer_id = :customerId AND a.day >= :fromDay', { customerId, fromDay })
      .getRawMany<DailyCount>();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** A page of customers (by id, after `after`) with counts of some counters from a day on. */
  async customersCounting(corpId: string, counterKeys: readonly string[], fromDay: string, after: string, limit: number): Promise<string[]> {
    if (!counterKeys.length) return [];
    const rows = await this.ds
      .getRepository(ActivityCount)
      .createQueryBuilder('a')
      .select('DISTINCT a.customer_id', 'customerId')
      .where('a.corp_id = :corpId', { corpId })
      .andWhere('a.counter_key IN (:...keys)', { keys: [...counterKeys] })
      .andWhere('a.day >= :fromDay AND a.customer_id > :after', { fromDay, after })
      .orderBy('a.customer_id', 'ASC')
      .limit(limit)
      .getRawMany<{ customerId: string }>();
    return rows.map((r) => r.customerId);
  }

  streaksOf(customerId: string): Promise<ActivityStreak[]> {
    return this.ds.getRepository(ActivityStreak).find({ where: { customerId }, order: { counterKey: 'ASC' } });
  }

  /** The time zone of each (unmerged) customer of the list, null when they have none of their own. */
  async zones(corpId: string, customerIds: readonly string[]): Promise<Array<{ id: string; timezone: string | null }>> {
    if (!customerIds.length) return [];
    return this.ds
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.id AS "id"', 'c.timezone AS "timezone"'])
      .where('c.corp_id = :corpId AND c.merged_into_id IS NULL', { corpId })
      .andWhere('c.id IN (:...ids)', { ids: [...customerIds] })
      .getRawMany<{ id: string; timezone: string | null }>();
  }

  async corpZone(corpId: string): Promise<string> {
    const corp = await this.ds.getRepository(Corp).findOne({ where: { id: corpId } });
    return corp?.timezone || 'Asia/Shanghai';
  }
}

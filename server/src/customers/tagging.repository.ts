import { In, type DataSource } from 'typeorm';
import type { TagSource } from '@lodestar/shared';
import { isUniqueViolation } from '../db/transaction';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerTag } from './customer-tag.entity';
import { Tag } from './tag.entity';
import { chunk } from '../db/sql-lists';

/** A customer's tag as tag writers see it. */
export interface CarriedTag {
  id: string;
  customerId: string;
  tagId: string;
  source: TagSource;
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => chunk(xs, CHUNK);

export class TaggingRepository {
  constructor(private readonly ds: DataSource) {}

  tagsByName(corpId: string, names: readonly string[]): Promise<Tag[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(Tag).find({ where: { corpId, name: In([...names]) } });
  }

  async customerIdByExternalId(corpId: string, externalUserId: string): Promise<string | null> {
    const row = await this.ds.getRepository(CustomerIdentity).findOne({ where: { corpId, kind: 'external_userid', value: externalUserId } });
    return row?.customerId ?? null;
  }

  /** Puts the tag on the customer unless it is there already; true when it was added. */
  async add(row: CustomerTag): Promise<boolean> {
    try {
      await this.ds.getRepository(CustomerTag).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Inserts many customer tags in few statements; returns the rows that went in. A row the
   * customer carries already (someone was quicker) is skipped, row by row once a batch hits one.
   */
  async addMany(rows: readonly CustomerTag[]): Promise<CustomerTag[]> {
    const added: CustomerTag[] = [];
    for (const batch of chunks(rows)) {
      try {
        await this.ds.getRepository(CustomerTag).createQueryBuilder().insert().into(CustomerTag).values(batch).updateEntity(false).execute();
        added.push(...batch);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        for (const row of batch) if (await this.add(row)) added.push(row);
      }
    }
    return added;
  }

  /** The customers' tags, of some tags only when `tagIds` is given. */
  async carried(customerIds: readonly string[], tagIds?: readonly string[]): Promise<CarriedTag[]> {
    if (!customerIds.length || (tagIds && !tagIds.length)) return [];
    const out: CarriedTag[] = [];
    for (const batch of chunks(customerIds)) {
      const qb = this.ds
        .getRepository(CustomerTag)
        .createQueryBuilder('ct')
        .select(['ct.id AS "id"', 'ct.customer_id AS "customerId"', 'ct.tag_id AS "tagId"', 'ct.source AS "source"'])
        .where('ct.customer_id IN (:...ids)', { ids: batch });
      if (tagIds) qb.andWhere('ct.tag_id IN (:...tagIds)', { tagIds: [...tagIds] });
      out.push(...(await qb.getRawMany<CarriedTag>()));
    }
    return out;
  }

  /** A page of customers (by id, after `after`) carrying one of the tags from a source. */
  async customersCarrying(tagIds: readonly string[], source: TagSource, after: string, limit: number): Promise<string[]> {
    if (!tagIds.length) return [];
    const rows = await this.ds
      .getRepository(CustomerTag)
      .createQueryBuilder('ct')
      .select('DISTINCT ct.customer_id', 'customerId')
      .where('ct.tag_id IN (:...tagIds) AND ct.source = :source AND ct.customer_id > :after', { tagIds: [...tagIds], source, after })
      .orderBy('ct.customer_id', 'ASC')
      .limit(limit)
      .getRawMany<{ customerId: string }>();
    return rows.map((r) => r.customerId);
  }

  /** Deletes customer tags by row id; returns how many went. */
  async removeRows(ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (const batch of chunks(ids)) removed += (await this.ds.getRepository(CustomerTag).delete({ id: In(batch) })).affected ?? 0;
    return removed;
  }


  /** Takes a tag off every customer; returns the customers it was taken off. */
  async removeEverywhere(tagId: string): Promise<string[]> {
    return this.ds.transaction(async (em) => {
      const rows = await em.getRepository(CustomerTag).find({ select: { customerId: true }, where: { tagId } });
      if (rows.length) await em.getRepository(CustomerTag).delete({ tagId });
      return rows.map((r) => r.customerId);
    });
  }
}

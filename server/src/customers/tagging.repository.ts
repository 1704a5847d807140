import { In, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerTag } from './customer-tag.entity';
import { Tag } from './tag.entity';

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
}

import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { TrackingSource, type TrackingSourceKind } from './tracking-source.entity';

export class TrackingSourceRepository {
  constructor(private readonly ds: DataSource) {}

  find(kind: TrackingSourceKind, sourceKey: string): Promise<TrackingSource | null> {
    return this.ds.getRepository(TrackingSource).findOne({ where: { kind, sourceKey } });
  }

  list(corpId: string): Promise<TrackingSource[]> {
    return this.ds.getRepository(TrackingSource).find({ where: { corpId }, order: { createdAt: 'ASC' } });
  }

  /** False when the key is taken already. */
  async insert(row: TrackingSource): Promise<boolean> {
    try {
      await this.ds.getRepository(TrackingSource).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

import type { DataSource } from 'typeorm';
import { SalesSopRow } from './sales-sop.entity';

/** A corp's own sales SOPs (the built-in ones apply to product lines without one). */
export class SalesSopRepository {
  constructor(private readonly ds: DataSource) {}

  list(corpId: string): Promise<SalesSopRow[]> {
    return this.ds.getRepository(SalesSopRow).findBy({ corpId });
  }

  async upsert(row: SalesSopRow): Promise<void> {
    const repo = this.ds.getRepository(SalesSopRow);
    const existing = await repo.findOneBy({ corpId: row.corpId, productLine: row.productLine });
    await repo.save(existing ? { ...existing, nodes: row.nodes, updatedAt: row.updatedAt } : row);
  }
}

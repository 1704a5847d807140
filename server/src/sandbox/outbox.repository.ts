import type { DataSource } from 'typeorm';
import { asInsert } from '../db/transaction';
import { SandboxOutbox } from './sandbox-outbox.entity';

export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  async add(row: SandboxOutbox): Promise<void> {
    await this.ds.getRepository(SandboxOutbox).insert(asInsert(row));
  }

  async list(filter: { customerId?: string; channel?: string; limit: number }): Promise<{ rows: SandboxOutbox[]; total: number }> {
    const where = { ...(filter.customerId ? { customerId: filter.customerId } : {}), ...(filter.channel ? { channel: filter.channel } : {}) };
    const [rows, total] = await this.ds.getRepository(SandboxOutbox).findAndCount({ where, order: { sentAt: 'DESC', id: 'DESC' }, take: filter.limit });
    return { rows, total };
  }
}

import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { ChannelCode } from './channel-code.entity';

export class ChannelCodeRepository {
  constructor(private readonly ds: DataSource) {}

  /** false when the state is already taken in this corp. */
  async insert(code: ChannelCode): Promise<boolean> {
    try {
      await this.ds.getRepository(ChannelCode).insert(code);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  byState(corpId: string, state: string): Promise<ChannelCode | null> {
    return this.ds.getRepository(ChannelCode).findOne({ where: { corpId, state } });
  }

  list(corpId: string): Promise<ChannelCode[]> {
    return this.ds.getRepository(ChannelCode).find({ where: { corpId }, order: { createdAt: 'DESC' } });
  }

  async stateTaken(corpId: string, state: string): Promise<boolean> {
    return (await this.ds.getRepository(ChannelCode).count({ where: { corpId, state } })) > 0;
  }

  /** Moves the round-robin position on by one, atomically. */
  async bumpAssigned(id: string): Promise<void> {
    await this.ds.getRepository(ChannelCode).increment({ id }, 'assigned', 1);
  }

  /** Active customers per agent (WeCom user id), for least-loaded pools. */
  async load(corpId: string, wecomUserIds: readonly string[]): Promise<Map<string, number>> {
    if (wecomUserIds.length === 0) return new Map();
    const rows = await this.ds
      .createQueryBuilder()
      .select('s.wecom_user_id', 'u')
      .addSelect('COUNT(f.id)', 'n')
      .from('staff_member', 's')
      .leftJoin('customer_follow', 'f', "f.staff_id = s.id AND f.status = 'active'")
      .where('s.corp_id = :corpId AND s.wecom_user_id IN (:...ids)', { corpId, ids: wecomUserIds })
      .groupBy('s.wecom_user_id')
      .getRawMany<{ u: string; n: string | number }>();
    return new Map(rows.map((r) => [r.u, Number(r.n)]));
  }
}

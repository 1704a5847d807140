import { IsNull, type DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { StaffSession } from './staff-session.entity';

export type SessionEndReason = 'logout' | 'admin';

export class StaffSessionRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(row: StaffSession): Promise<void> {
    await this.ds.getRepository(StaffSession).insert(row);
  }

  /** The staff id of a session still good at `now` (unrevoked, unexpired, its staff member active); else null. */
  async liveStaffId(id: string, now: Date): Promise<string | null> {
    const row = await this.ds
      .getRepository(StaffSession)
      .createQueryBuilder('s')
      .innerJoin('staff_member', 'm', 'm.id = s.staff_id')
      .select('s.staff_id', 'staffId')
      .where("s.id = :id AND s.revoked_at IS NULL AND s.expires_at > :now AND m.status = 'active'", { id, now: toDbTime(now) })
      .getRawOne<{ staffId: string }>();
    return row?.staffId ?? null;
  }

  async findById(id: string): Promise<StaffSession | null> {
    return this.ds.getRepository(StaffSession).findOne({ where: { id } });
  }

  /** Ends one session; true when it was still open. */
  async revoke(id: string, at: Date, reason: SessionEndReason): Promise<boolean> {
    const res = await this.ds.getRepository(StaffSession).update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
    return (res.affected ?? 0) > 0;
  }

  /** Ends every open session of a staff member; answers how many were open. */
  async revokeAllOf(staffId: string, at: Date, reason: SessionEndReason): Promise<number> {
    const res = await this.ds.getRepository(StaffSession).update({ staffId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
    return res.affected ?? 0;
  }
}

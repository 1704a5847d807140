import type { DataSource } from 'typeorm';
import { AuditLog } from '../db/audit-log.entity';
import { fromDbTime, toDbTime } from '../db/naming';
import { Customer } from './customer.entity';
import { PersonalDataSetting } from './personal-data-setting.entity';

export interface PersonalDataAuditFilter {
  corpId: string;
  customerId?: string;
  actorId?: string;
  actions: readonly string[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface PersonalDataAuditRow {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  customerId: string | null;
  customerName: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

/** The encrypted fields of customers, the corp's personal-data settings, and the audit of who saw what. */
export class PersonalDataRepository {
  constructor(private readonly ds: DataSource) {}

  async setIdNumber(customerId: string, value: { cipher: string; hash: string; masked: string } | null, at: Date): Promise<void> {
    await this.ds.getRepository(Customer).update({ id: customerId }, { idNumberCipher: value?.cipher ?? null, idNumberHash: value?.hash ?? null, idNumberMasked: value?.masked ?? null, updatedAt: at });
  }

  async setPhone(customerId: string, value: { cipher: string; masked: string } | null, at: Date): Promise<void> {
    await this.ds.getRepository(Customer).update({ id: customerId }, { phoneCipher: value?.cipher ?? null, phoneMasked: value?.masked ?? null, updatedAt: at });
  }

  /** Live customers of the corp holding this ID number hash (a lookup without decrypting). */
  async findByIdNumberHash(corpId: string, hash: string): Promise<string[]> {
    const rows = await this.ds.getRepository(Customer).find({ select: { id: true }, where: { corpId, idNumberHash: hash } });
    return rows.map((r) => r.id);
  }

  /** Live customers of a corp with a birth date and no ID number yet (demo data). */
  async withoutIdNumber(corpId: string): Promise<Array<{ id: string; birthDate: string | null; city: string | null; gender: string }>> {
    const rows = await this.ds.query<Array<{ id: string; birth_date: string | Date | null; city: string | null; gender: string }>>(
      'SELECT id, birth_date, city, gender FROM customer WHERE corp_id = ? AND merged_into_id IS NULL AND id_number_cipher IS NULL AND birth_date IS NOT NULL',
      [corpId],
    );
    return rows.map((r) => ({ id: r.id, birthDate: r.birth_date instanceof Date ? r.birth_date.toISOString().slice(0, 10) : r.birth_date ? String(r.birth_date).slice(0, 10) : null, city: r.city, gender: r.gender }));
  }

  async settings(corpId: string): Promise<PersonalDataSetting | null> {
    return this.ds.getRepository(PersonalDataSetting).findOneBy({ corpId });
  }

  async saveSettings(row: PersonalDataSetting): Promise<void> {
    await this.ds.getRepository(PersonalDataSetting).save(row);
  }

  async auditEntries(f: PersonalDataAuditFilter): Promise<{ rows: PersonalDataAuditRow[]; total: number }> {
    const qb = this.ds
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .leftJoin('staff_member', 's', 's.id = a.actor_id')
      .leftJoin('customer', 'c', "c.id = a.target_id AND a.target_type = 'customer'")
      .where('a.corp_id = :corpId AND a.action IN (:...actions)', { corpId: f.corpId, actions: [...f.actions] });
    if (f.customerId) qb.andWhere("a.target_type = 'customer' AND a.target_id = :customerId", { customerId: f.customerId });
    if (f.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: f.actorId });
    if (f.from) qb.andWhere('a.at >= :from', { from: toDbTime(f.from) });
    if (f.to) qb.andWhere('a.at < :to', { to: toDbTime(f.to) });
    const total = await qb.getCount();
    const raw = await qb
      .select(['a.id AS "id"', 'a.at AS "at"', 'a.action AS "action"', 'a.actor_id AS "actorId"', 's.name AS "actorName"', 's.role AS "actorRole"'])
      .addSelect(['a.target_id AS "customerId"', 'c.name AS "customerName"', 'a.detail AS "detail"', 'a.ip AS "ip"'])
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset(f.offset)
      .limit(f.limit)
      .getRawMany<Omit<PersonalDataAuditRow, 'at' | 'detail'> & { at: Date | string; detail: string | null }>();
    return {
      total,
      rows: raw.map((r) => ({ ...r, at: fromDbTime(r.at), detail: parseDetail(r.detail) })),
    };
  }
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { LeadSourceRecord } from './lead-source.entity';

type Row = Record<string, unknown>;

/** Lead sources, and the look-ups that check what a source names (segment, tag group, seat group). */
export class LeadSourceRepository {
  constructor(private readonly ds: DataSource) {}

  list(corpId: string): Promise<LeadSourceRecord[]> {
    return this.ds.getRepository(LeadSourceRecord).find({ where: { corpId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  find(corpId: string, id: string): Promise<LeadSourceRecord | null> {
    return this.ds.getRepository(LeadSourceRecord).findOne({ where: { corpId, id } });
  }

  /** Enabled sources of the corp (a disabled one, like the demo's history, finds nothing new). */
  async countEnabled(corpId: string): Promise<number> {
    return this.ds.getRepository(LeadSourceRecord).count({ where: { corpId, enabled: true } });
  }

  async nameTaken(corpId: string, name: string, exceptId?: string): Promise<boolean> {
    const row = await this.ds.getRepository(LeadSourceRecord).findOne({ where: { corpId, name }, select: { id: true } });
    return row !== null && row.id !== exceptId;
  }

  /** False when another source of the corp has the name (a race past nameTaken, or a second process seeding defaults). */
  async insert(row: LeadSourceRecord): Promise<boolean> {
    try {
      await this.ds.getRepository(LeadSourceRecord).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** False when the new name is another source's. */
  async update(corpId: string, id: string, patch: Pick<LeadSourceRecord, 'name' | 'enabled' | 'productLine' | 'seatGroupId' | 'definition' | 'updatedAt'>): Promise<boolean> {
    try {
      await this.ds.getRepository(LeadSourceRecord).update({ corpId, id }, patch);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async disable(corpId: string, id: string, at: Date): Promise<void> {
    await this.ds.getRepository(LeadSourceRecord).update({ corpId, id }, { enabled: false, updatedAt: at });
  }

  async remove(corpId: string, id: string): Promise<boolean> {
    const gone = await this.ds.getRepository(LeadSourceRecord).delete({ corpId, id });
    return Boolean(gone.affected);
  }

  async saveLastRun(corpId: string, id: string, lastRun: string): Promise<void> {
    await this.ds.getRepository(LeadSourceRecord).update({ corpId, id }, { lastRun });
  }

  /** True when any lead, open or closed, came from the source. */
  async hasLeads(corpId: string, sourceId: string): Promise<boolean> {
    const rows = await this.ds.query<Row[]>('SELECT 1 AS x FROM `lead` WHERE source_id = ? AND corp_id = ? LIMIT 1', [sourceId, corpId]);
    return rows.length > 0;
  }

  /** Open leads per source of the corp. */
  async openLeadCounts(corpId: string): Promise<Map<string, number>> {
    const rows = await this.ds.query<Row[]>('SELECT source_id AS id, COUNT(*) AS n FROM `lead` WHERE corp_id = ? AND open_key IS NOT NULL GROUP BY source_id', [corpId]);
    return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
  }

  async seatGroupExists(corpId: string, id: string): Promise<boolean> {
    return (await this.ds.query<Row[]>('SELECT 1 AS x FROM seat_group WHERE id = ? AND corp_id = ?', [id, corpId])).length > 0;
  }

  async segmentExists(corpId: string, id: string): Promise<boolean> {
    return (await this.ds.query<Row[]>('SELECT 1 AS x FROM segment WHERE id = ? AND corp_id = ?', [id, corpId])).length > 0;
  }

  /** A tag group of the corp by key or name. */
  async tagGroupExists(corpId: string, keyOrName: string): Promise<boolean> {
    // `key` is reserved on MySQL; after an alias and a dot it may stand unquoted on both databases.
    return (await this.ds.query<Row[]>('SELECT 1 AS x FROM tag_group g WHERE g.corp_id = ? AND (g.key = ? OR g.name = ?)', [corpId, keyOrName, keyOrName])).length > 0;
  }
}

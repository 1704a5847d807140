import type { DataSource, EntityManager } from 'typeorm';
import { toDbTime } from '../db/naming';
import { isUniqueViolation } from '../db/transaction';
import { Corp } from '../org';
import type { CustomerScope } from './customer-scope';
import type { CompiledRule, SqlDialect, SqlParam } from './segment-rule.sql';
import { SegmentMember } from './segment-member.entity';
import { Segment } from './segment.entity';
import { chunk, placeholders } from '../db/sql-lists';

/** IN lists and multi-row inserts stay at or below this many items per statement. */
export const ID_CHUNK = 500;
export const chunks = <T>(xs: readonly T[], size = ID_CHUNK): T[][] => chunk(xs, size);

export interface MembershipChange {
  segmentId: string;
  customerId: string;
  change: 'entered' | 'left';
}

export interface TagDictionary {
  tags: Array<{ tag: string; groupName: string; groupKey: string }>;
  groups: Array<{ name: string; key: string }>;
}


/** The caller's customer scope as SQL over alias `c` (corp always included). */
function scopeSql(scope: CustomerScope): CompiledRule {
  switch (scope.kind) {
    case 'corp':
      return { sql: 'c.corp_id = ?', params: [scope.corpId] };
    case 'team':
      return { sql: 'c.corp_id = ? AND c.owner_staff_id IN (SELECT s.id FROM staff_member s WHERE s.team_id = ?)', params: [scope.corpId, scope.teamId] };
    case 'owner':
      return { sql: 'c.corp_id = ? AND c.owner_staff_id = ?', params: [scope.corpId, scope.staffId] };
  }
}

/**
 * Segments, their members, and the queries that evaluate compiled rules (segment-rule.sql.ts) over
 * customers; stage evaluation reads through the same `matching*` methods.
 */
export class SegmentRepository {
  constructor(private readonly ds: DataSource) {}

  dialect(): SqlDialect {
    return this.ds.options.type === 'mysql' || this.ds.options.type === 'mariadb' ? 'mysql' : 'sqlite';
  }

  async corpTimezone(corpId: string): Promise<string> {
    const corp = await this.ds.getRepository(Corp).findOne({ where: { id: corpId }, select: { id: true, timezone: true } });
    return corp?.timezone ?? 'Asia/Shanghai';
  }

  list(corpId: string): Promise<Segment[]> {
    return this.ds.getRepository(Segment).find({ where: { corpId }, order: { name: 'ASC', id: 'ASC' } });
  }

  find(corpId: string, id: string): Promise<Segment | null> {
    return this.ds.getRepository(Segment).findOne({ where: { corpId, id } });
  }

  async nameTaken(corpId: string, name: string, exceptId?: string): Promise<boolean> {
    const row = await this.ds.getRepository(Segment).findOne({ where: { corpId, name }, select: { id: true } });
    return row !== null && row.id !== exceptId;
  }

  /** Inserts or updates; false when another segment of the corp has the name (a race past nameTaken). */
  async save(segment: Segment, isNew: boolean): Promise<boolean> {
    try {
      if (isNew) await this.ds.getRepository(Segment).insert(segment);
      else await this.ds.getRepository(Segment).update({ id: segment.id, corpId: segment.corpId }, { name: segment.name, description: segment.description, rule: segment.rule, updatedAt: segment.updatedAt });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Deletes the segment and its members; false when there was none. */
  remove(corpId: string, id: string): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const gone = await em.getRepository(Segment).delete({ corpId, id });
      if (!gone.affected) return false;
      await em.getRepository(SegmentMember).delete({ segmentId: id });
      return true;
    });
  }

  /** Every tag of the corp with its group, and every group (to check names in rules). */
  async tagDictionary(corpId: string): Promise<TagDictionary> {
    // `key` is reserved on MySQL; after an alias and a dot it may stand unquoted on both databases.
    const [tags, groups] = await Promise.all([
      this.ds.query<TagDictionary['tags']>('SELECT t.name AS tag, g.name AS "groupName", g.key AS "groupKey" FROM tag t JOIN tag_group g ON g.id = t.group_id WHERE t.corp_id = ?', [corpId]),
      this.ds.query<TagDictionary['groups']>('SELECT g.name AS name, g.key AS "key" FROM tag_group g WHERE g.corp_id = ?', [corpId]),
    ]);
    return { tags, groups };
  }

  // --- evaluating rules -----------------------------------------------------------------------

  /** Every live (not merged) customer of the corp the rule holds for. */
  async matchingAll(corpId: string, rule: CompiledRule): Promise<string[]> {
    const rows = await this.ds.query<{ id: string }[]>(`SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND ${rule.sql}`, [corpId, ...rule.params]);
    return rows.map((r) => r.id);
  }

  /** Those of `customerIds` (at most ID_CHUNK) the rule holds for: live customers of the corp only. */
  async matchingAmong(corpId: string, rule: CompiledRule, customerIds: readonly string[]): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.ds.query<{ id: string }[]>(
      `SELECT c.id FROM customer c WHERE c.id IN (${placeholders(customerIds.length)}) AND c.corp_id = ? AND c.merged_into_id IS NULL AND ${rule.sql}`,
      [...customerIds, corpId, ...rule.params],
    );
    return rows.map((r) => r.id);
  }

  async countMatching(corpId: string, rule: CompiledRule): Promise<number> {
    const rows = await this.ds.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND ${rule.sql}`, [corpId, ...rule.params]);
    return Number(rows[0]?.n ?? 0);
  }

  /** The first `limit` matching customers (by id) the caller may see. */
  sampleMatching(scope: CustomerScope, rule: CompiledRule, limit: number): Promise<Array<{ id: string; name: string }>> {
    const s = scopeSql(scope);
    return this.ds.query(`SELECT c.id, c.name FROM customer c WHERE ${s.sql} AND c.merged_into_id IS NULL AND ${rule.sql} ORDER BY c.id LIMIT ${Math.trunc(limit)}`, [...s.params, ...rule.params]);
  }

  // --- members --------------------------------------------------------------------------------

  async memberIds(segmentId: string): Promise<string[]> {
    const rows = await this.ds.query<{ id: string }[]>('SELECT customer_id AS id FROM segment_member WHERE segment_id = ?', [segmentId]);
    return rows.map((r) => r.id);
  }

  /** Which segments of the corp each of `customerIds` (at most ID_CHUNK) is a member of now. */
  membershipsAmong(corpId: string, customerIds: readonly string[]): Promise<Array<{ segmentId: string; customerId: string }>> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.ds.query(`SELECT segment_id AS "segmentId", customer_id AS "customerId" FROM segment_member WHERE corp_id = ? AND customer_id IN (${placeholders(customerIds.length)})`, [
      corpId,
      ...customerIds,
    ]);
  }

  /**
   * Applies membership changes in one transaction, in batched statements, and recounts the
   * member_count of every segment touched (and of `refreshed`, whose refreshed_at becomes `at`).
   */
  async applyMembership(corpId: string, changes: readonly MembershipChange[], at: Date, refreshed?: string): Promise<void> {
    if (changes.length === 0 && !refreshed) return;
    await this.ds.transaction(async (em) => {
      const entered = changes.filter((c) => c.change === 'entered').map((c): SegmentMember => ({ segmentId: c.segmentId, customerId: c.customerId, corpId, enteredAt: at }));
      // orIgnore: a concurrent refresh may have put the same member in first.
      for (const batch of chunks(entered)) await em.createQueryBuilder().insert().into(SegmentMember).values(batch).orIgnore().updateEntity(false).execute();
      const left = new Map<string, string[]>();
      for (const c of changes) if (c.change === 'left') left.set(c.segmentId, [...(left.get(c.segmentId) ?? []), c.customerId]);
      for (const [segmentId, ids] of left) {
        for (const batch of chunks(ids)) await em.query(`DELETE FROM segment_member WHERE segment_id = ? AND customer_id IN (${placeholders(batch.length)})`, [segmentId, ...batch]);
      }
      const touched = new Set(changes.map((c) => c.segmentId));
      if (refreshed) touched.add(refreshed);
      for (const id of touched) await this.recount(em, id, id === refreshed ? at : null);
    });
  }

  private async recount(em: EntityManager, segmentId: string, refreshedAt: Date | null): Promise<void> {
    const params: SqlParam[] = [segmentId];
    if (refreshedAt) params.push(toDbTime(refreshedAt));
    params.push(segmentId);
    await em.query(`UPDATE segment SET member_count = (SELECT COUNT(*) FROM segment_member m WHERE m.segment_id = ?)${refreshedAt ? ', refreshed_at = ?' : ''} WHERE id = ?`, params);
  }

  /** A page of a segment's members the caller may see, most recent entries first. */
  async members(scope: CustomerScope, segmentId: string, limit: number, offset: number): Promise<{ rows: Array<{ id: string; name: string; stage: string; enteredAt: Date | string }>; total: number }> {
    const s = scopeSql(scope);
    const from = `FROM segment_member m JOIN customer c ON c.id = m.customer_id WHERE m.segment_id = ? AND ${s.sql}`;
    const params = [segmentId, ...s.params];
    const [rows, total] = await Promise.all([
      this.ds.query<Array<{ id: string; name: string; stage: string; enteredAt: Date | string }>>(
        `SELECT c.id, c.name, c.stage, m.entered_at AS "enteredAt" ${from} ORDER BY m.entered_at DESC, c.id ASC LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
        params,
      ),
      this.ds.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n ${from}`, params),
    ]);
    return { rows, total: Number(total[0]?.n ?? 0) };
  }
}

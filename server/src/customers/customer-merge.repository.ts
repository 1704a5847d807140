import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AuditLog } from '../db/audit-log.entity';
import { asInsert } from '../db/transaction';
import { DomainError } from '../platform/errors';
import { ActivityCount } from './activity-count.entity';
import { ActivityStreak } from './activity-streak.entity';
import { CustomerFollow } from './customer-follow.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerMerge } from './customer-merge.entity';
import { CustomerTag } from './customer-tag.entity';
import { Customer } from './customer.entity';
import {
  mergeCustomerFields,
  mergeDailyCounts,
  mergeFollows,
  mergeSegmentMembers,
  mergeStreaks,
  mergeTags,
  type MergeCandidate,
  type MergeableCustomer,
} from './customer-merge.plan';
import { SegmentMember } from './segment-member.entity';
import { placeholders } from '../db/sql-lists';

/** Every table that holds rows of a customer, as counted in a merge's summary. */
export const mergeTables = [
  'customer_identity',
  'customer_tag',
  'tracking_event',
  'activity_count',
  'activity_streak',
  'segment_member',
  'policy',
  'customer_follow',
  'customer_group_member',
  'group_member_event',
  'handover',
  'sandbox_outbox',
  'audit_log',
  'stage_transition',
  /** Records merged earlier into a loser, now pointing straight at the survivor. */
  'customer',
] as const;
export type MergeTable = (typeof mergeTables)[number];

export interface MergeInput {
  corpId: string;
  survivorId: string;
  mergedIds: string[];
  /** Why (≤ 32 characters), e.g. 'identify', 'login', 'phone'. */
  reason: string;
  /** The tracking event whose identity link caused the merge, when one did. */
  eventKey: string | null;
  at: Date;
  id: () => string;
}

export interface MergeSummary {
  survivorId: string;
  mergedIds: string[];
  /** Rows the merged records handed to the survivor per table (re-pointed, or folded into the survivor's own row). */
  moved: Record<MergeTable, number>;
}

/** A merge asked for a record that is gone already: resolve it with `resolveMerged` and try again. */
export class CustomerAlreadyMergedError extends DomainError {
  constructor(readonly customerIds: string[]) {
    super('conflict', `Customer already merged into another: ${customerIds.join(', ')}`);
    this.name = 'CustomerAlreadyMergedError';
  }
}

/**
 * Plain re-points: the table's unique keys do not contain the customer, so moving rows cannot
 * collide (identities are unique per corp, kind and value; events per corp and event key; group
 * members per group and member id, which is the external user id itself; group events per group,
 * member, kind and time). Each WHERE runs on an index, so an UPDATE locks only the rows it moves.
 */
const repoints: ReadonlyArray<{ table: MergeTable; column: string; where?: string }> = [
  { table: 'customer_identity', column: 'customer_id' },
  { table: 'tracking_event', column: 'customer_id' },
  { table: 'policy', column: 'customer_id' },
  { table: 'customer_group_member', column: 'customer_id' },
  { table: 'group_member_event', column: 'customer_id' },
  { table: 'sandbox_outbox', column: 'customer_id' },
  { table: 'audit_log', column: 'target_id', where: "target_type = 'customer'" },
  // The survivor inherits the merged records' stage history (analytics' stage funnels).
  { table: 'stage_transition', column: 'customer_id' },
];

type Counts = Record<MergeTable, number>;
const zeroCounts = (): Counts => Object.fromEntries(mergeTables.map((t) => [t, 0])) as Counts;
const CHUNK = 500;

/**
 * Folds customer records into one inside the caller's transaction: every row that belongs to a
 * merged record moves to the survivor (or is folded into the survivor's own row), the survivor's
 * columns are filled from the others, and the merged records stay behind as pointers.
 */
export class CustomerMergeRepository {
  async merge(em: EntityManager, input: MergeInput): Promise<MergeSummary> {
    const { corpId, survivorId, at } = input;
    const mergedIds = [...new Set(input.mergedIds)];
    if (mergedIds.length === 0) throw new Error('merge: nothing to merge');
    if (mergedIds.includes(survivorId)) throw new Error('merge: the survivor cannot be merged into itself');
    if (input.reason.length > 32) throw new Error('merge: reason is longer than 32 characters');
    const all = [survivorId, ...mergedIds];

    const customers = await this.lockCustomers(em, all);
    const byId = new Map(customers.map((c) => [c.id, c]));
    const missing = all.filter((id) => byId.get(id)?.corpId !== corpId);
    if (missing.length) throw new Error(`merge: no such customer in this corp: ${missing.join(', ')}`);
    const gone = all.filter((id) => byId.get(id)!.mergedIntoId !== null);
    if (gone.length) throw new CustomerAlreadyMergedError(gone);

    const identities = await em.find(CustomerIdentity, { where: { customerId: In(all) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const perLoser = new Map(mergedIds.map((id) => [id, zeroCounts()]));
    const tally = (table: MergeTable, customerId: string, n = 1) => {
      const counts = perLoser.get(customerId);
      if (counts) counts[table] += n;
    };

    for (const r of repoints) await this.repoint(em, r.table, r.column, survivorId, mergedIds, tally, r.where ? { sql: r.where, params: [] } : undefined);
    // handover has no index on customer_id; a customer's handovers are found by its external user id (idx_handover_subject).
    const externalIds = identities.filter((i) => i.kind === 'external_userid' && i.customerId !== survivorId).map((i) => i.value);
    if (externalIds.length) {
      await this.repoint(em, 'handover', 'customer_id', survivorId, mergedIds, tally, { sql: `corp_id = ? AND subject_id IN (${placeholders(externalIds.length)})`, params: [corpId, ...externalIds] });
    }
    await this.flattenEarlierMerges(em, survivorId, mergedIds, tally);

    await this.mergeTagRows(em, survivorId, mergedIds, tally);
    await this.mergeCounters(em, survivorId, mergedIds, tally);
    await this.mergeSegments(em, survivorId, mergedIds, tally);
    await this.mergeFollowRows(em, survivorId, mergedIds, tally);

    const valuesOf = (id: string) => identities.filter((i) => i.customerId === id).map((i) => i.value);
    const mergeable = (id: string): MergeableCustomer => ({ ...byId.get(id)!, identityValues: valuesOf(id) });
    const fields = mergeCustomerFields(mergeable(survivorId), mergedIds.map(mergeable));
    await em.update(Customer, { id: survivorId }, { ...fields, updatedAt: at });
    await em.update(Customer, { id: In(mergedIds) }, { mergedIntoId: survivorId, updatedAt: at });

    const moved = zeroCounts();
    for (const counts of perLoser.values()) for (const t of mergeTables) moved[t] += counts[t];
    const merges: CustomerMerge[] = mergedIds.map((mergedId) => ({
      id: input.id(),
      corpId,
      survivorId,
      mergedId,
      reason: input.reason,
      eventKey: input.eventKey,
      detail: {
        name: byId.get(mergedId)!.name,
        identities: identities.filter((i) => i.customerId === mergedId).map((i) => ({ kind: i.kind, value: i.value })),
        moved: nonZero(perLoser.get(mergedId)!),
      },
      at,
    }));
    for (const m of merges) await em.insert(CustomerMerge, asInsert(m));
    const note = `merged ${listed(mergedIds.map((id) => describeLoser(byId.get(id)!.name, perLoser.get(id)!)))} into ${fields.name}`;
    await em.insert(
      AuditLog,
      asInsert<AuditLog>({
        id: input.id(),
        corpId,
        actorType: 'system',
        actorId: null,
        action: 'customer.merged',
        targetType: 'customer',
        targetId: survivorId,
        detail: { note, mergedIds, reason: input.reason, eventKey: input.eventKey, moved: nonZero(moved) },
        ip: null,
        at,
      }),
    );
    return { survivorId, mergedIds, moved };
  }

  /**
   * The live record behind each id, following merged_into_id however far it goes. Ids of
   * records that do not exist are left out of the map.
   */
  async resolveMerged(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const pointer = new Map<string, string | null>();
    let frontier = [...new Set(ids)];
    for (let depth = 0; frontier.length > 0; depth++) {
      if (depth > 64) throw new Error('resolveMerged: merged_into_id chain too long or circular');
      const rows = await this.pointers(em, frontier);
      for (const r of rows) pointer.set(r.id, r.mergedIntoId);
      frontier = [...new Set(rows.map((r) => r.mergedIntoId).filter((id): id is string => id !== null && !pointer.has(id)))];
    }
    for (const id of new Set(ids)) {
      let current: string | null | undefined = id;
      for (let hops = 0; current !== undefined && current !== null && hops <= 64; hops++) {
        const next: string | null | undefined = pointer.get(current);
        if (next === undefined) break;
        if (next === null) {
          result.set(id, current);
          break;
        }
        current = next;
      }
    }
    return result;
  }

  /** What `pickSurvivor` needs to know about each record. */
  async candidates(em: EntityManager, corpId: string, ids: readonly string[]): Promise<MergeCandidate[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const customers = await em.find(Customer, { where: { corpId, id: In(unique) } });
    const identities = await em.find(CustomerIdentity, { where: { customerId: In(unique) } });
    const policies = await em.query<Array<{ id: string; n: number | string }>>(
      `SELECT customer_id AS id, COUNT(*) AS n FROM policy WHERE customer_id IN (${placeholders(unique.length)}) GROUP BY customer_id`,
      unique,
    );
    const policyCount = new Map(policies.map((p) => [p.id, Number(p.n)]));
    return customers.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      hasExternalUserId: identities.some((i) => i.customerId === c.id && i.kind === 'external_userid'),
      ownerStaffId: c.ownerStaffId,
      identityCount: identities.filter((i) => i.customerId === c.id).length,
      policyCount: policyCount.get(c.id) ?? 0,
    }));
  }

  /** Counts each loser's rows in a table, then points them at the survivor. */
  private async repoint(em: EntityManager, table: MergeTable, column: string, survivorId: string, mergedIds: string[], tally: Tally, extra?: { sql: string; params: unknown[] }): Promise<void> {
    const where = `${column} IN (${placeholders(mergedIds.length)})${extra ? ` AND ${extra.sql}` : ''}`;
    const params = [...mergedIds, ...(extra?.params ?? [])];
    const rows = await em.query<Array<{ id: string; n: number | string }>>(`SELECT ${column} AS id, COUNT(*) AS n FROM ${table} WHERE ${where} GROUP BY ${column}`, params);
    for (const row of rows) tally(table, row.id, Number(row.n));
    if (rows.length) await em.query(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, [survivorId, ...params]);
  }

  /**
   * Records merged earlier into a loser (directly or through a chain) point at the survivor from
   * now on. They are found through customer_merge (indexed by survivor), not by scanning
   * customer.merged_into_id, which has no index.
   */
  private async flattenEarlierMerges(em: EntityManager, survivorId: string, mergedIds: string[], tally: Tally): Promise<void> {
    const root = new Map<string, string>(mergedIds.map((id) => [id, id]));
    let frontier = mergedIds;
    const earlier: string[] = [];
    while (frontier.length) {
      const rows = await em.find(CustomerMerge, { select: { survivorId: true, mergedId: true }, where: { survivorId: In(frontier) } });
      frontier = [];
      for (const r of rows) {
        if (root.has(r.mergedId) || r.mergedId === survivorId) continue;
        root.set(r.mergedId, root.get(r.survivorId)!);
        earlier.push(r.mergedId);
        frontier.push(r.mergedId);
      }
    }
    for (let i = 0; i < earlier.length; i += CHUNK) {
      const part = earlier.slice(i, i + CHUNK);
      await em.update(Customer, { id: In(part) }, { mergedIntoId: survivorId });
    }
    for (const id of earlier) tally('customer', root.get(id)!);
  }

  /** Reads the records and, on MySQL, holds them until the transaction ends (in id order, so two merges cannot deadlock). */
  private async lockCustomers(em: EntityManager, ids: string[]): Promise<Customer[]> {
    const qb = em.getRepository(Customer).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).orderBy('c.id', 'ASC');
    const type = em.dataSource.options.type;
    if (type === 'mysql' || type === 'mariadb') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  private async pointers(em: EntityManager, ids: string[]): Promise<Array<{ id: string; mergedIntoId: string | null }>> {
    const out: Array<{ id: string; mergedIntoId: string | null }> = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await em.find(Customer, { select: { id: true, mergedIntoId: true }, where: { id: In(ids.slice(i, i + CHUNK)) } });
      out.push(...rows.map((r) => ({ id: r.id, mergedIntoId: r.mergedIntoId })));
    }
    return out;
  }

  private async mergeTagRows(em: EntityManager, survivorId: string, mergedIds: string[], tally: Tally): Promise<void> {
    const rows = await em.find(CustomerTag, { where: { customerId: In([survivorId, ...mergedIds]) } });
    const loserRows = rows.filter((r) => r.customerId !== survivorId);
    for (const r of loserRows) tally('customer_tag', r.customerId);
    const plan = mergeTags(
      rows.filter((r) => r.customerId === survivorId),
      loserRows,
    );
    if (plan.delete.length) await em.delete(CustomerTag, { id: In(plan.delete) });
    if (plan.move.length) await em.update(CustomerTag, { id: In(plan.move) }, { customerId: survivorId });
    for (const { id, ...values } of plan.update) await em.update(CustomerTag, { id }, values);
  }

  private async mergeCounters(em: EntityManager, survivorId: string, mergedIds: string[], tally: Tally): Promise<void> {
    const counts = await em.find(ActivityCount, { where: { customerId: In([survivorId, ...mergedIds]) } });
    const loserCounts = counts.filter((r) => r.customerId !== survivorId);
    for (const r of loserCounts) tally('activity_count', r.customerId);
    if (loserCounts.length) {
      const plan = mergeDailyCounts(
        survivorId,
        counts.filter((r) => r.customerId === survivorId),
        loserCounts,
      );
      await em.delete(ActivityCount, { customerId: In(mergedIds) });
      for (const r of plan.update) await em.update(ActivityCount, { customerId: r.customerId, counterKey: r.counterKey, day: r.day }, { count: r.count });
      await insertMany(em, ActivityCount, plan.insert);
    }

    const streaks = await em.find(ActivityStreak, { where: { customerId: In([survivorId, ...mergedIds]) } });
    const loserStreaks = streaks.filter((r) => r.customerId !== survivorId);
    for (const r of loserStreaks) tally('activity_streak', r.customerId);
    if (loserStreaks.length) {
      const plan = mergeStreaks(
        survivorId,
        streaks.filter((r) => r.customerId === survivorId),
        loserStreaks,
      );
      await em.delete(ActivityStreak, { customerId: In(mergedIds) });
      for (const r of plan.update) await em.update(ActivityStreak, { customerId: r.customerId, counterKey: r.counterKey }, { current: r.current, best: r.best, lastDay: r.lastDay });
      await insertMany(em, ActivityStreak, plan.insert);
    }
  }

  private async mergeSegments(em: EntityManager, survivorId: string, mergedIds: string[], tally: Tally): Promise<void> {
    const rows = await em.find(SegmentMember, { where: { customerId: In([survivorId, ...mergedIds]) } });
    const loserRows = rows.filter((r) => r.customerId !== survivorId);
    if (!loserRows.length) return;
    for (const r of loserRows) tally('segment_member', r.customerId);
    const plan = mergeSegmentMembers(
      survivorId,
      rows.filter((r) => r.customerId === survivorId),
      loserRows,
    );
    await em.delete(SegmentMember, { customerId: In(mergedIds) });
    for (const r of plan.update) await em.update(SegmentMember, { segmentId: r.segmentId, customerId: r.customerId }, { enteredAt: r.enteredAt });
    await insertMany(em, SegmentMember, plan.insert);
  }

  private async mergeFollowRows(em: EntityManager, survivorId: string, mergedIds: string[], tally: Tally): Promise<void> {
    const rows = await em.find(CustomerFollow, { where: { customerId: In([survivorId, ...mergedIds]) } });
    const loserRows = rows.filter((r) => r.customerId !== survivorId);
    if (!loserRows.length) return;
    for (const r of loserRows) tally('customer_follow', r.customerId);
    const plan = mergeFollows(
      rows.filter((r) => r.customerId === survivorId),
      loserRows,
    );
    // Deletes first: the kept relationship may replace the survivor's own one with the same agent.
    if (plan.delete.length) await em.delete(CustomerFollow, { id: In(plan.delete) });
    if (plan.move.length) await em.update(CustomerFollow, { id: In(plan.move) }, { customerId: survivorId });
  }
}

type Tally = (table: MergeTable, customerId: string, n?: number) => void;

async function insertMany(em: EntityManager, target: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[]): Promise<void> {
  // updateEntity(false): TypeORM's write-back after a multi-row insert can mix objects up.
  for (let i = 0; i < rows.length; i += CHUNK) await em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + CHUNK)).updateEntity(false).execute();
}

function nonZero(counts: Counts): Partial<Counts> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** "a", "a and b", "a, b and c". */
const listed = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "访客 3f2a (3 events, 1 tag)": what a merged record brought that a person would care about. */
function describeLoser(name: string, counts: Counts): string {
  const parts = [
    counts.tracking_event ? plural(counts.tracking_event, 'event') : null,
    counts.customer_tag ? plural(counts.customer_tag, 'tag') : null,
    counts.policy ? plural(counts.policy, 'policy', 'policies') : null,
    counts.customer_follow ? plural(counts.customer_follow, 'relationship') : null,
    counts.customer_group_member ? plural(counts.customer_group_member, 'group membership') : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}

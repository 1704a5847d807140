import { fromDbTime } from '../db/naming';
import type { DataSource } from 'typeorm';
import { openLeadStatuses } from '@lodestar/shared';
import { chunk, placeholders } from '../db/sql-lists';
import { isDeadlock, type Tx } from '../db/transaction';
import { phoneState, type CleaningFacts } from './cleaning.plan';
import type { MiningCandidate, MiningQuery } from './lead-mining.query';
import { LeadMoveRecord } from './lead-move.entity';
import { LeadRecord } from './lead.entity';

type Row = Record<string, unknown>;

/** Candidates and cleaning facts are read this many customers at a time; leads are written in parts this size. */
export const MINING_CHUNK = 500;
const INSERT_CHUNK = 200;

export const pairKey = (customerId: string, productLine: string): string => `${customerId}:${productLine}`;

/**
 * The miner's reads and writes: runs a source's query, then, with the candidates' customers locked,
 * reads what cleaning needs to know of them in two set-based queries and writes new leads with
 * their moves. `lead` is quoted:
 * LEAD is a reserved word on MySQL 8.
 */
export class LeadMiningRepository {
  constructor(private readonly ds: DataSource) {}

  async corpTimezone(corpId: string): Promise<string> {
    const [row] = await this.ds.query<Row[]>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    return (row?.timezone as string | undefined) || 'Asia/Shanghai';
  }

  async candidates(q: MiningQuery): Promise<MiningCandidate[]> {
    return q.read(await this.ds.query<Row[]>(q.sql, q.params));
  }

  /**
   * Runs `fn` in one transaction that first locks the customers' rows (MySQL; SQLite runs one
   * transaction at a time anyway), in id order. Two miners (two processes, or the schedule and a
   * refresh) cleaning the same customers take turns: the second reads the first's leads and skips
   * them, rejected ones included, which the open-key index alone would not catch. A deadlock with
   * another writer of those customers (ingest locks them the same way) is retried twice.
   */
  async lockingCustomers<T>(customerIds: readonly string[], fn: (tx: Tx) => Promise<T>): Promise<T> {
    const ids = [...new Set(customerIds)].sort();
    const mysql = this.ds.options.type === 'mysql';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(async (em) => {
          if (mysql && ids.length) await em.query(`SELECT id FROM customer WHERE id IN (${placeholders(ids.length)}) ORDER BY id FOR UPDATE`, ids);
          return fn(em);
        });
      } catch (error) {
        if (attempt < 3 && isDeadlock(error)) continue;
        throw error;
      }
    }
  }

  /**
   * Cleaning facts per `${customerId}:${line}` of the candidates (at most MINING_CHUNK customers):
   * the customer's phone, do-not-contact, WeCom reach and serving agent, and their leads of the line.
   */
  async cleaningFacts(tx: Tx, corpId: string, candidates: readonly MiningCandidate[], closedSince: Date): Promise<Map<string, CleaningFacts>> {
    const ids = [...new Set(candidates.map((c) => c.customerId))];
    const out = new Map<string, CleaningFacts>();
    if (ids.length === 0) return out;
    const marks = placeholders(ids.length);
    const activeFollow = `SELECT 1 FROM customer_follow f JOIN staff_member s ON s.id = f.staff_id WHERE f.customer_id = c.id AND f.status = 'active' AND s.status = 'active'`;
    const customers = await tx.query<Row[]>(
      `SELECT c.id AS id, CASE WHEN c.phone_cipher IS NULL THEN 0 ELSE 1 END AS has_phone, c.phone_masked AS masked,
              CASE WHEN EXISTS (${activeFollow} AND f.staff_id = c.owner_staff_id) THEN c.owner_staff_id ELSE NULL END AS serving,
              CASE WHEN EXISTS (${activeFollow}) THEN 1 ELSE 0 END AS wecom,
              CASE WHEN EXISTS (SELECT 1 FROM customer_identity i JOIN do_not_contact d ON d.corp_id = i.corp_id AND d.phone_hash = i.value
                                 WHERE i.customer_id = c.id AND i.kind = 'phone_hash') THEN 1 ELSE 0 END AS dnc
         FROM customer c WHERE c.corp_id = ? AND c.id IN (${marks})`,
      [corpId, ...ids],
    );
    const leads = await tx.query<Row[]>(
      `SELECT customer_id, product_line, status, reject_reason, closed_at FROM \`lead\` WHERE corp_id = ? AND customer_id IN (${marks}) ORDER BY created_at, id`,
      [corpId, ...ids],
    );
    const open = new Set<string>();
    const latest = new Map<string, Row>();
    for (const l of leads) {
      const key = pairKey(String(l.customer_id), String(l.product_line));
      if ((openLeadStatuses as readonly string[]).includes(String(l.status))) open.add(key);
      latest.set(key, l);
    }
    const byId = new Map(customers.map((c) => [String(c.id), c]));
    for (const cand of candidates) {
      const c = byId.get(cand.customerId);
      if (!c) continue;
      const key = pairKey(cand.customerId, cand.productLine);
      const last = latest.get(key);
      out.set(key, {
        openLead: open.has(key),
        recentlyClosed: !!last && (last.status === 'won' || last.status === 'lost') && last.closed_at != null && fromDbTime(last.closed_at as string).getTime() >= closedSince.getTime(),
        lastRejection: last && last.status === 'rejected' ? ((last.reject_reason as string | null) ?? null) : null,
        phone: phoneState(Number(c.has_phone) === 1, (c.masked as string | null) ?? null),
        doNotContact: Number(c.dnc) === 1,
        wecom: Number(c.wecom) === 1,
        servingStaffId: (c.serving as string | null) ?? null,
      });
    }
    return out;
  }

  /**
   * Inserts the leads and the moves of those that went in. A lead whose open key is taken already
   * (by code that writes leads without the customer lock) is skipped: the unique index (corp_id,
   * open_key) has the last word. Returns the ids of the leads written.
   */
  async insertLeads(tx: Tx, leads: readonly LeadRecord[], moves: readonly LeadMoveRecord[]): Promise<Set<string>> {
    const written = new Set<string>();
    if (leads.length === 0) return written;
    for (const part of chunk(leads, INSERT_CHUNK)) await tx.createQueryBuilder().insert().into(LeadRecord).values(part).orIgnore().updateEntity(false).execute();
    for (const part of chunk(leads.map((l) => l.id), MINING_CHUNK)) {
      const rows = await tx.query<Row[]>(`SELECT id FROM \`lead\` WHERE id IN (${placeholders(part.length)})`, part);
      for (const r of rows) written.add(String(r.id));
    }
    const kept = moves.filter((m) => written.has(m.leadId));
    for (const part of chunk(kept, INSERT_CHUNK)) await tx.createQueryBuilder().insert().into(LeadMoveRecord).values(part).updateEntity(false).execute();
    return written;
  }
}

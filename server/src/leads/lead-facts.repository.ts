import type { DataSource } from 'typeorm';
import type { JourneyStage, TagSource } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { addDays, localDay } from '../platform/local-day';
import type { ScoringFacts } from './scoring.plan';

type Row = Record<string, unknown>;
const asDate = (v: unknown): Date => fromDbTime(v as Date | string);
const asDay = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * Reads what scoring (and the intent model) knows of customers, five set-based queries per 500
 * customers: the customer, WeCom reachability, policies with their line, live tags with their group,
 * and every daily activity count within the look-back. Merged records are left out.
 */
export class LeadFactsRepository {
  constructor(private readonly ds: DataSource) {}

  async load(corpId: string, customerIds: readonly string[], now: Date, timezone: string, lookbackDays: number): Promise<Map<string, ScoringFacts>> {
    const today = localDay(now, timezone);
    const fromDay = addDays(today, -lookbackDays);
    const out = new Map<string, ScoringFacts>();
    for (const part of chunk([...new Set(customerIds)], 500)) {
      const marks = placeholders(part.length);
      const [customers, follows, policies, tags, counts] = await Promise.all([
        this.ds.query<Row[]>(
          // By id alone (the corp and merge checked below): SQLite would scan the corp's name index.
          `SELECT id, corp_id, merged_into_id, birth_date, city, stage, phone_cipher FROM customer WHERE id IN (${marks})`,
          part,
        ),
        this.ds.query<Row[]>(`SELECT DISTINCT customer_id FROM customer_follow WHERE status = 'active' AND customer_id IN (${marks})`, part),
        this.ds.query<Row[]>(
          `SELECT p.customer_id, pr.line, p.status, p.cover_amount, p.orphaned_at FROM policy p JOIN product pr ON pr.id = p.product_id WHERE p.customer_id IN (${marks})`,
          part,
        ),
        this.ds.query<Row[]>(
          `SELECT ct.customer_id, t.name, g.name AS group_name, g.\`key\` AS group_key, ct.source, ct.created_at, ct.confidence
             FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id JOIN tag_group g ON g.id = t.group_id
            WHERE ct.customer_id IN (${marks}) AND (ct.expires_at IS NULL OR ct.expires_at > ?)`,
          [...part, toDbTime(now)],
        ),
        this.ds.query<Row[]>(`SELECT customer_id, counter_key, day, count FROM activity_count WHERE customer_id IN (${marks}) AND day >= ?`, [...part, fromDay]),
      ]);
      const wecom = new Set(follows.map((r) => String(r.customer_id)));
      for (const c of customers) {
        if (c.corp_id !== corpId || c.merged_into_id != null) continue;
        const id = String(c.id);
        out.set(id, {
          today,
          birthDate: asDay(c.birth_date),
          city: (c.city as string | null) ?? null,
          hasWecom: wecom.has(id),
          hasPhone: c.phone_cipher !== null && c.phone_cipher !== undefined,
          stage: c.stage as JourneyStage,
          policies: [],
          tags: [],
          counts: new Map(),
        });
      }
      for (const p of policies) {
        const f = out.get(String(p.customer_id));
        if (f) (f.policies as ScoringFacts['policies'][number][]).push({ line: String(p.line), status: String(p.status), cover: Number(p.cover_amount), orphan: p.orphaned_at !== null && p.orphaned_at !== undefined });
      }
      for (const t of tags) {
        const f = out.get(String(t.customer_id));
        if (!f) continue;
        (f.tags as ScoringFacts['tags'][number][]).push({
          name: String(t.name),
          group: String(t.group_name),
          groupKey: String(t.group_key),
          source: t.source as TagSource,
          day: localDay(asDate(t.created_at), timezone),
          confidence: t.confidence === null || t.confidence === undefined ? null : Number(t.confidence),
        });
      }
      for (const r of counts) {
        const f = out.get(String(r.customer_id));
        if (!f) continue;
        const map = f.counts as Map<string, Array<{ day: string; count: number }>>;
        const key = String(r.counter_key);
        const list = map.get(key) ?? [];
        list.push({ day: String(r.day), count: Number(r.count) });
        map.set(key, list);
      }
    }
    return out;
  }
}

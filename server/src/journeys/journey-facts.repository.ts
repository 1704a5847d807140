import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import type { CompiledRule } from '../customers';
import type { SeenEvent } from './step-decision';

/** What the runner knows of a customer in a batch: for time zones, placeholders and channel addresses. */
export interface CustomerFacts {
  id: string;
  name: string;
  timeZone: string | null;
  city: string | null;
  ownerStaffId: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  phoneCipher: string | null;
  externalUserId: string | null;
  openid: string | null;
  oaOpenid: string | null;
  merged: boolean;
}

/**
 * Set-based reads for a batch of positions: one query per kind of fact for the whole batch, never
 * one per customer.
 */
export class JourneyFactsRepository {
  constructor(private readonly ds: DataSource) {}

  async corpTimezone(corpId: string): Promise<string> {
    const [row] = (await this.ds.query('SELECT timezone FROM corp WHERE id = ?', [corpId])) as Array<{ timezone: string }>;
    return row?.timezone ?? 'Asia/Shanghai';
  }

  async customers(ids: readonly string[]): Promise<Map<string, CustomerFacts>> {
    const out = new Map<string, CustomerFacts>();
    for (const part of chunk(ids, 500)) {
      const rows = (await this.ds.query(
        `SELECT c.id, c.name, c.timezone, c.city, c.owner_staff_id, c.phone_cipher, c.merged_into_id, s.wecom_user_id, s.name AS owner_name
           FROM customer c LEFT JOIN staff_member s ON s.id = c.owner_staff_id WHERE c.id IN (${placeholders(part.length)})`,
        [...part],
      )) as Array<Record<string, string | null>>;
      for (const r of rows) {
        out.set(r.id!, {
          id: r.id!,
          name: r.name ?? '',
          timeZone: r.timezone ?? null,
          city: r.city ?? null,
          ownerStaffId: r.owner_staff_id ?? null,
          ownerUserId: r.wecom_user_id ?? null,
          ownerName: r.owner_name ?? null,
          phoneCipher: r.phone_cipher ?? null,
          externalUserId: null,
          openid: null,
          oaOpenid: null,
          merged: r.merged_into_id !== null && r.merged_into_id !== undefined,
        });
      }
      const identities = (await this.ds.query(
        `SELECT customer_id, kind, value FROM customer_identity WHERE customer_id IN (${placeholders(part.length)}) AND kind IN ('external_userid', 'openid', 'oa_openid') ORDER BY created_at`,
        [...part],
      )) as Array<{ customer_id: string; kind: string; value: string }>;
      for (const i of identities) {
        const c = out.get(i.customer_id);
        if (!c) continue;
        if (i.kind === 'external_userid') c.externalUserId ??= i.value;
        else if (i.kind === 'openid') c.openid ??= i.value;
        else c.oaOpenid ??= i.value;
      }
    }
    return out;
  }

  /** The customers' events of these names since `since` (tracking and engine events alike). */
  async events(customerIds: readonly string[], names: readonly string[], since: Date): Promise<Map<string, SeenEvent[]>> {
    const out = new Map<string, SeenEvent[]>();
    if (names.length === 0) return out;
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(
        `SELECT customer_id, name, occurred_at, properties FROM tracking_event WHERE customer_id IN (${placeholders(part.length)}) AND occurred_at >= ? AND name IN (${placeholders(names.length)})`,
        [...part, toDbTime(since), ...names],
      )) as Array<{ customer_id: string; name: string; occurred_at: string | Date; properties: string | null }>;
      for (const r of rows) {
        const list = out.get(r.customer_id) ?? [];
        list.push({ name: r.name, at: fromDbTime(r.occurred_at), properties: parseProperties(r.properties) });
        out.set(r.customer_id, list);
      }
    }
    return out;
  }

  /** Which of these customers a compiled segment rule holds for. */
  async matching(customerIds: readonly string[], rule: CompiledRule): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(`SELECT c.id FROM customer c WHERE c.id IN (${placeholders(part.length)}) AND (${rule.sql})`, [...part, ...rule.params])) as Array<{ id: string }>;
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  /** A page of customers (id order, after `after`) a compiled rule holds for, with their time zones: schedule audiences. */
  async audiencePage(corpId: string, rule: CompiledRule, after: string, limit: number): Promise<Array<{ id: string; timeZone: string | null }>> {
    const rows = (await this.ds.query(
      `SELECT c.id, c.timezone FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.id > ? AND (${rule.sql}) ORDER BY c.id LIMIT ${Math.trunc(limit)}`,
      [corpId, after, ...rule.params],
    )) as Array<{ id: string; timezone: string | null }>;
    return rows.map((r) => ({ id: r.id, timeZone: r.timezone }));
  }

  /** Distinct customer time zones of the corp (NULL: the corp's). */
  async zones(corpId: string): Promise<Array<string | null>> {
    const rows = (await this.ds.query('SELECT DISTINCT timezone FROM customer WHERE corp_id = ? AND merged_into_id IS NULL', [corpId])) as Array<{ timezone: string | null }>;
    return rows.map((r) => r.timezone);
  }
}

function parseProperties(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

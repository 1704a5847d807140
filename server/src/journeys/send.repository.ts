import type { DataSource } from 'typeorm';
import type { ChannelKind } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';

export interface SendReservation {
  id: string;
  corpId: string;
  journeyId: string;
  versionId: string;
  positionId: string;
  stepId: string;
  customerId: string;
  channel: ChannelKind;
  sendKey: string;
}

export interface SendFinish {
  sendKey: string;
  outcome: 'sent' | 'held' | 'skipped' | 'dropped' | 'failed';
  reason: string | null;
  providerId: string | null;
}

/** journey_send: reserved before the channel is called (the unique key), finished after. */
export class SendRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  /**
   * Reserves the keys (a key that exists already is left alone) and returns each key's row as
   * stored now: a row with our id is ours to send; another id was reserved by an earlier attempt.
   */
  async reserve(rows: readonly SendReservation[], now: Date): Promise<Map<string, { id: string; outcome: string }>> {
    const ignore = this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    for (const part of chunk(rows, 200)) {
      const values = part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)").join(', ');
      await this.ds.query(
        `${ignore} INTO journey_send (id, corp_id, journey_id, version_id, position_id, step_id, customer_id, channel, send_key, outcome, attempts, first_at, at) VALUES ${values}`,
        part.flatMap((r) => [r.id, r.corpId, r.journeyId, r.versionId, r.positionId, r.stepId, r.customerId, r.channel, r.sendKey, toDbTime(now), toDbTime(now)]),
      );
    }
    const out = new Map<string, { id: string; outcome: string }>();
    for (const part of chunk(
      rows.map((r) => r.sendKey),
      500,
    )) {
      const found = (await this.ds.query(`SELECT id, send_key, outcome FROM journey_send WHERE send_key IN (${placeholders(part.length)})`, part)) as Array<{ id: string; send_key: string; outcome: string }>;
      for (const f of found) out.set(f.send_key, { id: f.id, outcome: f.outcome });
    }
    return out;
  }

  /** Writes the outcomes (grouped, so a batch of alike sends is one statement). */
  async finish(rows: readonly SendFinish[], now: Date): Promise<void> {
    const groups = new Map<string, SendFinish[]>();
    for (const r of rows) {
      const k = `${r.outcome}\u0000${r.reason ?? ''}\u0000${r.providerId ?? ''}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    for (const g of groups.values()) {
      const first = g[0]!;
      for (const part of chunk(g, 500)) {
        await this.ds.query(
          `UPDATE journey_send SET outcome = ?, reason = ?, provider_id = ?, attempts = attempts + 1, at = ?, sent_at = ? WHERE send_key IN (${placeholders(part.length)})`,
          [first.outcome, first.reason, first.providerId, toDbTime(now), first.outcome === 'sent' ? toDbTime(now) : null, ...part.map((p) => p.sendKey)],
        );
      }
    }
  }

  /** Messages sent to these customers since `since`, per channel (frequency caps count them). */
  async sentSince(customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; channel: ChannelKind; at: Date }>> {
    const out: Array<{ customerId: string; channel: ChannelKind; at: Date }> = [];
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(
        `SELECT customer_id, channel, sent_at FROM journey_send WHERE customer_id IN (${placeholders(part.length)}) AND outcome = 'sent' AND sent_at >= ?`,
        [...part, toDbTime(since)],
      )) as Array<{ customer_id: string; channel: ChannelKind; sent_at: string | Date }>;
      for (const r of rows) out.push({ customerId: r.customer_id, channel: r.channel, at: fromDbTime(r.sent_at) });
    }
    return out;
  }

  /**
   * Sends made since `since` on these channels, and by these journeys (rate limits): two counts
   * through the (channel, at) and (journey_id, at) indexes, never a scan of the whole history.
   */
  async rateSince(channels: readonly string[], journeyIds: readonly string[], since: Date): Promise<{ byChannel: Map<string, number>; byJourney: Map<string, number> }> {
    const count = async (column: 'channel' | 'journey_id', values: readonly string[]): Promise<Map<string, number>> => {
      const out = new Map<string, number>();
      if (values.length === 0) return out;
      const rows = (await this.ds.query(
        `SELECT ${column} AS k, COUNT(*) AS n FROM journey_send WHERE ${column} IN (${placeholders(values.length)}) AND at >= ? AND outcome = 'sent' GROUP BY ${column}`,
        [...values, toDbTime(since)],
      )) as Array<{ k: string; n: number | string }>;
      for (const r of rows) out.set(r.k, Number(r.n));
      return out;
    };
    return { byChannel: await count('channel', channels), byJourney: await count('journey_id', journeyIds) };
  }

  /**
   * Uses one subscription consent per message, for a round's messages in one transaction; returns
   * the indexes of those that had one left.
   */
  async takeConsents(wanted: ReadonlyArray<{ customerId: string; templateId: string }>, now: Date): Promise<Set<number>> {
    const took = new Set<number>();
    if (wanted.length === 0) return took;
    await this.ds.transaction(async (em) => {
      for (const [i, w] of wanted.entries()) {
        const r = (await em.queryRunner!.query('UPDATE subscription_consent SET remaining = remaining - 1, updated_at = ? WHERE customer_id = ? AND template_id = ? AND remaining > 0', [toDbTime(now), w.customerId, w.templateId], true)) as {
          affected?: number;
        };
        if ((r.affected ?? 0) > 0) took.add(i);
      }
    });
    return took;
  }

  async consentsLeft(customerIds: readonly string[], templateIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (templateIds.length === 0) return out;
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(
        `SELECT customer_id, template_id, remaining FROM subscription_consent WHERE customer_id IN (${placeholders(part.length)}) AND template_id IN (${placeholders(templateIds.length)})`,
        [...part, ...templateIds],
      )) as Array<{ customer_id: string; template_id: string; remaining: number | string }>;
      for (const r of rows) out.set(`${r.customer_id}\u0000${r.template_id}`, Number(r.remaining));
    }
    return out;
  }
}

import type { DataSource } from 'typeorm';
import type { MpSubscriptionRequest, MpSubscriptionScene } from '@lodestar/shared';
import { toDbTime, fromDbTime } from '../db/naming';
import { changedRows } from '../db/changed-rows';
import { MpReminder, MpSubscription } from './subscription.entity';

export interface CheckinReminderCandidate {
  customerId: string;
  timezone: string | null;
  templateId: string;
  openid: string;
  lastDate: string | null;
}

export interface ActivityReminderCandidate {
  signupId: string;
  customerId: string;
  activityId: string;
  title: string;
  startsAt: Date;
  location: string | null;
  templateId: string;
  openid: string;
}

/**
 * Subscription-message consents and the reminders sent on them. A one-time consent is one message:
 * each accept adds one to the quota in subscription_consent (the table the journeys' sends draw on
 * too), and each reminder takes one with a conditional UPDATE. A reminder is claimed under a unique
 * key before it is sent, so it goes out at most once however many workers run the job.
 */
export class SubscriptionRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  async record(corpId: string, customerId: string, input: MpSubscriptionRequest, at: Date, nextId: () => string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const existing = await em.findOne(MpSubscription, { where: { customerId, scene: input.scene } });
      if (existing) await em.update(MpSubscription, { customerId, scene: input.scene }, { templateId: input.templateId, result: input.result, updatedAt: at });
      else await em.insert(MpSubscription, { customerId, scene: input.scene, corpId, templateId: input.templateId, result: input.result, updatedAt: at });
      if (input.result !== 'accept') return;
      const upsert = this.mysql
        ? 'INSERT INTO subscription_consent (id, corp_id, customer_id, template_id, remaining, updated_at) VALUES (?, ?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE remaining = remaining + 1, updated_at = VALUES(updated_at)'
        : 'INSERT INTO subscription_consent (id, corp_id, customer_id, template_id, remaining, updated_at) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT(customer_id, template_id) DO UPDATE SET remaining = remaining + 1, updated_at = excluded.updated_at';
      await em.query(upsert, [nextId(), corpId, customerId, input.templateId, toDbTime(at)]);
    });
  }

  async scene(customerId: string, scene: MpSubscriptionScene): Promise<MpSubscription | null> {
    return this.ds.getRepository(MpSubscription).findOne({ where: { customerId, scene } });
  }

  async openidOf(customerId: string): Promise<string | null> {
    const [row] = await this.ds.query<Array<{ v: string | null }>>("SELECT MIN(value) AS v FROM customer_identity WHERE customer_id = ? AND kind = 'openid'", [customerId]);
    return row?.v ?? null;
  }

  /** Uses one consent of the template; false when none is left. */
  async takeConsent(customerId: string, templateId: string, at: Date): Promise<boolean> {
    const n = await changedRows(this.ds.manager, 'UPDATE subscription_consent SET remaining = remaining - 1, updated_at = ? WHERE customer_id = ? AND template_id = ? AND remaining > 0', [toDbTime(at), customerId, templateId]);
    return n > 0;
  }

  /** Claims a reminder's key; false when it was claimed before (sent, failed or in flight elsewhere). */
  async claim(row: Omit<MpReminder, 'status' | 'detail'>): Promise<boolean> {
    const sql = `${this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO mp_reminder (id, corp_id, customer_id, reminder_key, kind, status, detail, at) VALUES (?, ?, ?, ?, ?, 'claimed', NULL, ?)`;
    return (await changedRows(this.ds.manager, sql, [row.id, row.corpId, row.customerId, row.reminderKey, row.kind, toDbTime(row.at)])) > 0;
  }

  async finish(reminderKey: string, status: MpReminder['status'], detail: string | null): Promise<void> {
    await this.ds.getRepository(MpReminder).update({ reminderKey }, { status, detail: detail?.slice(0, 300) ?? null });
  }

  async reminders(customerId: string): Promise<MpReminder[]> {
    return this.ds.getRepository(MpReminder).find({ where: { customerId }, order: { at: 'ASC' } });
  }

  async claimedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.ds.query<Array<{ k: string }>>(`SELECT reminder_key AS k FROM mp_reminder WHERE reminder_key IN (${keys.map(() => '?').join(',')})`, [...keys]);
    return new Set(rows.map((r) => r.k));
  }

  /** Customers who accepted check-in reminders and have a consent left, with their openid and last check-in. */
  async checkinCandidates(corpId: string): Promise<CheckinReminderCandidate[]> {
    const rows = await this.ds.query<Array<{ customer_id: string; timezone: string | null; template_id: string; openid: string | null; last_date: string | null }>>(
      `SELECT s.customer_id, c.timezone, s.template_id,
              (SELECT MIN(i.value) FROM customer_identity i WHERE i.customer_id = s.customer_id AND i.kind = 'openid') AS openid,
              (SELECT MAX(k.local_date) FROM mp_checkin k WHERE k.customer_id = s.customer_id) AS last_date
         FROM mp_subscription s
         JOIN customer c ON c.id = s.customer_id AND c.merged_into_id IS NULL
         JOIN subscription_consent sc ON sc.customer_id = s.customer_id AND sc.template_id = s.template_id AND sc.remaining > 0
        WHERE s.corp_id = ? AND s.scene = 'checkin_reminder' AND s.result = 'accept'`,
      [corpId],
    );
    return rows.filter((r) => r.openid).map((r) => ({ customerId: r.customer_id, timezone: r.timezone, templateId: r.template_id, openid: r.openid!, lastDate: r.last_date }));
  }

  /** Confirmed sign-ups of activities starting within the next day whose customer accepted activity reminders. */
  async activityCandidates(corpId: string, now: Date, until: Date): Promise<ActivityReminderCandidate[]> {
    const rows = await this.ds.query<Array<{ id: string; customer_id: string; activity_id: string; title: string; starts_at: string | Date; location: string | null; template_id: string; openid: string | null }>>(
      `SELECT g.id, g.customer_id, g.activity_id, a.title, a.starts_at, a.location, s.template_id,
              (SELECT MIN(i.value) FROM customer_identity i WHERE i.customer_id = g.customer_id AND i.kind = 'openid') AS openid
         FROM mp_signup g
         JOIN activity a ON a.id = g.activity_id
         JOIN mp_subscription s ON s.customer_id = g.customer_id AND s.scene = 'activity_reminder' AND s.result = 'accept'
        WHERE g.corp_id = ? AND g.status = 'confirmed' AND a.starts_at > ? AND a.starts_at <= ?`,
      [corpId, toDbTime(now), toDbTime(until)],
    );
    return rows
      .filter((r) => r.openid)
      .map((r) => ({ signupId: r.id, customerId: r.customer_id, activityId: r.activity_id, title: r.title, startsAt: fromDbTime(r.starts_at), location: r.location, templateId: r.template_id, openid: r.openid! }));
  }
}

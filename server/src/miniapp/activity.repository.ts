import { In, type DataSource, type EntityManager } from 'typeorm';
import { toDbTime } from '../db/naming';
import { isDeadlock, isUniqueViolation } from '../db/transaction';
import { Activity } from './activity.entity';
import { changedRows } from '../db/changed-rows';
import { MpActivityView, MpPlay, MpSignup } from './signup.entity';
import { decideSignup, promotions } from './signup.plan';

export interface SignupRequest {
  corpId: string;
  activityId: string;
  customerId: string;
  seats: number;
  name: string;
  phone: { cipher: string; masked: string } | null;
  note: string | null;
  inviter: string | null;
  requestId: string;
  at: Date;
  newId: () => string;
  newTicket: () => string;
}

export interface SignupOutcome {
  signup: MpSignup;
  /** False when the customer had signed up already: the same answer again. */
  created: boolean;
}

export interface Promotion {
  signupId: string;
  customerId: string;
  ticketCode: string;
}

/**
 * Activities, seats and sign-ups. Every change of an activity's seats first locks its row (SELECT …
 * FOR UPDATE on MySQL; SQLite runs one transaction at a time), decides with signup.plan.ts on what
 * it read, and moves the counter with a conditional UPDATE that could not oversell even if the lock
 * were missing. Sign-ups and cancellations lock in the same order (activity, then sign-up), so two
 * never deadlock.
 */
export class MpActivityRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  async list(corpId: string, filter: { kind?: 'online' | 'offline'; status?: Activity['status'] }): Promise<Activity[]> {
    return this.ds.getRepository(Activity).find({ where: { corpId, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.status ? { status: filter.status } : {}) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  async get(corpId: string, id: string): Promise<Activity | null> {
    return this.ds.getRepository(Activity).findOne({ where: { corpId, id } });
  }

  async many(ids: readonly string[]): Promise<Activity[]> {
    return ids.length ? this.ds.getRepository(Activity).find({ where: { id: In([...new Set(ids)]) } }) : [];
  }

  async insert(a: Activity): Promise<void> {
    await this.ds.getRepository(Activity).insert(a);
  }

  async update(id: string, patch: Partial<Activity>): Promise<void> {
    await this.ds.getRepository(Activity).update({ id }, patch as Record<string, unknown>);
  }

  async signupOf(activityId: string, customerId: string): Promise<MpSignup | null> {
    return this.ds.getRepository(MpSignup).findOne({ where: { activityId, customerId } });
  }

  async signupsOfCustomer(customerId: string, activityIds?: readonly string[]): Promise<MpSignup[]> {
    return this.ds.getRepository(MpSignup).find({ where: { customerId, ...(activityIds ? { activityId: In([...activityIds]) } : {}) }, order: { signedUpAt: 'DESC' } });
  }

  async signupsOfActivity(activityId: string): Promise<MpSignup[]> {
    return this.ds.getRepository(MpSignup).find({ where: { activityId }, order: { queuedAt: 'ASC', id: 'ASC' } });
  }

  async byTicket(code: string): Promise<MpSignup | null> {
    return this.ds.getRepository(MpSignup).findOne({ where: { ticketCode: code } });
  }

  /** 1-based places on the waitlist, for the given sign-ups. */
  async positions(signups: readonly MpSignup[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const s of signups.filter((x) => x.status === 'waitlisted')) {
      const [row] = await this.ds.query<Array<{ n: number | string }>>(
        "SELECT COUNT(*) AS n FROM mp_signup WHERE activity_id = ? AND status = 'waitlisted' AND (queued_at < ? OR (queued_at = ? AND id < ?))",
        [s.activityId, toDbTime(s.queuedAt), toDbTime(s.queuedAt), s.id],
      );
      out.set(s.id, Number(row?.n ?? 0) + 1);
    }
    return out;
  }

  private async lockActivity(em: EntityManager, id: string): Promise<{ capacity: number | null; seatsTaken: number; waitlisted: number } | null> {
    const [row] = await em.query<Array<{ capacity: number | string | null; seats_taken: number | string; waitlisted: number | string }>>(
      `SELECT capacity, seats_taken, waitlisted FROM activity WHERE id = ?${this.mysql ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ? { capacity: row.capacity === null ? null : Number(row.capacity), seatsTaken: Number(row.seats_taken), waitlisted: Number(row.waitlisted) } : null;
  }

  /** Signs up once per customer: confirmed with a ticket while seats last, else waitlisted. */
  async signUp(r: SignupRequest): Promise<SignupOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(async (em) => {
          const state = await this.lockActivity(em, r.activityId);
          if (!state) throw new Error(`activity ${r.activityId} vanished`);
          const existing = await em.findOne(MpSignup, { where: { activityId: r.activityId, customerId: r.customerId } });
          if (existing && existing.status !== 'cancelled') return { signup: existing, created: false };
          let status = decideSignup(state, r.seats);
          if (status === 'confirmed') {
            const moved = await changedRows(em, 'UPDATE activity SET seats_taken = seats_taken + ? WHERE id = ? AND (capacity IS NULL OR (seats_taken + ? <= capacity AND waitlisted = 0))', [r.seats, r.activityId, r.seats]);
            if (moved === 0) status = 'waitlisted';
          }
          if (status === 'waitlisted') await em.query('UPDATE activity SET waitlisted = waitlisted + 1 WHERE id = ?', [r.activityId]);
          const row: MpSignup = {
            id: existing?.id ?? r.newId(),
            corpId: r.corpId,
            activityId: r.activityId,
            customerId: r.customerId,
            status,
            seats: r.seats,
            ticketCode: status === 'confirmed' ? r.newTicket() : null,
            name: r.name,
            phoneCipher: r.phone?.cipher ?? null,
            phoneMasked: r.phone?.masked ?? null,
            note: r.note,
            inviter: r.inviter,
            requestId: r.requestId,
            signedUpAt: r.at,
            queuedAt: r.at,
            confirmedAt: status === 'confirmed' ? r.at : null,
            attendedAt: null,
            cancelledAt: null,
            updatedAt: r.at,
          };
          if (existing) await em.update(MpSignup, { id: existing.id }, row);
          else await em.insert(MpSignup, row);
          return { signup: row, created: true };
        });
      } catch (error) {
        // The same customer twice at once: the loser rolled back whole and reads the winner's sign-up.
        if (attempt < 5 && (isUniqueViolation(error) || isDeadlock(error))) continue;
        throw error;
      }
    }
  }

  /**
   * Cancels the customer's sign-up and moves the waitlist up into the freed seats, in one
   * transaction. Null when there was nothing to cancel (idempotent).
   */
  async cancel(activityId: string, customerId: string, at: Date, newTicket: () => string): Promise<{ was: MpSignup; promoted: Promotion[] } | null> {
    return this.ds.transaction(async (em) => {
      const state = await this.lockActivity(em, activityId);
      const s = await em.findOne(MpSignup, { where: { activityId, customerId } });
      if (!state || !s || s.status === 'cancelled' || s.status === 'attended') return null;
      await em.update(MpSignup, { id: s.id }, { status: 'cancelled', cancelledAt: at, updatedAt: at });
      const freed = s.status === 'confirmed' ? s.seats : 0;
      const seatsTaken = state.seatsTaken - freed;
      const waitlisted = state.waitlisted - (s.status === 'waitlisted' ? 1 : 0);
      const queue = await em.query<Array<{ id: string; customer_id: string; seats: number | string }>>(
        `SELECT id, customer_id, seats FROM mp_signup WHERE activity_id = ? AND status = 'waitlisted' ORDER BY queued_at, id${this.mysql ? ' FOR UPDATE' : ''}`,
        [activityId],
      );
      const plan = promotions({ capacity: state.capacity, seatsTaken }, queue.map((q) => ({ id: q.id, seats: Number(q.seats) })));
      const promoted: Promotion[] = [];
      for (const id of plan.ids) {
        const ticketCode = newTicket();
        await em.update(MpSignup, { id }, { status: 'confirmed', ticketCode, confirmedAt: at, updatedAt: at });
        promoted.push({ signupId: id, customerId: queue.find((q) => q.id === id)!.customer_id, ticketCode });
      }
      await em.query('UPDATE activity SET seats_taken = ?, waitlisted = ? WHERE id = ?', [plan.seatsTaken, waitlisted - plan.ids.length, activityId]);
      return { was: s, promoted };
    });
  }

  /** Confirmed → attended; true only for the call that moved it (a second scan finds it attended). */
  async attend(signupId: string, at: Date): Promise<boolean> {
    return (await changedRows(this.ds.manager, "UPDATE mp_signup SET status = 'attended', attended_at = ?, updated_at = ? WHERE id = ? AND status = 'confirmed'", [toDbTime(at), toDbTime(at), signupId])) > 0;
  }

  async recordView(v: { corpId: string; activityId: string; customerId: string; inviter: string | null; at: Date }): Promise<void> {
    const moved = await changedRows(this.ds.manager, 'UPDATE mp_activity_view SET views = views + 1, last_at = ?, inviter = COALESCE(inviter, ?) WHERE activity_id = ? AND customer_id = ?', [toDbTime(v.at), v.inviter, v.activityId, v.customerId]);
    if (moved) return;
    const sql = `${this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO mp_activity_view (activity_id, customer_id, corp_id, inviter, views, first_at, last_at) VALUES (?, ?, ?, ?, 1, ?, ?)`;
    await this.ds.query(sql, [v.activityId, v.customerId, v.corpId, v.inviter, toDbTime(v.at), toDbTime(v.at)]);
  }

  /** Who invited the customer to the activity, as the first view recorded it. */
  async inviterOf(activityId: string, customerId: string): Promise<string | null> {
    return (await this.ds.getRepository(MpActivityView).findOne({ where: { activityId, customerId } }))?.inviter ?? null;
  }

  async play(activityId: string, customerId: string): Promise<MpPlay | null> {
    return this.ds.getRepository(MpPlay).findOne({ where: { activityId, customerId } });
  }

  async playedIn(customerId: string, activityIds: readonly string[]): Promise<Set<string>> {
    if (!activityIds.length) return new Set();
    const rows = await this.ds.getRepository(MpPlay).find({ where: { customerId, activityId: In([...activityIds]) }, select: { activityId: true } });
    return new Set(rows.map((r) => r.activityId));
  }

  /** Keeps the first play; false when the customer had played already (the first result stands). */
  async insertPlay(em: EntityManager, row: MpPlay): Promise<boolean> {
    const sql = `${this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO mp_play (activity_id, customer_id, corp_id, result, at) VALUES (?, ?, ?, ?, ?)`;
    return (await changedRows(em, sql, [row.activityId, row.customerId, row.corpId, JSON.stringify(row.result), toDbTime(row.at)])) > 0;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** Distinct customers who viewed, were invited, booked, attended or wait, and viewed without booking. */
  async funnel(activityId: string): Promise<{ invited: number; viewed: number; booked: number; attended: number; waitlisted: number; viewedNotBooked: number }> {
    const [row] = await this.ds.query<Array<Record<string, number | string | null>>>(
      `SELECT
         (SELECT COUNT(*) FROM mp_activity_view WHERE activity_id = ? AND inviter IS NOT NULL) AS invited,
         (SELECT COUNT(*) FROM mp_activity_view WHERE activity_id = ?) AS viewed,
         (SELECT COUNT(*) FROM mp_signup WHERE activity_id = ? AND status <> 'cancelled') AS booked,
         (SELECT COUNT(*) FROM mp_signup WHERE activity_id = ? AND status = 'attended') AS attended,
         (SELECT COUNT(*) FROM mp_signup WHERE activity_id = ? AND status = 'waitlisted') AS waitlisted,
         (SELECT COUNT(*) FROM mp_activity_view v WHERE v.activity_id = ? AND NOT EXISTS (SELECT 1 FROM mp_signup s WHERE s.activity_id = v.activity_id AND s.customer_id = v.customer_id AND s.status <> 'cancelled')) AS not_booked`,
      [activityId, activityId, activityId, activityId, activityId, activityId],
    );
    const n = (k: string) => Number(row?.[k] ?? 0);
    return { invited: n('invited'), viewed: n('viewed'), booked: n('booked'), attended: n('attended'), waitlisted: n('waitlisted'), viewedNotBooked: n('not_booked') };
  }
}

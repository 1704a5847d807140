import { In, type DataSource, type EntityManager } from 'typeorm';
import type { IdentityKind } from '@lodestar/shared';
import { Customer, CustomerIdentity, CustomerMergeRepository, newCustomerRecord, pickSurvivor, Policy, Product } from '../customers';
import { placeholders } from '../db/sql-lists';
import { StaffMember } from '../org';
import { MpAgentContactWay, MpMember } from './member.entity';
import { MpReferral } from './referral.entity';
import { MpSignup } from './signup.entity';

export interface Claim {
  kind: IdentityKind;
  value: string;
}

export interface CustomerBasics {
  id: string;
  corpId: string;
  name: string;
  phoneMasked: string | null;
  timezone: string | null;
  ownerStaffId: string | null;
  createdAt: Date;
}

/** Identities that name one person at most: two different values on the two sides refuse a merge. */
const singular: ReadonlySet<IdentityKind> = new Set(['login_id', 'external_userid', 'unionid']);

/**
 * Who a mini-program user is: customers found or created by openid / unionid, their member row
 * (referral code), phones, their agent's card, and merges (two records found to be one person move
 * together, the mini-program's own rows with them).
 */
export class MemberRepository {
  private readonly merges = new CustomerMergeRepository();
  constructor(private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async owners(em: EntityManager, corpId: string, claims: readonly Claim[]): Promise<Array<Claim & { customerId: string }>> {
    if (!claims.length) return [];
    const rows = await em.find(CustomerIdentity, { where: claims.map((c) => ({ corpId, kind: c.kind, value: c.value })) });
    return rows.map((r) => ({ kind: r.kind, value: r.value, customerId: r.customerId }));
  }

  async createCustomer(em: EntityManager, c: { id: string; corpId: string; name: string; at: Date }, claims: readonly Claim[], nextId: () => string): Promise<void> {
    await em.insert(Customer, newCustomerRecord({ id: c.id, corpId: c.corpId, name: c.name, createdAt: c.at }));
    await this.attach(em, c.corpId, c.id, claims, c.at, nextId);
  }

  /**
   * Adds the identities the customer does not hold yet. One held by someone else is left alone, and
   * so is a second value of a kind one person has once (a unionid when the customer has another).
   */
  async attach(em: EntityManager, corpId: string, customerId: string, claims: readonly Claim[], at: Date, nextId: () => string): Promise<void> {
    const held = await this.owners(em, corpId, claims);
    const own = await em.find(CustomerIdentity, { where: { customerId } });
    for (const c of claims) {
      if (held.some((h) => h.kind === c.kind && h.value === c.value)) continue;
      if (singular.has(c.kind) && own.some((o) => o.kind === c.kind)) continue;
      await em.insert(CustomerIdentity, { id: nextId(), corpId, customerId, kind: c.kind, value: c.value, createdAt: at });
    }
  }

  async basics(ids: readonly string[], em: EntityManager = this.ds.manager): Promise<Map<string, CustomerBasics>> {
    if (!ids.length) return new Map();
    const rows = await em.find(Customer, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((c) => [c.id, { id: c.id, corpId: c.corpId, name: c.name, phoneMasked: c.phoneMasked, timezone: c.timezone, ownerStaffId: c.ownerStaffId, createdAt: c.createdAt }]));
  }

  async rename(customerId: string, name: string, at: Date): Promise<void> {
    await this.ds.getRepository(Customer).update({ id: customerId }, { name, updatedAt: at });
  }

  /** The live record each id stands for now (a merged record's survivor). */
  async live(ids: readonly string[]): Promise<Map<string, string>> {
    return this.merges.resolveMerged(this.ds.manager, ids);
  }

  async member(customerId: string, em: EntityManager = this.ds.manager): Promise<MpMember | null> {
    return em.findOne(MpMember, { where: { customerId } });
  }

  async memberByCode(corpId: string, code: string): Promise<MpMember | null> {
    return this.ds.getRepository(MpMember).findOne({ where: { corpId, referralCode: code } });
  }

  async insertMember(em: EntityManager, m: MpMember): Promise<void> {
    await em.insert(MpMember, m);
  }

  async counts(customerId: string): Promise<{ tickets: number; invitees: number; policies: number; balance: number }> {
    const [t, i, p, b] = await Promise.all([
      this.ds.getRepository(MpSignup).count({ where: { customerId, status: In(['confirmed', 'attended']) } }),
      this.ds.getRepository(MpReferral).count({ where: { referrerId: customerId } }),
      this.ds.getRepository(Policy).count({ where: { customerId } }),
      this.ds.query<Array<{ s: number | string | null }>>('SELECT SUM(delta) AS s FROM mp_points WHERE customer_id = ?', [customerId]),
    ]);
    return { tickets: t, invitees: i, policies: p, balance: Number(b[0]?.s ?? 0) };
  }

  async policies(customerId: string): Promise<Array<Policy & { productName: string; productLine: string }>> {
    const policies = await this.ds.getRepository(Policy).find({ where: { customerId }, order: { startDate: 'DESC' } });
    const products = policies.length ? await this.ds.getRepository(Product).find({ where: { id: In([...new Set(policies.map((p) => p.productId))]) } }) : [];
    const byId = new Map(products.map((p) => [p.id, p]));
    return policies.map((p) => ({ ...p, productName: byId.get(p.productId)?.name ?? '', productLine: byId.get(p.productId)?.line ?? 'life' }));
  }

  async staff(staffId: string): Promise<StaffMember | null> {
    return this.ds.getRepository(StaffMember).findOne({ where: { id: staffId } });
  }

  async wecomUserId(staffId: string): Promise<string | null> {
    return (await this.staff(staffId))?.wecomUserId ?? null;
  }

  async contactWay(staffId: string): Promise<string | null> {
    return (await this.ds.getRepository(MpAgentContactWay).findOne({ where: { staffId } }))?.configId ?? null;
  }

  /** Keeps the first contact way saved for the agent (two requests racing both made one: the loser's is unused). */
  async saveContactWay(row: MpAgentContactWay): Promise<string> {
    await this.ds.createQueryBuilder().insert().into(MpAgentContactWay).values(row).orIgnore().execute();
    return (await this.contactWay(row.staffId)) ?? row.configId;
  }

  /** The customer holding a phone hash, if any. */
  async phoneOwner(em: EntityManager, corpId: string, hash: string): Promise<string | null> {
    return (await em.findOne(CustomerIdentity, { where: { corpId, kind: 'phone_hash', value: hash } }))?.customerId ?? null;
  }

  async setPhone(em: EntityManager, customerId: string, phone: { cipher: string; masked: string }, at: Date): Promise<void> {
    await em.update(Customer, { id: customerId }, { phoneCipher: phone.cipher, phoneMasked: phone.masked, updatedAt: at });
  }

  /** True when the records hold different values of a kind one person has once (two unionids, two external user ids…). */
  async conflicting(em: EntityManager, ids: readonly string[]): Promise<boolean> {
    const rows = await em.find(CustomerIdentity, { where: { customerId: In([...ids]) } });
    const values = new Map<string, Set<string>>();
    for (const r of rows) if (singular.has(r.kind)) values.set(r.kind, (values.get(r.kind) ?? new Set<string>()).add(r.value));
    return [...values.values()].some((v) => v.size > 1);
  }

  /** Merges the records into one by the customers domain's rules; the mini-program's rows move too. Returns the survivor. */
  async merge(em: EntityManager, corpId: string, ids: readonly string[], reason: string, at: Date, nextId: () => string): Promise<string> {
    const survivorId = pickSurvivor(await this.merges.candidates(em, corpId, ids));
    const mergedIds = ids.filter((id) => id !== survivorId);
    if (mergedIds.length) {
      await this.merges.merge(em, { corpId, survivorId, mergedIds: [...mergedIds], reason, eventKey: null, at, id: nextId });
      await this.repoint(em, survivorId, mergedIds);
    }
    return survivorId;
  }

  /**
   * Moves the mini-program's rows of merged records to the survivor. Where the survivor has its own
   * row under the same unique key (a check-in the same day, a sign-up to the same activity), the
   * survivor's stays and the merged record's is left where it was.
   */
  async repoint(em: EntityManager, survivorId: string, mergedIds: readonly string[]): Promise<void> {
    if (!mergedIds.length) return;
    const from = placeholders(mergedIds.length);
    const move = (table: string, column = 'customer_id') => em.query(`UPDATE ${table} SET ${column} = ? WHERE ${column} IN (${from})`, [survivorId, ...mergedIds]);
    const moveUnless = async (table: string, key: string) => {
      const taken = (await em.query<Array<{ k: string }>>(`SELECT ${key} AS k FROM ${table} WHERE customer_id = ?`, [survivorId])).map((r) => r.k);
      const not = taken.length ? ` AND ${key} NOT IN (${placeholders(taken.length)})` : '';
      for (const loser of mergedIds) {
        const mine = (await em.query<Array<{ k: string }>>(`SELECT ${key} AS k FROM ${table} WHERE customer_id = ?`, [loser])).map((r) => r.k);
        await em.query(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?${not}`, [survivorId, loser, ...taken]);
        taken.push(...mine.filter((k) => !taken.includes(k)));
      }
    };
    await move('mp_points');
    await move('mp_reminder');
    await move('mp_proposal');
    await move('mp_assessment');
    await move('mp_referral', 'referrer_id');
    await moveUnless('mp_checkin', 'local_date');
    await moveUnless('mp_signup', 'activity_id');
    await moveUnless('mp_activity_view', 'activity_id');
    await moveUnless('mp_play', 'activity_id');
    await moveUnless('mp_subscription', 'scene');
    if (!(await em.findOne(MpReferral, { where: { refereeId: survivorId } }))) {
      const first = await em.findOne(MpReferral, { where: { refereeId: In([...mergedIds]) }, order: { joinedAt: 'ASC' } });
      if (first) await em.update(MpReferral, { id: first.id }, { refereeId: survivorId });
    }
    if (!(await em.findOne(MpMember, { where: { customerId: survivorId } }))) {
      const first = await em.findOne(MpMember, { where: { customerId: In([...mergedIds]) }, order: { joinedAt: 'ASC' } });
      if (first) await em.update(MpMember, { customerId: first.customerId }, { customerId: survivorId });
    }
  }
}

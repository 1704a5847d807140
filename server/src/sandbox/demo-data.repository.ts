import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hashPassword } from '../auth';
import { isUniqueViolation } from '../db/transaction';
import { Customer, CustomerIdentity, CustomerTag, Policy, Product, Tag, TagGroup } from '../customers';
import { Activity } from '../miniapp';
import { Corp, StaffMember, Team } from '../org';
import { ContentArticle, TalkScript } from '../playbook';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { buildDemoData } from './demo-data';

export interface DemoLoadResult {
  corpId: string;
  created: boolean;
  counts: Record<string, number>;
}

async function insertChunked<T extends ObjectLiteral>(ds: DataSource, em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  // SQLite allows 32766 bound variables per statement; MySQL's packet limit is the other bound.
  const columns = ds.getMetadata(target).columns.length;
  const size = Math.min(500, Math.floor(30000 / columns));
  for (let i = 0; i < rows.length; i += size) await em.getRepository(target).insert(rows.slice(i, i + size));
}

/** Loads the demo tenant on first start (one transaction); later starts find it and do nothing. */
export async function loadDemoData(
  ds: DataSource,
  deps: { clock: Clock; ids: IdGenerator; corpWecomId: string; staffPassword: string; phoneHashKey: string; customers?: number },
): Promise<DemoLoadResult> {
  const existing = await ds.getRepository(Corp).findOne({ where: { wecomCorpId: deps.corpWecomId } });
  if (existing) return { corpId: existing.id, created: false, counts: {} };
  const data = buildDemoData({
    corpWecomId: deps.corpWecomId,
    customers: deps.customers ?? 3000,
    now: deps.clock.now(),
    ids: deps.ids,
    staffPasswordHash: await hashPassword(deps.staffPassword),
    phoneHashKey: deps.phoneHashKey,
  });
  try {
    await ds.transaction(async (em) => {
    await em.getRepository(Corp).insert(data.corp);
    await insertChunked(ds, em, Team, data.teams);
    await insertChunked(ds, em, StaffMember, data.staff);
    await insertChunked(ds, em, TagGroup, data.tagGroups);
    await insertChunked(ds, em, Tag, data.tags);
    await insertChunked(ds, em, Product, data.products);
    await insertChunked(ds, em, Customer, data.customers);
    await insertChunked(ds, em, CustomerIdentity, data.identities);
    await insertChunked(ds, em, CustomerTag, data.customerTags);
    await insertChunked(ds, em, Policy, data.policies);
    await insertChunked(ds, em, Activity, data.activities);
    await insertChunked(ds, em, ContentArticle, data.articles);
    await insertChunked(ds, em, TalkScript, data.scripts);
    });
  } catch (error) {
    // Another process loaded the demo first: its corp row won; ours rolled back whole.
    if (!isUniqueViolation(error)) throw error;
    const winner = await ds.getRepository(Corp).findOneOrFail({ where: { wecomCorpId: deps.corpWecomId } });
    return { corpId: winner.id, created: false, counts: {} };
  }
  const counts = Object.fromEntries(Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return { corpId: data.corp.id, created: true, counts };
}

import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hashPassword } from '../auth';
import { isUniqueViolation } from '../db/transaction';
import { ActivityCount, Customer, CustomerFollow, CustomerIdentity, CustomerTag, Policy, Product, Tag, TagGroup, type ProtectedPhone } from '../customers';
import { Activity, MpProposal } from '../miniapp';
import { Corp, StaffMember, Team } from '../org';
import { ContentArticle, TalkScript } from '../playbook';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { StageTransitionRepository } from '../analytics';
import { buildDemoData } from './demo-data';
import { buildDemoStageHistory } from './demo-analytics';

export interface DemoLoadResult {
  corpId: string;
  created: boolean;
  counts: Record<string, number>;
}

async function insertChunked<T extends ObjectLiteral>(ds: DataSource, em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  // SQLite allows 32766 bound variables per statement; MySQL's packet limit is the other bound.
  const columns = ds.getMetadata(target).columns.length;
  const size = Math.min(500, Math.floor(30000 / columns));
  // updateEntity(false): nothing is generated, and TypeORM's write-back after a multi-row insert can mix objects up.
  for (let i = 0; i < rows.length; i += size) await em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + size)).updateEntity(false).execute();
}

/** Loads the demo tenant on first start (one transaction); later starts find it and do nothing. */
export async function loadDemoData(
  ds: DataSource,
  deps: { clock: Clock; ids: IdGenerator; corpWecomId: string; staffPassword: string; protectPhone: (phone: string) => ProtectedPhone | null; customers?: number },
): Promise<DemoLoadResult> {
  const existing = await ds.getRepository(Corp).findOne({ where: { wecomCorpId: deps.corpWecomId } });
  if (existing) return { corpId: existing.id, created: false, counts: {} };
  const data = buildDemoData({
    corpWecomId: deps.corpWecomId,
    customers: deps.customers ?? 3000,
    now: deps.clock.now(),
    ids: deps.ids,
    staffPasswordHash: await hashPassword(deps.staffPassword),
    protectPhone: deps.protectPhone,
  });
  // Parents before children, the corp first: its unique key decides between racing processes.
  const tables: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][] = [
    [Corp, [data.corp]],
    [Team, data.teams],
    [StaffMember, data.staff],
    [TagGroup, data.tagGroups],
    [Tag, data.tags],
    [Product, data.products],
    [Customer, data.customers],
    [CustomerIdentity, data.identities],
    [CustomerTag, data.customerTags],
    [ActivityCount, data.activityCounts],
    [CustomerFollow, data.follows],
    [Policy, data.policies],
    [Activity, data.activities],
    [ContentArticle, data.articles],
    [TalkScript, data.scripts],
    // The closed-lead history (the intent model's examples), by table name: the leads domain keeps its entities to itself.
    ['lead_source', data.leadSources],
    ['lead', data.leads],
    ['lead_move', data.leadMoves],
    ['subscription_consent', data.subscriptionConsents],
    [MpProposal, data.proposals],
  ];
  try {
    await ds.transaction(async (em) => {
      for (const [target, rows] of tables) await insertChunked(ds, em, target, rows);
    });
  } catch (error) {
    // Another process loaded the demo first: its corp row won; ours rolled back whole.
    if (!isUniqueViolation(error)) throw error;
    const winner = await ds.getRepository(Corp).findOneOrFail({ where: { wecomCorpId: deps.corpWecomId } });
    return { corpId: winner.id, created: false, counts: {} };
  }
  // The stage funnels' history (after the load: the corp row decided who loads the demo).
  const stageHistory = buildDemoStageHistory(data.customers, deps.clock.now());
  await new StageTransitionRepository(ds, deps.ids).insertRows(stageHistory);
  const counts = Object.fromEntries(Object.entries({ ...data, stageHistory }).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return { corpId: data.corp.id, created: true, counts };
}

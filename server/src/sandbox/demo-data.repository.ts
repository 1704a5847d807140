import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import { hashPassword } from '../auth';
import { ChatMessageRow, ConversationRow } from '../chat';
import { toDbTime } from '../db/naming';
import { isUniqueViolation } from '../db/transaction';
import { ActivityCount, Customer, CustomerFollow, CustomerGroup, CustomerGroupMember, CustomerIdentity, CustomerTag, Policy, Product, Tag, TagGroup, type ProtectedPhone } from '../customers';
import { Activity, MpActivityView, MpAssessment, MpCheckin, MpMember, MpPlay, MpPoints, MpProposal, MpReferral, MpSignup } from '../miniapp';
import { Corp, StaffMember, Team } from '../org';
import { ContentArticle, TalkScript } from '../playbook';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { StageTransitionRepository } from '../analytics';
import { SopPlanRow, SopTaskRow } from '../sop';
import { buildDemoData } from './demo-data';
import { buildDemoStageHistory } from './demo-analytics';
import { buildDemoRecentHistory } from './demo-recent-history';

export interface DemoLoadResult {
  corpId: string;
  created: boolean;
  counts: Record<string, number>;
}

/** A value as both databases store it: instants through toDbTime, booleans 0/1, simple-json as text. */
function dbValue(column: ColumnMetadata, row: ObjectLiteral): unknown {
  let v: unknown = column.getEntityValue(row);
  if (column.transformer) v = ApplyValueTransformers.transformTo(column.transformer, v);
  if (v === undefined) v = typeof column.default === 'function' || column.default === undefined ? null : column.default;
  if (v === null) return null;
  if (column.type === 'simple-json') return JSON.stringify(v);
  if (v instanceof Date) return toDbTime(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * Multi-row INSERTs built from the entity's columns, in chunks: SQLite allows 32766 bound variables
 * per statement, MySQL 65535 placeholders (and its packet limit). Plain SQL rather than TypeORM's
 * insert builder, which spends longer preparing each row than the database spends storing it.
 */
async function insertChunked<T extends ObjectLiteral>(ds: DataSource, em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  if (!rows.length) return;
  const meta = ds.getMetadata(target);
  const columns = meta.columns.filter((c) => !(c.isGenerated && c.generationStrategy === 'increment'));
  const head = `INSERT INTO \`${meta.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const size = Math.min(1000, Math.floor(30000 / columns.length));
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    await em.query(head + part.map(() => tuple).join(', '), part.flatMap((row) => columns.map((c) => dbValue(c, row))));
  }
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
  // The last 90 days of activity, calls, journeys, chats and SOPs: what the analytics cards count.
  const recent = buildDemoRecentHistory(data, deps.clock.now(), deps.ids);
  const { miniapp, activities, calls, journeys, chat, sop } = recent;
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
    // The catalogue's activities with the seats their sign-ups so far hold, and the past ones.
    [Activity, [...activities.current, ...activities.activities]],
    [ContentArticle, data.articles],
    [TalkScript, data.scripts],
    // The closed-lead history (the intent model's examples) and the call list's leads, by table name: the leads domain keeps its entities to itself.
    ['lead_source', [...data.leadSources, ...calls.leadSources]],
    ['lead', [...data.leads, ...calls.leads]],
    ['lead_move', [...data.leadMoves, ...calls.leadMoves]],
    ['subscription_consent', data.subscriptionConsents],
    [MpProposal, data.proposals],
    // The last 90 days (demo-recent-history.ts); journeys, calls and seat groups by table name, as above.
    [MpMember, miniapp.members],
    [MpCheckin, miniapp.checkins],
    [MpReferral, miniapp.referrals],
    [MpAssessment, miniapp.assessments],
    [MpPoints, [...miniapp.points, ...activities.points]],
    [MpActivityView, activities.views],
    [MpSignup, activities.signups],
    [MpPlay, activities.plays],
    ['seat_group', calls.seatGroups],
    ['seat_group_member', calls.seatGroupMembers],
    ['lead_call', calls.calls],
    ['journey', journeys.journeys],
    ['journey_version', journeys.versions],
    ['journey_position', journeys.positions],
    ['journey_step_stat', journeys.stepStats],
    ['agent_task', journeys.agentTasks],
    [ConversationRow, chat.conversations],
    [ChatMessageRow, chat.messages],
    [CustomerGroup, sop.groups],
    [CustomerGroupMember, sop.groupMembers],
    [SopPlanRow, sop.plans],
    [SopTaskRow, sop.tasks],
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
  const sizes = (o: object, prefix = ''): Array<[string, number]> => Object.entries(o).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [prefix + k, (v as unknown[]).length]);
  const counts = Object.fromEntries([...sizes({ ...data, stageHistory }), ...Object.entries(recent).flatMap(([part, rows]) => sizes(rows as object, `${part}.`))]);
  return { corpId: data.corp.id, created: true, counts };
}

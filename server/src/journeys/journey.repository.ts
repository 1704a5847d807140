import { In, type DataSource } from 'typeorm';
import { asInsert } from '../db/transaction';
import { JourneyRow } from './journey.entity';
import { JourneyVersionRow } from './journey-version.entity';
import { changedRows } from '../db/changed-rows';
import { toDbTime } from '../db/naming';

/** Journeys and their published versions. */
export class JourneyRepository {
  constructor(private readonly ds: DataSource) {}

  list(corpId: string): Promise<JourneyRow[]> {
    return this.ds.getRepository(JourneyRow).find({ where: { corpId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  get(corpId: string, id: string): Promise<JourneyRow | null> {
    return this.ds.getRepository(JourneyRow).findOneBy({ corpId, id });
  }

  byName(corpId: string, name: string): Promise<JourneyRow | null> {
    return this.ds.getRepository(JourneyRow).findOneBy({ corpId, name });
  }

  async insert(row: JourneyRow): Promise<void> {
    await this.ds.getRepository(JourneyRow).insert(asInsert(row));
  }

  async update(corpId: string, id: string, patch: Partial<JourneyRow>): Promise<void> {
    await this.ds.getRepository(JourneyRow).update({ corpId, id }, patch);
  }

  /** Live journeys of every corp (triggers and the scheduler read these). */
  live(corpId?: string): Promise<JourneyRow[]> {
    return this.ds.getRepository(JourneyRow).find({ where: { status: 'live', ...(corpId ? { corpId } : {}) } });
  }

  /** Names and statuses by id (the runner sets paused journeys' rows aside). */
  async statuses(ids: readonly string[]): Promise<Map<string, { name: string; status: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ds.getRepository(JourneyRow).find({ where: { id: In([...ids]) }, select: { id: true, name: true, status: true } });
    return new Map(rows.map((r) => [r.id, { name: r.name, status: r.status }]));
  }

  versions(journeyId: string): Promise<JourneyVersionRow[]> {
    return this.ds.getRepository(JourneyVersionRow).find({ where: { journeyId }, order: { version: 'ASC' } });
  }

  /** The definitions of every published version of the corp's journeys that are not archived (customers may be on any). */
  async definitionsInUse(corpId: string): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT v.definition FROM journey_version v JOIN journey j ON j.id = v.journey_id WHERE j.corp_id = ? AND j.status <> 'archived'`, [corpId])) as Array<{
      definition: string;
    }>;
    return rows.map((r) => r.definition);
  }

  version(versionId: string): Promise<JourneyVersionRow | null> {
    return this.ds.getRepository(JourneyVersionRow).findOneBy({ id: versionId });
  }

  /** Publishes a version and makes it live, in one transaction. */
  async publish(row: JourneyVersionRow, now: Date): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.getRepository(JourneyVersionRow).insert(asInsert(row));
      await em.getRepository(JourneyRow).update({ id: row.journeyId }, { liveVersionId: row.id, liveVersion: row.version, status: 'live', updatedAt: now });
    });
  }

  /** Moves the schedule trigger's window forward, only from where this process saw it (two processes never enrol one tick twice). */
  async advanceSchedule(journeyId: string, from: Date | null, to: Date): Promise<boolean> {
    const changed = await changedRows(
      this.ds.manager,
      `UPDATE journey SET scheduled_up_to = ? WHERE id = ? AND ${from ? 'scheduled_up_to = ?' : 'scheduled_up_to IS NULL'}`,
      [toDbTime(to), journeyId, ...(from ? [toDbTime(from)] : [])],
    );
    return changed === 1;
  }

  /** Customers per version, by status. */
  async positionCounts(journeyId: string): Promise<Array<{ versionId: string; status: string; n: number }>> {
    const rows = (await this.ds.query('SELECT version_id, status, COUNT(*) AS n FROM journey_position WHERE journey_id = ? GROUP BY version_id, status', [journeyId])) as Array<{
      version_id: string;
      status: string;
      n: number | string;
    }>;
    return rows.map((r) => ({ versionId: r.version_id, status: r.status, n: Number(r.n) }));
  }
}

import type { EvaluationPeriod, EvaluationRow, EvaluationSnapshot, EvaluationTarget, EvaluationTargetInput } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { localDay } from '../platform/local-day';
import { evaluationCsv } from './evaluation-csv';
import { calendarPeriods, elapsedShare, periodContaining, previousClosed, type PeriodBounds } from './evaluation-period.plan';
import { evaluationRows, offTrackCount, targetsFor } from './evaluation.plan';
import type { EvaluationRepository, StoredSnapshot } from './evaluation.repository';
import type { MetricSource } from './metric-source';

/** A realtime snapshot is taken at most once per slot of this length. */
export const realtimeSlotMs = 5 * 60_000;
/** Scheduled realtime snapshots are kept this long; the closed periods' snapshots are kept for good. */
export const realtimeRetentionMs = 7 * 86_400_000;

export interface EvaluationServiceDeps {
  repo: EvaluationRepository;
  metrics: MetricSource;
  zones: { timeZone(corpId: string): Promise<string> };
  clock: Clock;
  ids: IdGenerator;
}

export interface RunDueOutcome {
  /** The periods whose snapshot this call wrote. */
  taken: EvaluationPeriod[];
  /** Realtime snapshots dropped for age. */
  pruned: number;
}

/** The key that makes a scheduled snapshot of a period unique (another process, or a restart, finds it taken). */
export const scheduleKey = (corpId: string, period: EvaluationPeriod, start: Date): string => `${corpId}|${period}|${start.toISOString()}|schedule`;

/**
 * Evaluations: targets per metric, period and team; snapshots of every row's completion and
 * deviation against its target, taken by the worker for each closed period (and for the month to
 * date every few minutes) or by an admin at any time; the report as CSV.
 */
export class EvaluationService {
  constructor(private readonly d: EvaluationServiceDeps) {}

  listTargets(corpId: string, period?: EvaluationPeriod): Promise<EvaluationTarget[]> {
    return this.d.repo.listTargets(corpId, period);
  }

  async setTarget(p: Principal, input: EvaluationTargetInput): Promise<EvaluationTarget> {
    if (input.teamId !== null && !(await this.d.repo.teamNames(p.corpId)).has(input.teamId)) throw notFound(`Team ${input.teamId}`);
    return this.d.repo.upsertTarget(p.corpId, input, { id: this.d.ids.next(), by: p.id, at: this.d.clock.now() });
  }

  /** Sets the given targets (the sandbox passes defaultTargets()) where the corp has none of that metric, period and team yet; returns how many it set. */
  async seedTargets(corpId: string, targets: readonly EvaluationTargetInput[]): Promise<number> {
    const have = new Set((await this.d.repo.listTargets(corpId)).map((t) => `${t.metric}|${t.period}|${t.teamId ?? ''}`));
    let set = 0;
    for (const t of targets) {
      if (have.has(`${t.metric}|${t.period}|${t.teamId ?? ''}`)) continue;
      await this.d.repo.upsertTarget(corpId, t, { id: this.d.ids.next(), by: null, at: this.d.clock.now() });
      set += 1;
    }
    return set;
  }

  async deleteTarget(corpId: string, id: string): Promise<void> {
    if (!(await this.d.repo.deleteTarget(corpId, id))) throw notFound('Target');
  }

  /**
   * A manual snapshot: the current period to date (progress pro-rated to its elapsed share), or
   * with `closed` the last closed period in full. Fails when the period has no targets.
   */
  async evaluate(corpId: string, period: EvaluationPeriod, opts: { closed?: boolean } = {}): Promise<EvaluationSnapshot> {
    const zone = await this.d.zones.timeZone(corpId);
    const now = this.d.clock.now();
    const bounds = opts.closed && period !== 'realtime' ? previousClosed(period, now, zone) : periodContaining(period, now, zone);
    const id = this.d.ids.next();
    const snapshot = await this.take(corpId, bounds, now, { id, key: `${corpId}|${period}|${bounds.start.toISOString()}|manual|${id}`, trigger: 'manual' });
    if (!snapshot) throw new DomainError('bad_request', `No targets are set for the ${period} period: set one first`);
    return snapshot;
  }

  /**
   * What the worker calls every minute or so: the last closed period of each kind, unless its
   * snapshot was taken already (so a restart or a second worker never takes it twice, and a worker
   * that was down takes the last closed period when it is back), and the month to date once per
   * 5-minute slot. Periods without targets are not taken (and will be once targets are set).
   */
  async runDue(corpId: string): Promise<RunDueOutcome> {
    const zone = await this.d.zones.timeZone(corpId);
    const now = this.d.clock.now();
    const taken: EvaluationPeriod[] = [];
    for (const period of calendarPeriods) {
      const bounds = previousClosed(period, now, zone);
      const key = scheduleKey(corpId, period, bounds.start);
      if (await this.d.repo.hasSnapshot(key)) continue;
      if (await this.take(corpId, bounds, now, { id: this.d.ids.next(), key, trigger: 'schedule' })) taken.push(period);
    }
    let pruned = 0;
    const slot = new Date(Math.floor(now.getTime() / realtimeSlotMs) * realtimeSlotMs);
    const key = `${corpId}|realtime|${slot.toISOString()}|schedule`;
    if (!(await this.d.repo.hasSnapshot(key)) && (await this.take(corpId, periodContaining('realtime', now, zone), now, { id: this.d.ids.next(), key, trigger: 'schedule' }))) {
      taken.push('realtime');
      pruned = await this.d.repo.pruneRealtime(corpId, new Date(now.getTime() - realtimeRetentionMs));
    }
    return { taken, pruned };
  }

  /** Snapshots, latest first; a team lead sees the corp's rows and their own team's. */
  async list(p: Principal, period: EvaluationPeriod | null, limit: number): Promise<EvaluationSnapshot[]> {
    const [stored, zone] = await Promise.all([this.d.repo.listSnapshots(p.corpId, period, limit), this.d.zones.timeZone(p.corpId)]);
    return stored.map((s) => visibleTo(p, withDays(s, zone)));
  }

  async get(p: Principal, id: string): Promise<EvaluationSnapshot> {
    const [s, zone] = await Promise.all([this.d.repo.getSnapshot(p.corpId, id), this.d.zones.timeZone(p.corpId)]);
    if (!s) throw notFound('Evaluation');
    return visibleTo(p, withDays(s, zone));
  }

  /** The snapshot as a CSV download (what the caller may see of it), with a file name saying the period. */
  async csv(p: Principal, id: string): Promise<{ filename: string; body: string }> {
    const s = await this.get(p, id);
    const [zone, teams] = await Promise.all([this.d.zones.timeZone(p.corpId), this.d.repo.teamNames(p.corpId)]);
    const day = localDay(new Date(s.period === 'realtime' ? s.takenAt : s.periodStart), zone);
    return { filename: `evaluation-${s.period}-${day}.csv`, body: evaluationCsv(s, (teamId) => teams.get(teamId) ?? teamId) };
  }

  /** Evaluates one period for the corp and each team with targets, and stores it; null when no targets or the key was taken. */
  private async take(corpId: string, bounds: PeriodBounds, now: Date, meta: { id: string; key: string; trigger: 'schedule' | 'manual' }): Promise<EvaluationSnapshot | null> {
    const groups = targetsFor(bounds.period, await this.d.repo.listTargets(corpId));
    if (groups.size === 0) return null;
    const zone = await this.d.zones.timeZone(corpId);
    const to = now < bounds.end ? now : bounds.end;
    const expected = elapsedShare(bounds, to);
    const rows: EvaluationRow[] = [];
    for (const teamKey of [...groups.keys()].sort()) {
      const targets = groups.get(teamKey)!;
      const teamId = teamKey === '' ? null : teamKey;
      const values = await this.d.metrics.compute({ corpId, teamId, segmentId: null, timeZone: zone }, [...new Set(targets.map((t) => t.metric))], bounds.start, to);
      rows.push(...evaluationRows(values, targets, expected, teamId));
    }
    const snapshot: StoredSnapshot = {
      id: meta.id,
      period: bounds.period,
      periodStart: bounds.start.toISOString(),
      periodEnd: bounds.end.toISOString(),
      takenAt: now.toISOString(),
      trigger: meta.trigger,
      rows,
      offTrack: offTrackCount(rows),
    };
    const inserted = await this.d.repo.insertSnapshot({ ...snapshot, corpId, key: meta.key, periodStart: bounds.start, periodEnd: bounds.end, takenAt: now });
    return inserted ? withDays(snapshot, zone) : null;
  }
}

/** A stored snapshot with its period's first and last local day in the corp's zone (the end is exclusive). */
export function withDays(s: StoredSnapshot, timeZone: string): EvaluationSnapshot {
  return { ...s, firstDay: localDay(new Date(s.periodStart), timeZone), lastDay: localDay(new Date(Date.parse(s.periodEnd) - 1), timeZone) };
}

/** What a principal may see of a snapshot: all of it for an admin; the corp's rows and their team's for a team lead. */
export function visibleTo(p: Principal, s: EvaluationSnapshot): EvaluationSnapshot {
  if (p.role === 'admin') return s;
  const rows = s.rows.filter((r) => r.teamId === null || r.teamId === p.teamId);
  return { ...s, rows, offTrack: offTrackCount(rows) };
}

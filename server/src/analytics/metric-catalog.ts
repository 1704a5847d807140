import type { MetricKey, MetricValue, Ratio } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import { seriesBuckets } from './metric-query.plan';
import type { MetricSource } from './metric-source';
import { activityPenetration, eventAttendance, invitedAttendance } from './metrics/activities.metric';
import { actionsByStaff, agentsOnStaff } from './metrics/agent-activity.metric';
import { keyNodeReach } from './metrics/chat.metric';
import { journeyCohorts, journeyConversion, journeyUplift, type JourneyCohort } from './metrics/journeys.metric';
import { callConnect, slaCompliance, underwritingConversion } from './metrics/leads.metric';
import { rows, sql, sumTallies, type MetricDb, type Period, type StaffTally } from './metrics/metric-sql';
import { countValue, plainValue, rateValue, ratioOf } from './metrics/metric-value';
import { assessments, checkinActiveRate, memberCount, referralRate } from './metrics/miniapp.metric';
import { sopCompletion } from './metrics/sop.metric';
import { splitPeriod, type DayRange } from './rollup.plan';
import type { AnalyticsScope } from './scope';
import type { RollupState, StaffDayCounts } from './staff-day.repository';

/** What the catalogue reads of the staff rollup (StaffDayRepository). */
export interface StaffDayReader {
  state(corpId: string): Promise<RollupState>;
  read(scope: AnalyticsScope, range: DayRange): Promise<Map<string, StaffDayCounts>>;
}

/** One row of a metric's breakdown by agent or team. */
export interface MetricBreakdownRow {
  key: string;
  label: string;
  value: number | null;
  ratio: Ratio | null;
}

export interface MetricSeriesPoint {
  day: string;
  value: number | null;
}

/** The metrics a team lead can split by agent or team: the ones that count what agents did. */
export const breakdownMetrics = ['call_connect_rate', 'lead_sla_compliance', 'agent_activity', 'key_node_reach_rate', 'sop_completion'] as const;
type BreakdownMetric = (typeof breakdownMetrics)[number];
const isBreakdownMetric = (k: MetricKey): k is BreakdownMetric => (breakdownMetrics as readonly string[]).includes(k);

interface StaffInfo {
  name: string;
  teamId: string | null;
  teamName: string | null;
}

const NO_TEAM = 'none';
const NO_TEAM_LABEL = '无团队';

/**
 * The seed's metrics (definitions: README "Analytics: metric definitions"), each computed by a
 * few aggregate queries over [from, to) in the scope. Queries two metrics share (assessments,
 * journey cohorts) run once per compute.
 */
export class MetricCatalog implements MetricSource {
  constructor(
    private readonly ds: MetricDb,
    private readonly clock: Clock,
    /** Node count of each built-in sales SOP by product line (playbook's, passed in by the wiring). */
    private readonly builtInSops: ReadonlyMap<string, number>,
    /** The staff rollup: its closed days answer calls and agent activity (the rest of a period is counted live). */
    private readonly staffDays: StaffDayReader | null = null,
  ) {}

  async compute(scope: AnalyticsScope, keys: readonly MetricKey[], from: Date, to: Date): Promise<MetricValue[]> {
    const p: Period = { from, to };
    const shared = new Map<string, Promise<unknown>>();
    const once = <T>(name: string, run: () => Promise<T>): Promise<T> => {
      let hit = shared.get(name) as Promise<T> | undefined;
      if (!hit) {
        hit = run();
        shared.set(name, hit);
      }
      return hit;
    };
    return Promise.all([...new Set(keys)].map((k) => this.one(k, scope, p, once)));
  }

  /** The metric per agent or per team, for the metrics that count what agents did. */
  async breakdown(scope: AnalyticsScope, key: MetricKey, from: Date, to: Date, by: 'agent' | 'team'): Promise<MetricBreakdownRow[]> {
    if (!isBreakdownMetric(key)) {
      throw new DomainError('bad_request', `${key} has no breakdown by agent or team: it counts customers, not what agents did; breakdowns exist for ${breakdownMetrics.join(', ')}`, [
        { path: 'params.key', message: 'no breakdown' },
      ]);
    }
    const p: Period = { from, to };
    const staff = await this.staff(scope.corpId);
    if (key === 'agent_activity') return this.activityBreakdown(scope, p, by, staff);
    const tallies = await this.staffTallies(key, scope, p);
    const groups = new Map<string, { label: string; numerator: number; denominator: number }>();
    for (const t of tallies) {
      const info = staff.get(t.staffId);
      const [k, label] = by === 'agent' ? [t.staffId, info?.name ?? t.staffId] : [info?.teamId ?? NO_TEAM, info?.teamName ?? (info?.teamId ? info.teamId : NO_TEAM_LABEL)];
      const g = groups.get(k) ?? { label, numerator: 0, denominator: 0 };
      groups.set(k, { label, numerator: g.numerator + t.numerator, denominator: g.denominator + t.denominator });
    }
    return sortRows([...groups].map(([k, g]) => {
      const ratio = ratioOf(g);
      return { key: k, label: g.label, value: ratio.value, ratio };
    }));
  }

  /** The metric per local day or week of the corp (at most 62 points), each computed on its own. */
  async series(scope: AnalyticsScope, key: MetricKey, from: Date, to: Date, interval: 'day' | 'week'): Promise<MetricSeriesPoint[]> {
    const out: MetricSeriesPoint[] = [];
    for (const b of seriesBuckets(from, to, interval, scope.timeZone)) {
      const [v] = await this.compute(scope, [key], b.from, b.to);
      out.push({ day: b.day, value: v?.value ?? null });
    }
    return out;
  }

  private async one(key: MetricKey, scope: AnalyticsScope, p: Period, once: <T>(name: string, run: () => Promise<T>) => Promise<T>): Promise<MetricValue> {
    const { ds } = this;
    const cohorts = (): Promise<JourneyCohort[]> => once('journeys', () => journeyCohorts(ds, scope, p));
    const assessed = () => once('assessments', () => assessments(ds, scope, p));
    const members = () => once('members', () => memberCount(ds, scope, p.to));
    switch (key) {
      case 'activity_penetration':
        return rateValue(key, await activityPenetration(ds, scope, p));
      case 'underwriting_conversion':
        return rateValue(key, await underwritingConversion(ds, scope, p));
      case 'event_attendance_rate':
        return rateValue(key, await eventAttendance(ds, scope, p));
      case 'invited_attendance_rate':
        return rateValue(key, await invitedAttendance(ds, scope, p));
      case 'assessment_customers':
        return countValue(key, (await assessed()).customers);
      case 'assessment_times':
        return countValue(key, (await assessed()).times);
      case 'referral_rate':
        return rateValue(key, await referralRate(ds, scope, p, members()));
      case 'checkin_active_rate':
        return rateValue(key, await checkinActiveRate(ds, scope, p, members()));
      case 'journey_conversion':
        return rateValue(key, journeyConversion(await cohorts()));
      case 'journey_uplift':
        return plainValue(key, journeyUplift(await cohorts()), null);
      case 'agent_activity': {
        const { actions, agents } = await this.activity(scope, p);
        const total = agents.reduce((a, id) => a + (actions.get(id) ?? 0), 0);
        const ratio = ratioOf({ numerator: total, denominator: agents.length });
        return plainValue(key, ratio.value, ratio);
      }
      case 'call_connect_rate':
      case 'lead_sla_compliance':
      case 'key_node_reach_rate':
      case 'sop_completion':
        return rateValue(key, sumTallies(await this.staffTallies(key, scope, p)));
      default: {
        const never: never = key;
        throw new Error(`Unknown metric ${String(never)}`);
      }
    }
  }

  private staffTallies(key: Exclude<BreakdownMetric, 'agent_activity'>, scope: AnalyticsScope, p: Period): Promise<StaffTally[]> {
    switch (key) {
      case 'call_connect_rate':
        return this.rolled(
          scope,
          p,
          (part) => callConnect(this.ds, scope, part),
          (day) => [...day].filter(([, c]) => c.calls > 0).map(([staffId, c]) => ({ staffId, numerator: c.connected, denominator: c.calls })),
          (list) => addTallies(list),
        );
      case 'lead_sla_compliance':
        return slaCompliance(this.ds, scope, p);
      case 'key_node_reach_rate':
        return keyNodeReach(this.ds, scope, p, this.builtInSops);
      case 'sop_completion':
        return sopCompletion(this.ds, scope, p, this.clock.now());
      default: {
        const never: never = key;
        throw new Error(`Unknown metric ${String(never)}`);
      }
    }
  }

  private async activity(scope: AnalyticsScope, p: Period): Promise<{ actions: Map<string, number>; agents: string[] }> {
    const [actions, agents] = await Promise.all([
      this.rolled(
        scope,
        p,
        (part) => actionsByStaff(this.ds, scope, part),
        (day) => new Map([...day].filter(([, c]) => c.actions > 0).map(([id, c]) => [id, c.actions])),
        (list) => {
          const sum = new Map<string, number>();
          for (const m of list) for (const [id, k] of m) sum.set(id, (sum.get(id) ?? 0) + k);
          return sum;
        },
      ),
      agentsOnStaff(this.ds, scope, p),
    ]);
    return { actions, agents };
  }

  /**
   * An agent metric from the staff rollup for the period's whole closed days it holds, and live for
   * the rest (today, ragged ends, days not built yet); a segment's scope is always live (the rollup
   * has no customers).
   */
  private async rolled<T>(scope: AnalyticsScope, p: Period, live: (part: Period) => Promise<T>, fromDays: (day: Map<string, StaffDayCounts>) => T, add: (list: T[]) => T): Promise<T> {
    if (!this.staffDays || scope.segmentId !== null) return live(p);
    const split = splitPeriod(p.from, p.to, (await this.staffDays.state(scope.corpId)).built, scope.timeZone);
    if (!split.rolled) return live(p);
    const parts = await Promise.all([this.staffDays.read(scope, split.rolled).then(fromDays), ...split.live.map(live)]);
    return add(parts);
  }

  /** Each agent's action count; per team, the team's actions per agent. */
  private async activityBreakdown(scope: AnalyticsScope, p: Period, by: 'agent' | 'team', staff: ReadonlyMap<string, StaffInfo>): Promise<MetricBreakdownRow[]> {
    const { actions, agents } = await this.activity(scope, p);
    if (by === 'agent') return sortRows(agents.map((id) => ({ key: id, label: staff.get(id)?.name ?? id, value: actions.get(id) ?? 0, ratio: null })));
    const teams = new Map<string, { label: string; numerator: number; denominator: number }>();
    for (const id of agents) {
      const info = staff.get(id);
      const k = info?.teamId ?? NO_TEAM;
      const t = teams.get(k) ?? { label: info?.teamName ?? (info?.teamId ? info.teamId : NO_TEAM_LABEL), numerator: 0, denominator: 0 };
      teams.set(k, { ...t, numerator: t.numerator + (actions.get(id) ?? 0), denominator: t.denominator + 1 });
    }
    return sortRows([...teams].map(([k, t]) => {
      const ratio = ratioOf(t);
      return { key: k, label: t.label, value: ratio.value, ratio };
    }));
  }

  /** The corp's staff with their team: names for breakdown rows (a corp has hundreds, not millions). */
  private async staff(corpId: string): Promise<Map<string, StaffInfo>> {
    const list = await rows(this.ds, sql`SELECT s.id AS id, s.name AS name, s.team_id AS team_id, t.name AS team_name FROM staff_member s LEFT JOIN team t ON t.id = s.team_id WHERE s.corp_id = ${corpId}`);
    return new Map(list.map((r) => [String(r.id), { name: String(r.name), teamId: r.team_id === null || r.team_id === undefined ? null : String(r.team_id), teamName: r.team_name === null || r.team_name === undefined ? null : String(r.team_name) }]));
  }
}

/** Per staff member, the sum of several lists of tallies. */
function addTallies(lists: StaffTally[][]): StaffTally[] {
  const by = new Map<string, StaffTally>();
  for (const t of lists.flat()) {
    const had = by.get(t.staffId);
    by.set(t.staffId, had ? { staffId: t.staffId, numerator: had.numerator + t.numerator, denominator: had.denominator + t.denominator } : { ...t });
  }
  return [...by.values()];
}

function sortRows(list: MetricBreakdownRow[]): MetricBreakdownRow[] {
  return list.sort((a, b) => a.label.localeCompare(b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

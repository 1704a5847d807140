import type {
  AnalyticsPeriodQuery,
  EvaluationPeriod,
  EvaluationSnapshot,
  EvaluationTarget,
  EvaluationTargetInput,
  FunnelRequest,
  FunnelResult,
  JourneyStage,
  MetricKey,
  MetricReport,
  RetentionRequest,
  RetentionResult,
  Ratio,
} from '@lodestar/shared';
import { ApiError, del, get, post, put, seg } from './http';
import { loadSession } from './session';

/** The analytics read side (issue 11): funnels, retention, metrics, targets and evaluation snapshots. */

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
/** Customers whose current stage is `stage`, and those at this stage or any later one. */
export interface StageCount {
  stage: JourneyStage;
  customers: number;
  atLeast: number;
}
export type Scope = Pick<AnalyticsPeriodQuery, 'teamId' | 'segmentId'>;

const scope = (q: Scope): Scope => ({ teamId: q.teamId || undefined, segmentId: q.segmentId || undefined });

// Funnels and retention.
export const runFunnel = (req: FunnelRequest): Promise<FunnelResult> => post('/api/analytics/funnels', { ...req, ...scope(req) });

export const journeyFunnel = (q: AnalyticsPeriodQuery & { windowDays?: number }): Promise<FunnelResult> =>
  get('/api/analytics/funnels/journey', { from: q.from, to: q.to, ...scope(q), windowDays: q.windowDays });

export const runRetention = (req: RetentionRequest): Promise<RetentionResult> => post('/api/analytics/retention', { ...req, ...scope(req) });

/**
 * Where customers are now, per stage. The server answers `{stages: [{stage, customers, atLeast}], total}`;
 * `{items: [...]}`, a bare array or a record of stage → count are read too, and `atLeast` is derived when missing.
 */
export async function stageCounts(q: Scope, order: JourneyStage[]): Promise<StageCount[]> {
  const raw = await get<unknown>('/api/analytics/stages', { ...scope(q) });
  return normaliseStages(raw, order);
}

export function normaliseStages(raw: unknown, order: JourneyStage[]): StageCount[] {
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const box = obj && Array.isArray(obj.stages) ? obj.stages : obj && 'items' in obj ? obj.items : raw;
  const counts = new Map<string, { customers: number; atLeast?: number }>();
  if (Array.isArray(box)) {
    for (const r of box as Array<Record<string, unknown>>) {
      const stage = String(r.stage ?? r.key ?? '');
      const customers = Number(r.customers ?? r.count ?? r.value ?? 0);
      counts.set(stage, { customers, atLeast: typeof r.atLeast === 'number' ? r.atLeast : undefined });
    }
  } else if (box && typeof box === 'object') {
    for (const [stage, v] of Object.entries(box as Record<string, unknown>)) if (typeof v === 'number') counts.set(stage, { customers: v });
  }
  let later = 0;
  const out: StageCount[] = [];
  for (const stage of [...order].reverse()) {
    const c = counts.get(stage) ?? { customers: 0 };
    later += c.customers;
    out.unshift({ stage, customers: c.customers, atLeast: c.atLeast ?? later });
  }
  return out;
}

// Metrics.
export const metricReport = (q: AnalyticsPeriodQuery, keys?: MetricKey[]): Promise<MetricReport> =>
  get('/api/analytics/metrics', { from: q.from, to: q.to, ...scope(q), keys: keys?.length ? keys.join(',') : undefined });

export const metricBreakdown = async (key: MetricKey, q: AnalyticsPeriodQuery, by: 'agent' | 'team'): Promise<MetricBreakdownRow[]> =>
  (await get<{ items: MetricBreakdownRow[] }>(`/api/analytics/metrics/${seg(key)}/breakdown`, { from: q.from, to: q.to, ...scope(q), by })).items;

export const metricSeries = async (key: MetricKey, q: AnalyticsPeriodQuery, interval: 'day' | 'week'): Promise<MetricSeriesPoint[]> =>
  (await get<{ items: MetricSeriesPoint[] }>(`/api/analytics/metrics/${seg(key)}/series`, { from: q.from, to: q.to, ...scope(q), interval })).items;

// Targets and evaluations.
export const listTargets = async (): Promise<EvaluationTarget[]> => (await get<{ items: EvaluationTarget[] }>('/api/analytics/targets')).items;
export const saveTarget = (input: EvaluationTargetInput): Promise<EvaluationTarget> => put('/api/analytics/targets', input);
export const deleteTarget = (id: string): Promise<unknown> => del(`/api/analytics/targets/${seg(id)}`);

/** The current period to date, or with `closed` the last closed one. */
export const runEvaluation = (period: EvaluationPeriod, closed = false): Promise<EvaluationSnapshot> => post('/api/analytics/evaluations/run', closed ? { period, closed } : { period });
export const listEvaluations = async (q: { period?: EvaluationPeriod; limit?: number } = {}): Promise<EvaluationSnapshot[]> =>
  (await get<{ items: EvaluationSnapshot[] }>('/api/analytics/evaluations', { period: q.period, limit: q.limit })).items;
export const getEvaluation = (id: string): Promise<EvaluationSnapshot> => get(`/api/analytics/evaluations/${seg(id)}`);

/** Fetches the snapshot's CSV with the bearer token and hands it to the browser as a download. */
export async function downloadEvaluationCsv(id: string, fileName: string): Promise<void> {
  const session = loadSession();
  const res = await fetch(`/api/analytics/evaluations/${seg(id)}.csv`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    let message = `导出失败（${res.status}）`;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
      throw new ApiError(res.status, body.error?.code ?? 'internal_error', message);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(res.status, 'internal_error', message);
    }
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The teams the caller may filter by, named. There is no team directory endpoint; the per-team
 * breakdown of agent activity over the last year names every team with staff in it. Once per page load.
 */
let teamCache: Promise<Array<{ id: string; name: string }>> | null = null;
export function knownTeams(q: AnalyticsPeriodQuery): Promise<Array<{ id: string; name: string }>> {
  if (!teamCache) {
    teamCache = metricBreakdown('agent_activity', { from: q.from, to: q.to }, 'team').then((rows) =>
      rows
        .filter((r) => r.key !== 'none') // staff without a team: not a team one can filter by
        .map((r) => ({ id: r.key, name: r.label || r.key }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    );
    teamCache.catch(() => (teamCache = null));
  }
  return teamCache;
}

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { DateRangePicker, Radio, Select } from 'tdesign-react';
import type { AnalyticsPeriodQuery } from '@lodestar/shared';
import { now } from '../../../services/clock';
import { knownTeams } from '../../../services/analytics';
import { loadSession } from '../../../services/session';
import { periodLabels, periodRange, rangeText, type PeriodKind, type PeriodRange } from './period';

/** Minutes east of UTC of the browser's days (the console runs where the corp is). */
export const localOffset = (): number => -new Date(now()).getTimezoneOffset();

const storeKey = 'lodestar.analytics.scope';
interface Stored {
  kind: PeriodKind;
  custom?: [string, string];
  teamId?: string;
}
function loadStored(): Stored {
  try {
    const s = JSON.parse(sessionStorage.getItem(storeKey) ?? 'null') as Stored | null;
    if (s && s.kind in periodLabels) return s;
  } catch {
    /* nothing kept */
  }
  return { kind: 'month' };
}

export interface Scope {
  kind: PeriodKind;
  custom?: [string, string];
  teamId?: string;
  range: PeriodRange;
  /** The query every analytics call takes: the period and, for an admin who picked one, a team. */
  query: AnalyticsPeriodQuery;
  isAdmin: boolean;
  setKind(k: PeriodKind): void;
  setCustom(c: [string, string]): void;
  setTeamId(t: string | undefined): void;
}

/** The period and team the analytics pages share (kept for the browser tab while moving between them). */
export function useScope(): Scope {
  const [s, setS] = useState<Stored>(loadStored);
  const isAdmin = loadSession()?.user.role === 'admin';
  useEffect(() => sessionStorage.setItem(storeKey, JSON.stringify(s)), [s]);
  const range = useMemo(() => periodRange(s.kind, now(), localOffset(), s.custom), [s.kind, s.custom]);
  const teamId = isAdmin ? s.teamId : undefined;
  const query = useMemo<AnalyticsPeriodQuery>(() => ({ from: range.from, to: range.to, ...(teamId ? { teamId } : {}) }), [range, teamId]);
  return {
    ...s,
    teamId,
    range,
    query,
    isAdmin,
    setKind: (kind) => setS((o) => ({ ...o, kind })),
    setCustom: (custom) => setS((o) => ({ ...o, kind: 'custom', custom })),
    setTeamId: (t) => setS((o) => ({ ...o, teamId: t })),
  };
}

/** Period buttons, a date range for 自定义, and (admins) a team picker; team leads see their team only. */
export function ScopeBar({ scope, children }: { scope: Scope; children?: ReactNode }) {
  const [teams, setTeams] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    if (!scope.isAdmin) return;
    const year = periodRange('custom', now(), localOffset(), [dayBefore(365), dayBefore(0)]);
    knownTeams({ from: year.from, to: year.to })
      .then(setTeams)
      .catch(() => setTeams([]));
  }, [scope.isAdmin]);

  return (
    <div className="cs-toolbar an-scope" data-testid="analytics-scope">
      <Radio.Group variant="default-filled" value={scope.kind} onChange={(v) => scope.setKind(v as PeriodKind)}>
        {(Object.keys(periodLabels) as PeriodKind[]).map((k) => (
          <Radio.Button key={k} value={k}>
            {periodLabels[k]}
          </Radio.Button>
        ))}
      </Radio.Group>
      {scope.kind === 'custom' && (
        <DateRangePicker
          style={{ width: 260 }}
          value={scope.custom ?? [dayBefore(29), dayBefore(0)]}
          valueType="YYYY-MM-DD"
          onChange={(v) => Array.isArray(v) && v[0] && v[1] && scope.setCustom([String(v[0]), String(v[1])])}
        />
      )}
      <span className="cs-muted" data-testid="period-range">
        {rangeText(scope.range.from, scope.range.to, localOffset())}（{scope.range.days} 天）
      </span>
      {scope.isAdmin ? (
        <span data-testid="team-filter">
        <Select
          style={{ width: 180 }}
          clearable
          placeholder="全部团队"
          value={scope.teamId ?? ''}
          options={[{ value: '', label: '全部团队' }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
          onChange={(v) => scope.setTeamId(v ? String(v) : undefined)}
        />
        </span>
      ) : (
        <span className="cs-muted">仅本团队的数据</span>
      )}
      <span className="cs-toolbar__spacer" />
      {children}
    </div>
  );
}

/** The local date `n` days before today (YYYY-MM-DD). */
export function dayBefore(n: number): string {
  const t = new Date(now() - n * 86_400_000 + localOffset() * 60_000);
  return t.toISOString().slice(0, 10);
}

import type { UpstreamIncidentView, UpstreamNow, UpstreamStatus } from '@lodestar/shared';

/** How often the console asks; the breaker's default pause is as long. */
export const upstreamPollMs = 30_000;

/** A closed incident still shows (as recovered) for this long after it ended. */
export const recentIncidentMs = 60 * 60_000;

export const upstreamLabels: Record<string, string> = { wecom: '企业微信接口' };
export const upstreamLabel = (upstream: string): string => upstreamLabels[upstream] ?? `外部服务 ${upstream}`;

/**
 * - paused: this process's circuit is open (calls refused without trying until `until`);
 * - probing: the pause is over and one trial call is out (half open);
 * - failing: another api process has an open incident (this one's circuit is closed);
 * - recovered: no longer failing, but an incident ended or was seen within the last hour.
 */
export type UpstreamAlertKind = 'paused' | 'probing' | 'failing' | 'recovered';

export interface UpstreamAlert {
  upstream: string;
  kind: UpstreamAlertKind;
  theme: 'error' | 'warning' | 'info';
  /** 企业微信接口暂停调用 … */
  title: string;
  /** When it started failing (ISO), when known. */
  since: string | null;
  /** Until when calls stay paused (paused), or when it recovered (recovered). */
  until: string | null;
  lastError: string | null;
  /** Failed calls in a row (this process) or in the incident. */
  failures: number;
  /** Calls refused without trying. */
  refused: number;
  /** This process's breaker, for the details. */
  now: UpstreamNow | null;
  /** The upstream's incidents that touch the last hour, newest first, for the details. */
  incidents: UpstreamIncidentView[];
}

/** When an incident was last known to be going on: its end, or its last failure while it lasts. */
const lastTouched = (i: UpstreamIncidentView): number => Date.parse(i.closedAt ?? i.lastSeenAt);

/**
 * What the console's banner says, one alert per outside service that is failing now or had an
 * incident in the last hour (`at`, ms); none when all is well. Failing services come first.
 */
export function upstreamAlerts(status: UpstreamStatus, at: number): UpstreamAlert[] {
  const names = [...new Set([...status.now.map((n) => n.upstream), ...status.failing, ...status.incidents.map((i) => i.upstream)])];
  const alerts = names.flatMap((upstream): UpstreamAlert[] => {
    const now = status.now.find((n) => n.upstream === upstream) ?? null;
    const mine = status.incidents.filter((i) => i.upstream === upstream);
    const failingElsewhere = status.failing.includes(upstream);
    const recent = mine.filter((i) => lastTouched(i) >= at - recentIncidentMs || (i.closedAt === null && failingElsewhere));
    const open = mine.find((i) => i.closedAt === null) ?? null;
    const label = upstreamLabel(upstream);
    const base = { upstream, now, incidents: recent };
    if (now && now.state !== 'closed')
      return [
        {
          ...base,
          kind: now.state === 'open' ? 'paused' : 'probing',
          theme: now.state === 'open' ? 'error' : 'warning',
          title: now.state === 'open' ? `${label}暂停调用` : `${label}正在试探恢复`,
          since: now.openedAt ?? open?.openedAt ?? null,
          until: now.state === 'open' ? now.retryAfter : null,
          lastError: now.lastError?.message ?? open?.lastError ?? null,
          failures: now.failuresInRow,
          refused: now.refused,
        },
      ];
    if (failingElsewhere)
      return [
        {
          ...base,
          kind: 'failing',
          theme: 'error',
          title: `${label}调用异常`,
          since: open?.openedAt ?? null,
          until: null,
          lastError: open?.lastError ?? null,
          failures: open?.failures ?? 0,
          refused: open?.refused ?? 0,
        },
      ];
    const last = recent[0];
    if (!last) return [];
    return [
      {
        ...base,
        kind: 'recovered',
        theme: 'warning',
        title: `${label}近一小时曾暂停调用，现已恢复`,
        since: last.openedAt,
        until: last.closedAt,
        lastError: last.lastError,
        failures: recent.reduce((n, i) => n + i.failures, 0),
        refused: recent.reduce((n, i) => n + i.refused, 0),
      },
    ];
  });
  const rank: Record<UpstreamAlertKind, number> = { paused: 0, failing: 1, probing: 2, recovered: 3 };
  return alerts.sort((a, b) => rank[a.kind] - rank[b.kind] || a.upstream.localeCompare(b.upstream));
}

/**
 * When to ask again (ms from `at`): every upstreamPollMs, but soon after a pause ends so the banner
 * does not keep saying "paused" for up to half a minute after it is over.
 */
export function nextPollIn(alerts: readonly UpstreamAlert[], at: number): number {
  const ends = alerts.filter((a) => a.kind === 'paused' && a.until).map((a) => Date.parse(a.until!) - at + 1_500);
  const soon = ends.filter((d) => d > 0);
  return Math.max(1_000, Math.min(upstreamPollMs, ...soon));
}

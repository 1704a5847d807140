import { upstreamStatusSchema, type UpstreamStatus } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { route, type AnyRoute } from '../platform/http/route';
import type { UpstreamHealth } from '../platform/upstream/upstream-health';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * An open incident counts as failing while its process reported a failure in the last half hour: a
 * process that stopped while its circuit was open never closes its incident.
 */
export const staleAfterMs = 30 * 60_000;

/** Admins' view of the outside services: which are failing now, and the incidents so far. */
export function systemRoutes(upstreams: UpstreamHealth, clock: Clock): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/system/upstreams',
      tag: 'system',
      summary: "The outside services' health: this process's circuit breakers and every process's recent incidents (WeCom failing, paused, recovered)",
      access: ['admin'],
      response: upstreamStatusSchema,
      handler: async (): Promise<UpstreamStatus> => {
        const incidents = await upstreams.recent(50);
        const now = upstreams.snapshots();
        const failing = new Set([...incidents.filter((i) => !i.closedAt && clock.now().getTime() - i.lastSeenAt.getTime() < staleAfterMs).map((i) => i.upstream), ...now.filter((s) => s.state !== 'closed').map((s) => s.upstream)]);
        return {
          now: now.map((s) => ({
            upstream: s.upstream,
            state: s.state,
            failuresInRow: s.failuresInRow,
            refused: s.refused,
            lastError: s.lastError ? { message: s.lastError.message, at: s.lastError.at.toISOString() } : null,
            lastSuccessAt: iso(s.lastSuccessAt),
            openedAt: iso(s.openedAt),
            retryAfter: iso(s.retryAfter),
          })),
          incidents: incidents.map((i) => ({ ...i, openedAt: i.openedAt.toISOString(), closedAt: iso(i.closedAt), lastSeenAt: i.lastSeenAt.toISOString() })),
          failing: [...failing].sort(),
        };
      },
    }),
  ];
}

import { z } from 'zod';

/** One outside service as this api process sees it now (its circuit breaker). */
export const upstreamNowSchema = z.object({
  upstream: z.string().describe('wecom: the WeCom server API'),
  state: z.enum(['closed', 'open', 'half_open']).describe('closed: calls go out; open: calls are refused without trying until retryAfter; half_open: one trial call is out'),
  failuresInRow: z.number().int(),
  refused: z.number().int().describe('calls refused without trying since the circuit last opened'),
  lastError: z.object({ message: z.string(), at: z.iso.datetime() }).nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  openedAt: z.iso.datetime().nullable(),
  retryAfter: z.iso.datetime().nullable(),
});
export type UpstreamNow = z.infer<typeof upstreamNowSchema>;

/** A stretch of time one process found a service failing and paused calling it (every process's). */
export const upstreamIncidentSchema = z.object({
  id: z.string(),
  upstream: z.string(),
  owner: z.string().describe('the process that saw it (host:pid:random)'),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable().describe('null while it lasts'),
  lastSeenAt: z.iso.datetime().describe('the last failure seen; an open incident without news for 30 minutes no longer counts as failing (its process may have stopped)'),
  failures: z.number().int(),
  refused: z.number().int(),
  lastError: z.string().nullable(),
});
export type UpstreamIncidentView = z.infer<typeof upstreamIncidentSchema>;

export const upstreamStatusSchema = z.object({
  now: z.array(upstreamNowSchema).describe('this api process'),
  incidents: z.array(upstreamIncidentSchema).describe('the latest 50 of all processes, newest first'),
  /** Open incidents of any process: the console shows a banner while there are any. */
  failing: z.array(z.string()),
});
export type UpstreamStatus = z.infer<typeof upstreamStatusSchema>;

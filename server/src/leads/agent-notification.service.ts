import {
  leadNoticePayloadSchema,
  type AgentNotification,
  type AgentNotificationKind,
  type AgentNotificationList,
  type AgentNotificationListQuery,
  type Lead,
  type LeadNoticePayload,
  type AgentNotificationPayload,
  journeyNoticePayloadSchema,
  chatInsightPayloadSchema,
  complianceNoticePayloadSchema,
  sopNoticePayloadSchema,
  proposalViewedPayloadSchema,
  type ScoreReason,
} from '@lodestar/shared';
import type { z } from 'zod';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { AgentNotificationRepository, FeedPosition, NotificationRow } from './agent-notification.repository';

/** The strongest reasons of a score, strongest first (ties keep the scorer's order). */
export function topReasons(reasons: readonly ScoreReason[], n = 3): ScoreReason[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.points - a.r.points || a.i - b.i)
    .slice(0, n)
    .map(({ r }) => r);
}

/** The sidebar card of a lead, from the API's view of it. */
export function leadNoticePayload(lead: Lead): LeadNoticePayload {
  return {
    leadId: lead.id,
    customer: { id: lead.customer.id, name: lead.customer.name },
    productLine: lead.productLine,
    grade: lead.grade,
    score: lead.score,
    reasons: topReasons(lead.reasons),
    suggestedMessage: lead.suggestedMessage,
    ...(lead.sla ? { slaDeadline: lead.sla.deadline } : {}),
    source: { name: lead.source.name, kind: lead.source.kind },
  };
}

/** A stored row as the API shows it; null when its payload cannot be read. */
export function notificationView(row: NotificationRow): AgentNotification | null {
  let payload: AgentNotificationPayload;
  try {
    payload = JSON.parse(row.payload) as AgentNotificationPayload;
  } catch {
    return null;
  }
  return { id: row.id, kind: row.kind as AgentNotificationKind, at: row.createdAt.toISOString(), read: row.readAt !== null, payload };
}

export type NotificationListener = (n: AgentNotification) => void;

interface Subscription {
  listener: NotificationListener;
  onClose: (() => void) | undefined;
}

/** What the feed knows of one corp it watches for its subscribers. */
interface CorpWatch {
  subs: Map<string, Set<Subscription>>;
  /** Ids already delivered, with their creation time (ms), kept while a poll may read them again. */
  seen: Map<string, number>;
  /** The clock time the last good poll started at; the next one reads from the look-back before it. */
  polledFrom: Date;
}

export interface NotificationFeedOptions {
  repo: Pick<AgentNotificationRepository, 'since'>;
  clock: Clock;
  logger: Logger;
  /** How often the database is read while anyone listens (ms). */
  pollMs?: number;
  /** How far before the previous poll each poll reads again, for rows committed late (ms). */
  lookbackMs?: number;
}

/**
 * Live notifications for the staff members whose streams this process holds. Rows written in this
 * process arrive at once (`announce`); rows written by other processes (workers, other api nodes)
 * arrive by polling the table while at least one subscriber listens. Each poll reads the corp's
 * rows for its subscribers from a short look-back before the previous poll, so a row committed
 * after a later one is still seen; ids already delivered are skipped.
 *
 * A new subscriber may receive rows up to the look-back old (the gap between loading the list and
 * opening the stream); a stream resuming from Last-Event-ID filters what it has already had.
 */
export class NotificationFeed {
  private readonly corps = new Map<string, CorpWatch>();
  private readonly pollMs: number;
  private readonly lookbackMs: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: NotificationFeedOptions) {
    this.pollMs = o.pollMs ?? 250;
    this.lookbackMs = o.lookbackMs ?? 5000;
  }

  /** Listens for one staff member's notifications; returns the unsubscribe. `onClose` runs when the feed closes. */
  subscribe(corpId: string, staffId: string, listener: NotificationListener, onClose?: () => void): () => void {
    if (this.closed) throw new DomainError('unavailable', 'The server is shutting down; reconnect in a moment');
    let watch = this.corps.get(corpId);
    if (!watch) {
      watch = { subs: new Map(), seen: new Map(), polledFrom: this.o.clock.now() };
      this.corps.set(corpId, watch);
    }
    const subs = watch.subs.get(staffId) ?? new Set<Subscription>();
    watch.subs.set(staffId, subs);
    const sub: Subscription = { listener, onClose };
    subs.add(sub);
    this.schedule();
    return () => {
      subs.delete(sub);
      const current = this.corps.get(corpId);
      if (subs.size === 0 && current?.subs.get(staffId) === subs) current.subs.delete(staffId);
      if (current && current.subs.size === 0) this.corps.delete(corpId);
      if (this.corps.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** A notification written in this process: delivered now, and not again by the poll. */
  announce(corpId: string, staffId: string, n: AgentNotification): void {
    const watch = this.corps.get(corpId);
    if (watch) this.deliver(watch, staffId, n, Date.parse(n.at));
  }

  /** How many streams listen. */
  get size(): number {
    let n = 0;
    for (const w of this.corps.values()) for (const s of w.subs.values()) n += s.size;
    return n;
  }

  /** Stops polling and tells every subscriber the feed is gone (their streams end; clients reconnect elsewhere). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
    const subs = [...this.corps.values()].flatMap((w) => [...w.subs.values()].flatMap((s) => [...s]));
    this.corps.clear();
    for (const s of subs) {
      try {
        s.onClose?.();
      } catch (error) {
        this.o.logger.warn({ err: error }, 'notification subscriber failed to close');
      }
    }
  }

  private schedule(): void {
    if (this.closed || this.timer || this.polling || this.corps.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.polling = this.pollOnce().finally(() => {
        this.polling = undefined;
        this.schedule();
      });
    }, this.pollMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    for (const [corpId, watch] of [...this.corps]) {
      const startedAt = this.o.clock.now();
      try {
        const rows = await this.o.repo.since(corpId, [...watch.subs.keys()], new Date(watch.polledFrom.getTime() - this.lookbackMs));
        watch.polledFrom = startedAt;
        for (const row of rows) {
          if (watch.seen.has(row.id)) continue;
          const view = notificationView(row);
          if (view) this.deliver(watch, row.staffId, view, row.createdAt.getTime());
          else {
            watch.seen.set(row.id, row.createdAt.getTime());
            this.o.logger.warn({ id: row.id }, 'agent notification payload is not JSON; skipped');
          }
        }
        const forgetBefore = startedAt.getTime() - this.lookbackMs;
        for (const [id, at] of watch.seen) if (at < forgetBefore) watch.seen.delete(id);
      } catch (error) {
        // The next poll reads from the same point again.
        this.o.logger.warn({ err: error, corpId }, 'agent notification poll failed');
      }
    }
  }

  private deliver(watch: CorpWatch, staffId: string, n: AgentNotification, createdAtMs: number): void {
    if (watch.seen.has(n.id)) return;
    watch.seen.set(n.id, createdAtMs);
    for (const sub of watch.subs.get(staffId) ?? []) {
      try {
        sub.listener(n);
      } catch (error) {
        this.o.logger.warn({ err: error, id: n.id }, 'agent notification listener failed');
      }
    }
  }
}

export interface AgentNotificationServiceDeps {
  repo: AgentNotificationRepository;
  clock: Clock;
  ids: IdGenerator;
  /** This process's live feed; rows written here reach its streams without waiting for a poll. */
  feed?: NotificationFeed;
}

/** Each kind's payload, checked before it is stored (a new kind fails to compile until listed). */
const payloadSchemas: Record<AgentNotificationKind, z.ZodType> = {
  'lead.assigned': leadNoticePayloadSchema,
  'lead.upgraded': leadNoticePayloadSchema,
  'lead.sla_reminder': leadNoticePayloadSchema,
  'lead.returned': leadNoticePayloadSchema,
  'journey.notice': journeyNoticePayloadSchema,
  'chat.insight': chatInsightPayloadSchema,
  'compliance.alert': complianceNoticePayloadSchema,
  'sop.task': sopNoticePayloadSchema,
  'proposal.viewed': proposalViewedPayloadSchema,
};

/** Writes, lists and marks agent notifications; the feed carries them to open streams. */
export class AgentNotificationService {
  constructor(private readonly d: AgentNotificationServiceDeps) {}

  async notify(corpId: string, staffId: string, kind: AgentNotificationKind, payload: AgentNotificationPayload): Promise<AgentNotification> {
    const checked = payloadSchemas[kind].parse(payload) as AgentNotificationPayload;
    const row: NotificationRow = { id: this.d.ids.next(), corpId, staffId, kind, payload: JSON.stringify(checked), createdAt: this.d.clock.now(), readAt: null };
    await this.d.repo.insert(row);
    const view: AgentNotification = { id: row.id, kind, at: row.createdAt.toISOString(), read: false, payload: checked };
    this.d.feed?.announce(corpId, staffId, view);
    return view;
  }

  /** The `LeadNotify` the lead services take: the card of a lead, to its agent. */
  async notifyLead(corpId: string, staffId: string, kind: AgentNotificationKind, lead: Lead): Promise<void> {
    await this.notify(corpId, staffId, kind, leadNoticePayload(lead));
  }

  async list(corpId: string, staffId: string, query: AgentNotificationListQuery): Promise<AgentNotificationList> {
    const unread = query.unread === undefined ? undefined : query.unread === 'true';
    const [rows, count] = await Promise.all([
      this.d.repo.listForStaff(corpId, staffId, { ...(unread !== undefined ? { unread } : {}), limit: query.limit }),
      this.d.repo.unreadCount(corpId, staffId),
    ]);
    return { items: rows.map(notificationView).filter((n): n is AgentNotification => n !== null), unread: count };
  }

  /** Marks the caller's own notifications read; others' ids are ignored. */
  async markRead(corpId: string, staffId: string, ids: readonly string[]): Promise<{ updated: number; unread: number }> {
    const updated = await this.d.repo.markRead(corpId, staffId, ids, this.d.clock.now());
    return { updated, unread: await this.d.repo.unreadCount(corpId, staffId) };
  }

  /**
   * What a stream resuming after `lastId` missed: the staff member's latest `limit` notifications
   * after it, oldest first, and the position of `lastId` (null when it is not theirs or is gone).
   */
  async replayAfter(corpId: string, staffId: string, lastId: string, limit = 100): Promise<{ after: FeedPosition | null; items: AgentNotification[] }> {
    const last = await this.d.repo.findForStaff(corpId, staffId, lastId);
    if (!last) return { after: null, items: [] };
    const rows = await this.d.repo.afterForStaff(corpId, staffId, { createdAt: last.createdAt, id: last.id }, limit);
    return { after: { createdAt: last.createdAt, id: last.id }, items: rows.map(notificationView).filter((n): n is AgentNotification => n !== null) };
  }
}

import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { parseCallback, type ParsedCallback } from './callback-event';
import { parseWecomXml } from './callback-xml';
import type { WecomInboxRepository } from './wecom-inbox.repository';

export type CallbackHandler = (corpId: string, callback: ParsedCallback, receivedAt: Date) => Promise<void>;

export interface CallbackInboxDeps {
  repo: WecomInboxRepository;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  owner: string;
  handle: CallbackHandler;
  leaseMs?: number;
  maxAttempts?: number;
}

/** Backoff after the n-th failed attempt: 5 s, 10 s, 20 s … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3600_000, 5000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Accepts verified callbacks into the durable inbox and processes them off the request path.
 * A row is processed by one process at a time (lease); a crash leaves it to be claimed again.
 */
export class CallbackInbox {
  private draining: Promise<number> | undefined;
  private again = false;

  constructor(private readonly deps: CallbackInboxDeps) {}

  /** Stores one decrypted callback; the same event again is a no-op. */
  async accept(corpId: string, xml: string, parsed: ParsedCallback): Promise<'new' | 'duplicate'> {
    const now = this.deps.clock.now();
    return this.deps.repo.insertOnce({
      id: this.deps.ids.next(),
      corpId,
      dedupeKey: parsed.dedupeKey,
      kind: parsed.event.kind,
      payload: xml,
      receivedAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lockedBy: null,
      lockedUntil: null,
      processedAt: null,
      error: null,
    });
  }

  /** Starts a drain in the background (single flight; a kick during a drain runs one more pass). */
  kick(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    this.draining.catch((error: unknown) => this.deps.logger.error({ err: error }, 'inbox drain failed'));
  }

  /** Waits for the current drain, if any (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }

  /** Processes every due row; returns how many were handled. */
  async drain(batch = 50): Promise<number> {
    const { repo, clock, owner, logger, handle } = this.deps;
    const leaseMs = this.deps.leaseMs ?? 60_000;
    const maxAttempts = this.deps.maxAttempts ?? 12;
    let handled = 0;
    for (;;) {
      const rows = await repo.claim(owner, clock.now(), leaseMs, batch);
      if (rows.length === 0) return handled;
      for (const row of rows) {
        try {
          const xml = parseWecomXml(row.payload);
          if (!xml) throw new Error('stored payload is not valid XML');
          await handle(row.corpId, parseCallback(xml), row.receivedAt);
          await repo.done(row.id, clock.now());
          handled += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const final = row.attempts >= maxAttempts;
          logger.warn({ err: error, inboxId: row.id, kind: row.kind, attempt: row.attempts, final }, 'callback processing failed');
          await repo.retryLater(row.id, new Date(clock.now().getTime() + retryDelayMs(row.attempts)), message, final);
        }
      }
    }
  }
}

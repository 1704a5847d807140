import type { SyncRunView } from '@lodestar/shared';
import { isUniqueViolation } from '../db/transaction';
import type { Clock } from '../platform/clock';
import { notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { WecomApiError, type WecomApiPort, type WecomContactOfAgent } from '../wecom';
import { isEmptyPlan, planContactImport } from './contact-import.plan';
import type { ContactImportRepository, ImportResult } from './contact-import.repository';
import type { CorpTagSyncService } from './corp-tag-sync.service';
import type { GroupService } from './group.service';
import { syncPercent } from './sync-progress';
import type { SyncRunRepository } from './sync-run.repository';
import type { CustomerTagsChange } from './tagging.service';
import type { WecomSyncRun } from './wecom-sync-run.entity';

export interface ContactSyncDeps {
  wecom: WecomApiPort;
  imports: ContactImportRepository;
  runs: SyncRunRepository;
  tags: CorpTagSyncService;
  groups: GroupService;
  clock: Clock;
  ids: IdGenerator;
  /** Tags WeCom changed on customers, for whoever reacts (scoring, journeys). */
  onTagsChanged?: (corpId: string, change: CustomerTagsChange) => Promise<void>;
}

/** Agents per batch/get_by_user call (WeCom allows 100; fewer gives a smoother progress bar) and relationships per page (the maximum). */
const agentsPerCall = 10;
const pageSize = 100;

export const syncRunView = (r: WecomSyncRun): SyncRunView => ({
  id: r.id,
  status: r.status,
  phase: r.phase,
  percent: syncPercent(r),
  agentsTotal: r.agentUserIds?.length ?? 0,
  agentsDone: r.agentsDone,
  relationshipsSeen: r.relationshipsSeen,
  customersCreated: r.customersCreated,
  groupsSeen: r.groupsSeen,
  error: r.error,
  startedAt: r.startedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Errors worth waiting out: the run stays running and the next tick tries the same page again. */
const isTransient = (e: unknown): boolean => e instanceof WecomApiError && (e.code === 'rate_limited' || e.code === 'unavailable');

/**
 * Customers from WeCom: the first full sync (tags, every agent's customers, groups) as a resumable
 * run, and the per-customer refresh after add and edit callbacks.
 */
export class ContactSyncService {
  constructor(private readonly d: ContactSyncDeps) {}

  /** Applies one page of relationships; safe to repeat (a resumed page changes nothing). */
  async importPage(corpId: string, items: readonly WecomContactOfAgent[]): Promise<ImportResult> {
    for (let attempt = 0; ; attempt++) {
      const known = await this.d.imports.known(
        corpId,
        [...new Set(items.map((i) => i.profile.externalUserId))],
        [...new Set(items.map((i) => i.follow.userId))],
        items.flatMap((i) => (i.profile.unionId ? [i.profile.unionId] : [])),
      );
      const plan = planContactImport(items, known);
      if (isEmptyPlan(plan)) return { customersCreated: 0, tagChanges: [] };
      try {
        const result = await this.d.imports.apply(corpId, plan, this.d.clock.now(), () => this.d.ids.next());
        for (const change of result.tagChanges) await this.d.onTagsChanged?.(corpId, change);
        return result;
      } catch (error) {
        // A callback and the sync created the same customer at once: plan again over what won.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  /** Reads one customer's profile and every agent's side from WeCom (after add and edit callbacks). */
  async refreshContact(corpId: string, externalUserId: string): Promise<ImportResult | null> {
    try {
      const contact = await this.d.wecom.getContact(externalUserId);
      return await this.importPage(corpId, contact.follows.map((follow) => ({ profile: contact.profile, follow })));
    } catch (error) {
      // Gone again before we looked (deleted right after adding): the delete callback follows.
      if (error instanceof WecomApiError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Starts a full sync, or answers the one already running. A failed run is resumed from its
   * saved cursor rather than started again.
   */
  async start(corpId: string, startedBy: string | null): Promise<SyncRunView> {
    const latest = await this.d.runs.latest(corpId);
    const now = this.d.clock.now();
    if (latest?.status === 'running') return syncRunView(latest);
    if (latest?.status === 'failed') {
      const resumed = { ...latest, status: 'running' as const, error: null, updatedAt: now };
      await this.d.runs.save(resumed);
      return syncRunView(resumed);
    }
    const run: WecomSyncRun = {
      id: this.d.ids.next(),
      corpId,
      status: 'running',
      phase: 'tags',
      agentUserIds: null,
      agentsDone: 0,
      pageCursor: null,
      relationshipsSeen: 0,
      customersCreated: 0,
      groupsSeen: 0,
      error: null,
      startedBy,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await this.d.runs.insert(run);
    return syncRunView(run);
  }

  async get(corpId: string, id: string): Promise<SyncRunView> {
    const run = id === 'latest' ? await this.d.runs.latest(corpId) : await this.d.runs.byId(corpId, id);
    if (!run) throw notFound('Sync run');
    return syncRunView(run);
  }

  /** Whether the corp ever had a sync (the first start begins one by itself). */
  async hasRun(corpId: string): Promise<boolean> {
    return (await this.d.runs.latest(corpId)) !== null;
  }

  runningRuns(): Promise<WecomSyncRun[]> {
    return this.d.runs.running();
  }

  /**
   * Works on a run until it is done or `shouldStop` says the time is up, saving the cursor after
   * every page. The caller holds the run's lease.
   */
  async advance(runId: string, corpId: string, shouldStop: () => boolean): Promise<SyncRunView> {
    const run = await this.d.runs.byId(corpId, runId);
    if (!run) throw notFound('Sync run');
    while (run.status === 'running' && !shouldStop()) {
      try {
        await this.step(run);
      } catch (error) {
        run.updatedAt = this.d.clock.now();
        if (isTransient(error)) {
          run.error = (error as Error).message.slice(0, 500);
          await this.d.runs.save(run);
          break;
        }
        run.status = 'failed';
        run.error = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await this.d.runs.save(run);
        break;
      }
      run.error = null;
      run.updatedAt = this.d.clock.now();
      await this.d.runs.save(run);
    }
    return syncRunView(run);
  }

  /** One unit of work: the tags, one page of relationships, or one page of groups. */
  private async step(run: WecomSyncRun): Promise<void> {
    switch (run.phase) {
      case 'tags':
        await this.d.tags.reconcile(run.corpId);
        run.agentUserIds = await this.d.wecom.listFollowUsers();
        run.phase = 'contacts';
        return;
      case 'contacts': {
        const agents = run.agentUserIds ?? [];
        const batch = agents.slice(run.agentsDone, run.agentsDone + agentsPerCall);
        if (batch.length === 0) {
          run.phase = 'groups';
          run.pageCursor = null;
          return;
        }
        const page = await this.d.wecom.contactsOfAgents(batch, run.pageCursor, pageSize);
        const result = await this.importPage(run.corpId, page.items);
        run.relationshipsSeen += page.items.length;
        run.customersCreated += result.customersCreated;
        if (page.nextCursor) run.pageCursor = page.nextCursor;
        else {
          run.agentsDone += batch.length;
          run.pageCursor = null;
        }
        return;
      }
      case 'groups': {
        const page = await this.d.wecom.listGroupChats({}, run.pageCursor, pageSize);
        const at = this.d.clock.now();
        for (const chat of page.items) await this.d.groups.refresh(run.corpId, chat.chatId, at);
        run.groupsSeen += page.items.length;
        run.pageCursor = page.nextCursor;
        if (!page.nextCursor) {
          run.phase = 'done';
          run.status = 'done';
          run.finishedAt = this.d.clock.now();
        }
        return;
      }
      case 'done':
        run.status = 'done';
        return;
    }
  }
}

import type { SopContent, SopNoticePayload, SopPlanDefinition, SopStep } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { MassAttachment, WecomApiPort } from '../wecom';
import { dueTasks, type SopDueResult, type SopDueTask } from './sop-due.plan';
import { eventTasks, type SopEventTarget } from './sop-event.plan';
import { followUp } from './sop-followup.plan';
import type { SopPlanRow } from './sop-plan.entity';
import { matchesTarget } from './sop-target.plan';
import type { SopTaskRow } from './sop-task.entity';
import type { SopCustomerRow, SopGroupRow, SopRepository } from './sop.repository';

/** The WeCom calls the runner makes (the sandbox's fake answers them too). */
export type SopWecomPort = Pick<WecomApiPort, 'createMassMessage' | 'massMessageResults' | 'remindMassMessage'>;

export interface SopRunnerDeps {
  repo: SopRepository;
  wecom: SopWecomPort;
  /** A notification to a staff member's feed (the sidebar). */
  notify: (corpId: string, staffId: string, payload: SopNoticePayload) => Promise<void>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

export interface SopRunSummary {
  created: number;
  skipped: number;
  ended: number;
}

const HOUR = 3_600_000;
/** How far back join times are read: the longest after_joined wait plus a day, and the longest debounce. */
const joinLookback = (def: SopPlanDefinition, from: Date): Date => {
  const days = Math.max(0, ...def.steps.map((s) => (s.when.kind === 'time' && s.when.rule.type === 'after_joined' ? s.when.rule.days : 0)));
  const debounce = Math.max(0, ...def.steps.map((s) => (s.when.kind === 'event' && s.when.rule.type === 'member_joined' ? s.when.rule.debounceMinutes : 0)));
  return new Date(from.getTime() - (days + 1) * 24 * HOUR - debounce * 60_000);
};

/** The text an owner confirms or sends: the content's text, or what its attachments are. */
export function contentText(content: SopContent): string {
  if (content.text) return content.text;
  return (content.attachments ?? []).map((a) => (a.type === 'link' || a.type === 'miniprogram' ? a.title : a.type === 'image' ? '[图片]' : '[文章]')).join(' ');
}

/** WeCom's attachments for a content; library articles are refused when the plan is saved. */
/** WeCom's attachments for a content; library articles are refused when the plan is saved. */
function attachments(content: SopContent): MassAttachment[] {
  return (content.attachments ?? []).flatMap((a): MassAttachment[] => {
    if (a.type === 'image') return [{ kind: 'image', ...(a.mediaId ? { mediaId: a.mediaId } : {}), ...(a.mediaUrl ? { picUrl: a.mediaUrl } : {}) }];
    if (a.type === 'link') return [{ kind: 'link', title: a.title, url: a.url, ...(a.desc ? { desc: a.desc } : {}), ...(a.picUrl ? { picUrl: a.picUrl } : {}) }];
    if (a.type === 'miniprogram') return [{ kind: 'miniprogram', title: a.title, appId: a.appid, page: a.page, picMediaId: a.picMediaId ?? '' }];
    return [];
  });
}

/**
 * Runs the live SOP plans: turns due occurrences into tasks (once each, whichever process gets there
 * first), hands mass tasks to WeCom as add_msg_template tasks per owner and manual ones to the owner's
 * sidebar, reads back send results, reminds owners of unconfirmed tasks and escalates overdue ones.
 */
export class SopRunner {
  constructor(private readonly d: SopRunnerDeps) {}

  /** One pass of everything, as the sop.run job and POST /api/sop/run do it. */
  async runOnce(corpId: string): Promise<SopRunSummary & { handed: number; failed: number; sent: number; reminded: number; escalated: number }> {
    const planned = await this.plan(corpId);
    const dispatched = await this.dispatch(corpId);
    const followed = await this.followUp(corpId);
    return { ...planned, handed: dispatched.handed, failed: dispatched.failed + followed.failed, sent: followed.sent, reminded: followed.reminded, escalated: followed.escalated };
  }

  /** Creates the tasks that fell due for every live plan since its last run. */
  async plan(corpId: string): Promise<SopRunSummary> {
    const summary: SopRunSummary = { created: 0, skipped: 0, ended: 0 };
    const now = this.d.clock.now();
    const plans = await this.d.repo.livePlans(corpId);
    if (!plans.length) return summary;
    const groups = plans.some((p) => p.definition.target.kind === 'groups') ? await this.d.repo.groups(corpId) : [];
    for (const plan of plans) {
      try {
        const s = await this.planOne(corpId, plan, groups, now);
        summary.created += s.created;
        summary.skipped += s.skipped;
        summary.ended += s.ended;
      } catch (error) {
        // One broken plan (a holiday year outside the table, a bad segment) does not stop the others.
        this.d.logger.error({ err: error, planId: plan.id }, 'SOP plan run failed');
      }
    }
    return summary;
  }

  private async planOne(corpId: string, plan: SopPlanRow, allGroups: readonly SopGroupRow[], now: Date): Promise<SopRunSummary> {
    const def = plan.definition;
    const publishedAt = plan.publishedAt ?? now;
    const from = plan.plannedTo ?? publishedAt;
    const states = await this.d.repo.targetStates(plan.id);
    const live = (id: string) => !states.get(id)?.endedAt;
    let result: SopDueResult;
    let byTarget: Map<string, { wecomTarget: string; ownerUserId: string }>;
    const input = { plan: { id: plan.id, definition: def, publishedAt }, from, to: now, now };
    if (def.target.kind === 'groups') {
      const target = def.target;
      const groups = allGroups.filter((g) => live(g.id) && matchesTarget(target, { name: g.name, tags: g.tags, ownerId: g.ownerStaffId, teamId: g.teamId }));
      const joins = await this.d.repo.joins(
        groups.map((g) => g.id),
        joinLookback(def, from),
      );
      const targets: SopEventTarget[] = groups.map((g) => ({
        id: g.id,
        createdAt: g.createdAt,
        joinedAt: joins.get(g.id) ?? [],
        memberCount: g.memberCount,
        tags: g.tags,
        ownerId: g.ownerStaffId,
        previousMemberCount: states.get(g.id)?.memberCount ?? null,
      }));
      const timed = dueTasks({ ...input, targets });
      const evented = eventTasks({ ...input, targets });
      result = { tasks: [...timed.tasks, ...evented.tasks], ended: [...timed.ended, ...evented.ended] };
      byTarget = new Map(groups.map((g) => [g.id, { wecomTarget: g.chatId, ownerUserId: g.ownerUserId }]));
      await this.d.repo.saveTargetStates(
        groups.map((g) => ({ planId: plan.id, targetId: g.id, memberCount: g.memberCount, endedAt: states.get(g.id)?.endedAt ?? null, endedReason: states.get(g.id)?.endedReason ?? null })),
      );
    } else {
      const customers: SopCustomerRow[] = (await this.d.repo.segmentCustomers(corpId, def.target.segmentId)).filter((c) => live(c.id));
      result = dueTasks({ ...input, targets: customers.map((c) => ({ id: c.id, createdAt: c.enteredAt, memberCount: 0, tags: c.tags, ownerId: c.ownerStaffId })) });
      byTarget = new Map(customers.map((c) => [c.id, { wecomTarget: c.externalUserId, ownerUserId: c.ownerUserId }]));
    }
    if (result.ended.length) {
      await this.d.repo.saveTargetStates(result.ended.map((e) => ({ planId: plan.id, targetId: e.targetId, memberCount: states.get(e.targetId)?.memberCount ?? null, endedAt: now, endedReason: e.reason })));
    }
    const steps = new Map(def.steps.map((s) => [s.id, s]));
    const rows = result.tasks.flatMap((t) => {
      const step = steps.get(t.stepId);
      const where = byTarget.get(t.targetId);
      return step && where ? [this.taskRow(corpId, plan, step, t, where, now)] : [];
    });
    const created = await this.d.repo.insertTasks(rows);
    await this.d.repo.advancePlannedTo(plan.id, now);
    return { created, skipped: rows.filter((r) => r.status === 'skipped').length, ended: result.ended.length };
  }

  private taskRow(corpId: string, plan: SopPlanRow, step: SopStep, t: SopDueTask, where: { wecomTarget: string; ownerUserId: string }, now: Date): SopTaskRow {
    return {
      id: this.d.ids.next(),
      corpId,
      planId: plan.id,
      planVersion: plan.version,
      stepId: step.id,
      occurrence: t.key,
      mode: step.mode,
      targetKind: plan.definition.target.kind,
      targetId: t.targetId,
      wecomTarget: where.wecomTarget,
      ownerStaffId: t.ownerId,
      ownerUserId: where.ownerUserId,
      dueAt: t.dueAt,
      status: t.status,
      reason: t.reason ?? null,
      content: step.content,
      wecomMsgId: null,
      claim: null,
      remindedAt: null,
      escalatedAt: null,
      sentAt: null,
      resultSent: null,
      resultUnsent: null,
      resultFailed: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Hands due tasks over: mass tasks become one add_msg_template task per owner, step and occurrence
   * (all of the owner's groups, or customers, in it); manual ones go to the owner's sidebar.
   */
  async dispatch(corpId: string, limit = 500): Promise<{ handed: number; failed: number }> {
    const now = this.d.clock.now();
    const claimed = await this.d.repo.claimDue(corpId, now, limit, this.d.ids.next());
    let handed = 0;
    let failed = 0;
    const batches = new Map<string, SopTaskRow[]>();
    for (const t of claimed) {
      const key = `${t.planId}\u0000${t.stepId}\u0000${t.dueAt.getTime()}\u0000${t.ownerUserId}\u0000${t.mode}`;
      batches.set(key, [...(batches.get(key) ?? []), t]);
    }
    const names = await this.d.repo.names({ staff: claimed.map((t) => t.ownerStaffId), groups: claimed.map((t) => t.targetId), customers: claimed.map((t) => t.targetId) });
    const plans = new Map<string, SopPlanRow | null>();
    for (const batch of batches.values()) {
      const first = batch[0]!;
      if (!plans.has(first.planId)) plans.set(first.planId, await this.d.repo.plan(corpId, first.planId));
      const plan = plans.get(first.planId);
      const step = plan?.definition.steps.find((s) => s.id === first.stepId);
      const ids = batch.map((t) => t.id);
      if (first.mode === 'manual') {
        await this.d.repo.update(ids, { status: 'awaiting', claim: null, updatedAt: now });
        for (const t of batch) await this.notifyOwner(t, plan, step, names, 'created');
        handed += batch.length;
        continue;
      }
      try {
        const sent = await this.d.wecom.createMassMessage({
          chatType: first.targetKind === 'groups' ? 'group' : 'single',
          senderUserId: first.ownerUserId,
          ...(first.targetKind === 'groups' ? { chatIds: batch.map((t) => t.wecomTarget) } : { externalUserIds: batch.map((t) => t.wecomTarget) }),
          text: first.content.text ?? '',
          attachments: attachments(first.content),
        });
        const refused = new Set(sent.failedExternalUserIds);
        const ok = batch.filter((t) => !refused.has(t.wecomTarget));
        const no = batch.filter((t) => refused.has(t.wecomTarget));
        await this.d.repo.update(
          ok.map((t) => t.id),
          { status: 'awaiting', wecomMsgId: sent.msgId, claim: null, updatedAt: now },
        );
        if (no.length) await this.d.repo.update(no.map((t) => t.id), { status: 'failed', reason: 'WeCom refused the recipient (not a customer of the sender, or over the limit)', claim: null, updatedAt: now });
        handed += ok.length;
        failed += no.length;
        // The owner confirms in the WeCom client; the sidebar says so as well.
        if (ok.length) await this.notifyOwner(ok[0]!, plan, step, names, 'created', ok.length);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.d.logger.warn({ err: error, planId: first.planId, owner: first.ownerUserId }, 'SOP mass send could not be created');
        await this.d.repo.update(ids, { status: 'failed', reason: `add_msg_template failed: ${message}`.slice(0, 300), claim: null, updatedAt: now });
        failed += batch.length;
      }
    }
    return { handed, failed };
  }

  /** Reads WeCom's results for waiting mass tasks, then reminds and escalates what still waits. */
  async followUp(corpId: string, limit = 2000): Promise<{ sent: number; failed: number; reminded: number; escalated: number }> {
    const now = this.d.clock.now();
    const out = { sent: 0, failed: 0, reminded: 0, escalated: 0 };
    const tasks = await this.d.repo.openTasks(corpId, limit);
    const results = new Map<string, Awaited<ReturnType<SopWecomPort['massMessageResults']>>>();
    for (const t of tasks.filter((x) => x.mode === 'mass' && x.wecomMsgId)) {
      const key = `${t.wecomMsgId}\u0000${t.ownerUserId}`;
      if (!results.has(key)) {
        try {
          results.set(key, await this.d.wecom.massMessageResults(t.wecomMsgId!, t.ownerUserId));
        } catch (error) {
          this.d.logger.warn({ err: error, msgId: t.wecomMsgId }, 'SOP send results could not be read');
          results.set(key, []);
        }
      }
      const mine = results.get(key)!.filter((r) => (t.targetKind === 'groups' ? r.chatId === t.wecomTarget : r.externalUserId === t.wecomTarget));
      if (!mine.length) continue;
      const sent = mine.filter((r) => r.status === 'sent').length;
      const unsent = mine.filter((r) => r.status === 'unsent').length;
      const refused = mine.length - sent - unsent;
      if (unsent && !sent && !refused) continue;
      const status = sent && (unsent || refused) ? 'partly_sent' : sent ? 'sent' : 'failed';
      const sentAt = mine.find((r) => r.sentAt)?.sentAt ?? null;
      await this.d.repo.update([t.id], { status, sentAt, resultSent: sent, resultUnsent: unsent, resultFailed: refused, reason: status === 'failed' ? 'the recipient was not reachable (not a friend any more, or over the monthly limit)' : null, updatedAt: now });
      t.status = status;
      if (status === 'failed') out.failed += 1;
      else out.sent += 1;
    }
    const plans = new Map<string, SopPlanRow | null>();
    const teams = await this.d.repo.teams(corpId);
    const waiting = tasks.filter((t) => t.status === 'awaiting' || t.status === 'overdue');
    const names = await this.d.repo.names({ staff: waiting.map((t) => t.ownerStaffId), groups: waiting.map((t) => t.targetId), customers: waiting.map((t) => t.targetId) });
    const remindedMsgs = new Set<string>();
    for (const t of waiting) {
      if (!plans.has(t.planId)) plans.set(t.planId, await this.d.repo.plan(corpId, t.planId));
      const plan = plans.get(t.planId);
      if (!plan) continue;
      const remindedAt = (t.remindedAt ?? []).map((x) => new Date(x));
      const decision = followUp({ status: t.status, createdAt: t.createdAt, remindedAt, escalatedAt: t.escalatedAt }, plan.definition, now);
      const step = plan.definition.steps.find((s) => s.id === t.stepId);
      if (decision.remind) {
        try {
          // One reminder per WeCom task: it covers all of the owner's groups in it.
          // WeCom takes reminders for a mass send within 24 hours of its creation only.
          if (t.mode === 'mass' && t.wecomMsgId && !remindedMsgs.has(t.wecomMsgId) && now.getTime() - t.createdAt.getTime() < 24 * HOUR) {
            remindedMsgs.add(t.wecomMsgId);
            await this.d.wecom.remindMassMessage(t.wecomMsgId);
          }
          if (t.mode === 'manual') await this.notifyOwner(t, plan, step, names, 'reminder');
          await this.d.repo.update([t.id], { remindedAt: [...(t.remindedAt ?? []), now.toISOString()], updatedAt: now });
          out.reminded += 1;
        } catch (error) {
          this.d.logger.warn({ err: error, taskId: t.id }, 'SOP reminder refused');
        }
      }
      if (decision.escalate) {
        await this.d.repo.update([t.id], { status: 'overdue', escalatedAt: now, updatedAt: now });
        const lead = teams.get(t.ownerStaffId)?.leadStaffId;
        if (lead && lead !== t.ownerStaffId) await this.d.notify(corpId, lead, this.payload(t, plan, step, names, 'overdue'));
        await this.notifyOwner(t, plan, step, names, 'overdue');
        out.escalated += 1;
      }
    }
    return out;
  }

  private payload(t: SopTaskRow, plan: SopPlanRow | null | undefined, step: SopStep | undefined, names: Map<string, string>, reason: SopNoticePayload['reason'], count = 1): SopNoticePayload {
    const target = names.get(t.targetId) ?? t.wecomTarget;
    return {
      task: { id: t.id, planName: plan?.name ?? t.planId, stepName: step?.name ?? t.stepId, targetName: count > 1 ? `${target} 等 ${count} 个` : target, dueAt: t.dueAt.toISOString(), mode: t.mode },
      reason,
      owner: { id: t.ownerStaffId, name: names.get(t.ownerStaffId) ?? t.ownerUserId },
      text: contentText(t.content),
    };
  }

  private async notifyOwner(t: SopTaskRow, plan: SopPlanRow | null | undefined, step: SopStep | undefined, names: Map<string, string>, reason: SopNoticePayload['reason'], count = 1): Promise<void> {
    try {
      await this.d.notify(t.corpId, t.ownerStaffId, this.payload(t, plan, step, names, reason, count));
    } catch (error) {
      this.d.logger.warn({ err: error, taskId: t.id }, 'SOP notification failed');
    }
  }
}

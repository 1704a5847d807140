import type { SopBoardRow, SopCalendarItem, SopPlanCreate, SopPlanDefinition, SopPlanStatus, SopPlanView, SopTaskStatus, SopTaskView } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { completion } from './sop-completion.plan';
import { dueTasks } from './sop-due.plan';
import type { SopPlanRow } from './sop-plan.entity';
import { contentText } from './sop-runner';
import { matchesTarget } from './sop-target.plan';
import type { SopTaskRow } from './sop-task.entity';
import type { SopRepository } from './sop.repository';

export interface SopServiceDeps {
  repo: SopRepository;
  clock: Clock;
  ids: IdGenerator;
  /** The compliance list's hits in a text (playbook). */
  compliance: (corpId: string, text: string) => Promise<Array<{ name: string; match: string }>>;
  /** Whether a segment exists in the corp. */
  segmentExists: (corpId: string, segmentId: string) => Promise<boolean>;
}

const DAY = 86_400_000;
/** The calendar looks at most this far: a forecast is computed per plan, target and step. */
const maxCalendarDays = 62;

/** Who may see which owners' tasks: an admin all, a team lead their team, an agent their own. */
type Scope = readonly string[] | undefined;

/** SOP plans (save, publish, pause), their calendar and board, and the owners' task lists. */
export class SopService {
  constructor(private readonly d: SopServiceDeps) {}

  async list(corpId: string): Promise<SopPlanView[]> {
    return (await this.d.repo.plans(corpId)).map(planView);
  }

  async get(corpId: string, id: string): Promise<SopPlanView> {
    return planView(await this.row(corpId, id));
  }

  async create(principal: Principal, input: SopPlanCreate): Promise<SopPlanView> {
    await this.check(principal.corpId, input.definition);
    const now = this.d.clock.now();
    const row: SopPlanRow = {
      id: this.d.ids.next(),
      corpId: principal.corpId,
      name: input.name,
      description: input.description ?? null,
      status: 'draft',
      definition: input.definition,
      version: 0,
      publishedAt: null,
      plannedTo: null,
      createdBy: principal.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.d.repo.insertPlan(row);
    return planView(row);
  }

  /** A draft or paused plan's new definition; a live plan must be paused first. */
  async update(corpId: string, id: string, input: SopPlanCreate): Promise<SopPlanView> {
    const row = await this.row(corpId, id);
    if (row.status === 'live') throw new DomainError('conflict', 'Pause the plan before changing it: tasks already planned keep the content they were made with');
    if (row.status === 'archived') throw new DomainError('conflict', 'The plan is archived');
    await this.check(corpId, input.definition);
    Object.assign(row, { name: input.name, description: input.description ?? null, definition: input.definition, updatedAt: this.d.clock.now() });
    await this.d.repo.savePlan(row);
    return planView(row);
  }

  /**
   * Moves a plan along: publish (draft → live; occurrences from now on count), pause (live → paused:
   * no new tasks), resume (paused → live; what fell due while paused is judged by the plan's missed
   * rule), archive (any → archived; its pending tasks are cancelled).
   */
  async transition(corpId: string, id: string, action: 'publish' | 'pause' | 'resume' | 'archive'): Promise<SopPlanView> {
    const row = await this.row(corpId, id);
    const now = this.d.clock.now();
    const allowed: Record<typeof action, SopPlanStatus[]> = { publish: ['draft'], pause: ['live'], resume: ['paused'], archive: ['draft', 'live', 'paused'] };
    if (!allowed[action].includes(row.status)) throw new DomainError('conflict', `A ${row.status} plan cannot be ${action === 'publish' ? 'published' : action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'archived'}`);
    if (action === 'publish') {
      row.version += 1;
      row.publishedAt = now;
      row.plannedTo = now;
    }
    row.status = action === 'publish' || action === 'resume' ? 'live' : action === 'pause' ? 'paused' : 'archived';
    row.updatedAt = now;
    await this.d.repo.savePlan(row);
    if (action === 'archive') await this.d.repo.cancelPending(id, 'the plan was archived', now);
    return planView(row);
  }

  /**
   * What every plan will send and has sent between two times, per target: existing tasks, and for
   * the future the occurrences the live plans will create (status planned).
   */
  async calendar(principal: Principal, from: Date, to: Date, f: { planId?: string; targetId?: string } = {}): Promise<SopCalendarItem[]> {
    if (to.getTime() <= from.getTime()) throw new DomainError('bad_request', '"to" must come after "from"', [{ path: 'query.to', message: 'before from' }]);
    if (to.getTime() - from.getTime() > maxCalendarDays * DAY) throw new DomainError('bad_request', `The calendar shows at most ${maxCalendarDays} days at a time`, [{ path: 'query.to', message: 'too far' }]);
    const corpId = principal.corpId;
    const now = this.d.clock.now();
    const scope = await this.scope(principal);
    const tasks = await this.d.repo.tasksBetween(corpId, from, to, { ...(scope ? { ownerIds: scope } : {}), ...f });
    const plans = new Map((await this.d.repo.plans(corpId)).map((p) => [p.id, p]));
    const items: Array<Omit<SopCalendarItem, 'targetName' | 'ownerName' | 'planName' | 'stepName'>> = tasks.map((t) => ({
      planId: t.planId,
      stepId: t.stepId,
      targetKind: t.targetKind,
      targetId: t.targetId,
      ownerId: t.ownerStaffId,
      dueAt: t.dueAt.toISOString(),
      status: t.status,
      taskId: t.id,
    }));
    const known = new Set(tasks.map((t) => `${t.planId}\u0000${t.targetId}\u0000${t.occurrence}`));
    // The forecast: live group plans' time rules from now on (events cannot be foreseen).
    if (to.getTime() > now.getTime()) {
      const groups = await this.d.repo.groups(corpId);
      for (const plan of plans.values()) {
        if (plan.status !== 'live' || plan.definition.target.kind !== 'groups' || (f.planId && plan.id !== f.planId)) continue;
        const target = plan.definition.target;
        const targets = groups
          .filter((g) => (!f.targetId || g.id === f.targetId) && (!scope || scope.includes(g.ownerStaffId)) && matchesTarget(target, { name: g.name, tags: g.tags, ownerId: g.ownerStaffId, teamId: g.teamId }))
          .map((g) => ({ id: g.id, createdAt: g.createdAt, memberCount: g.memberCount, tags: g.tags, ownerId: g.ownerStaffId }));
        const start = new Date(Math.max(from.getTime(), now.getTime(), plan.plannedTo?.getTime() ?? 0));
        const forecast = dueTasks({ plan: { id: plan.id, definition: plan.definition, publishedAt: plan.publishedAt ?? now }, targets, from: start, to, now: start });
        for (const t of forecast.tasks) {
          if (known.has(`${plan.id}\u0000${t.targetId}\u0000${t.key}`)) continue;
          items.push({ planId: plan.id, stepId: t.stepId, targetKind: 'groups', targetId: t.targetId, ownerId: t.ownerId, dueAt: t.dueAt.toISOString(), status: 'planned' });
        }
      }
    }
    items.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.targetId.localeCompare(b.targetId));
    const names = await this.d.repo.names({ staff: items.map((i) => i.ownerId), groups: items.map((i) => i.targetId), customers: items.map((i) => i.targetId) });
    return items.map((i) => {
      const plan = plans.get(i.planId);
      return {
        ...i,
        planName: plan?.name ?? i.planId,
        stepName: plan?.definition.steps.find((s) => s.id === i.stepId)?.name ?? i.stepId,
        targetName: names.get(i.targetId) ?? i.targetId,
        ownerName: names.get(i.ownerId) ?? i.ownerId,
      };
    });
  }

  /** Completion per plan, agent or team of the tasks due between two times. */
  async board(principal: Principal, from: Date, to: Date, by: 'plan' | 'agent' | 'team'): Promise<SopBoardRow[]> {
    if (to.getTime() <= from.getTime()) throw new DomainError('bad_request', '"to" must come after "from"', [{ path: 'query.to', message: 'before from' }]);
    const corpId = principal.corpId;
    const scope = await this.scope(principal);
    const tasks = await this.d.repo.tasksBetween(corpId, from, to, scope ? { ownerIds: scope } : {});
    const plans = new Map((await this.d.repo.plans(corpId)).map((p) => [p.id, p.name]));
    const teams = await this.d.repo.teams(corpId);
    const names = await this.d.repo.names({ staff: tasks.map((t) => t.ownerStaffId), groups: [], customers: [] });
    const key = (t: SopTaskRow): { key: string; name: string } => {
      if (by === 'plan') return { key: t.planId, name: plans.get(t.planId) ?? t.planId };
      if (by === 'agent') return { key: t.ownerStaffId, name: names.get(t.ownerStaffId) ?? t.ownerUserId };
      const team = teams.get(t.ownerStaffId);
      return { key: team?.teamId ?? 'none', name: team?.teamName ?? '无团队' };
    };
    return completion(
      tasks.map((t) => ({ ...key(t), status: t.status, dueAt: t.dueAt })),
      this.d.clock.now(),
    );
  }

  /** Tasks the caller may see (an agent: their own), newest due first. */
  async tasks(principal: Principal, f: { from: Date; to: Date; statuses?: SopTaskStatus[] }): Promise<SopTaskView[]> {
    const scope = await this.scope(principal);
    const rows = (await this.d.repo.tasksBetween(principal.corpId, f.from, f.to, { ...(scope ? { ownerIds: scope } : {}), ...(f.statuses ? { statuses: f.statuses } : {}) })).reverse().slice(0, 500);
    return this.views(principal.corpId, rows);
  }

  /**
   * The owner reports a manual task sent from the sidebar (or a mass one confirmed), or a team lead
   * or admin skips one that should not go out.
   */
  async finish(principal: Principal, id: string, outcome: 'sent' | 'skipped', reason?: string): Promise<SopTaskView> {
    const t = await this.d.repo.task(principal.corpId, id);
    const scope = await this.scope(principal);
    if (!t || (scope && !scope.includes(t.ownerStaffId))) throw notFound('SOP task');
    const open: SopTaskStatus[] = ['pending', 'awaiting', 'overdue'];
    if (!open.includes(t.status)) throw new DomainError('conflict', `The task is ${t.status} already`);
    if (outcome === 'sent' && t.mode === 'mass' && t.status !== 'pending') throw new DomainError('conflict', 'A mass send is confirmed in the WeCom client; its result comes from WeCom');
    const now = this.d.clock.now();
    const patch = outcome === 'sent' ? { status: 'sent' as const, sentAt: now, reason: null } : { status: 'skipped' as const, reason: (reason ?? `skipped by ${principal.id}`).slice(0, 300) };
    await this.d.repo.update([t.id], { ...patch, updatedAt: now });
    return (await this.views(principal.corpId, [{ ...t, ...patch, updatedAt: now }]))[0]!;
  }

  private async views(corpId: string, rows: readonly SopTaskRow[]): Promise<SopTaskView[]> {
    const plans = new Map((await this.d.repo.plans(corpId)).map((p) => [p.id, p]));
    const names = await this.d.repo.names({ staff: rows.map((t) => t.ownerStaffId), groups: rows.map((t) => t.targetId), customers: rows.map((t) => t.targetId) });
    return rows.map((t) => {
      const plan = plans.get(t.planId);
      return {
        id: t.id,
        planId: t.planId,
        planName: plan?.name ?? t.planId,
        stepId: t.stepId,
        stepName: plan?.definition.steps.find((s) => s.id === t.stepId)?.name ?? t.stepId,
        mode: t.mode,
        targetKind: t.targetKind,
        targetId: t.targetId,
        targetName: names.get(t.targetId) ?? t.wecomTarget,
        ownerId: t.ownerStaffId,
        ownerName: names.get(t.ownerStaffId) ?? t.ownerUserId,
        dueAt: t.dueAt.toISOString(),
        status: t.status,
        reason: t.reason,
        content: t.content,
        createdAt: t.createdAt.toISOString(),
        sentAt: t.sentAt?.toISOString() ?? null,
        remindedCount: t.remindedAt?.length ?? 0,
        escalatedAt: t.escalatedAt?.toISOString() ?? null,
        result: t.resultSent === null ? null : { sent: t.resultSent, unsent: t.resultUnsent ?? 0, failed: t.resultFailed ?? 0 },
      };
    });
  }

  /** undefined: all; otherwise the owners whose tasks the caller sees. */
  private async scope(principal: Principal): Promise<Scope> {
    if (principal.role === 'admin') return undefined;
    if (principal.role === 'team_lead') {
      const teams = await this.d.repo.teams(principal.corpId);
      const mine = [...teams.values()].find((t) => t.leadStaffId === principal.id)?.teamId ?? null;
      return [principal.id, ...[...teams].filter(([, t]) => mine && t.teamId === mine).map(([staffId]) => staffId)];
    }
    return [principal.id];
  }

  private async row(corpId: string, id: string): Promise<SopPlanRow> {
    const row = await this.d.repo.plan(corpId, id);
    if (!row) throw notFound('SOP plan');
    return row;
  }

  /** What cannot be known from the schema: the segment exists, no article yet, and the content passes compliance. */
  private async check(corpId: string, def: SopPlanDefinition): Promise<void> {
    const problems: Array<{ path: string; message: string }> = [];
    if (def.target.kind === 'customers' && !(await this.d.segmentExists(corpId, def.target.segmentId))) problems.push({ path: 'definition.target.segmentId', message: 'no such segment' });
    for (const [i, step] of def.steps.entries()) {
      (step.content.attachments ?? []).forEach((a, j) => {
        if (a.type === 'article') problems.push({ path: `definition.steps.${i}.content.attachments.${j}`, message: 'library articles reach customers through the mini-program, which is not built yet: use a link card' });
      });
      const hits = await this.d.compliance(corpId, [contentText(step.content), ...(step.content.attachments ?? []).flatMap((a) => (a.type === 'link' ? [a.title, a.desc ?? ''] : []))].join('\n'));
      for (const h of hits) problems.push({ path: `definition.steps.${i}.content`, message: `compliance: ${h.name} (${h.match})` });
    }
    if (problems.length) throw new DomainError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
}

export function planView(row: SopPlanRow): SopPlanView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    definition: row.definition,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

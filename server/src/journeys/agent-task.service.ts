import type { AgentTask } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { AgentTaskRepository, AgentTaskView } from './agent-task.repository';

const view = (t: AgentTaskView): AgentTask => ({
  id: t.id,
  kind: t.kind,
  title: t.title,
  note: t.note,
  status: t.status,
  source: t.source,
  customerId: t.customerId,
  customerName: t.customerName,
  dueAt: t.dueAt.toISOString(),
  createdAt: t.createdAt.toISOString(),
  doneAt: t.doneAt?.toISOString() ?? null,
});

/** The tasks journeys give agents: an agent sees and closes their own, a team lead sees their team's, an admin everyone's. */
export class AgentTaskService {
  constructor(private readonly d: { tasks: AgentTaskRepository; clock: Clock }) {}

  async list(p: Principal, status: 'open' | 'done' | 'cancelled', staffId: string | undefined, limit: number): Promise<AgentTask[]> {
    const scope = p.role === 'agent' ? { staffId: p.id } : p.role === 'team_lead' ? { teamId: p.teamId ?? '-', ...(staffId ? { staffId } : {}) } : staffId ? { staffId } : {};
    return (await this.d.tasks.list(p.corpId, scope, status, limit)).map(view);
  }

  async finish(p: Principal, id: string, status: 'done' | 'cancelled'): Promise<AgentTask> {
    const task = await this.d.tasks.one(p.corpId, id);
    if (!task || !this.sees(p, task)) throw notFound('Task');
    if (task.status !== 'open') throw new DomainError('conflict', `The task is ${task.status} already`);
    if (!(await this.d.tasks.finish(p.corpId, id, null, status, this.d.clock.now()))) throw new DomainError('conflict', 'The task changed meanwhile');
    return view((await this.d.tasks.one(p.corpId, id))!);
  }

  /** An agent closes their own tasks; an admin anyone's (team leads look, in list). */
  private sees(p: Principal, t: AgentTaskView): boolean {
    return p.role === 'admin' || (p.role === 'agent' && t.staffId === p.id);
  }
}

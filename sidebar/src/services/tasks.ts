import type { AgentTask, SopTaskStatus, SopTaskView } from '@lodestar/shared';
import { DAY, now } from './clock';
import { get, post } from './http';

/** Journey hand-offs and agent tasks (call, chat, invite). */
export const listAgentTasks = (status: 'open' | 'done' | 'cancelled' = 'open'): Promise<{ items: AgentTask[] }> => get('/api/agent-tasks', { status, limit: 100 });
export const finishAgentTask = (id: string, status: 'done' | 'cancelled'): Promise<AgentTask> => post(`/api/agent-tasks/${encodeURIComponent(id)}/finish`, { status });

/** The caller's SOP tasks due from three days ago to tomorrow that still wait for them. */
export function listMySopTasks(statuses: SopTaskStatus[] = ['pending', 'awaiting', 'overdue']): Promise<{ items: SopTaskView[] }> {
  const t = now();
  return get('/api/sop/tasks', { from: new Date(t - 3 * DAY).toISOString(), to: new Date(t + DAY).toISOString(), status: statuses });
}
export const markSopTaskSent = (id: string): Promise<SopTaskView> => post(`/api/sop/tasks/${encodeURIComponent(id)}/sent`);
export const skipSopTask = (id: string, reason: string): Promise<SopTaskView> => post(`/api/sop/tasks/${encodeURIComponent(id)}/skip`, { reason });

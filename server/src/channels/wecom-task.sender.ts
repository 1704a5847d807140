import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { AgentMessageTaskRepository } from './agent-message-task.repository';
import { sent, type ChannelResult, type ChannelSender, type ChannelSendOf } from './channel.port';
import { providerRef } from './provider-ref';

export interface WecomTaskDeps {
  tasks: Pick<AgentMessageTaskRepository, 'insertOrIgnore'>;
  ids: IdGenerator;
  clock: Clock;
}

/** The task table's key column holds 191 characters (an indexable MySQL varchar); longer keys go hashed. */
const keyLength = 191;

/**
 * A 1:1 WeCom message is not an API call: WeCom lets only the agent's own client send it. So the
 * send puts a task in the agent's sidebar; "sent" means the task exists. A repeated key finds the
 * first task and answers with its id, so a retried send never asks the agent twice.
 */
export class WecomTaskSender implements ChannelSender<'wecom_task'> {
  constructor(private readonly deps: WecomTaskDeps) {}

  async send(req: ChannelSendOf<'wecom_task'>): Promise<ChannelResult> {
    const m = req.message;
    const { task } = await this.deps.tasks.insertOrIgnore({
      id: this.deps.ids.next(),
      corpId: req.corpId,
      key: providerRef(req.key, keyLength),
      customerId: req.customerId,
      staffUserId: req.senderUserId,
      channel: 'wecom_task',
      content: { text: m.text, ...(m.attachments?.length ? { attachments: m.attachments } : {}) },
      status: 'open',
      createdAt: this.deps.clock.now(),
      doneAt: null,
    });
    return sent(task.id);
  }
}

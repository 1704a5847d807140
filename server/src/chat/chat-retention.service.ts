import type { Clock } from '../platform/clock';
import { moreToDelete, retentionCutoff } from './chat-retention.plan';
import type { ChatRetentionRepository } from './chat-retention.repository';

export interface RetentionSweep {
  cutoff: string;
  messages: number;
  insights: number;
  conversations: number;
  batches: number;
}

/**
 * Keeps archived chats no longer than the corp allows: messages sent before now − days go, in
 * batches, with their mining results and the conversations that ended before the cutoff. Running
 * it again finds nothing more to do.
 */
export class ChatRetentionService {
  constructor(private readonly d: { repo: ChatRetentionRepository; clock: Clock; batchSize?: number }) {}

  async sweep(corpId: string, keepDays: number): Promise<RetentionSweep> {
    const size = this.d.batchSize ?? 500;
    const cutoff = retentionCutoff(this.d.clock.now(), keepDays);
    const out: RetentionSweep = { cutoff: cutoff.toISOString(), messages: 0, insights: 0, conversations: 0, batches: 0 };
    for (;;) {
      const b = await this.d.repo.deleteBatch(corpId, cutoff, size);
      if (b.messages) out.batches++;
      out.messages += b.messages;
      out.insights += b.insights;
      if (!moreToDelete(b.messages, size)) break;
    }
    out.conversations = await this.d.repo.deleteConversations(corpId, cutoff);
    return out;
  }
}

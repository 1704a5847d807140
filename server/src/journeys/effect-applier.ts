import { createHash } from 'node:crypto';
import type { JourneyStage } from '@lodestar/shared';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { AgentTaskRow } from './agent-task.entity';
import type { AgentTaskRepository } from './agent-task.repository';
import type { CustomerFacts } from './journey-facts.repository';
import type { JourneyEffectPorts, JourneyTagEdit } from './journey-ports';
import type { JourneyTimelineRepository, TimelineEvent } from './journey-timeline.repository';
import { renderText } from './message-render.plan';
import type { StepEffect } from './step-decision';

/** Who an effect is for, and the key that makes applying it twice harmless. */
export interface EffectTarget {
  corpId: string;
  journeyId: string;
  journeyName: string;
  positionId: string;
  customerId: string;
  customer: CustomerFacts | undefined;
  stepId: string;
  key: string;
}

export interface QueuedEffect {
  work: EffectTarget;
  effect: StepEffect;
}

/**
 * Applies a round's effects other than sends, grouped so a batch costs a few statements: tags in
 * one call, stages per stage, tasks in one insert; hand-offs and notifications one by one (they
 * are rare and go through the leads domain's rules). Each is also written to the timeline.
 */
export class EffectApplier {
  constructor(private readonly d: { ports: JourneyEffectPorts; ids: IdGenerator; logger: Logger; timeline: JourneyTimelineRepository; tasks: AgentTaskRepository }) {}

  async apply(queued: readonly QueuedEffect[], now: Date): Promise<void> {
    if (queued.length === 0) return;
    const events: TimelineEvent[] = [];
    const tags = new Map<string, JourneyTagEdit[]>();
    const stages = new Map<string, { corpId: string; stage: JourneyStage; ids: string[] }>();
    const tasks: AgentTaskRow[] = [];
    for (const { work: t, effect: e } of queued) {
      const vars = { name: t.customer?.name ?? '', agent: t.customer?.ownerName ?? '', city: t.customer?.city ?? '', journey: t.journeyName };
      const ev = (name: string, props: Record<string, unknown>) =>
        events.push({
          corpId: t.corpId,
          customerId: t.customerId,
          name,
          at: now,
          key: `j${createHash('sha1').update(`${name}:${t.key}`).digest('hex')}`,
          properties: { journey_id: t.journeyId, journey: t.journeyName, step_id: t.stepId, ...props },
        });
      switch (e.type) {
        case 'send':
          break; // sends go through the SendExecutor
        case 'tag': {
          const list = tags.get(t.corpId) ?? [];
          list.push({ customerId: t.customerId, group: e.group, add: e.add, remove: e.remove });
          tags.set(t.corpId, list);
          ev('journey_tagged', { add: e.add, remove: e.remove });
          break;
        }
        case 'set_stage': {
          const k = `${t.corpId}\u0000${e.stage}`;
          const g = stages.get(k) ?? { corpId: t.corpId, stage: e.stage, ids: [] };
          g.ids.push(t.customerId);
          stages.set(k, g);
          ev('journey_stage_set', { stage: e.stage });
          break;
        }
        case 'handoff': {
          const r = await this.d.ports.handOff({ corpId: t.corpId, customerId: t.customerId, productLine: e.productLine, reason: e.reason, origin: t.journeyName }).catch((error: unknown) => {
            this.d.logger.error({ err: error, customerId: t.customerId }, 'journey hand-off failed');
            return null;
          });
          ev('journey_handoff', { product_line: e.productLine, reason: e.reason, lead_id: r?.leadId ?? null, staff_id: r?.staffId ?? null });
          break;
        }
        case 'notify_agent': {
          const staffId = t.customer?.ownerStaffId;
          if (staffId) {
            await guardNotify(this.d.logger, () => this.d.ports.notify(t.corpId, staffId, {
              journey: { id: t.journeyId, name: t.journeyName },
              customer: { id: t.customerId, name: t.customer?.name ?? '' },
              title: renderText(e.title, vars),
              body: renderText(e.body, vars),
            }));
          }
          ev('journey_agent_notified', { title: e.title, staff_id: staffId ?? null });
          break;
        }
        case 'agent_task': {
          const row = new AgentTaskRow();
          Object.assign(row, {
            id: this.d.ids.next(),
            corpId: t.corpId,
            taskKey: t.key.length <= 120 ? t.key : createHash('sha1').update(t.key).digest('hex'),
            staffId: t.customer?.ownerStaffId ?? null,
            customerId: t.customerId,
            kind: e.kind,
            title: renderText(e.title, vars),
            note: e.note ? renderText(e.note, vars) : null,
            status: 'open',
            source: `journey:${t.journeyId}`,
            dueAt: e.dueAt,
            createdAt: now,
            doneAt: null,
          });
          tasks.push(row);
          ev('journey_agent_task', { kind: e.kind, title: row.title });
          break;
        }
        default: {
          const unknown: never = e;
          throw new Error(`unknown effect ${(unknown as { type: string }).type}`);
        }
      }
    }
    // A failing effect is logged, not thrown: the batch's customers still move on and are written back.
    const guard = (what: string, p: Promise<unknown>) => p.catch((error: unknown) => this.d.logger.error({ err: error }, `journey effect failed: ${what}`));
    for (const [corpId, edits] of tags) await guard('tags', this.d.ports.tags(corpId, edits, 'journey', now));
    for (const g of stages.values()) await guard('stage', this.d.ports.setStage(g.corpId, g.ids, g.stage, now));
    if (tasks.length) await guard('agent tasks', this.d.tasks.insertMany(tasks));
    await this.d.timeline.record(events);
  }
}

async function guardNotify(logger: Logger, f: () => Promise<void>): Promise<void> {
  await f().catch((error: unknown) => logger.error({ err: error }, 'journey effect failed: notify agent'));
}

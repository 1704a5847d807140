import { createHash } from 'node:crypto';
import type { JourneyStep } from '@lodestar/shared';
import type { StepContext, StepDecision } from '../step-decision';
import { decideAgentTask } from './agent-task/agent-task.step';
import { decideBranch } from './branch/branch.step';
import { decideBranchEvent } from './branch-event/branch-event.step';
import { decideExit } from './exit/exit.step';
import { decideHandoff } from './handoff/handoff.step';
import { decideHoldout } from './holdout/holdout.step';
import { decideNotifyAgent } from './notify-agent/notify-agent.step';
import { decideSend } from './send/send.step';
import { decideSetStage } from './set-stage/set-stage.step';
import { decideSplit } from './split/split.step';
import { decideTag } from './tag/tag.step';
import { decideWait } from './wait/wait.step';
import { decideWaitEvent } from './wait-event/wait-event.step';
import { decideWaitUntil } from './wait-until/wait-until.step';

export { eventWindowStart } from './wait-event/wait-event.step';

/**
 * What one customer does at one step: the one entry point the runner calls. Exhaustive over the
 * step union, so a new step type fails to compile here until it has a handler.
 */
export function decideStep(step: JourneyStep, ctx: StepContext): StepDecision {
  switch (step.type) {
    case 'wait':
      return decideWait(step, ctx);
    case 'wait_until':
      return decideWaitUntil(step, ctx);
    case 'wait_event':
      return decideWaitEvent(step, ctx);
    case 'branch':
      return decideBranch(step, ctx);
    case 'branch_event':
      return decideBranchEvent(step, ctx);
    case 'split':
      return decideSplit(step, ctx);
    case 'holdout':
      return decideHoldout(step, ctx);
    case 'send':
      return decideSend(step, ctx);
    case 'tag':
      return decideTag(step, ctx);
    case 'set_stage':
      return decideSetStage(step, ctx);
    case 'handoff':
      return decideHandoff(step, ctx);
    case 'notify_agent':
      return decideNotifyAgent(step, ctx);
    case 'agent_task':
      return decideAgentTask(step, ctx);
    case 'exit':
      return decideExit(step, ctx);
    default: {
      const unknown: never = step;
      throw new Error(`no handler for step type ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * A number 0–9999 from the given parts (journey, customer, instance, step), for splits and
 * holdouts. It is the first 48 bits of SHA-256 over the parts' UTF-8 joined by NUL, modulo 10,000,
 * so it depends on nothing but the parts: the same customer gets the same bucket in every process,
 * on every machine and after every upgrade, and never changes path or holdout group when a worker
 * restarts. Do not change the recipe: that would reshuffle every running split. The parts must not
 * contain NUL themselves (ids never do), or two different lists could join to the same text.
 */
export function stableBucket(...parts: string[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest();
  // 48 bits keep the modulo bias below one part in 10^10.
  return digest.readUIntBE(0, 6) % 10_000;
}

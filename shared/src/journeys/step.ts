import { z } from 'zod';
import { agentTaskStepSchema } from './steps/agent-task.step';
import { branchEventStepSchema } from './steps/branch-event.step';
import { branchStepSchema } from './steps/branch.step';
import { exitStepSchema } from './steps/exit.step';
import { handoffStepSchema } from './steps/handoff.step';
import { holdoutStepSchema } from './steps/holdout.step';
import { notifyAgentStepSchema } from './steps/notify-agent.step';
import { sendStepSchema } from './steps/send.step';
import { setStageStep } from './steps/set-stage.step';
import { splitStepSchema } from './steps/split.step';
import { tagStepSchema } from './steps/tag.step';
import { waitEventStepSchema } from './steps/wait-event.step';
import { waitUntilStepSchema } from './steps/wait-until.step';
import { waitStepSchema } from './steps/wait.step';

/** Every step a journey can hold: one closed union on `type`, used by the editor, the validator and the engine. */
export const journeyStepSchema = z.discriminatedUnion('type', [
  waitStepSchema,
  waitUntilStepSchema,
  waitEventStepSchema,
  branchStepSchema,
  branchEventStepSchema,
  splitStepSchema,
  holdoutStepSchema,
  sendStepSchema,
  tagStepSchema,
  setStageStep,
  handoffStepSchema,
  notifyAgentStepSchema,
  agentTaskStepSchema,
  exitStepSchema,
]);
export type JourneyStep = z.infer<typeof journeyStepSchema>;
export type JourneyStepType = JourneyStep['type'];
export type StepOf<T extends JourneyStepType> = Extract<JourneyStep, { type: T }>;

/** Steps where a customer waits for time or an event: a cycle must pass through one of them. */
export const waitingStepTypes: readonly JourneyStepType[] = ['wait', 'wait_until', 'wait_event'];

/** One edge of a step: its label, the step it leads to, and the field of the step that holds it. */
export interface StepEdge {
  label: string;
  to: string;
  field: Array<string | number>;
}

/** Every step id a step can lead to, with the edge's label and field (for the validator, the editor and stats). */
export function stepEdges(step: JourneyStep): StepEdge[] {
  switch (step.type) {
    case 'wait':
    case 'wait_until':
    case 'send':
    case 'tag':
    case 'set_stage':
    case 'handoff':
    case 'notify_agent':
    case 'agent_task':
    case 'holdout':
      return [{ label: 'next', to: step.next, field: ['next'] }];
    case 'wait_event':
      return [
        { label: 'event', to: step.next, field: ['next'] },
        { label: 'timeout', to: step.timeoutNext, field: ['timeoutNext'] },
      ];
    case 'branch':
      return [
        ...step.branches.map((b, i) => ({ label: b.name ?? `branch ${i + 1}`, to: b.next, field: ['branches', i, 'next'] })),
        { label: 'otherwise', to: step.otherwise, field: ['otherwise'] },
      ];
    case 'branch_event':
      return [
        { label: 'yes', to: step.yes, field: ['yes'] },
        { label: 'no', to: step.no, field: ['no'] },
      ];
    case 'split':
      return step.paths.map((p, i) => ({ label: p.name ?? `${p.percent}% (${i + 1})`, to: p.next, field: ['paths', i, 'next'] }));
    case 'exit':
      return [];
    default: {
      const unknown: never = step;
      throw new Error(`unknown step type ${(unknown as { type: string }).type}`);
    }
  }
}

import type { JourneyMessage, JourneyStage, JourneyStep, LeadProductLine } from '@lodestar/shared';

/**
 * The contract between the engine's runner and the step handlers (journeys/steps/<type>/).
 * A handler looks at one customer's position and the facts the runner loaded for the batch and
 * DECIDES; it does no I/O. The runner applies the effects (through the policy layer and the
 * ports) and saves the position.
 */

/** An event the customer had, as the runner loaded it for the step (tracking and engine events alike). */
export interface SeenEvent {
  name: string;
  at: Date;
  properties: Record<string, unknown>;
}

/** Where one customer stands, as the handler sees it. */
export interface PositionView {
  id: string;
  journeyId: string;
  customerId: string;
  instanceKey: string;
  stepId: string;
  /** When the customer entered the journey (this instance). */
  enteredAt: Date;
  /** When the customer arrived at the current step. */
  stepEnteredAt: Date;
  /**
   * When the customer's current run of steps began: the end of their last wait (or entry). A
   * wait_event step counts events from here, so an event that came between a send and the wait
   * that follows it is not missed.
   */
  runStartedAt: Date;
  /** When the position is due again, if it was waiting. */
  wakeAt: Date | null;
}

export interface StepContext {
  now: Date;
  /** The customer's IANA time zone (the corp's default when the customer's is unknown). */
  timeZone: string;
  position: PositionView;
  /** true on the first visit to this step in this run; false when the position was woken here (timer, event or resume). */
  arrived: boolean;
  /**
   * For `branch` steps: the index of the first branch whose rule holds for this customer, or -1.
   * The runner evaluates the rules set-based, one SQL query per branch for the whole batch.
   */
  branchMatch: number;
  /** For `wait_event` and `branch_event`: the customer's events of the step's name since the window start the runner chose (see `eventWindowStart`). */
  events: readonly SeenEvent[];
  /** A stable number 0–9999 from (journey, customer, instance, step): splits and holdouts. */
  bucket: number;
}

/** What the runner must do for the customer besides moving them. */
export type StepEffect =
  | { type: 'send'; message: JourneyMessage }
  | { type: 'tag'; group: string | undefined; add: string[]; remove: string[] }
  | { type: 'set_stage'; stage: JourneyStage }
  | { type: 'handoff'; productLine: LeadProductLine; reason: string }
  | { type: 'notify_agent'; title: string; body: string }
  | { type: 'agent_task'; kind: 'call' | 'chat' | 'invite'; title: string; note: string | undefined; dueAt: Date };

export type StepDecision =
  /** Take the edge now: the runner applies the effects, then runs the next step in the same batch. */
  | { kind: 'go'; to: string; edge: string; effects: StepEffect[] }
  /** Stay at this step until `until` (or an event named `event` wakes the customer first). */
  | { kind: 'wait'; until: Date; event: string | null }
  /** Leave the journey: `done` (an exit step), `holdout` (held out for uplift; the goal still counts). */
  | { kind: 'leave'; status: 'done' | 'holdout'; reason: string; effects: StepEffect[] };

export type StepHandler<S extends JourneyStep = JourneyStep> = (step: S, ctx: StepContext) => StepDecision;

import { journeyDefinitionSchema, type JourneyDefinitionInput } from '@lodestar/shared';
import type { Customer } from '../customers';
import type { IdGenerator } from '../platform/ids';
import { DAY_MS, HOUR_MS, MINUTE_MS, after, daysAgo, demoCalendar, earlier, localAt } from './demo-time';
import { Prng } from './prng';

/** Rows of journey, journey_version, journey_position, journey_step_stat and agent_task (journeys/*.entity.ts). */
export interface DemoJourney {
  id: string;
  corpId: string;
  name: string;
  description: string | null;
  status: 'live';
  definition: string;
  liveVersionId: string;
  liveVersion: number;
  template: null;
  scheduledUpTo: null;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoJourneyVersion {
  id: string;
  corpId: string;
  journeyId: string;
  version: number;
  definition: string;
  publishedBy: string | null;
  publishedAt: Date;
}
export interface DemoPosition {
  id: string;
  corpId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  instanceKey: string;
  stepId: string;
  status: 'done' | 'holdout';
  wakeAt: null;
  deadlineAt: null;
  waitEvent: null;
  leaseOwner: null;
  leaseToken: null;
  seq: number;
  entries: number;
  enteredAt: Date;
  stepEnteredAt: Date;
  runStartedAt: Date;
  heldSince: null;
  parkedReason: null;
  pausedWakeAt: null;
  goalUntil: Date;
  convertedAt: Date | null;
  visited: string;
  updatedAt: Date;
}
export interface DemoStepStat {
  versionId: string;
  stepId: string;
  metric: string;
  journeyId: string;
  count: number;
}
export interface DemoAgentTask {
  id: string;
  corpId: string;
  taskKey: string;
  staffId: string | null;
  customerId: string;
  kind: 'call' | 'chat' | 'invite';
  title: string;
  note: string | null;
  status: 'open' | 'done' | 'cancelled';
  source: string;
  dueAt: Date;
  createdAt: Date;
  doneAt: Date | null;
}

export interface DemoJourneys {
  journeys: DemoJourney[];
  versions: DemoJourneyVersion[];
  positions: DemoPosition[];
  stepStats: DemoStepStat[];
  agentTasks: DemoAgentTask[];
}

export interface DemoJourneysInput {
  corpId: string;
  zone: string;
  customers: readonly Customer[];
  /** Who published the journeys (an admin or team lead's staff id), if anyone. */
  publishedBy: string | null;
  now: Date;
  ids: IdGenerator;
  seed: number;
}

/** One demo journey: its definition, who it enrols and how often its goal is reached. */
interface JourneySpec {
  name: string;
  description: string;
  definition: JourneyDefinitionInput;
  /** Customers (with an agent) enrolled in 90 days, as a share of all customers. */
  enrolled: number;
  /** Goal reached within the window: treated and held-out customers. */
  converts: { treated: number; holdout: number };
  /** Mean days from entry to the goal, for those who reach it. */
  meanDays: number;
  task: { stepId: string; kind: DemoAgentTask['kind']; title: string; note: (name: string) => string };
}

/**
 * Journeys built to be driven by agents (their tasks), with a holdout so the uplift can be
 * measured (20%, enough customers for a steady figure on the demo); enrolled by hand (manual trigger), so they only take the customers operations add.
 */
export const demoJourneySpecs: readonly JourneySpec[] = [
  {
    name: '重疾意向客户回访（演示）',
    description: '运营每周圈选浏览过重疾险的客户加入：顾问电话回访、解读保障缺口，等待投保（14天）。20% 对照组不回访。',
    definition: {
      trigger: { type: 'manual' },
      reentry: { mode: 'after', days: 60 },
      entry: 'holdout',
      goal: { event: 'purchase', withinDays: 30 },
      steps: [
        { id: 'holdout', name: '20% 对照组', type: 'holdout', percent: 20, next: 'call' },
        { id: 'call', name: '顾问电话回访', type: 'agent_task', kind: 'call', title: '电话回访：重疾保障缺口解读', note: '{{name}} 近期浏览过重疾险，请电话了解需求并解读保障缺口', dueInMs: DAY_MS, next: 'wait_buy' },
        { id: 'wait_buy', name: '等待投保（14天）', type: 'wait_event', event: 'purchase', timeoutMs: 14 * DAY_MS, next: 'end', timeoutNext: 'end' },
        { id: 'end', name: '结束', type: 'exit', reason: '回访完成' },
      ],
    },
    enrolled: 0.22,
    converts: { treated: 0.14, holdout: 0.08 },
    meanDays: 6,
    task: { stepId: 'call', kind: 'call', title: '电话回访：重疾保障缺口解读', note: (name) => `${name} 近期浏览过重疾险，请电话了解需求并解读保障缺口` },
  },
  {
    name: '线下讲座邀约（演示）',
    description: '运营为每场线下讲座圈选客户加入：顾问一对一邀约，等待报名（7天）。目标：21天内到场。20% 对照组不邀约。',
    definition: {
      trigger: { type: 'manual' },
      reentry: { mode: 'after', days: 21 },
      entry: 'holdout',
      goal: { event: 'activity_attended', withinDays: 21 },
      steps: [
        { id: 'holdout', name: '20% 对照组', type: 'holdout', percent: 20, next: 'invite' },
        { id: 'invite', name: '顾问邀约', type: 'agent_task', kind: 'invite', title: '邀约参加线下讲座', note: '请邀约 {{name}} 参加本周的线下讲座，并协助报名', dueInMs: 2 * DAY_MS, next: 'wait_signup' },
        { id: 'wait_signup', name: '等待报名（7天）', type: 'wait_event', event: 'activity_signup', timeoutMs: 7 * DAY_MS, next: 'end', timeoutNext: 'end' },
        { id: 'end', name: '结束', type: 'exit', reason: '邀约完成' },
      ],
    },
    enrolled: 0.12,
    converts: { treated: 0.18, holdout: 0.1 },
    meanDays: 8,
    task: { stepId: 'invite', kind: 'invite', title: '邀约参加线下讲座', note: (name) => `请邀约 ${name} 参加本周的线下讲座，并协助报名` },
  },
];

const holdoutShare = 0.2;
/** Agent tasks finished, left open past their due time, or cancelled (the customer could not be reached). */
const taskOutcome: ReadonlyArray<readonly ['done' | 'open' | 'cancelled', number]> = [
  ['done', 80],
  ['open', 13],
  ['cancelled', 7],
];

/** Yes for a `share` of the calls, evenly spaced: an accumulator that says yes each time it passes 1. */
function spread(rnd: Prng, share: number): () => boolean {
  let acc = rnd.next();
  return () => {
    acc += share;
    if (acc < 1) return false;
    acc -= 1;
    return true;
  };
}

/**
 * Two published journeys with 90 days of enrolments (denser lately): each position has finished
 * (treated ones went through the agent's task and the wait; held-out ones were recorded and left
 * alone), so the engine has nothing to wake. A position reached the goal at most `withinDays` after
 * entry and never after now, so recent cohorts are still converting. Treated customers gave their
 * agent a task, mostly done. Step counts agree with the positions.
 */
export function buildDemoJourneys(input: DemoJourneysInput): DemoJourneys {
  const rnd = new Prng(input.seed);
  const cal = demoCalendar(input.now, input.zone);
  const id = (): string => input.ids.next();
  const out: DemoJourneys = { journeys: [], versions: [], positions: [], stepStats: [], agentTasks: [] };
  const owned = input.customers.filter((c) => c.ownerStaffId !== null);
  for (const spec of demoJourneySpecs) {
    // Running for over a year, untouched since it was published. (Its last edit stays well before
    // any clock a test sets back to: the counter registry notices rule changes by MAX(updated_at).)
    const createdAt = new Date(input.now.getTime() - 400 * DAY_MS);
    const publishedAt = new Date(createdAt.getTime() + 2 * DAY_MS);
    // Stored as publishing stores it: validated, defaults filled in.
    const definition = JSON.stringify(journeyDefinitionSchema.parse(spec.definition));
    const journeyId = id();
    const versionId = id();
    out.journeys.push({ id: journeyId, corpId: input.corpId, name: spec.name, description: spec.description, status: 'live', definition, liveVersionId: versionId, liveVersion: 1, template: null, scheduledUpTo: null, createdAt, updatedAt: publishedAt });
    out.versions.push({ id: versionId, corpId: input.corpId, journeyId, version: 1, definition, publishedBy: input.publishedBy, publishedAt });
    const stats = new Map<string, number>();
    const count = (stepId: string, metric: string): void => void stats.set(`${stepId}\u0000${metric}`, (stats.get(`${stepId}\u0000${metric}`) ?? 0) + 1);
    const goalDays = spec.definition.goal!.withinDays;
    const entries = rnd
      .sample(owned, Math.round(input.customers.length * spec.enrolled))
      .map((c) => ({ c, enteredAt: localAt(cal, daysAgo(rnd), 10 * 60 + rnd.int(0, 45)) }))
      .sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || (a.c.id < b.c.id ? -1 : 1));
    // Shares spread evenly over time (error diffusion from a random phase), not drawn one by one: a
    // month's cohort then holds out a fifth and converts at the set rates, not at the luck of a few
    // dozen draws, so the uplift the cards show is the journey's and not noise.
    const held = spread(rnd, holdoutShare);
    const converts = { treated: spread(rnd, spec.converts.treated), holdout: spread(rnd, spec.converts.holdout) };
    for (const { c, enteredAt } of entries) {
      const isHeld = held();
      const goalUntil = after(enteredAt, goalDays * DAY_MS);
      const delay = Math.min(goalDays * DAY_MS - HOUR_MS, -Math.log(1 - rnd.next()) * spec.meanDays * DAY_MS);
      const convertedAt = (isHeld ? converts.holdout() : converts.treated()) && enteredAt.getTime() + delay <= input.now.getTime() ? after(enteredAt, delay) : null;
      const steps = isHeld ? ['holdout'] : ['holdout', spec.task.stepId, spec.definition.steps[2]!.id, 'end'];
      // The wait ends on the goal's event or its timeout; the journey is over by then (or now).
      const waitDays = spec.definition.steps[2]!.type === 'wait_event' ? (spec.definition.steps[2] as { timeoutMs: number }).timeoutMs : 7 * DAY_MS;
      const endedAt = isHeld ? enteredAt : earlier(convertedAt && convertedAt.getTime() < enteredAt.getTime() + waitDays ? convertedAt : after(enteredAt, waitDays), input.now);
      const positionId = id();
      out.positions.push({
        id: positionId,
        corpId: input.corpId,
        journeyId,
        versionId,
        customerId: c.id,
        instanceKey: '',
        stepId: isHeld ? 'holdout' : 'end',
        status: isHeld ? 'holdout' : 'done',
        wakeAt: null,
        deadlineAt: null,
        waitEvent: null,
        leaseOwner: null,
        leaseToken: null,
        seq: steps.length,
        entries: 1,
        enteredAt,
        stepEnteredAt: endedAt,
        runStartedAt: endedAt,
        heldSince: null,
        parkedReason: null,
        pausedWakeAt: null,
        goalUntil,
        convertedAt,
        visited: `,${steps.join(',')},`,
        updatedAt: convertedAt && convertedAt.getTime() > endedAt.getTime() ? convertedAt : endedAt,
      });
      steps.forEach((s, i) => {
        count(s, 'entered');
        if (isHeld) count(s, 'holdout');
        else count(s, i === steps.length - 1 ? 'exited' : 'passed');
        if (convertedAt) count(s, 'converted');
      });
      if (isHeld) continue;
      const createdTask = after(enteredAt, rnd.int(1, 5) * MINUTE_MS);
      const dueAt = after(createdTask, (spec.task.kind === 'invite' ? 2 : 1) * DAY_MS);
      // A task made in the last two days is often still open; older ones mostly got done.
      const status = input.now.getTime() - createdTask.getTime() < 2 * DAY_MS && rnd.chance(0.5) ? 'open' : rnd.weighted(taskOutcome);
      out.agentTasks.push({
        id: id(),
        corpId: input.corpId,
        taskKey: `journey:${positionId}:${spec.task.stepId}`,
        staffId: c.ownerStaffId,
        customerId: c.id,
        kind: spec.task.kind,
        title: spec.task.title,
        note: spec.task.note(c.name),
        status,
        source: `journey:${journeyId}`,
        dueAt,
        createdAt: createdTask,
        doneAt: status === 'done' ? earlier(after(createdTask, rnd.int(20, 36 * 60) * MINUTE_MS), input.now) : null,
      });
    }
    for (const [key, n] of [...stats].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [stepId, metric] = key.split('\u0000') as [string, string];
      out.stepStats.push({ versionId, stepId, metric, journeyId, count: n });
    }
  }
  return out;
}

import type { JourneyIssue } from './api';
import type { JourneyDefinition, JourneyTrigger } from './definition';
import { stepEdges, type JourneyStep, type StepEdge, waitingStepTypes } from './step';

/**
 * The journey graph checks that the zod schema cannot express: ids, edges, reachability and
 * loops. Runs on an already parsed definition, in the console's editor (as the user draws),
 * on the server before a save or publish, and anywhere else shared runs, so it is a pure
 * function with no Node or DOM API. Messages are for operations staff, not developers.
 */

type IssuePath = JourneyIssue['path'];


/** What the console calls a step: its name if it has one, else its id. */
export function describeStep(step: Pick<JourneyStep, 'id' | 'name'>): string {
  return step.name ?? step.id;
}

const quoted = (step: Pick<JourneyStep, 'id' | 'name'>): string => `"${describeStep(step)}"`;

/** An edge inside the graph: both ends are step indexes (the first step holding each id). */
interface GraphEdge {
  to: number;
  field: IssuePath;
}

/**
 * Checks the journey's graph and its trigger; returns every problem found (empty: valid).
 *
 * When an id is used twice, the later copies are reported as such; every edge resolves to the
 * first step with the id (as the engine does), so a later copy is never reached and never loops.
 * Edges to missing steps are reported and left out too, so one typo is not reported three times.
 */
export function validateJourney(def: JourneyDefinition): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const { steps } = def;

  // 1. Duplicate ids.
  const indexOf = new Map<string, number>();
  steps.forEach((step, i) => {
    const first = indexOf.get(step.id);
    if (first === undefined) indexOf.set(step.id, i);
    else
      issues.push({
        path: ['steps', i, 'id'],
        stepId: step.id,
        message: `Step ${i + 1} uses the id "${step.id}", which step ${first + 1} already has: every step needs its own id`,
      });
  });

  // 2. The entry step exists.
  const entry = indexOf.get(def.entry);
  if (entry === undefined) issues.push({ path: ['entry'], stepId: null, message: `The journey starts at step "${def.entry}", but there is no step with that id` });

  // 3 and 4. Dangling edges and steps that lead straight back to themselves without waiting.
  const graph: GraphEdge[][] = steps.map(() => []);
  steps.forEach((step, i) => {
    const edges = stepEdges(step);
    const selfLoops: StepEdge[] = [];
    for (const edge of edges) {
      const to = indexOf.get(edge.to);
      if (to === undefined) {
        const which = edges.length > 1 ? ` (its "${edge.label}" path)` : '';
        issues.push({ path: ['steps', i, ...edge.field], stepId: step.id, message: `Step ${quoted(step)} leads to step "${edge.to}"${which}, but there is no step with that id` });
        continue;
      }
      if (to === i && !isWaiting(step)) selfLoops.push(edge);
      graph[i]!.push({ to, field: edge.field });
    }
    const self = selfLoops[0];
    if (self !== undefined)
      issues.push({ path: ['steps', i, ...self.field], stepId: step.id, message: `Step ${quoted(step)} leads straight back to itself with no wait: a customer would spin forever` });
  });

  // 5. Every step can be reached from the entry (skipped when the entry is missing: all would be).
  if (entry !== undefined) {
    const reached = reachableFrom(entry, graph);
    steps.forEach((step, i) => {
      if (!reached.has(i) && indexOf.get(step.id) === i)
        issues.push({ path: ['steps', i], stepId: step.id, message: `Step ${quoted(step)} cannot be reached from the entry step` });
    });
  }

  // 6. Loops with no wait in them.
  for (const cycle of cyclesWithoutWait(steps, graph)) {
    const first = cycle[0]!;
    const into = graph[first]!.find((e) => e.to === cycle[1]);
    const names = [...cycle, first].map((i) => quoted(steps[i]!)).join(' → ');
    issues.push({
      path: ['steps', first, ...(into?.field ?? [])],
      stepId: steps[first]!.id,
      message: `Steps ${names} form a loop with no wait: a customer would spin forever`,
    });
  }

  // 9. The trigger.
  issues.push(...triggerIssues(def.trigger));
  return issues;
}

function isWaiting(step: JourneyStep): boolean {
  return waitingStepTypes.includes(step.type);
}

function reachableFrom(start: number, graph: GraphEdge[][]): Set<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let n = queue.shift(); n !== undefined; n = queue.shift())
    for (const { to } of graph[n]!)
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
  return seen;
}

/**
 * Loops a customer could go round without ever waiting. A loop passes through a waiting step
 * exactly when it uses one of that step's outgoing edges, so dropping those edges leaves only
 * the loops that never wait. Strongly connected components (Tarjan) find where they are; in each
 * component we report the shortest loop through its earliest unreported step, until every step
 * of the component is named in some loop. Each loop is reported once, started at its earliest step.
 * Self-loops are left out here: the self-loop check reports them with a clearer message.
 */
function cyclesWithoutWait(steps: JourneyStep[], graph: GraphEdge[][]): number[][] {
  const reduced = graph.map((edges, i) => (isWaiting(steps[i]!) ? [] : edges.map((e) => e.to).filter((to) => to !== i)));
  const cycles: number[][] = [];
  for (const component of stronglyConnected(reduced)) {
    if (component.length < 2) continue;
    const inComponent = new Set(component);
    const uncovered = new Set(component);
    for (const start of [...component].sort((a, b) => a - b)) {
      if (!uncovered.has(start)) continue;
      const cycle = shortestCycleThrough(start, reduced, inComponent);
      cycle.forEach((n) => uncovered.delete(n));
      const earliest = cycle.indexOf(Math.min(...cycle));
      cycles.push([...cycle.slice(earliest), ...cycle.slice(0, earliest)]);
    }
  }
  return cycles.sort((a, b) => a[0]! - b[0]!);
}

/** Breadth-first from `start` back to itself inside one component: the steps of the loop, in order. */
function shortestCycleThrough(start: number, graph: number[][], within: Set<number>): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let n = queue.shift(); n !== undefined; n = queue.shift())
    for (const to of graph[n]!) {
      if (to === start) {
        const cycle = [n];
        for (let p = parent.get(n); p !== undefined; p = parent.get(p)) cycle.unshift(p);
        return cycle;
      }
      if (within.has(to) && !parent.has(to)) {
        parent.set(to, n);
        queue.push(to);
      }
    }
  return [start]; // unreachable for a component of two or more steps
}

/** Tarjan's strongly connected components (the graph is small: at most 200 steps). */
function stronglyConnected(graph: number[][]): number[][] {
  let counter = 0;
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const components: number[][] = [];
  const visit = (v: number): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v]!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: number[] = [];
      let w: number | undefined;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  graph.forEach((_, v) => {
    if (!index.has(v)) visit(v);
  });
  return components;
}

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What the schema cannot say about a schedule: a cron needs five fields, a weekly list no repeats. */
function triggerIssues(trigger: JourneyTrigger): JourneyIssue[] {
  switch (trigger.type) {
    case 'event':
    case 'segment':
    case 'manual':
      return [];
    case 'schedule': {
      const schedule = trigger.schedule;
      switch (schedule.kind) {
        case 'daily':
          return [];
        case 'cron': {
          const fields = schedule.expr.trim().split(/\s+/).filter((f) => f !== '').length;
          if (fields === 5) return [];
          return [
            {
              path: ['trigger', 'schedule', 'expr'],
              stepId: null,
              message: `The cron expression "${schedule.expr}" has ${fields} field${fields === 1 ? '' : 's'}; it needs exactly 5: minute, hour, day of month, month, day of week`,
            },
          ];
        }
        case 'weekly': {
          const issues: JourneyIssue[] = [];
          const seen = new Set<number>();
          const reported = new Set<number>();
          schedule.weekdays.forEach((day, j) => {
            if (!seen.has(day)) seen.add(day);
            else if (!reported.has(day)) {
              reported.add(day);
              issues.push({ path: ['trigger', 'schedule', 'weekdays', j], stepId: null, message: `The weekly schedule lists ${weekdayNames[day - 1] ?? `day ${day}`} more than once` });
            }
          });
          return issues;
        }
        default: {
          const unknown: never = schedule;
          throw new Error(`unknown schedule kind ${(unknown as { kind: string }).kind}`);
        }
      }
    }
    default: {
      const unknown: never = trigger;
      throw new Error(`unknown trigger type ${(unknown as { type: string }).type}`);
    }
  }
}

import { DAY_MS } from './common';
import { type JourneyDefinitionInput, journeyDefinitionSchema } from './definition';
import { stepEdges } from './step';
import { describeStep, validateJourney } from './validate';

/** Small hand-made steps; each takes its id and targets so a test reads like the graph it draws. */
const wait = (id: string, next: string) => ({ id, type: 'wait', durationMs: DAY_MS, next });
const waitUntil = (id: string, next: string) => ({ id, type: 'wait_until', time: '09:00', next });
const waitEvent = (id: string, next: string, timeoutNext: string) => ({ id, type: 'wait_event', event: 'policy_paid', timeoutMs: 3 * DAY_MS, next, timeoutNext });
const send = (id: string, next: string, name?: string) => ({ id, ...(name ? { name } : {}), type: 'send', message: { channel: 'sms', template: 'T1', text: 'Hi {{name}}' }, next });
const tag = (id: string, next: string) => ({ id, type: 'tag', add: ['nudged'], next });
const branch = (id: string, nexts: string[], otherwise: string) => ({
  id,
  type: 'branch',
  branches: nexts.map((next) => ({ when: { type: 'score', min: 60 }, next })),
  otherwise,
});
const branchEvent = (id: string, yes: string, no: string) => ({ id, type: 'branch_event', event: 'page_view', withinMs: DAY_MS, yes, no });
const split = (id: string, a: string, b: string) => ({ id, type: 'split', paths: [{ percent: 50, next: a }, { percent: 50, next: b }] });
const exit = (id: string) => ({ id, type: 'exit' });

const journey = (entry: string, steps: unknown[], trigger: JourneyDefinitionInput['trigger'] = { type: 'manual' }) =>
  journeyDefinitionSchema.parse({ trigger, entry, steps });

describe('validateJourney', () => {
  it('accepts a multi-branch journey whose daily reminder loops back through a wait_until', () => {
    const def = journey('hello', [
      send('hello', 'check'),
      branch('check', ['hot', 'warm'], 'remind'),
      tag('hot', 'handoff_wait'),
      waitEvent('handoff_wait', 'done', 'done'),
      split('warm', 'sms', 'done'),
      send('sms', 'done'),
      // The reminder loop: remind → daily → paid? → remind, broken by the daily wait.
      send('remind', 'daily'),
      waitUntil('daily', 'paid'),
      branchEvent('paid', 'done', 'remind'),
      exit('done'),
    ]);
    expect(validateJourney(def)).toEqual([]);
  });

  it('reports a loop with no wait once, naming its steps in order from the earliest', () => {
    const def = journey('a', [send('a', 'b', 'Welcome'), tag('b', 'c'), branchEvent('c', 'a', 'd'), exit('d')]);
    expect(validateJourney(def)).toEqual([
      { path: ['steps', 0, 'next'], stepId: 'a', message: 'Steps "Welcome" → "b" → "c" → "Welcome" form a loop with no wait: a customer would spin forever' },
    ]);
  });

  it('reports every step caught in a tangle of waitless loops, each loop once', () => {
    // b and c each loop back to a; both loops share a, neither waits.
    const def = journey('a', [branchEvent('a', 'b', 'c'), tag('b', 'a'), tag('c', 'a')]);
    expect(validateJourney(def).map((i) => i.message)).toEqual([
      'Steps "a" → "b" → "a" form a loop with no wait: a customer would spin forever',
      'Steps "a" → "c" → "a" form a loop with no wait: a customer would spin forever',
    ]);
    expect(validateJourney(def).map((i) => i.path)).toEqual([
      ['steps', 0, 'yes'],
      ['steps', 0, 'no'],
    ]);
  });

  it('accepts a loop through a wait_event, on either of its edges', () => {
    const viaTimeout = journey('ask', [send('ask', 'listen'), waitEvent('listen', 'done', 'ask'), exit('done')]);
    const viaEvent = journey('ask', [send('ask', 'listen'), waitEvent('listen', 'ask', 'done'), exit('done')]);
    expect(validateJourney(viaTimeout)).toEqual([]);
    expect(validateJourney(viaEvent)).toEqual([]);
  });

  it('refuses a send step that leads straight back to itself, once and without a second loop report', () => {
    const def = journey('spam', [send('spam', 'spam', 'Spam SMS')]);
    expect(validateJourney(def)).toEqual([
      { path: ['steps', 0, 'next'], stepId: 'spam', message: 'Step "Spam SMS" leads straight back to itself with no wait: a customer would spin forever' },
    ]);
  });

  it('reports a self-loop inside a bigger waitless loop as a self-loop, and the bigger loop apart', () => {
    const def = journey('a', [branchEvent('a', 'a', 'b'), tag('b', 'a')]);
    expect(validateJourney(def)).toEqual([
      { path: ['steps', 0, 'yes'], stepId: 'a', message: 'Step "a" leads straight back to itself with no wait: a customer would spin forever' },
      { path: ['steps', 0, 'no'], stepId: 'a', message: 'Steps "a" → "b" → "a" form a loop with no wait: a customer would spin forever' },
    ]);
  });

  it('accepts a wait step that loops onto itself', () => {
    expect(validateJourney(journey('tick', [wait('tick', 'tick')]))).toEqual([]);
  });

  it('reports a step the entry cannot reach, by name', () => {
    const def = journey('a', [send('a', 'end'), { ...send('orphan', 'end'), name: 'Old promo' }, exit('end')]);
    expect(validateJourney(def)).toEqual([{ path: ['steps', 1], stepId: 'orphan', message: 'Step "Old promo" cannot be reached from the entry step' }]);
  });

  it('points a dangling edge at the exact field, for every kind of edge', () => {
    const def = journey('s', [
      send('s', 'nope1'),
      waitEvent('we', 'nope2', 'nope3'),
      branch('br', ['end', 'nope4'], 'nope5'),
      branchEvent('be', 'nope6', 'nope7'),
      split('sp', 'end', 'nope8'),
      exit('end'),
    ]);
    const dangling = validateJourney(def).filter((i) => i.message.includes('there is no step with that id'));
    expect(dangling.map((i) => [i.stepId, i.path])).toEqual([
      ['s', ['steps', 0, 'next']],
      ['we', ['steps', 1, 'next']],
      ['we', ['steps', 1, 'timeoutNext']],
      ['br', ['steps', 2, 'branches', 1, 'next']],
      ['br', ['steps', 2, 'otherwise']],
      ['be', ['steps', 3, 'yes']],
      ['be', ['steps', 3, 'no']],
      ['sp', ['steps', 4, 'paths', 1, 'next']],
    ]);
    expect(dangling[2]!.message).toBe('Step "we" leads to step "nope3" (its "timeout" path), but there is no step with that id');
    expect(dangling[0]!.message).toBe('Step "s" leads to step "nope1", but there is no step with that id');
  });

  it('gives edge paths that name the same targets as stepEdges, in the same order', () => {
    const steps = [waitEvent('we', 'x1', 'x2'), branch('br', ['x3', 'x4'], 'x5'), branchEvent('be', 'x6', 'x7'), split('sp', 'x8', 'x9')];
    const def = journey('we', steps);
    const paths = validateJourney(def).filter((i) => i.path.length > 2);
    const targets = paths.map((i) => {
      let at: unknown = def;
      for (const key of i.path) at = (at as Record<string | number, unknown>)[key];
      return at;
    });
    expect(targets).toEqual(def.steps.flatMap((s) => stepEdges(s).map((e) => e.to)));
  });

  it('reports a reused step id at the later copy and judges the graph by the first', () => {
    const def = journey('a', [send('a', 'end'), send('a', 'a'), exit('end')]);
    expect(validateJourney(def)).toEqual([{ path: ['steps', 1, 'id'], stepId: 'a', message: 'Step 2 uses the id "a", which step 1 already has: every step needs its own id' }]);
  });

  it('reports an entry that names no step, without calling every step unreachable', () => {
    const def = journey('start', [send('a', 'end'), exit('end'), send('b', 'end')]);
    expect(validateJourney(def)).toEqual([{ path: ['entry'], stepId: null, message: 'The journey starts at step "start", but there is no step with that id' }]);
  });

  it('refuses a cron expression without exactly five fields and accepts one with five', () => {
    const audience = { type: 'score', min: 50 } as const;
    const cron = (expr: string) => journey('end', [exit('end')], { type: 'schedule', schedule: { kind: 'cron', expr }, audience });
    expect(validateJourney(cron('0 9 * * 1-5'))).toEqual([]);
    expect(validateJourney(cron('  0   9 * *  1-5 '))).toEqual([]);
    expect(validateJourney(cron('0 9 * * 1 2'))).toEqual([
      {
        path: ['trigger', 'schedule', 'expr'],
        stepId: null,
        message: 'The cron expression "0 9 * * 1 2" has 6 fields; it needs exactly 5: minute, hour, day of month, month, day of week',
      },
    ]);
    expect(validateJourney(cron('0 9 * 1-5')).map((i) => i.path)).toEqual([['trigger', 'schedule', 'expr']]);
  });

  it('reports a weekday repeated in a weekly schedule once, at its second mention', () => {
    const audience = { type: 'score', min: 50 } as const;
    const weekly = (weekdays: number[]) => journey('end', [exit('end')], { type: 'schedule', schedule: { kind: 'weekly', weekdays, time: '10:00' }, audience });
    expect(validateJourney(weekly([1, 3, 5]))).toEqual([]);
    expect(validateJourney(weekly([1, 3, 1, 1]))).toEqual([
      { path: ['trigger', 'schedule', 'weekdays', 2], stepId: null, message: 'The weekly schedule lists Monday more than once' },
    ]);
  });

  it('reports several problems of one journey together', () => {
    const def = journey('a', [send('a', 'b'), tag('b', 'a'), send('lost', 'ghost'), exit('end')]);
    expect(validateJourney(def).map((i) => i.path)).toEqual([['steps', 2, 'next'], ['steps', 2], ['steps', 3], ['steps', 0, 'next']]);
  });
});

describe('describeStep', () => {
  it('names a step by its name, falling back to its id', () => {
    expect(describeStep({ id: 'welcome', name: 'Welcome SMS' })).toBe('Welcome SMS');
    expect(describeStep({ id: 'welcome' })).toBe('welcome');
  });
});

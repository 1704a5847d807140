import { journeyStepSchema, type JourneyStep, type JourneyStepType } from '@lodestar/shared';
import type { StepDecision } from '../step-decision';
import { decideStep, eventWindowStart, stableBucket } from './index';
import { contextFor, FIXTURE_NOW, plus } from './step-context.fixture';

/**
 * One step of every type, keyed by type so that a new step type fails to compile here until it
 * has a sample, with the decision each must give for a customer arriving with the fixture's
 * defaults (no events, no branch match, bucket 0).
 */
const samples: { [T in JourneyStepType]: { input: object; expected: StepDecision } } = {
  wait: { input: { durationMs: 60_000, next: 'n' }, expected: { kind: 'wait', until: plus(FIXTURE_NOW, 60_000), event: null } },
  wait_until: { input: { time: '12:00', next: 'n' }, expected: { kind: 'wait', until: new Date('2026-03-02T04:00:00Z'), event: null } },
  wait_event: {
    input: { event: 'paid', timeoutMs: 3_600_000, next: 'n', timeoutNext: 't' },
    expected: { kind: 'wait', until: plus(FIXTURE_NOW, 3_600_000), event: 'paid' },
  },
  branch: { input: { branches: [{ when: { type: 'stage', stages: ['purchase'] }, next: 'b' }], otherwise: 'o' }, expected: { kind: 'go', to: 'o', edge: 'otherwise', effects: [] } },
  branch_event: { input: { event: 'paid', withinMs: 3_600_000, yes: 'y', no: 'no' }, expected: { kind: 'go', to: 'no', edge: 'no', effects: [] } },
  split: {
    input: { paths: [{ percent: 40, next: 'a' }, { percent: 60, next: 'b' }] },
    expected: { kind: 'go', to: 'a', edge: '40% (1)', effects: [] },
  },
  holdout: { input: { percent: 5, next: 'n' }, expected: { kind: 'leave', status: 'holdout', reason: 'holdout', effects: [] } },
  send: {
    input: { message: { channel: 'sms', template: 'SMS_1', text: 'Hi {{name}}' }, next: 'n' },
    expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'send', message: { channel: 'sms', template: 'SMS_1', text: 'Hi {{name}}' } }] },
  },
  tag: { input: { add: ['warm'], next: 'n' }, expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'tag', group: undefined, add: ['warm'], remove: [] }] } },
  set_stage: { input: { stage: 'analysis', next: 'n' }, expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'set_stage', stage: 'analysis' }] } },
  handoff: {
    input: { productLine: 'medical', reason: 'asked for a quote', next: 'n' },
    expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'handoff', productLine: 'medical', reason: 'asked for a quote' }] },
  },
  notify_agent: {
    input: { title: 'Hot lead', body: '{{name}} opened the quote', next: 'n' },
    expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'notify_agent', title: 'Hot lead', body: '{{name}} opened the quote' }] },
  },
  agent_task: {
    input: { kind: 'chat', title: 'Follow up', next: 'n' },
    expected: { kind: 'go', to: 'n', edge: 'next', effects: [{ type: 'agent_task', kind: 'chat', title: 'Follow up', note: undefined, dueAt: FIXTURE_NOW }] },
  },
  exit: { input: {}, expected: { kind: 'leave', status: 'done', reason: 'exit step', effects: [] } },
};

describe('decideStep', () => {
  it('has a sample for every step type the schema knows', () => {
    const schemaTypes = journeyStepSchema.options.map((o) => o.shape.type.value as string);
    expect(Object.keys(samples).sort()).toEqual([...schemaTypes].sort());
  });

  it.each(Object.entries(samples))('dispatches %s to its handler', (type, { input, expected }) => {
    const step: JourneyStep = journeyStepSchema.parse({ id: `s-${type.replace('_', '-')}`, type, ...input });
    expect(decideStep(step, contextFor())).toEqual(expected);
  });

  it('re-exports eventWindowStart', () => {
    const step = journeyStepSchema.parse({ id: 'w', type: 'wait_event', event: 'paid', timeoutMs: 60_000, lookbackMs: 1000, next: 'n', timeoutNext: 't' });
    if (step.type !== 'wait_event') throw new Error('parsed the wrong step');
    expect(eventWindowStart(step, contextFor().position)).toEqual(plus(FIXTURE_NOW, -1000));
  });
});

describe('stableBucket', () => {
  it('is a fixed function of its parts: SHA-256 of the parts joined by NUL, first 48 bits mod 10,000', () => {
    // Golden value, checked by hand: printf 'journey-1\0customer-1\0\0split-1' | sha256sum → 066e8710977d…
    expect(stableBucket('journey-1', 'customer-1', '', 'split-1')).toBe(0x066e8710977d % 10_000);
    expect(stableBucket('journey-1', 'customer-1', '', 'split-1')).toBe(733);
  });

  it('depends on every part and on where the parts split', () => {
    const base = stableBucket('journey-1', 'customer-1', '', 'split-1');
    expect(stableBucket('journey-1', 'customer-2', '', 'split-1')).not.toBe(base);
    expect(stableBucket('journey-1', 'customer-1', '', 'split-2')).not.toBe(base);
    expect(stableBucket('ab', 'c')).not.toBe(stableBucket('a', 'bc'));
  });

  it('spreads 10,000 customers evenly over the deciles', () => {
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) {
      const b = stableBucket('journey-1', `customer-${i}`, '', 'split-1');
      expect(Number.isInteger(b) && b >= 0 && b <= 9999).toBe(true);
      deciles[Math.floor(b / 1000)]! += 1;
    }
    for (const n of deciles) {
      expect(n).toBeGreaterThanOrEqual(800);
      expect(n).toBeLessThanOrEqual(1200);
    }
  });
});

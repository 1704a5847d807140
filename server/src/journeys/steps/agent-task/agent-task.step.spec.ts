import { HOUR_MS, type StepOf } from '@lodestar/shared';
import { contextFor, FIXTURE_NOW, plus } from '../step-context.fixture';
import { decideAgentTask } from './agent-task.step';

const step: StepOf<'agent_task'> = { id: 't', type: 'agent_task', kind: 'call', title: 'Call {{name}}', note: 'about {{product}}', dueInMs: 4 * HOUR_MS, next: 'after' };

describe('decideAgentTask', () => {
  it('creates the task due dueInMs after now, text left for the runner to fill', () => {
    expect(decideAgentTask(step, contextFor())).toEqual({
      kind: 'go',
      to: 'after',
      edge: 'next',
      effects: [{ type: 'agent_task', kind: 'call', title: 'Call {{name}}', note: 'about {{product}}', dueAt: plus(FIXTURE_NOW, 4 * HOUR_MS) }],
    });
  });

  it('is due at once without dueInMs', () => {
    const d = decideAgentTask({ ...step, dueInMs: undefined }, contextFor());
    expect(d.kind === 'go' && d.effects[0]).toMatchObject({ dueAt: FIXTURE_NOW });
  });
});

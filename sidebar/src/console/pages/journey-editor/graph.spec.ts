import type { JourneyStep } from '@lodestar/shared';
import { autoLayout, connect, defaultStep, emptyDraft, nextId, paletteOrder, removeSteps, TRIGGER_ID, validateDraft, type Draft } from './graph';

const draftOf = (steps: JourneyStep[], entry: string): Draft => ({ ...emptyDraft(), steps, entry });

describe('the journey canvas model', () => {
  it('makes a valid default step of every type the palette offers, once its outputs are connected', () => {
    for (const type of paletteOrder) {
      const exit = defaultStep('exit', 'end');
      let step = defaultStep(type, 'a');
      const outputs = type === 'exit' ? 0 : type === 'split' || type === 'wait_event' || type === 'branch_event' ? 2 : type === 'branch' ? 2 : 1;
      for (let i = 0; i < outputs; i++) step = connect(step, i, 'end');
      const v = validateDraft(draftOf(type === 'exit' ? [step] : [step, exit], 'a'));
      expect({ type, issues: v.issues.map((i) => i.message) }).toEqual({ type, issues: [] });
      expect(v.definition).not.toBeNull();
    }
  });

  it('names every output that is not connected yet, and the missing entry', () => {
    const v = validateDraft(draftOf([defaultStep('wait_event', 'w'), defaultStep('exit', 'end')], ''));
    expect(v.definition).toBeNull();
    expect(v.issues.map((i) => i.message)).toEqual(['触发器还没有连到第一个步骤', '「等待事件」的「event」出口还没有连接', '「等待事件」的「timeout」出口还没有连接']);
    expect(v.issues.slice(1).map((i) => i.stepId)).toEqual(['w', 'w']);
  });

  it('passes the shared graph checks through: a step nobody reaches is reported', () => {
    const send = connect(defaultStep('send', 's'), 0, 'end');
    const orphan = connect(defaultStep('wait', 'lonely'), 0, 'end');
    const v = validateDraft(draftOf([send, orphan, defaultStep('exit', 'end')], 's'));
    expect(v.definition).toBeNull();
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]!.stepId).toBe('lonely');
  });

  it('reports schema problems against the step that has them', () => {
    const bad = { ...connect(defaultStep('holdout', 'h'), 0, 'end'), percent: 80 } as JourneyStep;
    const v = validateDraft(draftOf([bad, defaultStep('exit', 'end')], 'h'));
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]!.stepId).toBe('h');
    expect(v.issues[0]!.message).toMatch(/^「对照组」percent: /);
  });

  it('connects an output by its index, and removing a step disconnects whatever pointed at it', () => {
    const branch = connect(connect(defaultStep('branch_event', 'b'), 0, 'yes'), 1, 'no');
    expect(branch).toMatchObject({ yes: 'yes', no: 'no' });
    const d = removeSteps(draftOf([branch, defaultStep('exit', 'yes'), defaultStep('exit', 'no')], 'b'), new Set(['no']));
    expect(d.steps.map((s) => s.id)).toEqual(['b', 'yes']);
    expect(d.steps[0]).toMatchObject({ yes: 'yes', no: '' });
    expect(removeSteps(d, new Set(['b'])).entry).toBe('');
  });

  it('gives new steps fresh ids and lays the graph out in rows from the entry', () => {
    const steps = [connect(defaultStep('send', 'send_1'), 0, 'exit_1'), defaultStep('exit', 'exit_1'), defaultStep('wait', 'wait_1')];
    expect(nextId('send', steps)).toBe('send_2');
    const pos = autoLayout(draftOf(steps, 'send_1'));
    expect(pos[TRIGGER_ID]!.y).toBe(0);
    expect(pos['send_1']!.y).toBeLessThan(pos['exit_1']!.y);
    expect(pos['wait_1']!.y).toBeGreaterThan(pos['exit_1']!.y);
  });
});

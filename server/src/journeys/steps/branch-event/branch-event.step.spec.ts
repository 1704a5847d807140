import { DAY_MS, HOUR_MS, journeyStepSchema, type StepOf } from '@lodestar/shared';
import { contextFor, FIXTURE_NOW, plus, seen } from '../step-context.fixture';
import { decideBranchEvent } from './branch-event.step';

const parse = (extra: object) =>
  journeyStepSchema.parse({ id: 'be', type: 'branch_event', event: 'page_view', withinMs: 7 * DAY_MS, yes: 'engaged', no: 'cold', ...extra }) as StepOf<'branch_event'>;
const yes = { kind: 'go', to: 'engaged', edge: 'yes', effects: [] };
const no = { kind: 'go', to: 'cold', edge: 'no', effects: [] };

describe('decideBranchEvent', () => {
  it('says yes for one event in the window when minCount defaults to 1', () => {
    const step = parse({});
    expect(step.minCount).toBe(1);
    expect(decideBranchEvent(step, contextFor({ events: [seen('page_view', plus(FIXTURE_NOW, -DAY_MS))] }))).toEqual(yes);
    expect(decideBranchEvent(step, contextFor({ events: [] }))).toEqual(no);
  });

  it('counts the window’s edge in and anything older or later out', () => {
    const step = parse({});
    expect(decideBranchEvent(step, contextFor({ events: [seen('page_view', plus(FIXTURE_NOW, -7 * DAY_MS))] }))).toEqual(yes);
    expect(decideBranchEvent(step, contextFor({ events: [seen('page_view', plus(FIXTURE_NOW, -7 * DAY_MS - 1))] }))).toEqual(no);
    expect(decideBranchEvent(step, contextFor({ events: [seen('page_view', plus(FIXTURE_NOW, 1))] }))).toEqual(no);
  });

  it('needs minCount matching events, filtered by name and where', () => {
    const step = parse({ minCount: 3, where: { page: 'pricing' } });
    const at = plus(FIXTURE_NOW, -HOUR_MS);
    const two = [seen('page_view', at, { page: 'pricing' }), seen('page_view', at, { page: 'pricing' })];
    const noise = [seen('page_view', at, { page: 'home' }), seen('page_view', at), seen('click', at, { page: 'pricing' })];
    expect(decideBranchEvent(step, contextFor({ events: [...two, ...noise] }))).toEqual(no);
    expect(decideBranchEvent(step, contextFor({ events: [...two, ...noise, seen('page_view', at, { page: 'pricing' })] }))).toEqual(yes);
  });
});

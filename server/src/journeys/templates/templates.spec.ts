import { DAY_MS, journeyDefinitionSchema, segmentInputSchema, segmentRuleSchema, stepEdges, validateJourney, type JourneyDefinition, type JourneyStep, type SegmentRule } from '@lodestar/shared';
import { compileRule, type RuleContext } from '../../customers';
import { journeyTemplates, templateSegmentPrefix, type JourneyTemplate } from './index';

const template = (key: JourneyTemplate['key']): JourneyTemplate => journeyTemplates.find((t) => t.key === key)!;
const parsed = (key: JourneyTemplate['key']): JourneyDefinition => journeyDefinitionSchema.parse(template(key).definition);
const stepOf = (def: JourneyDefinition, id: string): JourneyStep => {
  const step = def.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
};

/**
 * Follows the graph from the entry: a step with one edge is passed through, a step with several
 * takes the next label of `choices`. Returns the ids visited, up to and including the exit.
 */
function walk(def: JourneyDefinition, choices: readonly string[]): string[] {
  const left = [...choices];
  const seen: string[] = [];
  for (let step = stepOf(def, def.entry); ; ) {
    seen.push(step.id);
    const edges = stepEdges(step);
    if (edges.length === 0) break;
    const label = edges.length === 1 ? edges[0]!.label : left.shift();
    const edge = edges.find((e) => e.label === label);
    if (!edge) throw new Error(`step ${step.id} has no edge "${label}" (it has ${edges.map((e) => e.label).join(', ')})`);
    step = stepOf(def, edge.to);
    if (seen.length > 100) throw new Error('walked too far');
  }
  expect(left).toEqual([]);
  return seen;
}

const where = (w: Record<string, unknown> | undefined): string => (w ? `{${Object.entries(w).map(([k, v]) => `${k}=${String(v)}`).join(',')}}` : '');

/** One line per step: what the brief says about it (channel and template, event and filter, time…). */
function summary(s: JourneyStep): string {
  switch (s.type) {
    case 'send':
      return `send ${s.message.channel}${'templateId' in s.message ? ` ${s.message.templateId}` : ''}`;
    case 'wait_event':
      return `wait_event ${s.event}${where(s.where)}`;
    case 'branch_event':
      return `branch_event ${s.event}${where(s.where)}`;
    case 'branch':
      return `branch ${s.branches.map((b) => JSON.stringify(b.when)).join(' | ')}`;
    case 'wait':
      return `wait ${s.durationMs / DAY_MS}d`;
    case 'wait_until':
      return `wait_until ${s.time}`;
    case 'holdout':
      return `holdout ${s.percent}%`;
    case 'handoff':
      return `handoff ${s.productLine}`;
    case 'set_stage':
      return `set_stage ${s.stage}`;
    case 'agent_task':
      return `agent_task ${s.kind} ${s.title}`;
    case 'notify_agent':
      return `notify_agent ${s.body}`;
    case 'tag':
      return `tag ${s.add.join(',')}`;
    case 'split':
    case 'exit':
      return s.type;
    default: {
      const unknown: never = s;
      throw new Error(`unknown step ${(unknown as { type: string }).type}`);
    }
  }
}

const path = (def: JourneyDefinition, choices: readonly string[]): string[] => walk(def, choices).map((id) => summary(stepOf(def, id)));

/** Every string anywhere in a value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

/** Every segment rule a definition holds: the schedule audience and the branch conditions. */
const rulesOf = (def: JourneyDefinition): SegmentRule[] => [
  ...(def.trigger.type === 'schedule' ? [def.trigger.audience] : []),
  ...def.steps.flatMap((s) => (s.type === 'branch' ? s.branches.map((b) => b.when) : [])),
];

const ruleContext: RuleContext = { today: '2026-03-06', now: new Date('2026-03-06T04:00:00Z'), dbType: 'sqlite' };

describe.each(journeyTemplates.map((t) => [t.key, t] as const))('journey template %s', (_key, t) => {
  it('parses with the journey schema and passes the graph validator with no issues', () => {
    const def = journeyDefinitionSchema.parse(t.definition);
    expect(validateJourney(def)).toEqual([]);
  });

  it('refers only to segments it defines, and uses every one (the installer swaps each `segment:` string for an id)', () => {
    const refs = strings(t.definition).filter((s) => s.startsWith(templateSegmentPrefix)).map((s) => s.slice(templateSegmentPrefix.length));
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs)).toEqual(new Set(t.segments.map((s) => s.key)));
  });

  it('defines segments the segment API accepts and the rule compiler compiles', () => {
    for (const s of t.segments) {
      expect(segmentInputSchema.safeParse({ name: s.name, description: s.description, rule: s.rule }).success).toBe(true);
      expect(() => compileRule(s.rule, ruleContext)).not.toThrow();
    }
    for (const rule of rulesOf(journeyDefinitionSchema.parse(t.definition))) expect(() => compileRule(rule, { ...ruleContext, allowSegments: true })).not.toThrow();
  });

  it('uses only the placeholders the renderer fills', () => {
    const used = strings(t.definition).flatMap((s) => [...s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!));
    expect(used).toContain('name');
    for (const p of used) expect(['name', 'agent', 'city', 'journey']).toContain(p);
  });

  it('keeps WeChat template fields within their limits (thing ≤ 20, name ≤ 10 characters, rendered) and uses readable sandbox template ids', () => {
    const render = (v: string) => v.replace(/\{\{\s*\w+\s*\}\}/g, '王小明');
    for (const step of journeyDefinitionSchema.parse(t.definition).steps) {
      if (step.type !== 'send' || (step.message.channel !== 'mp_subscribe' && step.message.channel !== 'oa_template')) continue;
      expect(step.message.templateId).toMatch(/^TPL_[A-Z0-9_]+$/);
      for (const [field, value] of Object.entries(step.message.data)) {
        if (/^thing\d+$/.test(field)) expect([...render(value)].length).toBeLessThanOrEqual(20);
        if (/^name\d+$/.test(field)) expect([...render(value)].length).toBeLessThanOrEqual(10);
      }
    }
  });

  it('gives every step a short snake_case id and a name for the console', () => {
    for (const s of journeyDefinitionSchema.parse(t.definition).steps) {
      expect(s.id).toMatch(/^[a-z][a-z0-9_]{0,29}$/);
      expect(s.name).toBeTruthy();
    }
  });
});

describe('the template list', () => {
  it('holds the two journeys of the product brief, once each', () => {
    expect(journeyTemplates.map((t) => t.key)).toEqual(['young_strivers', 'new_wealthy']);
    expect(journeyTemplates.map((t) => t.name)).toEqual(['奋斗青年 (young strivers)', '财富新贵 (new wealthy)']);
  });
});

describe('奋斗青年 (young strivers)', () => {
  const def = parsed('young_strivers');

  it('runs every Friday at 19:00 for the under-30s who opened the app in the last 7 days', () => {
    expect(def.trigger).toEqual({ type: 'schedule', schedule: { kind: 'weekly', weekdays: [5], time: '19:00' }, audience: { type: 'segment', segmentId: 'segment:young_strivers' } });
    expect(template('young_strivers').segments[0]!.rule).toEqual({
      type: 'all',
      rules: [
        { type: 'attribute', field: 'age', op: 'lte', value: 30 },
        { type: 'event_count', event: '$AppStart', withinDays: 7, min: 1 },
      ],
    });
  });

  it('holds 10% out right after the trigger, and measures purchases within 60 days', () => {
    expect(stepOf(def, def.entry)).toMatchObject({ type: 'holdout', percent: 10 });
    expect(def.goal).toMatchObject({ event: 'purchase', withinDays: 60 });
  });

  it('goes invite → opened → daily check-in reminders → 7-day streak → lottery → active → knowledge → read → travel accident → bought → critical illness → senior agent', () => {
    const streak = JSON.stringify({ type: 'streak', event: 'check_in', min: 7 });
    expect(
      path(def, ['event', 'otherwise', 'yes', '已连续签到7天', 'event', 'yes', 'event', 'event', 'event', 'no', 'no', 'event', 'yes']),
    ).toEqual([
      'holdout 10%',
      'send mp_subscribe TPL_CHECKIN_7',
      'wait_event message_opened{campaign=checkin_7}',
      'wait_until 09:00',
      `branch ${streak}`,
      'branch_event check_in',
      'send mp_subscribe TPL_CHECKIN_REMIND',
      'wait_until 09:00',
      `branch ${streak}`,
      'send mp_subscribe TPL_LOTTERY',
      'wait_event activity_signup{activity_type=lottery}',
      'wait 3d',
      'branch_event $AppStart',
      'send oa_template TPL_INSURANCE_KNOWLEDGE',
      'wait_event article_read{campaign=ys_knowledge}',
      'send mp_subscribe TPL_TRAVEL_ACCIDENT',
      'wait_event purchase{product_line=travel_accident}',
      // A medical view is not enough: back to waiting, then a critical-illness view hands off.
      'wait_event view_product',
      'branch_event view_product{product_line=critical_illness}',
      'branch_event view_product{product_line=life}',
      'wait_event view_product',
      'branch_event view_product{product_line=critical_illness}',
      'handoff critical_illness',
      'tag 重疾险',
      'exit',
    ]);
    expect(stepOf(def, 'handoff_ci')).toMatchObject({ reason: '高价值产品意向，转高级顾问' });
  });

  it('hands life-product browsers to a senior agent too', () => {
    const ids = walk(def, ['event', '已连续签到7天', 'event', 'yes', 'event', 'event', 'event', 'no', 'yes']);
    expect(ids.slice(-4)).toEqual(['viewed_life', 'handoff_life', 'need_life', 'done']);
    expect(stepOf(def, 'handoff_life')).toMatchObject({ productLine: 'life', reason: '高价值产品意向，转高级顾问' });
  });

  it('reminds newcomers and regular check-ins, and ends the loop after 10 days without a check-in', () => {
    expect(stepOf(def, 'checked_in_lately')).toMatchObject({ type: 'branch_event', event: 'check_in', withinMs: 10 * DAY_MS });
    expect(stepOf(def, 'opened_lately')).toMatchObject({ type: 'branch_event', event: 'message_opened', where: { campaign: 'checkin_7' }, withinMs: 10 * DAY_MS });
    expect(walk(def, ['event', 'otherwise', 'no', 'yes', 'otherwise', 'no', 'no'])).toEqual([
      'holdout', 'invite', 'wait_open', 'daily_9am', 'streak_7', 'checked_in_lately', 'opened_lately', 'remind',
      'daily_9am', 'streak_7', 'checked_in_lately', 'opened_lately', 'exit_stopped',
    ]);
  });

  it('times every wait for an event out straight into an exit, with the brief’s timeouts', () => {
    const waits = def.steps.filter((s) => s.type === 'wait_event');
    expect(Object.fromEntries(waits.map((s) => [s.id, s.timeoutMs / DAY_MS]))).toEqual({ wait_open: 3, wait_lottery: 7, wait_read: 7, wait_buy: 14, watch_views: 30 });
    for (const s of waits) expect(stepOf(def, s.timeoutNext).type).toBe('exit');
  });
});

describe('财富新贵 (new wealthy)', () => {
  const def = parsed('new_wealthy');

  it('starts when a customer enters the orphan-policy, low-cover, low-activity segment', () => {
    expect(def.trigger).toEqual({ type: 'segment', segmentId: 'segment:new_wealthy', includeMembers: true });
    const rule = segmentRuleSchema.parse(template('new_wealthy').segments[0]!.rule);
    expect(rule).toEqual({
      type: 'all',
      rules: [
        { type: 'policy', orphan: true, status: 'active', line: 'critical_illness', coverAtMost: 800_000 },
        // min 0 after parsing: the schema's default (1) would leave out customers who never open the app.
        { type: 'event_count', event: '$AppStart', withinDays: 30, min: 0, max: 2 },
      ],
    });
    expect(def.goal).toMatchObject({ event: 'purchase', withinDays: 90 });
  });

  it('goes SMS → viewed, not booked → call → WeCom address and notes → reminder → attended → annuity view → notify → chat task → analysis', () => {
    expect(path(def, ['no', 'yes', 'event', 'event'])).toEqual([
      'send sms',
      'wait 3d',
      'branch_event activity_signup{activity_type=seminar}',
      'branch_event activity_view{activity_type=seminar}',
      'agent_task call 电话邀约并添加企业微信',
      'wait 2d',
      'send wecom_task',
      'wait 1d',
      'send wecom_task',
      'wait_event activity_attended{activity_type=seminar}',
      'wait_event view_product{product_line=annuity}',
      'notify_agent 客户刚浏览了养老年金产品，建议立即发起沟通并做保障缺口评估',
      'agent_task chat 发起沟通，做保障缺口评估与计划书',
      'tag 养老/年金',
      'exit',
    ]);
  });

  it('skips the call for customers who booked, and leaves out those who neither booked nor viewed', () => {
    expect(walk(def, ['yes', 'event', 'event']).slice(0, 5)).toEqual(['invite_sms', 'wait_3d', 'booked', 'venue_note', 'wait_1d']);
    expect(walk(def, ['no', 'no'])).toEqual(['invite_sms', 'wait_3d', 'booked', 'viewed', 'exit_not_viewed']);
  });

  it('puts the address and notes in the WeCom messages and names the seminar in the SMS', () => {
    const texts = ['venue_note', 'reminder'].map((id) => {
      const s = stepOf(def, id);
      return s.type === 'send' && s.message.channel === 'wecom_task' ? s.message.text : '';
    });
    for (const text of texts) expect(text).toContain('世纪大道100号');
    expect(texts[0]).toContain('注意事项');
    const sms = stepOf(def, 'invite_sms');
    expect(sms.type === 'send' && sms.message.channel === 'sms' ? sms.message.text : '').toContain('养老规划沙龙');
  });

  it('watches daily for two weeks after the seminar, counting retirement-planning reading as well', () => {
    expect(walk(def, ['no', 'yes', 'event', 'timeout', 'no', 'yes', 'timeout', 'yes']).slice(-9)).toEqual([
      'watch_annuity', 'read_retirement', 'still_watching', 'watch_annuity', 'read_retirement', 'notify_retirement', 'gap_task', 'need_pension', 'done',
    ]);
    expect(walk(def, ['yes', 'event', 'timeout', 'no', 'no']).slice(-4)).toEqual(['watch_annuity', 'read_retirement', 'still_watching', 'exit_no_interest']);
    expect(stepOf(def, 'still_watching')).toMatchObject({ event: 'activity_attended', withinMs: 14 * DAY_MS });
  });

  it('times every other wait for an event out into an exit', () => {
    const waits = def.steps.filter((s) => s.type === 'wait_event' && s.id !== 'watch_annuity');
    expect(waits.map((s) => s.id)).toEqual(['wait_attend']);
    for (const s of waits) if (s.type === 'wait_event') expect(stepOf(def, s.timeoutNext).type).toBe('exit');
  });
});

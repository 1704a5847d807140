import { sopContentSchema, sopPlanCreateSchema, sopPlanDefinitionSchema, sopTargetSchema, sopTimeRuleSchema } from './sop';

const messages = (schema: { safeParse(x: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error!.issues.map((i) => i.message);
};
const step = (id: string, when: unknown = { kind: 'time', rule: { type: 'daily', at: '09:00' } }) => ({ id, name: id, when, content: { text: 'hi' } });

describe('sop plan definition schema', () => {
  it('fills the defaults: Shanghai, catch up within 24 h, reminders every 2 h up to 3 a day, escalate after 24 h, mass mode', () => {
    const def = sopPlanDefinitionSchema.parse({
      target: { kind: 'groups', groupTags: ['重疾'] },
      steps: [step('a'), step('welcome', { kind: 'event', rule: { type: 'member_joined' } })],
    });
    expect(def).toMatchObject({ timezone: 'Asia/Shanghai', missed: 'catch_up', catchUpHours: 24, reminders: { afterHours: 2, maxPerDay: 3 }, escalateAfterHours: 24 });
    expect(def.steps[0]!.mode).toBe('mass');
    expect(def.steps[1]!.when).toEqual({ kind: 'event', rule: { type: 'member_joined', debounceMinutes: 10 } });
  });

  it('refuses duplicate step ids, group events in customer plans and early-end conditions of the other kind', () => {
    expect(messages(sopPlanDefinitionSchema, { target: { kind: 'groups', all: true }, steps: [step('a'), step('a')] })).toEqual(['Step id "a" is used twice']);
    expect(
      messages(sopPlanDefinitionSchema, {
        target: { kind: 'customers', segmentId: 's1' },
        steps: [step('a', { kind: 'event', rule: { type: 'member_count', reaches: 50 } })],
        earlyEnd: { groupTag: 'x' },
      }),
    ).toEqual(['Group events (member joined, member count) need a group plan', 'groupTag is for group plans; use customerTag']);
    expect(messages(sopPlanDefinitionSchema, { target: { kind: 'groups', all: true }, steps: [step('a')], earlyEnd: { event: 'policy_purchased' } })).toEqual([
      'event is for customer plans',
    ]);
  });

  it('refuses an unknown time zone and a step id too long for a task key', () => {
    expect(messages(sopPlanDefinitionSchema, { target: { kind: 'groups', all: true }, steps: [step('a')], timezone: 'Mars/Olympus' })).toEqual(['an unknown time zone']);
    expect(messages(sopPlanDefinitionSchema, { target: { kind: 'groups', all: true }, steps: [step('x'.repeat(40))] })).toHaveLength(1);
  });

  it('takes a plan create request with a name', () => {
    expect(sopPlanCreateSchema.parse({ name: '新客群 SOP', definition: { target: { kind: 'customers', segmentId: 's1' }, steps: [step('a')] } }).name).toBe('新客群 SOP');
  });
});

describe('sop target schema', () => {
  it('needs a criterion or all: true, and all: true alone', () => {
    expect(messages(sopTargetSchema, { kind: 'groups' })).toEqual(['Give at least one criterion (group tags, name pattern, owners, teams) or all: true']);
    expect(messages(sopTargetSchema, { kind: 'groups', all: true, ownerIds: ['u1'] })).toEqual(['all: true takes every group; remove the other criteria']);
    expect(messages(sopTargetSchema, { kind: 'groups', namePattern: '(VIP)*' })).toEqual([]);
  });
});

describe('sop time rule schema', () => {
  it('checks weekdays, month days, dates and holiday offsets', () => {
    expect(messages(sopTimeRuleSchema, { type: 'weekly', weekdays: [1, 1], at: '09:00' })).toEqual(['each weekday once']);
    expect(messages(sopTimeRuleSchema, { type: 'weekly', weekdays: [0], at: '09:00' })).toHaveLength(1);
    expect(messages(sopTimeRuleSchema, { type: 'monthly', days: [-1, 15, 31], at: '09:00' })).toEqual([]);
    expect(messages(sopTimeRuleSchema, { type: 'monthly', days: [0], at: '09:00' })).toHaveLength(1);
    expect(messages(sopTimeRuleSchema, { type: 'dates', dates: ['2026-02-30'], at: '09:00' })).toEqual(['not a calendar date']);
    expect(messages(sopTimeRuleSchema, { type: 'holidays', holidays: ['spring_festival'], at: '20:00', offsetDays: -8 })).toHaveLength(1);
    expect(messages(sopTimeRuleSchema, { type: 'holidays', holidays: ['double_eleven'], at: '20:00' })).toHaveLength(1);
    expect(messages(sopTimeRuleSchema, { type: 'daily', at: '24:00' })).toEqual(['a local time HH:MM']);
  });
});

describe('sop content schema', () => {
  it('needs a text or an attachment, at most 9 attachments, and an image source', () => {
    expect(messages(sopContentSchema, {})).toEqual(['Write a text or add an attachment']);
    expect(messages(sopContentSchema, { attachments: [{ type: 'article', articleId: 'a1' }] })).toEqual([]);
    expect(messages(sopContentSchema, { text: 'x', attachments: Array.from({ length: 10 }, () => ({ type: 'article', articleId: 'a1' })) })).toHaveLength(1);
    expect(messages(sopContentSchema, { text: 'x', attachments: [{ type: 'image' }] })).toEqual(['An image needs mediaUrl or mediaId']);
    expect(
      messages(sopContentSchema, {
        text: 'x',
        attachments: [
          { type: 'image', mediaUrl: 'https://example.com/a.png' },
          { type: 'link', title: '重疾险攻略', url: 'https://example.com/p', desc: 'd' },
          { type: 'miniprogram', title: '每日打卡', appid: 'wx123', page: 'pages/checkin/index.html' },
        ],
      }),
    ).toEqual([]);
  });
});

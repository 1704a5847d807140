import { assignmentRuleSetSchema, isCatchAll, slaSettingsSchema, workingHoursSchema } from './assignment';

const catchAll = { id: 'all', name: 'Everyone else', when: {}, strategy: { type: 'round_robin' }, pool: {}, respectWorkingHours: true };
const vip = {
  id: 'vip',
  name: 'High-value to seniors',
  when: { productLines: ['critical_illness', 'annuity'], grades: ['A', 'B'] },
  strategy: { type: 'skill', skills: ['critical_illness'] },
  pool: { teamIds: ['t-new'] },
  respectWorkingHours: true,
};
const messages = (input: unknown): string[] => {
  const parsed = assignmentRuleSetSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('assignment rule set schema', () => {
  it('accepts ordered rules ending in a catch-all and fills the skill strategy’s defaults', () => {
    const parsed = assignmentRuleSetSchema.parse({ rules: [vip, catchAll] });
    expect(parsed.rules[0]!.strategy).toEqual({ type: 'skill', skills: ['critical_illness'], among: 'least_loaded', fallback: 'none' });
    expect(isCatchAll(parsed.rules[1]!.when)).toBe(true);
    expect(isCatchAll(parsed.rules[0]!.when)).toBe(false);
  });

  it('refuses a rule set without a final catch-all, saying why', () => {
    expect(messages({ rules: [vip] })).toEqual(['the last rule must be a catch-all (an empty "when") so that every lead is assigned by some rule']);
  });

  it('refuses a catch-all before the end, since the rules after it could never apply', () => {
    expect(messages({ rules: [{ ...catchAll, id: 'early', name: 'Early' }, vip, catchAll] })).toEqual([
      'rule "Early" matches every lead, so the rules after it would never apply; only the last rule may be a catch-all',
    ]);
  });

  it('refuses duplicate rule ids, empty lists and unknown fields', () => {
    expect(messages({ rules: [{ ...vip, id: 'all' }, catchAll] })).toEqual(['rule id "all" is used twice']);
    expect(messages({ rules: [{ ...vip, when: { productLines: [] } }, catchAll] })).toHaveLength(1);
    expect(messages({ rules: [{ ...vip, when: { colour: 'red' } }, catchAll] })).toContain('Unrecognized key: "colour"');
    expect(messages({ rules: [] })).toHaveLength(1);
  });

  it('requires an orphan-policy rule to name the team that takes the policies over', () => {
    const orphan = { ...catchAll, id: 'orphan', name: 'Orphans', when: { orphanPolicy: true } };
    expect(messages({ rules: [orphan, catchAll] })).toEqual(['a rule for orphan policies must name the team (pool.teamIds) that takes them over']);
    expect(messages({ rules: [{ ...orphan, pool: { teamIds: ['t-renew'] } }, catchAll] })).toEqual([]);
  });

  it('validates each strategy’s parameters', () => {
    const withStrategy = (strategy: unknown) => messages({ rules: [{ ...catchAll, strategy }] });
    expect(withStrategy({ type: 'weighted', weights: { a: 3, b: 1 } })).toEqual([]);
    expect(withStrategy({ type: 'weighted', weights: { a: -1 } })).toHaveLength(1);
    expect(withStrategy({ type: 'least_loaded', capacity: 20 })).toEqual([]);
    expect(withStrategy({ type: 'least_loaded' })).toHaveLength(1);
    expect(withStrategy({ type: 'skill', skills: [] })).toHaveLength(1);
    expect(withStrategy({ type: 'skill', skills: ['annuity'], minSeniority: 'guru' })).toHaveLength(1);
    expect(withStrategy({ type: 'random' })).toHaveLength(1);
  });
});

describe('working hours schema', () => {
  it('accepts day shifts, overnight shifts and whole days', () => {
    expect(workingHoursSchema.safeParse({ timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }).success).toBe(true);
    expect(workingHoursSchema.safeParse({ timezone: 'Asia/Shanghai', days: [5], from: '22:00', to: '06:00' }).success).toBe(true);
    expect(workingHoursSchema.safeParse({ timezone: 'Asia/Shanghai', days: [6, 7], from: '00:00', to: '24:00' }).success).toBe(true);
  });

  it('refuses bad times, weekdays outside 1–7, repeated days and empty shifts', () => {
    const bad = [
      { from: '9:00', to: '18:00' },
      { from: '24:00', to: '06:00' },
      { from: '09:00', to: '18:60' },
      { days: [0, 1] },
      { days: [1, 1] },
      { days: [] },
      { from: '09:00', to: '09:00' },
    ];
    for (const over of bad) {
      expect(workingHoursSchema.safeParse({ timezone: 'Asia/Shanghai', days: [1], from: '09:00', to: '18:00', ...over }).success).toBe(false);
    }
  });
});

describe('SLA settings schema', () => {
  const ok = { firstTouchHours: 24, remindBeforeHours: 4, protectionHours: 72, extendOnActivityHours: 48, maxProtectionHours: 168, cooldownHours: 72 };
  const issues = (over: object): string[] => {
    const parsed = slaSettingsSchema.safeParse({ ...ok, ...over });
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it('accepts consistent settings, with or without a reminder', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ remindBeforeHours: undefined })).toEqual([]);
  });

  it('refuses settings that contradict each other', () => {
    expect(issues({ maxProtectionHours: 48 })).toEqual(['maxProtectionHours cannot be shorter than protectionHours']);
    expect(issues({ firstTouchHours: 96 })).toEqual(['firstTouchHours cannot be longer than protectionHours (a lead touched in time would already be out of protection)']);
    expect(issues({ remindBeforeHours: 24 })).toEqual(['remindBeforeHours must be shorter than firstTouchHours, or the reminder would come before the lead is assigned']);
    expect(issues({ firstTouchHours: 0 })).toContain('Too small: expected number to be >0');
    expect(issues({ cooldownHours: -1 })).toHaveLength(1);
  });
});

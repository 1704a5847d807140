import type { DataSource } from 'typeorm';
import { segmentRuleSchema, type SegmentRule } from '@lodestar/shared';
import { openDatabase } from '../db/data-source';
import { birthdayCutoff, compileRule, RuleError, ruleCounters, ruleLimits, ruleTags, ruleValidationError, type RuleContext } from './segment-rule.sql';
import { counterKey } from './counter-key';
import { newCustomerRecord } from './customer-record';
import { Customer } from './customer.entity';

/**
 * Runs every compiled rule against a real (in-memory SQLite, migrated) database with four
 * customers built to sit on each rule's edges. MySQL runs the same SQL in server/test/segments.test.ts.
 */
const today = '2026-01-05';
const now = new Date('2026-01-05T04:00:00.000Z');
const ctx: RuleContext = { today, now, dbType: 'sqlite' };

describe('compileRule on SQLite', () => {
  let ds: DataSource;
  const at = new Date('2025-12-01T00:00:00.000Z');

  beforeAll(async () => {
    ds = await openDatabase('sqlite::memory:');
    const customer = (id: string, fields: Partial<Customer>) => newCustomerRecord({ id, corpId: 'corp', name: id, createdAt: at, ...fields });
    await ds.getRepository(Customer).insert([
      customer('A', {
        city: '上海',
        gender: 'female',
        birthDate: '1990-06-15',
        ownerStaffId: 'agent',
        stage: 'analysis',
        archiveConsent: true,
        phoneCipher: 'v1:cipher',
        profile: JSON.stringify({ plan: 'gold', score: 42, vip: true, code: '42' }),
      }),
      customer('B', { gender: 'male', profile: null, stage: 'purchase' }),
      customer('C', { city: '北京', birthDate: '2008-01-05', profile: JSON.stringify({ vip: false, score: 7.5, plan: 'silver' }) }),
      customer('D', { city: '广州', birthDate: '2008-01-06', profile: 'not json' }),
    ]);
    const q = (sql: string, params: unknown[]) => ds.query(sql, params);
    const staff = (id: string, status: string) =>
      q(`INSERT INTO staff_member (id, corp_id, team_id, wecom_user_id, name, role, seniority, years_of_service, status, created_at, updated_at) VALUES (?, 'corp', NULL, ?, ?, 'agent', 'junior', 0, ?, ?, ?)`, [
        id,
        id,
        id,
        status,
        '2025-01-01 00:00:00.000',
        '2025-01-01 00:00:00.000',
      ]);
    await staff('agent', 'active');
    await staff('gone', 'left');
    await q(`INSERT INTO customer_identity (id, corp_id, customer_id, kind, value, created_at) VALUES ('i1', 'corp', 'A', 'external_userid', 'wmA', ?)`, ['2025-01-01 00:00:00.000']);
    await q(`INSERT INTO customer_identity (id, corp_id, customer_id, kind, value, created_at) VALUES ('i2', 'corp', 'B', 'openid', 'oB', ?)`, ['2025-01-01 00:00:00.000']);
    for (const [id, key, name] of [
      ['g1', 'insurance_need', '保险需求'],
      ['g2', 'budget', '预算区间'],
    ] as const) {
      await q(`INSERT INTO tag_group (id, corp_id, \`key\`, name, source, sort, created_at) VALUES (?, 'corp', ?, ?, 'conversation', 0, ?)`, [id, key, name, '2025-01-01 00:00:00.000']);
    }
    for (const [id, group, name] of [
      ['t1', 'g1', '重疾险'],
      ['t2', 'g1', '医疗险'],
      ['t3', 'g2', '年缴5千以下'],
    ] as const) {
      await q(`INSERT INTO tag (id, corp_id, group_id, name, sort, created_at) VALUES (?, 'corp', ?, ?, 0, ?)`, [id, group, name, '2025-01-01 00:00:00.000']);
    }
    const customerTag = (id: string, customer: string, tag: string, source: string, expiresAt: string | null) =>
      q(`INSERT INTO customer_tag (id, customer_id, tag_id, source, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, [id, customer, tag, source, '2025-06-01 00:00:00.000', expiresAt]);
    await customerTag('ct1', 'A', 't1', 'conversation', null);
    await customerTag('ct2', 'B', 't2', 'behaviour', '2026-01-05 03:59:59.000'); // expired an instant ago
    await customerTag('ct3', 'C', 't3', 'manual', '2026-02-01 00:00:00.000'); // expires later
    const count = (customer: string, key: string, day: string, n: number) =>
      q(`INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, 'corp', ?)`, [customer, key, day, n]);
    await count('A', 'event:$pageview', today, 2);
    await count('A', 'event:$pageview', '2025-12-07', 1); // 29 days ago: inside a 30-day window
    await count('A', 'event:$pageview', '2025-12-06', 5); // 30 days ago: outside it
    await count('C', counterKey('view_product', { product: 'CI-ANXIN' }), '2026-01-04', 1);
    await count('C', 'event:view_product', '2026-01-04', 1);
    const streak = (customer: string, current: number, lastDay: string) =>
      q(`INSERT INTO activity_streak (customer_id, counter_key, corp_id, current, best, last_day) VALUES (?, 'event:check_in', 'corp', ?, ?, ?)`, [customer, current, current, lastDay]);
    await streak('A', 3, '2026-01-04'); // yesterday: still alive
    await streak('C', 5, '2026-01-03'); // broken
    const policy = (id: string, customer: string, product: string, cover: number, status: string, agent: string | null, orphanedAt: string | null) =>
      q(
        `INSERT INTO policy (id, corp_id, customer_id, product_id, policy_no, cover_amount, annual_premium, status, start_date, end_date, agent_staff_id, orphaned_at)
         VALUES (?, 'corp', ?, ?, ?, ?, 1000, ?, '2024-01-01', NULL, ?, ?)`,
        [id, customer, product, id, cover, status, agent, orphanedAt],
      );
    for (const [id, line] of [
      ['ci', 'critical_illness'],
      ['med', 'medical'],
    ] as const) {
      await q(`INSERT INTO product (id, corp_id, code, name, line, min_cover, max_cover, premium_from, description, on_sale) VALUES (?, 'corp', ?, ?, ?, 0, 0, 0, '', 1)`, [id, id, id, line]);
    }
    await policy('p1', 'A', 'ci', 500_000, 'active', 'gone', null); // orphan: the agent left
    await policy('p2', 'B', 'ci', 900_000, 'lapsed', 'gone', null); // lapsed: never an orphan
    await policy('p3', 'C', 'med', 1_000_000, 'active', 'agent', '2025-03-01 00:00:00.000'); // orphan: handed over
  });
  afterAll(() => ds.destroy());

  const match = async (rule: SegmentRule): Promise<string[]> => {
    const parsed = segmentRuleSchema.parse(rule);
    const { sql, params } = compileRule(parsed, ctx);
    expect(sql.split('?').length - 1).toBe(params.length);
    const rows = await ds.query<{ id: string }[]>(`SELECT c.id FROM customer c WHERE ${sql} ORDER BY c.id`, params);
    return rows.map((r) => r.id);
  };
  const attr = (field: string, op: string, value: unknown) => ({ type: 'attribute', field, op, value }) as SegmentRule;
  const prof = (key: string, op: string, value: unknown) => ({ type: 'profile', key, op, value }) as SegmentRule;

  it('matches city and gender, an unknown city counting as "not" that city', async () => {
    expect(await match(attr('city', 'eq', '上海'))).toEqual(['A']);
    expect(await match(attr('city', 'neq', '上海'))).toEqual(['B', 'C', 'D']);
    expect(await match({ type: 'not', rule: attr('city', 'eq', '上海') })).toEqual(['B', 'C', 'D']);
    expect(await match(attr('city', 'in', ['上海', '北京']))).toEqual(['A', 'C']);
    expect(await match(attr('gender', 'in', ['male', 'female']))).toEqual(['A', 'B']);
    expect(await match(attr('gender', 'eq', 'unknown'))).toEqual(['C', 'D']);
  });

  it('works out age from the birth date on the corp’s today, birthdays included', async () => {
    // C turns 18 today, D tomorrow; A is 35; B has no birth date.
    expect(await match(attr('age', 'gte', 18))).toEqual(['A', 'C']);
    expect(await match(attr('age', 'eq', 18))).toEqual(['C']);
    expect(await match(attr('age', 'lte', 17))).toEqual(['D']);
    expect(await match(attr('age', 'eq', 35))).toEqual(['A']);
    expect(await match(attr('age', 'neq', 35))).toEqual(['B', 'C', 'D']);
    expect(birthdayCutoff('2028-02-29', 1)).toBe('2027-02-28');
    expect(birthdayCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('reads owner, archive consent, phone and WeCom relationship as yes/no', async () => {
    expect(await match(attr('has_owner', 'eq', true))).toEqual(['A']);
    expect(await match(attr('has_owner', 'neq', true))).toEqual(['B', 'C', 'D']);
    expect(await match(attr('archive_consent', 'eq', true))).toEqual(['A']);
    expect(await match(attr('archive_consent', 'eq', false))).toEqual(['B', 'C', 'D']);
    expect(await match(attr('has_phone', 'eq', true))).toEqual(['A']);
    expect(await match(attr('has_wecom', 'eq', true))).toEqual(['A']);
    expect(await match(attr('has_wecom', 'eq', false))).toEqual(['B', 'C', 'D']);
  });

  it('compares profile properties by JSON type, and survives a profile that is not JSON', async () => {
    expect(await match(prof('plan', 'eq', 'gold'))).toEqual(['A']);
    expect(await match(prof('plan', 'in', ['gold', 'silver']))).toEqual(['A', 'C']);
    expect(await match(prof('plan', 'neq', 'gold'))).toEqual(['B', 'C', 'D']);
    expect(await match(prof('score', 'gte', 40))).toEqual(['A']);
    expect(await match(prof('score', 'lte', 10))).toEqual(['C']);
    // Text compares as text: the number 42 and the string "42" both equal "42"; a number rule needs a JSON number.
    expect(await match(prof('score', 'eq', '42'))).toEqual(['A']);
    expect(await match(prof('code', 'eq', '42'))).toEqual(['A']);
    expect(await match(prof('code', 'gte', 1))).toEqual([]);
    expect(await match(prof('vip', 'eq', true))).toEqual(['A']);
    expect(await match(prof('vip', 'eq', false))).toEqual(['C']);
    expect(await match(prof('vip', 'neq', true))).toEqual(['B', 'C', 'D']);
    expect(await match(prof('missing', 'eq', 'x'))).toEqual([]);
  });

  it('finds tags by name, group name or key and source, leaving expired tags out', async () => {
    expect(await match({ type: 'tag', tag: '重疾险' })).toEqual(['A']);
    expect(await match({ type: 'tag', tag: '重疾险', group: '保险需求' })).toEqual(['A']);
    expect(await match({ type: 'tag', tag: '重疾险', group: 'budget' })).toEqual([]);
    expect(await match({ type: 'tag', group: 'insurance_need' })).toEqual(['A']); // B's 医疗险 has expired
    expect(await match({ type: 'tag', group: '预算区间', sources: ['manual', 'conversation'] })).toEqual(['C']);
    expect(await match({ type: 'tag', tag: '重疾险', sources: ['behaviour'] })).toEqual([]);
    expect(await match({ type: 'not', rule: { type: 'tag', group: '保险需求' } })).toEqual(['B', 'C', 'D']);
  });

  it('sums event counts over the window with today as its last day; min 0 matches customers with no rows', async () => {
    const pv = (withinDays: number, min: number, max?: number) => ({ type: 'event_count', event: '$pageview', withinDays, min, ...(max !== undefined ? { max } : {}) }) as SegmentRule;
    expect(await match(pv(30, 3))).toEqual(['A']);
    expect(await match(pv(30, 4))).toEqual([]);
    expect(await match(pv(31, 8))).toEqual(['A']);
    expect(await match(pv(1, 2, 2))).toEqual(['A']);
    expect(await match(pv(30, 0, 0))).toEqual(['B', 'C', 'D']);
    expect(await match(pv(30, 0))).toEqual(['A', 'B', 'C', 'D']);
    // A filtered counter reads its own key.
    expect(await match({ type: 'event_count', event: 'view_product', where: { product: 'CI-ANXIN' }, withinDays: 7, min: 1 })).toEqual(['C']);
    expect(await match({ type: 'event_count', event: 'view_product', where: { product: 'MED-1' }, withinDays: 7, min: 1 })).toEqual([]);
  });

  it('counts only streaks still alive (last day today or yesterday)', async () => {
    expect(await match({ type: 'streak', event: 'check_in', min: 3 })).toEqual(['A']);
    expect(await match({ type: 'streak', event: 'check_in', min: 4 })).toEqual([]);
    expect(await match({ type: 'streak', event: 'check_in', min: 1 })).toEqual(['A']);
  });

  it('matches grades and scores by the stored lead score (no score: no grade), and stages by the stored stage', async () => {
    const score = (customerId: string, value: number, grade: string) =>
      ds.query(`INSERT INTO lead_score (customer_id, corp_id, fit, engagement, score, grade, probability, model_version, reasons, computed_at) VALUES (?, 'corp', 0, 0, ?, ?, NULL, NULL, '[]', ?)`, [
        customerId,
        value,
        grade,
        '2025-12-01 00:00:00.000',
      ]);
    await score('A', 82, 'A');
    await score('C', 40, 'C');
    try {
      expect(await match({ type: 'grade', grades: ['A', 'B'] })).toEqual(['A']);
      expect(await match({ type: 'not', rule: { type: 'grade', grades: ['A'] } })).toEqual(['B', 'C', 'D']);
      expect(await match({ type: 'score', min: 40 })).toEqual(['A', 'C']);
      expect(await match({ type: 'score', min: 40, max: 81.9 })).toEqual(['C']);
      expect(() => compileRule({ type: 'score', min: 50, max: 40 }, ctx)).toThrow(RuleError);
    } finally {
      await ds.query('DELETE FROM lead_score');
    }
    expect(await match({ type: 'stage', stages: ['analysis', 'purchase'] })).toEqual(['A', 'B']);
  });

  it('tests segment membership only where segments are allowed (journeys), never inside a segment', async () => {
    await ds.query(`INSERT INTO segment_member (segment_id, customer_id, corp_id, entered_at) VALUES ('s1', 'B', 'corp', ?), ('s1', 'D', 'corp', ?)`, ['2025-12-01 00:00:00.000', '2025-12-01 00:00:00.000']);
    try {
      const compiled = compileRule({ type: 'segment', segmentId: 's1' }, { ...ctx, allowSegments: true });
      const rows = await ds.query<Array<{ id: string }>>(`SELECT c.id FROM customer c WHERE ${compiled.sql} ORDER BY c.id`, compiled.params);
      expect(rows.map((r) => r.id)).toEqual(['B', 'D']);
      expect(() => compileRule({ type: 'segment', segmentId: 's1' }, ctx)).toThrow(/cannot be defined by another segment/);
    } finally {
      await ds.query('DELETE FROM segment_member');
    }
  });

  it('finds policies by line, status, orphan and cover, and customers without one', async () => {
    expect(await match({ type: 'policy', orphan: true })).toEqual(['A', 'C']);
    expect(await match({ type: 'policy', orphan: true, line: 'critical_illness', coverAtMost: 800_000 })).toEqual(['A']);
    expect(await match({ type: 'policy', orphan: false })).toEqual(['B']);
    expect(await match({ type: 'policy', status: 'lapsed' })).toEqual(['B']);
    expect(await match({ type: 'policy', coverAtLeast: 900_000 })).toEqual(['B', 'C']);
    expect(await match({ type: 'policy', none: true })).toEqual(['D']);
    expect(await match({ type: 'policy', line: 'medical', none: true })).toEqual(['A', 'B', 'D']);
  });

  it('combines with all, any and not', async () => {
    const rule: SegmentRule = {
      type: 'any',
      rules: [
        { type: 'all', rules: [attr('city', 'in', ['上海', '北京']), { type: 'policy', orphan: true }, { type: 'not', rule: attr('age', 'gte', 30) }] },
        { type: 'policy', status: 'lapsed' },
      ],
    };
    expect(await match(rule)).toEqual(['B', 'C']);
  });

  it('refuses rules that make no sense with the path of the offending part', () => {
    const bad = (rule: unknown): RuleError => {
      try {
        compileRule(rule as SegmentRule, ctx);
      } catch (e) {
        if (e instanceof RuleError) return e;
        throw e;
      }
      throw new Error('compiled');
    };
    expect(bad({ type: 'all', rules: [attr('city', 'eq', '上海'), attr('age', 'in', ['30'])] }).path).toEqual(['rules', 1, 'op']);
    expect(bad(attr('age', 'gte', 'thirty')).path).toEqual(['value']);
    expect(bad(attr('gender', 'eq', 'other')).path).toEqual(['value']);
    expect(bad(attr('has_phone', 'eq', 'yes')).path).toEqual(['value']);
    expect(bad(attr('city', 'in', [])).message).toBe('in needs at least one value');
    expect(bad(prof('x', 'gte', true)).path).toEqual(['op']);
    expect(bad({ type: 'not', rule: { type: 'event_count', event: 'x', withinDays: 7, min: 3, max: 2 } }).path).toEqual(['rule', 'max']);
    expect(bad({ type: 'policy', coverAtLeast: 10, coverAtMost: 5 }).path).toEqual(['coverAtLeast']);
    expect(bad({ type: 'policy', orphan: true, status: 'lapsed' }).path).toEqual(['orphan']);
    let deep: SegmentRule = attr('city', 'eq', 'x');
    for (let i = 0; i <= ruleLimits.depth; i++) deep = { type: 'not', rule: deep };
    expect(bad(deep).message).toMatch(/nest at most/);
    const wide: SegmentRule = { type: 'any', rules: Array.from({ length: 2 }, () => ({ type: 'all', rules: Array.from({ length: 50 }, () => attr('city', 'eq', 'x')) }) as SegmentRule) };
    expect(bad({ type: 'all', rules: [wide, attr('city', 'eq', 'y')] }).message).toMatch(/at most 100 conditions/);

    const http = ruleValidationError(bad({ type: 'all', rules: [attr('age', 'in', ['1'])] }), 'body.rule');
    expect(http.code).toBe('validation_failed');
    expect(http.message).toBe('body.rule.rules.0.op: age takes eq, neq, gte or lte');
    expect(http.details).toEqual([{ path: 'body.rule.rules.0.op', message: 'age takes eq, neq, gte or lte' }]);
  });

  it('lists the filtered counters and tags a rule reads', () => {
    const rule: SegmentRule = {
      type: 'all',
      rules: [
        { type: 'event_count', event: 'view_product', where: { product: 'CI' }, withinDays: 7, min: 1 },
        { type: 'event_count', event: 'view_product', where: { product: 'CI' }, withinDays: 30, min: 3 },
        { type: 'event_count', event: '$pageview', withinDays: 7, min: 1 },
        { type: 'not', rule: { type: 'tag', tag: '重疾险', group: '保险需求' } },
      ],
    };
    expect(ruleCounters(rule)).toEqual([{ key: counterKey('view_product', { product: 'CI' }), event: 'view_product', where: { product: 'CI' } }]);
    expect(ruleTags(rule)).toEqual([{ path: ['rules', 3, 'rule'], tag: '重疾险', group: '保险需求' }]);
  });
});

describe('compileRule for MySQL', () => {
  const mysql: RuleContext = { ...ctx, dbType: 'mysql' };
  it('unquotes JSON strings and checks JSON types the MySQL way', () => {
    const { sql, params } = compileRule({ type: 'profile', key: 'plan', op: 'eq', value: 'gold' }, mysql);
    expect(sql).toContain('JSON_UNQUOTE(');
    expect(sql).toContain("'STRING'");
    expect(sql).not.toContain('json_type(');
    expect(params).toEqual(['$."plan"', '$."plan"', 'gold']);
    const flag = compileRule({ type: 'profile', key: 'vip', op: 'eq', value: true }, mysql);
    expect(flag.sql).toContain("= 'BOOLEAN'");
    expect(flag.sql).toContain("= 'true'");
  });

  it('keeps one parameter per placeholder for every rule type', () => {
    const rules: SegmentRule[] = [
      { type: 'profile', key: 'score', op: 'gte', value: 3 },
      { type: 'profile', key: 'tags', op: 'in', value: ['a', 'b'] },
      { type: 'profile', key: 'vip', op: 'neq', value: false },
      { type: 'attribute', field: 'age', op: 'eq', value: 30 },
      { type: 'tag', tag: 'x', group: 'g', sources: ['manual'] },
      { type: 'event_count', event: 'e', withinDays: 7, min: 1, max: 3 },
      { type: 'streak', event: 'e', min: 2 },
      { type: 'policy', line: 'life', status: 'active', orphan: false, coverAtLeast: 1, coverAtMost: 2, none: true },
    ];
    for (const dbType of ['sqlite', 'mysql'] as const) {
      for (const rule of rules) {
        const { sql, params } = compileRule(rule, { ...ctx, dbType });
        expect(sql.split('?').length - 1).toBe(params.length);
        expect(params.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
      }
    }
  });
});

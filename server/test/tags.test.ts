import { ActivityRepository } from '../src/customers/activity.repository';
import { ActivityCount } from '../src/customers/activity-count.entity';
import { ActivityStreak } from '../src/customers/activity-streak.entity';
import { BehaviourRuleRepository } from '../src/customers/behaviour-rule.repository';
import { defaultBehaviourRules, BehaviourRuleService } from '../src/customers/behaviour-rule.service';
import { counterKey, eventCounterKey } from '../src/customers/counter-key';
import { TagDictionaryRepository } from '../src/customers/tag-dictionary.repository';
import { TagDictionaryService } from '../src/customers/tag-dictionary.service';
import type { CustomerTagsChange } from '../src/customers/tagging.service';
import { defaultTagDictionary } from '@lodestar/shared';
import { addDays, localDay } from '../src/platform/local-day';
import { startTestServer, type TestServer } from './support/server';

const DAY = 86_400_000;

interface TagView {
  name: string;
  group: string;
  source: string;
  evidence: string | null;
}

describe(`tag dictionary, manual tags and behaviour rules on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let base: string;
  let admin: string;
  let agent: string;
  let dictionary: TagDictionaryService;
  let rules: BehaviourRuleService;
  let corpId: string;
  const changes: Array<CustomerTagsChange & { origin: string }> = [];
  const rulesChanged: string[] = [];

  const call = async (method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const view = async (id: string): Promise<{ tags: TagView[]; timeline: Array<{ kind: string; summary: string }> }> => {
    const res = await call('GET', `/api/customers/${id}`, undefined, admin);
    expect(res.status).toBe(200);
    return res.body;
  };
  const tagOf = async (id: string, name: string) => (await view(id)).tags.find((t) => t.name === name);
  const dictionaryGroups = async (): Promise<Array<{ id: string; key: string; name: string; tags: Array<{ id: string; name: string; customers: number; wecomTagId: string | null }> }>> => {
    const res = await call('GET', '/api/tags', undefined, admin);
    expect(res.status).toBe(200);
    return res.body.groups;
  };
  const today = () => localDay(s.running.container.clock.now(), 'Asia/Shanghai');
  const count = (customerId: string, key: string, day: string, n: number): ActivityCount => ({ customerId, counterKey: key, day, corpId, count: n });
  const used = new Set<string>();
  /** Customers with none of these tags that no earlier test picked. */
  const customersWithout = async (names: string[], n: number): Promise<string[]> => {
    // Earlier tests changed tags, and each change queues a background refresh of that customer:
    // let it finish first, or it may evaluate the picked customer between this test's writes.
    await s.running.container.customerRefresh.drain();
    const list = (await call('GET', '/api/customers?limit=200', undefined, admin)).body.items as Array<{ id: string; tags: string[] }>;
    // The demo gives most customers recent events (its lead history): take ones without any.
    const busy = new Set((await s.ds.query<{ customer_id: string }[]>('SELECT DISTINCT customer_id FROM activity_count')).map((r) => r.customer_id));
    const picked = list.filter((c) => !used.has(c.id) && !busy.has(c.id) && !c.tags.some((t) => names.includes(t))).slice(0, n).map((c) => c.id);
    for (const id of picked) used.add(id);
    return picked;
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 100 });
    const c = s.running.container;
    corpId = s.running.corpId;
    const ruleRepo = new BehaviourRuleRepository(c.ds);
    const dictionaryRepo = new TagDictionaryRepository(c.ds);
    const activity = new ActivityRepository(c.ds);
    dictionary = new TagDictionaryService({ repo: dictionaryRepo, rules: ruleRepo, tagging: c.tagging, clock: c.clock, ids: c.ids, wecom: c.wecom });
    rules = new BehaviourRuleService({ rules: ruleRepo, dictionary: dictionaryRepo, activity, tagging: c.tagging, clock: c.clock, ids: c.ids, onChanged: (id) => rulesChanged.push(id) });
    // HTTP goes to the product's own routes; the services above share its database for direct checks.
    base = s.url;
    c.bus.on('customer.tags_changed', (e) => {
      changes.push(e);
    });
    await s.running.wecomTenant!.ready();
    admin = await s.login('admin');
    agent = await s.login('agent001');
  });
  afterAll(() => s.close());

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/tags', '/api/tags/{id}', '/api/tag-groups', '/api/tag-groups/{id}', '/api/behaviour-rules', '/api/behaviour-rules/{id}', '/api/customers/{id}/tags', '/api/customers/{id}/tags/{tagId}', '/api/customers/{id}/activity']),
    );
    expect(Object.keys(doc.paths['/api/tags/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
  });

  describe('the dictionary', () => {
    it('lists the default insurance groups with how many customers carry each tag, to every staff role', async () => {
      const groups = await dictionaryGroups();
      expect(groups.map((g) => g.key)).toEqual(expect.arrayContaining(['insurance_need', 'employment', 'family_stage', 'budget', 'objection', 'channel', 'activity']));
      const need = groups.find((g) => g.key === 'insurance_need')!;
      expect(need.tags.map((t) => t.name)).toEqual(['重疾险', '医疗险', '意外险', '寿险', '养老/年金', '教育金']);
      const [row] = await s.ds.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM customer_tag WHERE tag_id = ?', [need.tags[0]!.id]);
      expect(need.tags[0]!.customers).toBe(Number(row!.n));
      expect(groups.flatMap((g) => g.tags).reduce((sum, t) => sum + t.customers, 0)).toBeGreaterThan(0);
      expect((await call('GET', '/api/tags', undefined, agent)).status).toBe(200);
    });

    it('lets an admin add a group and a tag (created in WeCom too), rename it, and refuses duplicates with 409', async () => {
      const group = await call('POST', '/api/tag-groups', { key: 'hobby', name: '兴趣爱好', source: 'manual' }, admin);
      expect(group.status).toBe(201);
      expect(group.body).toMatchObject({ key: 'hobby', name: '兴趣爱好', source: 'manual', tags: [] });
      expect((await call('POST', '/api/tag-groups', { key: 'hobby', name: '别的名字', source: 'manual' }, admin)).status).toBe(409);
      expect((await call('POST', '/api/tag-groups', { key: 'hobby2', name: '兴趣爱好', source: 'manual' }, admin)).status).toBe(409);

      const golf = await call('POST', '/api/tags', { groupId: group.body.id, name: '高尔夫' }, admin);
      expect(golf.status).toBe(201);
      expect(golf.body).toMatchObject({ name: '高尔夫', groupId: group.body.id, customers: 0, wecomTagId: expect.any(String) });
      const dup = await call('POST', '/api/tags', { groupId: group.body.id, name: '高尔夫' }, admin);
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toContain('高尔夫');
      // The same name in another group is fine.
      const other = (await dictionaryGroups()).find((g) => g.key === 'objection')!;
      expect((await call('POST', '/api/tags', { groupId: other.id, name: '高尔夫' }, admin)).status).toBe(201);

      const tenant = s.running.wecomTenant!;
      expect(tenant.tags.list().find((g) => g.name === '兴趣爱好')?.tags.map((t) => t.name)).toEqual(['高尔夫']);

      const renamed = await call('PATCH', `/api/tags/${golf.body.id}`, { name: '网球', sort: 3 }, admin);
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: '网球', sort: 3 });
      expect(tenant.tags.list().find((g) => g.name === '兴趣爱好')?.tags.map((t) => t.name)).toEqual(['网球']);
      const second = await call('POST', '/api/tags', { groupId: group.body.id, name: '钓鱼' }, admin);
      expect((await call('PATCH', `/api/tags/${second.body.id}`, { name: '网球' }, admin)).status).toBe(409);

      const regrouped = await call('PATCH', `/api/tag-groups/${group.body.id}`, { name: '爱好' }, admin);
      expect(regrouped.status).toBe(200);
      expect(regrouped.body.tags.map((t: { name: string }) => t.name)).toEqual(['网球', '钓鱼']);
      expect(tenant.tags.list().some((g) => g.name === '爱好')).toBe(true);
      expect((await call('PATCH', `/api/tag-groups/${group.body.id}`, { name: '异议' }, admin)).status).toBe(409);
      expect((await call('PATCH', '/api/tags/no-such-tag', { name: 'x' }, admin)).status).toBe(404);
    });

    it('creates the default dictionary and rules once for a new corp, even when two processes race', async () => {
      const c = s.running.container;
      const fresh = 'corp-fresh-0001';
      expect(await dictionary.ensureDefaults(fresh, c.clock.now())).toBe(true);
      expect(await dictionary.ensureDefaults(fresh, c.clock.now())).toBe(false);
      // A second process that also saw no groups loses on the unique group keys and keeps nothing of its own.
      const repo = new TagDictionaryRepository(c.ds);
      repo.hasGroups = async () => false;
      const late = new TagDictionaryService({ repo, rules: new BehaviourRuleRepository(c.ds), tagging: c.tagging, clock: c.clock, ids: c.ids });
      expect(await late.ensureDefaults(fresh, c.clock.now())).toBe(false);
      const groups = await dictionary.list(fresh);
      expect(groups.map((g) => g.name)).toEqual(defaultTagDictionary.map((g) => g.name));
      expect(groups.flatMap((g) => g.tags)).toHaveLength(defaultTagDictionary.flatMap((g) => g.tags).length);
      const created = await Promise.all([rules.ensureDefaults(fresh, c.clock.now()), rules.ensureDefaults(fresh, c.clock.now())]);
      expect(created[0] + created[1]).toBe(defaultBehaviourRules.length);
      expect(await rules.list(fresh)).toHaveLength(defaultBehaviourRules.length);
      expect(rulesChanged).toContain(fresh);
    });

    it('deletes the last tag of a group in WeCom too, and a new tag brings the group back there', async () => {
      const tenant = s.running.wecomTenant!;
      const pets = (await call('POST', '/api/tag-groups', { key: 'pets', name: '宠物', source: 'manual' }, admin)).body;
      const cat = (await call('POST', '/api/tags', { groupId: pets.id, name: '猫' }, admin)).body;
      expect(tenant.tags.list().find((g) => g.name === '宠物')?.tags.map((t) => t.name)).toEqual(['猫']);
      expect((await call('DELETE', `/api/tags/${cat.id}`, undefined, admin)).body).toEqual({ removedFromCustomers: 0 });
      expect(tenant.tags.list().some((g) => g.name === '宠物')).toBe(false);
      const dog = await call('POST', '/api/tags', { groupId: pets.id, name: '狗' }, admin);
      expect(dog.status).toBe(201);
      expect(tenant.tags.list().find((g) => g.name === '宠物')?.tags.map((t) => t.name)).toEqual(['狗']);
    });

    it('does not let an agent or a team lead edit it (403)', async () => {
      const groups = await dictionaryGroups();
      const lead = await s.login('lead01');
      for (const token of [agent, lead]) {
        expect((await call('POST', '/api/tag-groups', { key: 'nope', name: '不行', source: 'manual' }, token)).status).toBe(403);
        expect((await call('POST', '/api/tags', { groupId: groups[0]!.id, name: '不行' }, token)).status).toBe(403);
        expect((await call('PATCH', `/api/tags/${groups[0]!.tags[0]!.id}`, { name: '不行' }, token)).status).toBe(403);
        expect((await call('DELETE', `/api/tags/${groups[0]!.tags[0]!.id}`, undefined, token)).status).toBe(403);
      }
      expect((await dictionaryGroups())[0]!.tags[0]!.name).toBe(groups[0]!.tags[0]!.name);
    });

    it('deletes a tag used by customers: gone from their view, reported to the change hook and WeCom', async () => {
      const family = (await dictionaryGroups()).find((g) => g.key === 'family_stage')!;
      const tag = [...family.tags].sort((a, b) => b.customers - a.customers)[0]!;
      expect(tag.customers).toBeGreaterThan(0);
      const carriers = (await call('GET', `/api/customers?tag=${encodeURIComponent(tag.name)}&limit=200`, undefined, admin)).body.items as Array<{ id: string }>;
      const someone = carriers[0]!.id;
      expect(await tagOf(someone, tag.name)).toBeDefined();
      changes.length = 0;

      const res = await call('DELETE', `/api/tags/${tag.id}`, undefined, admin);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ removedFromCustomers: tag.customers });
      expect(await tagOf(someone, tag.name)).toBeUndefined();
      expect((await dictionaryGroups()).find((g) => g.key === 'family_stage')!.tags.map((t) => t.name)).not.toContain(tag.name);
      expect(changes.filter((c) => c.removed.includes(tag.id)).map((c) => c.customerId).sort()).toEqual(carriers.map((c) => c.id).sort());
      expect(changes.every((c) => c.origin === 'lodestar')).toBe(true);
      expect(s.running.wecomTenant!.tags.list().flatMap((g) => g.tags).some((t) => t.id === tag.wecomTagId)).toBe(false);
      expect((await call('DELETE', `/api/tags/${tag.id}`, undefined, admin)).status).toBe(404);
    });
  });

  describe('manual tags', () => {
    let me: string;
    let own: string;
    let foreign: string;
    beforeAll(async () => {
      me = (await call('GET', '/api/auth/me', undefined, agent)).body.id;
      const list = (await call('GET', '/api/customers?limit=200', undefined, admin)).body.items as Array<{ id: string; ownerStaffId: string | null; tags: string[] }>;
      own = list.find((c) => c.ownerStaffId === me && !c.tags.includes('寿险') && !c.tags.includes('教育金'))!.id;
      foreign = list.find((c) => c.ownerStaffId && c.ownerStaffId !== me && !c.tags.includes('寿险'))!.id;
    });

    it('lets an agent tag their own customer: source manual, the note as evidence, told to the hook', async () => {
      await s.running.container.customerRefresh.drain();
      changes.length = 0;
      const res = await call('POST', `/api/customers/${own}/tags`, { tag: '寿险', evidence: '客户说想给父母买一份' }, agent);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ added: true, tag: { name: '寿险', group: '保险需求', source: 'manual' } });
      expect(await tagOf(own, '寿险')).toMatchObject({ group: '保险需求', source: 'manual', evidence: '客户说想给父母买一份' });
      // Behaviour tags may still be settling in the background (this customer's too, refreshed after
      // the manual tag): look at the change that carries the manual tag, told once.
      expect(changes.filter((c) => c.customerId === own && c.added.includes(res.body.tag.id))).toEqual([expect.objectContaining({ customerId: own, added: [res.body.tag.id], removed: [] })]);
      expect((await view(own)).timeline.some((e) => e.kind === 'customer.tag_added' && e.summary.includes('保险需求/寿险'))).toBe(true);

      const plain = await call('POST', `/api/customers/${own}/tags`, { tag: '教育金', group: 'insurance_need' }, agent);
      expect(plain.body.added).toBe(true);
      expect(await tagOf(own, '教育金')).toMatchObject({ source: 'manual', evidence: 'added by agent001' });
      // Once is enough: the second time changes nothing.
      const again = await call('POST', `/api/customers/${own}/tags`, { tag: '寿险', evidence: 'again' }, agent);
      expect(again.body).toMatchObject({ added: false, tag: { source: 'manual' } });
      expect((await view(own)).tags.filter((t) => t.name === '寿险')).toHaveLength(1);
    });

    it('answers 404 for another agent’s customer, as the customer view does, and changes nothing', async () => {
      expect((await call('GET', `/api/customers/${foreign}`, undefined, agent)).status).toBe(404);
      const res = await call('POST', `/api/customers/${foreign}/tags`, { tag: '寿险' }, agent);
      expect(res.status).toBe(404);
      expect(await tagOf(foreign, '寿险')).toBeUndefined();
      const need = (await dictionaryGroups()).find((g) => g.key === 'insurance_need')!;
      expect((await call('DELETE', `/api/customers/${foreign}/tags/${need.tags[0]!.id}`, undefined, agent)).status).toBe(404);
      expect((await call('GET', `/api/customers/${foreign}/activity`, undefined, agent)).status).toBe(404);
    });

    it('refuses a tag not in the dictionary, and an ambiguous name without a group (400)', async () => {
      const unknown = await call('POST', `/api/customers/${own}/tags`, { tag: '防癌险' }, agent);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('防癌险');
      // 高尔夫 is in the objection group since the dictionary test; now in the hobby group too.
      const hobby = (await dictionaryGroups()).find((g) => g.key === 'hobby')!;
      expect((await call('POST', '/api/tags', { groupId: hobby.id, name: '高尔夫' }, admin)).status).toBe(201);
      const ambiguous = await call('POST', `/api/customers/${own}/tags`, { tag: '高尔夫' }, agent);
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.message).toContain('group');
      expect((await call('POST', `/api/customers/${own}/tags`, { tag: '高尔夫', group: '异议' }, agent)).body.added).toBe(true);
    });

    it('lets the agent take a tag off their customer, whatever its source', async () => {
      const lifeId = (await call('POST', `/api/customers/${own}/tags`, { tag: '寿险' }, agent)).body.tag.id;
      changes.length = 0;
      const res = await call('DELETE', `/api/customers/${own}/tags/${lifeId}`, undefined, agent);
      expect(res.status).toBe(200);
      expect(await tagOf(own, '寿险')).toBeUndefined();
      expect(changes).toEqual([expect.objectContaining({ customerId: own, added: [], removed: [lifeId] })]);
      expect((await call('DELETE', `/api/customers/${own}/tags/${lifeId}`, undefined, agent)).status).toBe(404);
    });
  });

  describe('behaviour rules', () => {
    const ciKey = counterKey('view_product', { product_line: 'critical_illness' });

    it('creates the default rules once, lists them, and counts their product-line filters', async () => {
      // Bootstrap may have created them already once it runs ensureDefaults; either way there is one set.
      await rules.ensureDefaults(corpId, s.running.container.clock.now());
      expect(await rules.ensureDefaults(corpId, s.running.container.clock.now())).toBe(0);
      const list = await call('GET', '/api/behaviour-rules', undefined, agent);
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(defaultBehaviourRules.length);
      expect(list.body.items.find((r: { name: string }) => r.name === '重疾险兴趣').definition).toEqual({
        event: 'view_product',
        where: { product_line: 'critical_illness' },
        min: 2,
        withinDays: 7,
        tag: { group: '保险需求', name: '重疾险' },
        removeWhenFalse: false,
      });
      const filtered = await rules.filteredCounters(corpId);
      expect(filtered.map((f) => f.key)).toContain(ciKey);
      expect(filtered.find((f) => f.key === ciKey)).toEqual({ key: ciKey, event: 'view_product', where: { product_line: 'critical_illness' } });
      expect(filtered.some((f) => f.event === '$AppStart')).toBe(false);
    });

    it('validates rules: the tag must be in the dictionary (400 naming it); admins only write', async () => {
      const input = { name: '防癌兴趣', definition: { event: 'view_product', where: { product_line: 'cancer' }, min: 1, withinDays: 3, tag: { group: '保险需求', name: '防癌险' } } };
      const res = await call('POST', '/api/behaviour-rules', input, admin);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('保险需求/防癌险');
      expect((await call('POST', '/api/behaviour-rules', { ...input, definition: { ...input.definition, tag: { group: '保险需求', name: '意外险' } } }, agent)).status).toBe(403);
      const created = await call('POST', '/api/behaviour-rules', { ...input, definition: { ...input.definition, tag: { group: 'insurance_need', name: '意外险' } } }, admin);
      expect(created.status).toBe(201);
      // Ingestion starts counting what the new rule needs.
      expect((await s.running.container.behaviourRules.filteredCounters(corpId)).map((f) => f.where)).toContainEqual({ product_line: 'cancer' });
      expect(created.body).toMatchObject({ name: '防癌兴趣', enabled: true, definition: { removeWhenFalse: false } });
      expect((await call('POST', '/api/behaviour-rules', { ...input, definition: { ...input.definition, tag: { group: '保险需求', name: '意外险' } } }, admin)).status).toBe(409);
      const disabled = await call('PUT', `/api/behaviour-rules/${created.body.id}`, { ...created.body, id: undefined, updatedAt: undefined, enabled: false }, admin);
      expect(disabled.status).toBe(200);
      expect(disabled.body.enabled).toBe(false);
      expect((await call('DELETE', `/api/behaviour-rules/${created.body.id}`, undefined, admin)).status).toBe(200);
      expect((await call('PUT', `/api/behaviour-rules/${created.body.id}`, input, admin)).status).toBe(404);
    });

    it('refuses to delete a tag a rule gives (409 naming the rule), and a rename carries the rules along', async () => {
      const need = (await dictionaryGroups()).find((g) => g.key === 'insurance_need')!;
      const ci = need.tags.find((t) => t.name === '重疾险')!;
      const res = await call('DELETE', `/api/tags/${ci.id}`, undefined, admin);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('重疾险兴趣');
      const still = (await dictionaryGroups()).find((g) => g.key === 'insurance_need')!.tags.find((t) => t.id === ci.id);
      expect(still).toMatchObject({ name: '重疾险', customers: ci.customers });

      const edu = need.tags.find((t) => t.name === '教育金')!;
      expect((await call('PATCH', `/api/tags/${edu.id}`, { name: '子女教育金' }, admin)).status).toBe(200);
      const rule = (await call('GET', '/api/behaviour-rules', undefined, admin)).body.items.find((r: { name: string }) => r.name === '教育金兴趣');
      expect(rule.definition.tag).toEqual({ group: '保险需求', name: '子女教育金' });
      expect((await call('PATCH', `/api/tags/${edu.id}`, { name: '教育金' }, admin)).status).toBe(200);
    });

    it('tags a customer who viewed critical-illness products twice in 7 days, not one who viewed once', async () => {
      const [twice, once] = await customersWithout(['重疾险', '高活跃', '中活跃'], 2);
      const day = today();
      await s.ds.getRepository(ActivityCount).insert([
        count(twice!, ciKey, addDays(day, -5), 1),
        count(twice!, ciKey, day, 1),
        count(twice!, eventCounterKey('view_product'), day, 3),
        count(once!, ciKey, day, 1),
        // Outside the window: 7 days back counts for nothing.
        count(once!, ciKey, addDays(day, -7), 4),
      ]);
      changes.length = 0;
      const summary = await rules.evaluate(corpId, [twice!, once!, 'no-such-customer'], s.running.container.clock.now());
      expect(summary).toEqual({ customers: 2, added: 1, removed: 0 });
      const tag = await tagOf(twice!, '重疾险');
      expect(tag).toMatchObject({ group: '保险需求', source: 'behaviour' });
      expect(tag!.evidence).toBe('浏览重疾险产品 2 次 / 7 天 (rule: 重疾险兴趣)');
      expect(await tagOf(once!, '重疾险')).toBeUndefined();
      expect(changes).toEqual([expect.objectContaining({ customerId: twice, removed: [] })]);
      // Evaluating again changes nothing and never duplicates.
      expect(await rules.evaluate(corpId, [twice!, once!], s.running.container.clock.now())).toEqual({ customers: 2, added: 0, removed: 0 });
      expect((await view(twice!)).tags.filter((t) => t.name === '重疾险')).toHaveLength(1);
    });

    it('shows a customer’s events for 7 and 30 days and their streaks as of today', async () => {
      const [someone] = await customersWithout(['重疾险', '高活跃', '中活跃'], 1);
      const day = today();
      await s.ds.getRepository(ActivityCount).insert([
        count(someone!, eventCounterKey('check_in'), day, 1),
        count(someone!, eventCounterKey('check_in'), addDays(day, -1), 1),
        count(someone!, eventCounterKey('check_in'), addDays(day, -20), 1),
        count(someone!, eventCounterKey('$AppStart'), addDays(day, -10), 2),
        count(someone!, eventCounterKey('$AppStart'), addDays(day, -31), 9),
      ]);
      await s.ds.getRepository(ActivityStreak).insert([
        { customerId: someone!, counterKey: eventCounterKey('check_in'), corpId, current: 2, best: 6, lastDay: day },
        { customerId: someone!, counterKey: eventCounterKey('$AppStart'), corpId, current: 4, best: 4, lastDay: addDays(day, -10) },
      ]);
      const res = await call('GET', `/api/customers/${someone}/activity`, undefined, admin);
      expect(res.status).toBe(200);
      expect(res.body.today).toBe(day);
      expect(res.body.events).toEqual([
        { event: 'check_in', last7: 2, last30: 3 },
        { event: '$AppStart', last7: 0, last30: 2 },
      ]);
      expect(res.body.streaks).toEqual([
        { counter: 'event:$AppStart', event: '$AppStart', current: 0, best: 4, lastDay: addDays(day, -10) },
        { counter: 'event:check_in', event: 'check_in', current: 2, best: 6, lastDay: day },
      ]);
    });

    it('takes an activity tag off once its counts leave the window, but never a conversation tag or a need', async () => {
      const [active, talked] = await customersWithout(['重疾险', '高活跃', '中活跃'], 2);
      const c = s.running.container;
      const mid = (await dictionaryGroups()).find((g) => g.key === 'activity')!.tags.find((t) => t.name === '中活跃')!;
      await c.tagging.apply(corpId, talked!, { add: [{ tagId: mid.id, source: 'conversation', evidence: '客户说每天都打开 App' }] }, c.clock.now());
      const day = today();
      await s.ds.getRepository(ActivityCount).insert([count(active!, eventCounterKey('$AppStart'), day, 2), count(active!, ciKey, day, 2)]);
      expect(await rules.evaluate(corpId, [active!, talked!], c.clock.now())).toEqual({ customers: 2, added: 2, removed: 0 });
      expect(await tagOf(active!, '中活跃')).toMatchObject({ source: 'behaviour', evidence: '打开 App 2 次 / 7 天 (rule: 中活跃)' });
      expect(await tagOf(active!, '高活跃')).toBeUndefined();
      expect(await tagOf(talked!, '中活跃')).toMatchObject({ source: 'conversation', evidence: '客户说每天都打开 App' });

      const activity = (await dictionaryGroups()).find((g) => g.key === 'activity')!.tags.filter((t) => t.name === '高活跃' || t.name === '中活跃');
      const behaviourRows = async (source: string) =>
        Number((await s.ds.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM customer_tag WHERE tag_id IN (?, ?) AND source = ?', [activity[0]!.id, activity[1]!.id, source]))[0]!.n);
      const conversational = await behaviourRows('conversation');
      expect(await behaviourRows('behaviour')).toBeGreaterThanOrEqual(1);

      // Seven days on, the two app starts are out of the 7-day window.
      expect((await s.post('/api/sandbox/clock', { advanceMs: 7 * DAY })).status).toBe(200);
      admin = await s.login('admin');
      const swept = await rules.sweep(corpId, c.clock.now());
      expect(swept.added).toBe(0);
      // Every activity tag a rule gave is gone (the demo tenant's came with no counts behind them).
      expect(await behaviourRows('behaviour')).toBe(0);
      expect(await behaviourRows('conversation')).toBe(conversational);
      expect(await tagOf(active!, '中活跃')).toBeUndefined();
      // The need stays: its rule does not remove.
      expect(await tagOf(active!, '重疾险')).toMatchObject({ source: 'behaviour' });
      expect(await rules.evaluate(corpId, [talked!], c.clock.now())).toEqual({ customers: 1, added: 0, removed: 0 });
      expect(await tagOf(talked!, '中活跃')).toMatchObject({ source: 'conversation' });
    });
  });
});

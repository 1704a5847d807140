import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../src/db/audit-log.entity';
import {
  ActivityCount,
  ActivityStreak,
  Customer,
  CustomerFollow,
  CustomerGroup,
  CustomerGroupMember,
  CustomerIdentity,
  CustomerMerge,
  CustomerTag,
  GroupMemberEvent,
  newCustomerRecord,
  Policy,
  Product,
  Segment,
  SegmentMember,
  Tag,
} from '../src/customers';
import { Handover } from '../src/customers/handover.entity';
import { CustomerAlreadyMergedError, CustomerMergeRepository } from '../src/customers/customer-merge.repository';
import { SandboxOutbox } from '../src/sandbox/sandbox-outbox.entity';
import { TrackingEvent } from '../src/tracking/tracking-event.entity';
import { startTestServer, type TestServer } from './support/server';

const at = (iso: string) => new Date(iso);
let seq = 0;
const nextId = () => `merge-test-${String(++seq).padStart(6, '0')}`;

describe(`merging customers on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let ds: DataSource;
  let corpId: string;
  let admin: string;
  const repo = new CustomerMergeRepository();
  const ids = { survivor: 'cm-survivor', visitor: 'cm-visitor', login: 'cm-login', older: 'cm-older-merged' };
  const staff: Record<string, string> = {};
  const tags: Record<string, string> = {};

  const count = async (sql: string, params: unknown[] = []) => Number((await ds.query<Array<{ n: number | string }>>(sql, params))[0]!.n);
  const rowsOf = async (table: string, customerIds: string[]) => count(`SELECT COUNT(*) AS n FROM ${table} WHERE customer_id IN (${customerIds.map(() => '?').join(',')})`, customerIds);
  const all = () => [ids.survivor, ids.visitor, ids.login];

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 5 });
    ds = s.ds;
    corpId = s.running.corpId;
    admin = await s.login('admin');
    for (const u of ['agent001', 'agent002']) staff[u] = (await ds.query<Array<{ id: string }>>('SELECT id FROM staff_member WHERE username = ?', [u]))[0]!.id;
    for (const name of ['重疾险', '医疗险', '高活跃']) tags[name] = (await ds.getRepository(Tag).findOneByOrFail({ corpId, name })).id;
    const product = (await ds.getRepository(Product).find({ where: { corpId }, order: { code: 'ASC' }, take: 1 }))[0]!;

    await ds.transaction(async (em: EntityManager) => {
      await em.insert(Customer, [
        newCustomerRecord({
          id: ids.survivor,
          corpId,
          name: '张伟',
          gender: 'male',
          ownerStaffId: staff.agent001!,
          stage: 'online_interaction',
          profile: JSON.stringify({ city: '上海' }),
          createdAt: at('2026-01-01T00:00:00Z'),
        }),
        newCustomerRecord({
          id: ids.visitor,
          corpId,
          name: '访客 3f2a',
          stage: 'analysis',
          stageChangedAt: at('2026-01-09T00:00:00Z'),
          profile: JSON.stringify({ city: '北京', plan: 'gold' }),
          createdAt: at('2025-12-01T00:00:00Z'),
        }),
        newCustomerRecord({ id: ids.login, corpId, name: 'u-1001', birthDate: '1990-05-01', archiveConsent: true, createdAt: at('2025-12-15T00:00:00Z') }),
        // A record merged into the visitor earlier: its pointer must follow the visitor to the survivor.
        newCustomerRecord({ id: ids.older, corpId, name: '访客 0001', mergedIntoId: ids.visitor, createdAt: at('2025-11-01T00:00:00Z') }),
      ]);
      await em.insert(CustomerMerge, { id: nextId(), corpId, survivorId: ids.visitor, mergedId: ids.older, reason: 'identify', eventKey: null, detail: null, at: at('2025-12-01T00:00:00Z') });
      const identity = (customerId: string, kind: CustomerIdentity['kind'], value: string): CustomerIdentity => ({ id: nextId(), corpId, customerId, kind, value, createdAt: at('2026-01-01T00:00:00Z') });
      await em.insert(CustomerIdentity, [
        identity(ids.survivor, 'external_userid', 'wmMergeSurvivor'),
        identity(ids.visitor, 'anonymous_id', 'anon-3f2a'),
        identity(ids.visitor, 'distinct_id', 'd-3f2a'),
        identity(ids.login, 'login_id', 'u-1001'),
        identity(ids.login, 'phone_hash', 'ph-7f00c0ffee'),
        identity(ids.login, 'unionid', 'oUnionLogin'),
        identity(ids.login, 'external_userid', 'wmMergeLoginAlt'),
      ]);
      const tag = (customerId: string, name: string, over: Partial<CustomerTag>): CustomerTag => ({
        id: nextId(),
        customerId,
        tagId: tags[name]!,
        source: 'behaviour',
        evidence: null,
        confidence: null,
        createdAt: at('2026-01-05T00:00:00Z'),
        expiresAt: null,
        ...over,
      });
      await em.insert(CustomerTag, [
        tag(ids.survivor, '重疾险', { source: 'model', confidence: 0.6, evidence: 'model v3', createdAt: at('2026-01-02T00:00:00Z') }),
        tag(ids.visitor, '重疾险', { source: 'manual', evidence: '坐席确认', createdAt: at('2026-01-06T00:00:00Z') }),
        tag(ids.visitor, '高活跃', { createdAt: at('2026-01-07T00:00:00Z') }),
        tag(ids.login, '高活跃', { createdAt: at('2026-01-03T00:00:00Z') }),
        tag(ids.login, '医疗险', { source: 'conversation', evidence: '我想给孩子买医疗险', confidence: 0.9 }),
      ]);
      const event = (customerId: string, n: number, day: string): TrackingEvent => ({
        id: nextId(),
        corpId,
        eventKey: `ev-${customerId}-${n}`,
        customerId,
        source: 'sensors',
        project: null,
        type: 'track',
        name: 'view',
        occurredAt: at(`${day}T02:00:00Z`),
        receivedAt: at(`${day}T02:00:01Z`),
        distinctId: null,
        properties: null,
      });
      await em.insert(TrackingEvent, [
        event(ids.survivor, 1, '2026-01-10'),
        event(ids.survivor, 2, '2026-01-10'),
        ...[1, 2, 3].map((n) => event(ids.visitor, n, '2026-01-10')),
        event(ids.login, 1, '2026-01-11'),
      ]);
      const daily = (customerId: string, counterKey: string, day: string, n: number): ActivityCount => ({ customerId, counterKey, day, corpId, count: n });
      await em.insert(ActivityCount, [
        daily(ids.survivor, 'event:view', '2026-01-10', 2),
        daily(ids.visitor, 'event:view', '2026-01-10', 3),
        daily(ids.visitor, 'event:signup', '2026-01-09', 1),
        daily(ids.login, 'event:view', '2026-01-11', 1),
      ]);
      await em.insert(ActivityStreak, [
        { customerId: ids.survivor, counterKey: 'event:view', corpId, current: 1, best: 5, lastDay: '2026-01-10' },
        { customerId: ids.login, counterKey: 'event:view', corpId, current: 2, best: 2, lastDay: '2026-01-11' },
        { customerId: ids.visitor, counterKey: 'event:signup', corpId, current: 1, best: 1, lastDay: '2026-01-09' },
      ]);
      const segment = (id: string, name: string): Segment => ({ id, corpId, name, description: null, rule: '{}', memberCount: 0, refreshedAt: null, createdAt: at('2026-01-01T00:00:00Z'), updatedAt: at('2026-01-01T00:00:00Z') });
      await em.insert(Segment, [segment('cm-seg-a', '合并测试 A'), segment('cm-seg-b', '合并测试 B')]);
      await em.insert(SegmentMember, [
        { segmentId: 'cm-seg-a', customerId: ids.survivor, corpId, enteredAt: at('2026-01-08T00:00:00Z') },
        { segmentId: 'cm-seg-a', customerId: ids.visitor, corpId, enteredAt: at('2026-01-04T00:00:00Z') },
        { segmentId: 'cm-seg-b', customerId: ids.login, corpId, enteredAt: at('2026-01-05T00:00:00Z') },
      ]);
      await em.insert(Policy, {
        id: 'cm-policy',
        corpId,
        customerId: ids.login,
        productId: product.id,
        policyNo: 'CM-MERGE-0001',
        coverAmount: 500000,
        annualPremium: 6800,
        status: 'active',
        startDate: '2025-06-01',
        endDate: null,
        agentStaffId: staff.agent001!,
        orphanedAt: null,
      });
      const follow = (id: string, customerId: string, staffId: string, status: CustomerFollow['status'], updated: string): CustomerFollow => ({
        id,
        corpId,
        customerId,
        staffId,
        status,
        state: null,
        half: false,
        remark: null,
        description: null,
        addWay: null,
        wecomTagIds: null,
        addedAt: at('2025-12-20T00:00:00Z'),
        endedAt: status === 'active' ? null : at(updated),
        updatedAt: at(updated),
      });
      await em.insert(CustomerFollow, [
        follow('cm-follow-s1', ids.survivor, staff.agent001!, 'active', '2026-01-01T00:00:00Z'),
        // More recent, but ended: the survivor's active relationship with the same agent wins.
        follow('cm-follow-l1', ids.login, staff.agent001!, 'deleted_by_customer', '2026-01-09T00:00:00Z'),
        follow('cm-follow-l2', ids.login, staff.agent002!, 'active', '2026-01-02T00:00:00Z'),
      ]);
      await em.insert(CustomerGroup, {
        id: 'cm-group',
        corpId,
        chatId: 'wrMergeGroup',
        name: '合并测试群',
        ownerStaffId: staff.agent001!,
        ownerUserId: 'agent001',
        notice: null,
        tags: null,
        status: 'active',
        memberCount: 2,
        customerCount: 2,
        createdAt: at('2025-12-01T00:00:00Z'),
        dismissedAt: null,
        syncedAt: at('2026-01-01T00:00:00Z'),
      });
      const member = (id: string, customerId: string, memberId: string): CustomerGroupMember => ({
        id,
        corpId,
        groupId: 'cm-group',
        memberId,
        kind: 'customer',
        customerId,
        name: memberId,
        joinScene: 3,
        invitorUserId: null,
        status: 'in',
        joinedAt: at('2026-01-03T00:00:00Z'),
        leftAt: null,
      });
      await em.insert(CustomerGroupMember, [member('cm-member-s', ids.survivor, 'wmMergeSurvivor'), member('cm-member-l', ids.login, 'wmMergeLoginAlt')]);
      await em.insert(GroupMemberEvent, { id: 'cm-gme', corpId, groupId: 'cm-group', memberId: 'wmMergeLoginAlt', customerId: ids.login, kind: 'join', scene: 3, at: at('2026-01-03T00:00:00Z') });
      await em.insert(Handover, {
        id: 'cm-handover',
        corpId,
        batchId: 'cm-batch',
        kind: 'customer',
        fromStaffId: staff.agent002!,
        toStaffId: staff.agent001!,
        subjectId: 'wmMergeLoginAlt',
        customerId: ids.login,
        resigned: false,
        status: 'done',
        errcode: null,
        reason: null,
        requestedAt: at('2026-01-04T00:00:00Z'),
        finishedAt: at('2026-01-04T00:02:00Z'),
        updatedAt: at('2026-01-04T00:02:00Z'),
      });
      await em.insert(SandboxOutbox, { id: 'cm-outbox', channel: 'sms', recipient: '138****0000', customerId: ids.visitor, content: { text: 'hi' }, sentAt: at('2026-01-05T00:00:00Z') });
      await em.insert(AuditLog, {
        id: 'cm-audit-visitor',
        corpId,
        actorType: 'system',
        actorId: null,
        action: 'customer.tagged',
        targetType: 'customer',
        targetId: ids.visitor,
        detail: { note: '重疾险 by 坐席确认' },
        ip: null,
        at: at('2026-01-06T00:00:00Z'),
      });
    });
  });
  afterAll(() => s.close());

  it('refuses a merge naming a missing customer and changes nothing', async () => {
    await expect(
      ds.transaction((em) => repo.merge(em, { corpId, survivorId: ids.survivor, mergedIds: [ids.visitor, 'cm-nobody'], reason: 'identify', eventKey: null, at: at('2026-01-12T00:00:00Z'), id: nextId })),
    ).rejects.toThrow(/no such customer.*cm-nobody/);
    expect(await rowsOf('tracking_event', [ids.visitor])).toBe(3);
  });

  it("writes only through the caller's transaction: a rollback undoes the whole merge", async () => {
    await expect(
      ds.transaction(async (em) => {
        const summary = await repo.merge(em, { corpId, survivorId: ids.survivor, mergedIds: [ids.visitor, ids.login], reason: 'identify', eventKey: null, at: at('2026-01-12T00:00:00Z'), id: nextId });
        expect(summary.moved.tracking_event).toBe(4);
        throw new Error('caller failed after the merge');
      }),
    ).rejects.toThrow('caller failed after the merge');
    expect(await rowsOf('tracking_event', [ids.visitor, ids.login])).toBe(4);
    expect(await rowsOf('customer_identity', [ids.visitor, ids.login])).toBe(6);
    expect(await rowsOf('activity_count', [ids.survivor])).toBe(1);
    expect(await ds.getRepository(Customer).countBy({ mergedIntoId: ids.survivor })).toBe(0);
    expect(await ds.getRepository(CustomerMerge).countBy({ survivorId: ids.survivor })).toBe(0);
  });

  it('folds two customers into the survivor: identities, events, counts, tags, relationships, groups and history', async () => {
    const identitiesBefore = await rowsOf('customer_identity', all());
    const eventsBefore = await count('SELECT COUNT(*) AS n FROM tracking_event');
    const countSumBefore = await count(`SELECT COALESCE(SUM(a.count), 0) AS n FROM activity_count a WHERE a.customer_id IN (?, ?, ?)`, all());

    const summary = await ds.transaction((em) =>
      repo.merge(em, { corpId, survivorId: ids.survivor, mergedIds: [ids.visitor, ids.login], reason: 'identify', eventKey: 'ev-bind-1', at: at('2026-01-12T00:00:00Z'), id: nextId }),
    );

    expect(summary.survivorId).toBe(ids.survivor);
    expect(summary.moved).toMatchObject({ handover: 1, sandbox_outbox: 1, audit_log: 1, segment_member: 2, customer_group_member: 1, group_member_event: 1, customer_identity: 6, tracking_event: 4, customer_tag: 4, activity_count: 3, activity_streak: 2, policy: 1, customer_follow: 2, customer: 1 });

    // Every identity on the survivor, none lost.
    expect(await rowsOf('customer_identity', [ids.survivor])).toBe(identitiesBefore);
    expect(await rowsOf('customer_identity', [ids.visitor, ids.login])).toBe(0);

    // Events: the same rows, all on the survivor.
    expect(await count('SELECT COUNT(*) AS n FROM tracking_event')).toBe(eventsBefore);
    expect(await rowsOf('tracking_event', [ids.survivor])).toBe(6);

    // Daily counts summed exactly: 2 + 3 = 5 on the shared day, the rest moved, nothing left behind.
    const counts = await ds.getRepository(ActivityCount).find({ where: { customerId: ids.survivor }, order: { counterKey: 'ASC', day: 'ASC' } });
    expect(counts.map((c) => [c.counterKey, c.day, Number(c.count)])).toEqual([
      ['event:signup', '2026-01-09', 1],
      ['event:view', '2026-01-10', 5],
      ['event:view', '2026-01-11', 1],
    ]);
    expect(counts.reduce((n, c) => n + Number(c.count), 0)).toBe(countSumBefore);
    expect(await rowsOf('activity_count', [ids.visitor, ids.login])).toBe(0);

    // Streaks: the latest running streak, the best of all.
    const streaks = await ds.getRepository(ActivityStreak).find({ where: { customerId: ids.survivor }, order: { counterKey: 'ASC' } });
    expect(streaks.map((r) => [r.counterKey, r.current, r.best, r.lastDay])).toEqual([
      ['event:signup', 1, 1, '2026-01-09'],
      ['event:view', 2, 5, '2026-01-11'],
    ]);

    // Tags: one row per tag; the human's word beats the model's, the earliest sighting dates it.
    const tagRows = await ds.getRepository(CustomerTag).find({ where: { customerId: ids.survivor } });
    const byTag = new Map(tagRows.map((t) => [t.tagId, t]));
    expect(tagRows).toHaveLength(3);
    expect(byTag.get(tags['重疾险']!)).toMatchObject({ source: 'manual', evidence: '坐席确认', confidence: null, createdAt: at('2026-01-02T00:00:00Z') });
    expect(byTag.get(tags['高活跃']!)).toMatchObject({ source: 'behaviour', createdAt: at('2026-01-03T00:00:00Z') });
    expect(byTag.get(tags['医疗险']!)).toMatchObject({ source: 'conversation', evidence: '我想给孩子买医疗险' });
    expect(await rowsOf('customer_tag', [ids.visitor, ids.login])).toBe(0);

    // One relationship per agent: the active one with agent001 stays, agent002's moves over.
    const follows = await ds.getRepository(CustomerFollow).find({ where: { customerId: ids.survivor }, order: { id: 'ASC' } });
    expect(follows.map((f) => [f.id, f.staffId, f.status])).toEqual([
      ['cm-follow-l2', staff.agent002, 'active'],
      ['cm-follow-s1', staff.agent001, 'active'],
    ]);
    expect(await rowsOf('customer_follow', [ids.visitor, ids.login])).toBe(0);

    // Segments: one membership each, from the earliest entry.
    const segments = await ds.getRepository(SegmentMember).find({ where: { customerId: ids.survivor }, order: { segmentId: 'ASC' } });
    expect(segments.map((m) => [m.segmentId, m.enteredAt.toISOString()])).toEqual([
      ['cm-seg-a', '2026-01-04T00:00:00.000Z'],
      ['cm-seg-b', '2026-01-05T00:00:00.000Z'],
    ]);

    // Everything else that points at a customer.
    for (const table of ['policy', 'customer_group_member', 'group_member_event', 'handover', 'sandbox_outbox']) expect([table, await rowsOf(table, [ids.visitor, ids.login])]).toEqual([table, 0]);
    expect(await rowsOf('customer_group_member', [ids.survivor])).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE target_type = 'customer' AND target_id IN (?, ?)", [ids.visitor, ids.login])).toBe(0);

    // The survivor's columns; the losers are pointers now, and so is the record merged earlier.
    const survivor = await ds.getRepository(Customer).findOneByOrFail({ id: ids.survivor });
    expect(survivor).toMatchObject({ name: '张伟', gender: 'male', birthDate: '1990-05-01', ownerStaffId: staff.agent001, stage: 'analysis', archiveConsent: true, mergedIntoId: null });
    expect(survivor.createdAt).toEqual(at('2025-12-01T00:00:00Z'));
    expect(survivor.stageChangedAt).toEqual(at('2026-01-09T00:00:00Z'));
    expect(JSON.parse(survivor.profile!)).toEqual({ city: '上海', plan: 'gold' });
    const pointers = await ds.getRepository(Customer).find({ where: [{ id: ids.visitor }, { id: ids.login }, { id: ids.older }], order: { id: 'ASC' } });
    expect(pointers.map((c) => c.mergedIntoId)).toEqual([ids.survivor, ids.survivor, ids.survivor]);

    const merges = await ds.getRepository(CustomerMerge).find({ where: { survivorId: ids.survivor }, order: { mergedId: 'ASC' } });
    expect(merges.map((m) => [m.mergedId, m.reason, m.eventKey])).toEqual([
      [ids.login, 'identify', 'ev-bind-1'],
      [ids.visitor, 'identify', 'ev-bind-1'],
    ]);
    expect(merges[1]!.detail).toMatchObject({ name: '访客 3f2a', moved: { tracking_event: 3, customer_tag: 2, customer_identity: 2 } });
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'customer.merged', targetId: ids.survivor });
    expect(audit.detail!.note).toBe('merged 访客 3f2a (3 events, 2 tags) and u-1001 (1 event, 2 tags, 1 policy, 2 relationships, 1 group membership) into 张伟');
  });

  it('follows merge chains to the live customer and refuses to merge a record that is gone', async () => {
    const live = await ds.transaction((em) => repo.resolveMerged(em, [ids.older, ids.visitor, ids.login, ids.survivor, 'cm-nobody']));
    expect(Object.fromEntries(live)).toEqual({ [ids.older]: ids.survivor, [ids.visitor]: ids.survivor, [ids.login]: ids.survivor, [ids.survivor]: ids.survivor });

    const again = (survivorId: string, mergedIds: string[]) =>
      ds.transaction((em) => repo.merge(em, { corpId, survivorId, mergedIds, reason: 'identify', eventKey: null, at: at('2026-01-13T00:00:00Z'), id: nextId }));
    await expect(again(ids.survivor, [ids.visitor])).rejects.toBeInstanceOf(CustomerAlreadyMergedError);
    await expect(again(ids.login, [ids.survivor])).rejects.toThrow(`Customer already merged into another: ${ids.login}`);
    expect(await ds.getRepository(CustomerMerge).countBy({ survivorId: ids.survivor })).toBe(2);
  });

  it("answers 404 for a merged customer while the survivor's view shows everything", async () => {
    expect((await s.get(`/api/customers/${ids.visitor}`, admin)).status).toBe(404);
    expect((await s.get(`/api/customers/${ids.login}`, admin)).status).toBe(404);
    const res = await s.get(`/api/customers/${ids.survivor}`, admin);
    expect(res.status).toBe(200);
    const view = res.body;
    expect(view.name).toBe('张伟');
    expect(view.identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`).sort()).toEqual(
      ['anonymous_id:anon-3f2a', 'distinct_id:d-3f2a', 'external_userid:wmMergeSurvivor', 'login_id:u-1001', 'external_userid:wmMergeLoginAlt', 'phone_hash:ph-7f00c0ffee', 'unionid:oUnionLogin'].sort(),
    );
    expect(view.tags.map((t: { name: string; source: string }) => `${t.name}/${t.source}`).sort()).toEqual(['医疗险/conversation', '重疾险/manual', '高活跃/behaviour']);
    expect(view.policies.map((p: { policyNo: string }) => p.policyNo)).toEqual(['CM-MERGE-0001']);
    expect(view.relationships.map((r: { agent: { userId: string }; status: string }) => `${r.agent.userId}:${r.status}`).sort()).toEqual(['agent001:active', 'agent002:active']);
    expect(view.groups.map((g: { chatId: string; kind: string }) => `${g.chatId}:${g.kind}`)).toEqual(['wrMergeGroup:join']);
    const timeline = view.timeline.map((e: { kind: string; summary: string }) => e.summary);
    expect(timeline).toContain('customer.tagged: 重疾险 by 坐席确认');
    expect(timeline[0]).toMatch(/^customer\.merged: merged 访客 3f2a \(3 events, 2 tags\) and u-1001 /);
    // The list no longer shows the merged records either.
    const list = await s.get('/api/customers?distinctId=d-3f2a', admin);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([ids.survivor]);
  });
});

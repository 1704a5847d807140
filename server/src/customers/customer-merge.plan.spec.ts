import {
  isPlaceholderName,
  mergeCustomerFields,
  mergeDailyCounts,
  mergeFollows,
  mergeProfiles,
  mergeSegmentMembers,
  mergeStreaks,
  mergeTags,
  pickSurvivor,
  type DailyCountRow,
  type MergeCandidate,
  type MergeableCustomer,
  type MergeTagRow,
} from './customer-merge.plan';

const at = (iso: string) => new Date(iso);

/** Every order of a small list (merges join two or three records). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('pickSurvivor', () => {
  const candidate = (id: string, over: Partial<MergeCandidate> = {}): MergeCandidate => ({
    id,
    createdAt: at('2026-01-01T00:00:00Z'),
    hasExternalUserId: false,
    ownerStaffId: null,
    identityCount: 1,
    policyCount: 0,
    ...over,
  });
  const alwaysPicks = (expected: string, candidates: MergeCandidate[]) => {
    for (const order of permutations(candidates)) expect(pickSurvivor(order)).toBe(expected);
  };

  it('prefers the record with a WeCom external_userid over an older, owned, insured one', () => {
    alwaysPicks('wecom', [
      candidate('old', { createdAt: at('2020-01-01T00:00:00Z'), ownerStaffId: 'agent-1', policyCount: 3, identityCount: 5 }),
      candidate('wecom', { hasExternalUserId: true }),
    ]);
  });

  it('then the record with an owner, then the one with policies', () => {
    alwaysPicks('owned', [candidate('insured', { policyCount: 2, createdAt: at('2020-01-01T00:00:00Z') }), candidate('owned', { ownerStaffId: 'agent-1' })]);
    alwaysPicks('insured', [candidate('a-older', { createdAt: at('2020-01-01T00:00:00Z') }), candidate('insured', { policyCount: 1 })]);
  });

  it('then the oldest, then the smallest id, whatever order the candidates come in', () => {
    alwaysPicks('c', [candidate('a'), candidate('b'), candidate('c', { createdAt: at('2025-12-31T23:59:59.999Z') })]);
    alwaysPicks('a', [candidate('c'), candidate('a'), candidate('b')]);
  });

  it('does not rank by identity count, and refuses an empty list', () => {
    alwaysPicks('a', [candidate('a', { identityCount: 1 }), candidate('b', { identityCount: 9 })]);
    expect(() => pickSurvivor([])).toThrow('no merge candidates');
  });
});

describe('mergeCustomerFields', () => {
  const customer = (id: string, over: Partial<MergeableCustomer> = {}): MergeableCustomer => ({
    id,
    name: `访客 ${id}`,
    gender: 'unknown',
    birthDate: null,
    city: null,
    timezone: null,
    ownerStaffId: null,
    stage: 'interest',
    stageChangedAt: null,
    archiveConsent: false,
    phoneCipher: null,
    phoneMasked: null,
    profile: null,
    createdAt: at('2026-01-01T00:00:00Z'),
    identityValues: [],
    ...over,
  });

  it("keeps the survivor's own values and fills only its gaps from the losers", () => {
    const survivor = customer('s', { name: '张伟', gender: 'male', city: '上海', ownerStaffId: 'agent-1', phoneCipher: 'enc-s', phoneMasked: '138****0001' });
    const loser = customer('l', { name: '张先生', gender: 'female', city: '北京', birthDate: '1990-05-01', timezone: 'Asia/Shanghai', ownerStaffId: 'agent-2', phoneCipher: 'enc-l', phoneMasked: '139****0002' });
    const merged = mergeCustomerFields(survivor, [loser]);
    expect(merged).toMatchObject({ name: '张伟', gender: 'male', city: '上海', birthDate: '1990-05-01', timezone: 'Asia/Shanghai', ownerStaffId: 'agent-1' });
    expect([merged.phoneCipher, merged.phoneMasked]).toEqual(['enc-s', '138****0001']);
    // A survivor without a phone takes the loser's cipher and mask together.
    const noPhone = mergeCustomerFields(customer('s'), [loser]);
    expect([noPhone.phoneCipher, noPhone.phoneMasked, noPhone.ownerStaffId, noPhone.gender]).toEqual(['enc-l', '139****0002', 'agent-2', 'female']);
  });

  it('replaces a placeholder name (访客…, or an identifier) with the first real name among the losers, oldest first', () => {
    const survivor = customer('s', { name: 'wmABC123', identityValues: ['wmABC123'] });
    const anonymous = customer('l1', { name: 'anon-42', identityValues: ['anon-42'], createdAt: at('2025-01-01T00:00:00Z') });
    const older = customer('l2', { name: '王芳', createdAt: at('2025-06-01T00:00:00Z') });
    const newer = customer('l3', { name: '王女士', createdAt: at('2025-09-01T00:00:00Z') });
    expect(mergeCustomerFields(survivor, [newer, anonymous, older]).name).toBe('王芳');
    // Nobody has a real name: the survivor keeps its placeholder.
    expect(mergeCustomerFields(customer('s', { name: '访客 3f2a' }), [anonymous]).name).toBe('访客 3f2a');
    // A loser's name that is the survivor's identifier is a placeholder too.
    const visitor = customer('s', { name: '访客 1', identityValues: ['wmABC123'] });
    expect(mergeCustomerFields(visitor, [customer('l', { name: 'wmABC123' }), customer('m', { name: '李雷', createdAt: at('2027-01-01T00:00:00Z') })]).name).toBe('李雷');
    expect(isPlaceholderName('  ', new Set())).toBe(true);
    expect(isPlaceholderName('访客3f2a', new Set())).toBe(true);
    expect(isPlaceholderName('张伟', new Set(['wm1']))).toBe(false);
  });

  it('takes the furthest stage with its change time, consent if anyone gave it, the earliest creation', () => {
    const survivor = customer('s', { stage: 'online_interaction', stageChangedAt: at('2026-01-02T00:00:00Z'), createdAt: at('2026-01-01T00:00:00Z') });
    const a = customer('a', { stage: 'need_clarified', stageChangedAt: at('2026-01-03T00:00:00Z'), archiveConsent: true, createdAt: at('2025-03-01T00:00:00Z') });
    const b = customer('b', { stage: 'analysis', createdAt: at('2025-05-01T00:00:00Z') });
    const merged = mergeCustomerFields(survivor, [b, a]);
    expect(merged.stage).toBe('need_clarified');
    expect(merged.stageChangedAt).toEqual(at('2026-01-03T00:00:00Z'));
    expect(merged.archiveConsent).toBe(true);
    expect(merged.createdAt).toEqual(at('2025-03-01T00:00:00Z'));
    // A loser at the same stage does not take over the survivor's change time.
    expect(mergeCustomerFields(survivor, [customer('c', { stage: 'online_interaction', stageChangedAt: at('2020-01-01T00:00:00Z') })]).stageChangedAt).toEqual(
      at('2026-01-02T00:00:00Z'),
    );
  });

  it('merges profiles key by key, the survivor winning conflicts, then the older loser', () => {
    const survivor = customer('s', { profile: JSON.stringify({ city: '上海', vip: true }) });
    const older = customer('l1', { profile: JSON.stringify({ city: '北京', plan: 'gold', age: 30 }), createdAt: at('2025-01-01T00:00:00Z') });
    const newer = customer('l2', { profile: JSON.stringify({ plan: 'silver', channel: 'app' }), createdAt: at('2025-02-01T00:00:00Z') });
    expect(JSON.parse(mergeCustomerFields(survivor, [newer, older]).profile!)).toEqual({ city: '上海', vip: true, plan: 'gold', age: 30, channel: 'app' });
    expect(mergeProfiles([null, 'not json', '[1,2]', null])).toBeNull();
    expect(JSON.parse(mergeProfiles([null, '{"a":1}'])!)).toEqual({ a: 1 });
  });
});

describe('mergeTags', () => {
  const tag = (id: string, customerId: string, tagId: string, over: Partial<MergeTagRow> = {}): MergeTagRow => ({
    id,
    customerId,
    tagId,
    source: 'behaviour',
    evidence: null,
    confidence: null,
    createdAt: at('2026-01-10T00:00:00Z'),
    expiresAt: null,
    ...over,
  });

  it('moves tags only the loser has and keeps one row for a tag both have', () => {
    const plan = mergeTags([tag('s1', 's', 'T1')], [tag('l1', 'l', 'T1'), tag('l2', 'l', 'T2')]);
    expect(plan).toEqual({ move: ['l2'], delete: ['l1'], update: [] });
  });

  it("lets a manual tag on the loser win over the survivor's model tag, kept in the survivor's row", () => {
    const plan = mergeTags(
      [tag('s1', 's', 'T1', { source: 'model', confidence: 0.62, evidence: 'model v3', createdAt: at('2026-01-01T00:00:00Z') })],
      [tag('l1', 'l', 'T1', { source: 'manual', evidence: '坐席手动打标', createdAt: at('2026-01-05T00:00:00Z') })],
    );
    expect(plan.move).toEqual([]);
    expect(plan.delete).toEqual(['l1']);
    // The model's confidence is not carried onto a human's tag; the tag dates from its first sighting.
    expect(plan.update).toEqual([{ id: 's1', source: 'manual', evidence: '坐席手动打标', confidence: null, createdAt: at('2026-01-01T00:00:00Z'), expiresAt: null }]);
  });

  it('follows manual > static > conversation > model > behaviour across three records', () => {
    const rows = (sources: MergeTagRow['source'][]) => sources.map((source, i) => tag(`r${i}`, `c${i}`, 'T', { source }));
    const winner = (sources: MergeTagRow['source'][]) => {
      const [s, ...l] = rows(sources);
      const plan = mergeTags([s!], l);
      return plan.update[0]?.source ?? s!.source;
    };
    expect(winner(['behaviour', 'static', 'conversation'])).toBe('static');
    expect(winner(['model', 'conversation', 'behaviour'])).toBe('conversation');
    expect(winner(['behaviour', 'model', 'behaviour'])).toBe('model');
    expect(winner(['static', 'conversation', 'manual'])).toBe('manual');
  });

  it('keeps the higher confidence and the later expiry among rows of the winning source', () => {
    const plan = mergeTags(
      [],
      [
        tag('l1', 'l1', 'T', { source: 'model', confidence: 0.4, expiresAt: at('2026-02-01T00:00:00Z'), createdAt: at('2026-01-02T00:00:00Z') }),
        tag('l2', 'l2', 'T', { source: 'model', confidence: 0.9, expiresAt: at('2026-03-01T00:00:00Z'), createdAt: at('2026-01-03T00:00:00Z'), evidence: 'v4' }),
      ],
    );
    // The earliest row of the winning source is the one moved; it takes the better values.
    expect(plan.move).toEqual(['l1']);
    expect(plan.delete).toEqual(['l2']);
    expect(plan.update).toEqual([{ id: 'l1', source: 'model', evidence: 'v4', confidence: 0.9, createdAt: at('2026-01-02T00:00:00Z'), expiresAt: at('2026-03-01T00:00:00Z') }]);
  });

  it('ends with exactly one row per tag, each row either kept, moved or deleted', () => {
    const survivor = [tag('s1', 's', 'A', { source: 'static' }), tag('s2', 's', 'B')];
    const losers = [tag('a1', 'a', 'A', { source: 'manual' }), tag('a2', 'a', 'C'), tag('b1', 'b', 'C', { source: 'conversation' }), tag('b2', 'b', 'B'), tag('b3', 'b', 'D')];
    const plan = mergeTags(survivor, losers);
    const kept = [...survivor.map((t) => t.id), ...plan.move];
    const remaining = kept.filter((id) => !plan.delete.includes(id));
    expect(remaining.sort()).toEqual(['b1', 'b3', 's1', 's2']);
    expect(plan.delete.length + remaining.length).toBe(survivor.length + losers.length);
    expect(plan.update.map((u) => [u.id, u.source])).toEqual([['s1', 'manual']]);
  });
});

describe('mergeDailyCounts', () => {
  const row = (customerId: string, counterKey: string, day: string, count: number): DailyCountRow => ({ customerId, counterKey, day, corpId: 'corp', count });
  const total = (rows: DailyCountRow[]) => rows.reduce((n, r) => n + r.count, 0);

  it('sums the same counter and day (2 + 3 = 5) and moves the rest to the survivor', () => {
    const plan = mergeDailyCounts('s', [row('s', 'event:view', '2026-01-10', 2)], [row('l', 'event:view', '2026-01-10', 3), row('l', 'event:view', '2026-01-11', 1)]);
    expect(plan.update).toEqual([row('s', 'event:view', '2026-01-10', 5)]);
    expect(plan.insert).toEqual([row('s', 'event:view', '2026-01-11', 1)]);
  });

  it('counts every event exactly once across a three-way merge', () => {
    const survivor = [row('s', 'event:view', '2026-01-10', 2), row('s', 'event:buy', '2026-01-10', 1), row('s', 'event:view', '2026-01-09', 7)];
    const losers = [
      row('a', 'event:view', '2026-01-10', 3),
      row('b', 'event:view', '2026-01-10', 4),
      row('b', 'event:buy', '2026-01-12', 2),
      row('a', 'event:share', '2026-01-10', 1),
      row('b', 'event:share', '2026-01-10', 6),
    ];
    const plan = mergeDailyCounts('s', survivor, losers);
    const untouched = survivor.filter((r) => !plan.update.some((u) => u.counterKey === r.counterKey && u.day === r.day));
    const after = [...untouched, ...plan.update, ...plan.insert];
    expect(total(after)).toBe(total(survivor) + total(losers));
    expect(after.every((r) => r.customerId === 's')).toBe(true);
    expect(new Set(after.map((r) => `${r.counterKey}|${r.day}`)).size).toBe(after.length);
    expect(plan.update).toEqual([row('s', 'event:view', '2026-01-10', 9)]);
    expect(plan.insert).toEqual(expect.arrayContaining([row('s', 'event:share', '2026-01-10', 7), row('s', 'event:buy', '2026-01-12', 2)]));
  });
});

describe('mergeStreaks', () => {
  const streak = (customerId: string, counterKey: string, current: number, best: number, lastDay: string) => ({ customerId, counterKey, corpId: 'corp', current, best, lastDay });

  it('keeps the streak seen last, the longer on the same day, and the best of all', () => {
    const plan = mergeStreaks(
      's',
      [streak('s', 'checkin', 4, 4, '2026-01-09'), streak('s', 'open', 2, 10, '2026-01-10')],
      [streak('l', 'checkin', 1, 12, '2026-01-10'), streak('l', 'open', 5, 5, '2026-01-10'), streak('l', 'share', 3, 3, '2026-01-08')],
    );
    expect(plan.update).toEqual(expect.arrayContaining([streak('s', 'checkin', 1, 12, '2026-01-10'), streak('s', 'open', 5, 10, '2026-01-10')]));
    expect(plan.insert).toEqual([streak('s', 'share', 3, 3, '2026-01-08')]);
  });

  it('leaves a survivor streak that is already the latest and best untouched', () => {
    expect(mergeStreaks('s', [streak('s', 'checkin', 6, 9, '2026-01-10')], [streak('l', 'checkin', 2, 3, '2026-01-04')])).toEqual({ insert: [], update: [] });
  });
});

describe('mergeSegmentMembers and mergeFollows', () => {
  it('keeps one membership per segment, dated from the earliest entry', () => {
    const m = (segmentId: string, customerId: string, iso: string) => ({ segmentId, customerId, corpId: 'corp', enteredAt: at(iso) });
    const plan = mergeSegmentMembers('s', [m('seg1', 's', '2026-01-05T00:00:00Z')], [m('seg1', 'a', '2026-01-01T00:00:00Z'), m('seg2', 'a', '2026-01-03T00:00:00Z'), m('seg2', 'b', '2026-01-02T00:00:00Z')]);
    expect(plan.update).toEqual([m('seg1', 's', '2026-01-01T00:00:00Z')]);
    expect(plan.insert).toEqual([m('seg2', 's', '2026-01-02T00:00:00Z')]);
  });

  it('keeps one relationship per agent: the active one, else the most recent', () => {
    const f = (id: string, customerId: string, staffId: string, status: string, updated: string) => ({ id, customerId, staffId, status, addedAt: at('2025-01-01T00:00:00Z'), updatedAt: at(updated) });
    const plan = mergeFollows(
      [f('s-agent1', 's', 'agent1', 'deleted_by_customer', '2026-01-09T00:00:00Z'), f('s-agent2', 's', 'agent2', 'active', '2025-06-01T00:00:00Z')],
      [
        f('l-agent1', 'l', 'agent1', 'active', '2025-01-01T00:00:00Z'),
        f('l-agent2', 'l', 'agent2', 'active', '2025-03-01T00:00:00Z'),
        f('l-agent3', 'l', 'agent3', 'deleted_by_agent', '2025-03-01T00:00:00Z'),
        f('m-agent3', 'm', 'agent3', 'deleted_by_agent', '2025-04-01T00:00:00Z'),
      ],
    );
    expect(plan.move.sort()).toEqual(['l-agent1', 'm-agent3']);
    expect(plan.delete.sort()).toEqual(['l-agent2', 'l-agent3', 's-agent1']);
  });
});

import { sopTargetSchema, type SopTarget } from '@lodestar/shared';
import { matchesTarget, nameMatcher, type SopGroupFacts } from './sop-target.plan';

const group = (name: string, extra: Partial<SopGroupFacts> = {}): SopGroupFacts => ({ name, tags: [], ownerId: 'u1', teamId: 't1', ...extra });
const groups = (t: unknown): SopTarget => sopTargetSchema.parse({ kind: 'groups', ...(t as object) });

describe('nameMatcher', () => {
  it('reads a pattern without * as a substring, regex specials as themselves', () => {
    const vip = nameMatcher('(VIP)');
    expect(vip('北京重疾(VIP)交流群')).toBe(true);
    expect(vip('北京重疾VIP交流群')).toBe(false);
    expect(nameMatcher('v1.2')('产品 v1.2 群')).toBe(true);
    expect(nameMatcher('v1.2')('产品 v1x2 群')).toBe(false);
  });

  it('reads * as any run of characters over the whole name', () => {
    const m = nameMatcher('(VIP)*群');
    expect(m('(VIP)上海车险群')).toBe(true);
    expect(m('(VIP)群')).toBe(true);
    expect(m('上海(VIP)车险群')).toBe(false);
    expect(m('(VIP)上海车险群2')).toBe(false);
  });

  it('escapes every other regex special inside a glob', () => {
    expect(nameMatcher('上海.*群')('上海.A群')).toBe(true);
    expect(nameMatcher('上海.*群')('上海A群')).toBe(false);
    expect(nameMatcher('[a]+b?*')('[a]+b?c')).toBe(true);
    expect(nameMatcher('[a]+b?*')('aab')).toBe(false);
    expect(nameMatcher('^a|b$\\*')('^a|b$\\x')).toBe(true);
    expect(nameMatcher('*{2}*')('x{2}y')).toBe(true);
    expect(nameMatcher('*{2}*')('xxy')).toBe(false);
  });

  it('ignores case', () => {
    expect(nameMatcher('vip')('VIP 客户群')).toBe(true);
    expect(nameMatcher('VIP*')('vip 客户群')).toBe(true);
  });
});

describe('matchesTarget', () => {
  it('takes every group with all: true', () => {
    expect(matchesTarget(groups({ all: true }), group('anything'))).toBe(true);
  });

  it('needs every criterion given, and any entry of each list', () => {
    const t = groups({ groupTags: ['重疾', '医疗'], namePattern: '北京*', ownerIds: ['u1', 'u2'] });
    expect(matchesTarget(t, group('北京医疗群', { tags: ['医疗'] }))).toBe(true);
    expect(matchesTarget(t, group('北京医疗群', { tags: ['车险'] }))).toBe(false);
    expect(matchesTarget(t, group('上海医疗群', { tags: ['医疗'] }))).toBe(false);
    expect(matchesTarget(t, group('北京医疗群', { tags: ['医疗'], ownerId: 'u9' }))).toBe(false);
  });

  it('matches teams by the owner’s team; a group whose owner has no team never matches', () => {
    const t = groups({ teamIds: ['t1'] });
    expect(matchesTarget(t, group('a'))).toBe(true);
    expect(matchesTarget(t, group('a', { teamId: 't2' }))).toBe(false);
    expect(matchesTarget(t, group('a', { teamId: null }))).toBe(false);
  });

  it('never matches a group to a customer plan', () => {
    expect(matchesTarget({ kind: 'customers', segmentId: 's1' }, group('a'))).toBe(false);
  });
});

import type { WecomContactOfAgent } from '../wecom';
import { isEmptyPlan, planContactImport, type KnownContacts } from './contact-import.plan';

const at = new Date('2026-11-01T08:00:00Z');
const item = (ext: string, userId: string, over: Partial<WecomContactOfAgent['follow']> = {}, name = '张三'): WecomContactOfAgent => ({
  profile: { externalUserId: ext, name, type: 1, gender: 'female', unionId: `u-${ext}`, avatar: null, corpName: null },
  follow: { userId, remark: '张三-重疾', description: '', addedAt: at, tagIds: [], remarkMobiles: [], addWay: 1, state: null, ...over },
});
const empty = (): KnownContacts => ({ customers: new Map(), staff: new Map([['agent001', 's1']]), follows: new Map(), tags: new Map([['etVIP', 't-vip'], ['etCI', 't-ci']]), unionIds: new Set() });

describe('planContactImport', () => {
  it('creates an unknown customer once even when two agents have them, with a new agent too', () => {
    const plan = planContactImport([item('wmA', 'agent001'), item('wmA', 'agent099')], empty());
    expect(plan.newCustomers).toEqual([{ externalUserId: 'wmA', name: '张三', gender: 'female', ownerUserId: 'agent001', addedAt: at }]);
    expect(plan.newStaff).toEqual(['agent099']);
    expect(plan.follows.map((f) => [f.userId, f.remark, f.activated])).toEqual([
      ['agent001', '张三-重疾', true],
      ['agent099', '张三-重疾', true],
    ]);
    expect(plan.newUnionIds).toEqual([{ externalUserId: 'wmA', unionId: 'u-wmA' }]);
  });

  it('replaces a placeholder name, keeps a real one, and plans nothing for a page it already applied', () => {
    const known = empty();
    known.customers = new Map([
      ['wmA', { id: 'c1', name: 'wmA', ownerStaffId: 's1', gender: 'unknown' as const }],
      ['wmB', { id: 'c2', name: '李四（CRM）', ownerStaffId: 's1', gender: 'male' as const }],
    ]);
    known.unionIds = new Set(['u-wmA', 'u-wmB']);
    known.follows = new Map([['c2|s1', { id: 'f2', status: 'active', remark: '张三-重疾', description: null, addWay: 1, state: null, wecomTagIds: [] }]]);
    const plan = planContactImport([item('wmA', 'agent001'), item('wmB', 'agent001')], known);
    expect(plan.customerUpdates).toEqual([{ externalUserId: 'wmA', name: '张三', gender: 'female' }]);
    expect(plan.follows.map((f) => f.externalUserId)).toEqual(['wmA']);
    known.follows = new Map([...known.follows, ['c1|s1', { id: 'f1', status: 'active', remark: '张三-重疾', description: null, addWay: 1, state: null, wecomTagIds: [] }]]);
    known.customers = new Map([...known.customers, ['wmA', { id: 'c1', name: '张三', ownerStaffId: 's1', gender: 'female' as const }]]);
    expect(isEmptyPlan(planContactImport([item('wmA', 'agent001'), item('wmB', 'agent001')], known))).toBe(true);
  });

  it('turns tags an agent added or removed in WeCom into tag changes, ignoring unlinked tags', () => {
    const known = empty();
    known.customers = new Map([['wmA', { id: 'c1', name: '张三', ownerStaffId: 's1', gender: 'female' as const }]]);
    known.unionIds = new Set(['u-wmA']);
    known.follows = new Map([['c1|s1', { id: 'f1', status: 'active', remark: '张三-重疾', description: null, addWay: 1, state: null, wecomTagIds: ['etVIP'] }]]);
    const plan = planContactImport([item('wmA', 'agent001', { tagIds: ['etCI', 'etUnknown'] })], known);
    expect(plan.tagsAdded).toEqual([{ externalUserId: 'wmA', userId: 'agent001', tagId: 't-ci' }]);
    expect(plan.tagsRemoved).toEqual([{ externalUserId: 'wmA', tagId: 't-vip' }]);
    expect(plan.follows[0]).toMatchObject({ existingId: 'f1', wecomTagIds: ['etCI', 'etUnknown'], activated: false });
  });

  it('reactivates a relationship that had ended and keeps the state from the add event', () => {
    const known = empty();
    known.customers = new Map([['wmA', { id: 'c1', name: '张三', ownerStaffId: 's1', gender: 'female' as const }]]);
    known.follows = new Map([['c1|s1', { id: 'f1', status: 'deleted_by_customer', remark: '张三-重疾', description: null, addWay: 1, state: 'live-2026', wecomTagIds: [] }]]);
    const [f] = planContactImport([item('wmA', 'agent001')], known).follows;
    expect(f).toMatchObject({ existingId: 'f1', activated: true, state: 'live-2026' });
  });
});

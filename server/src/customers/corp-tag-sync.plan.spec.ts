import type { WecomTagGroup } from '../wecom';
import { planTagSync, type LocalTagGroup } from './corp-tag-sync.plan';

const dictionary = (): LocalTagGroup[] => [
  { id: 'g-need', key: 'insurance_need', name: '保险需求', wecomGroupId: null, tags: [{ id: 't-ci', name: '重疾险', wecomTagId: null }, { id: 't-med', name: '医疗险', wecomTagId: null }] },
];
const remoteLevel: WecomTagGroup = { groupId: 'etGLevel', groupName: '客户等级', order: 1, tags: [{ id: 'etVIP', name: 'VIP', order: 1 }] };

describe('planTagSync', () => {
  it('on a first sync imports WeCom’s own groups and pushes the dictionary', () => {
    const plan = planTagSync(dictionary(), [remoteLevel]);
    expect(plan.groups).toEqual([{ localId: null, wecomGroupId: 'etGLevel', name: '客户等级' }]);
    expect(plan.tags).toEqual([{ localId: null, wecomGroupId: 'etGLevel', wecomTagId: 'etVIP', name: 'VIP' }]);
    expect(plan.push).toEqual([{ localGroupId: 'g-need', wecomGroupId: null, groupName: '保险需求', tags: [{ localId: 't-ci', name: '重疾险' }, { localId: 't-med', name: '医疗险' }] }]);
  });

  it('links a dictionary group WeCom already has by name instead of duplicating it, pushing only what is missing', () => {
    const remote: WecomTagGroup = { groupId: 'etGNeed', groupName: '保险需求', order: 1, tags: [{ id: 'etCI', name: '重疾险', order: 1 }] };
    const plan = planTagSync(dictionary(), [remote]);
    expect(plan.groups).toEqual([{ localId: 'g-need', wecomGroupId: 'etGNeed', name: '保险需求' }]);
    expect(plan.tags).toEqual([{ localId: 't-ci', wecomGroupId: 'etGNeed', wecomTagId: 'etCI', name: '重疾险' }]);
    expect(plan.push).toEqual([{ localGroupId: 'g-need', wecomGroupId: 'etGNeed', groupName: '保险需求', tags: [{ localId: 't-med', name: '医疗险' }] }]);
  });

  it('follows WeCom for imported tags (renamed, deleted) and plans nothing when both sides agree', () => {
    const local: LocalTagGroup[] = [
      { id: 'g-need', key: 'insurance_need', name: '保险需求', wecomGroupId: 'etGNeed', tags: [{ id: 't-ci', name: '重疾险', wecomTagId: 'etCI' }] },
      { id: 'g-level', key: 'wecom:etGLevel', name: '客户等级', wecomGroupId: 'etGLevel', tags: [{ id: 't-vip', name: 'VIP', wecomTagId: 'etVIP' }, { id: 't-old', name: '普通', wecomTagId: 'etOld' }] },
    ];
    const remote: WecomTagGroup[] = [
      { groupId: 'etGNeed', groupName: '保险需求', order: 1, tags: [{ id: 'etCI', name: '重疾险', order: 1 }] },
      { groupId: 'etGLevel', groupName: '客户等级', order: 2, tags: [{ id: 'etVIP', name: '尊享VIP', order: 1 }] },
    ];
    const plan = planTagSync(local, remote);
    expect(plan.tags).toEqual([{ localId: 't-vip', wecomGroupId: 'etGLevel', wecomTagId: 'etVIP', name: '尊享VIP' }]);
    expect(plan.deleteTagIds).toEqual(['t-old']);
    expect(plan.push).toEqual([]);
    const agreed = planTagSync([local[0]!], [remote[0]!]);
    expect(agreed).toEqual({ groups: [], tags: [], deleteTagIds: [], deleteGroupIds: [], unlinkTagIds: [], push: [] });
  });

  it('deletes an imported group WeCom deleted, and re-pushes a dictionary tag someone deleted in WeCom', () => {
    const local: LocalTagGroup[] = [
      { id: 'g-need', key: 'insurance_need', name: '保险需求', wecomGroupId: 'etGNeed', tags: [{ id: 't-ci', name: '重疾险', wecomTagId: 'etCI' }] },
      { id: 'g-level', key: 'wecom:etGLevel', name: '客户等级', wecomGroupId: 'etGLevel', tags: [{ id: 't-vip', name: 'VIP', wecomTagId: 'etVIP' }] },
    ];
    const plan = planTagSync(local, [{ groupId: 'etGNeed', groupName: '保险需求', order: 1, tags: [] }]);
    expect(plan.deleteGroupIds).toEqual(['g-level']);
    expect(plan.deleteTagIds).toEqual(['t-vip']);
    expect(plan.unlinkTagIds).toEqual(['t-ci']);
    expect(plan.push).toEqual([{ localGroupId: 'g-need', wecomGroupId: 'etGNeed', groupName: '保险需求', tags: [{ localId: 't-ci', name: '重疾险' }] }]);
  });
});

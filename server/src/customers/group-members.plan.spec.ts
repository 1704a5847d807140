import type { WecomGroupMember } from '../wecom';
import { diffMembers } from './group-members.plan';

const member = (userId: string, kind: 'staff' | 'customer' = 'customer'): WecomGroupMember => ({
  userId,
  kind,
  joinedAt: new Date('2026-11-01T00:00:00Z'),
  joinScene: 3,
  invitorUserId: null,
  groupNickname: '',
  name: userId,
  unionId: null,
});

describe('diffMembers', () => {
  it('finds joins, quits and returns, and leaves members who stayed alone', () => {
    const known = [
      { id: '1', memberId: 'wmStay', status: 'in' as const },
      { id: '2', memberId: 'wmGone', status: 'in' as const },
      { id: '3', memberId: 'wmBack', status: 'left' as const },
      { id: '4', memberId: 'wmStillGone', status: 'left' as const },
    ];
    const d = diffMembers(known, [member('wmStay'), member('wmBack'), member('wmNew'), member('agent001', 'staff')]);
    expect(d.joined.map((m) => m.userId)).toEqual(['wmNew', 'agent001']);
    expect(d.rejoined.map((r) => r.known.memberId)).toEqual(['wmBack']);
    expect(d.left.map((m) => m.memberId)).toEqual(['wmGone']);
  });

  it('sees everyone as joined in a group it never saw, and everyone as gone from an empty list', () => {
    expect(diffMembers([], [member('a'), member('b')]).joined).toHaveLength(2);
    expect(diffMembers([{ id: '1', memberId: 'a', status: 'in' }], []).left).toHaveLength(1);
  });
});

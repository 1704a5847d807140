import type { StaffMember } from './staff-member.entity';

/**
 * An agent WeCom mentions before the directory sync has named them: known by their WeCom user id,
 * a junior agent without a team or a sign-in until then.
 */
export function unsyncedAgent(id: string, corpId: string, wecomUserId: string, at: Date): StaffMember {
  return {
    id,
    corpId,
    teamId: null,
    wecomUserId,
    name: wecomUserId,
    role: 'agent',
    seniority: 'junior',
    yearsOfService: 0,
    skills: [],
    status: 'active',
    capacity: null,
    weight: null,
    workingHours: null,
    leftAt: null,
    username: null,
    passwordHash: null,
    createdAt: at,
    updatedAt: at,
  };
}

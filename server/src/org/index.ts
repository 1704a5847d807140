export { Corp } from './corp.entity';
export { Team } from './team.entity';
export { StaffMember } from './staff-member.entity';
export { StaffRepository } from './staff.repository';
export { unsyncedAgent } from './unsynced-staff';

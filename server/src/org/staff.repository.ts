import type { DataSource } from 'typeorm';
import { Corp } from './corp.entity';
import { StaffMember } from './staff-member.entity';
import { Team } from './team.entity';

export class StaffRepository {
  constructor(private readonly ds: DataSource) {}

  findByUsername(username: string): Promise<StaffMember | null> {
    return this.ds.getRepository(StaffMember).findOne({ where: { username } });
  }

  findById(id: string): Promise<StaffMember | null> {
    return this.ds.getRepository(StaffMember).findOne({ where: { id } });
  }

  findByWecomUserId(corpId: string, wecomUserId: string): Promise<StaffMember | null> {
    return this.ds.getRepository(StaffMember).findOne({ where: { corpId, wecomUserId } });
  }

  listByCorp(corpId: string): Promise<StaffMember[]> {
    return this.ds.getRepository(StaffMember).find({ where: { corpId }, order: { id: 'ASC' } });
  }

  teams(corpId: string): Promise<Team[]> {
    return this.ds.getRepository(Team).find({ where: { corpId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Marks a staff member as gone (WeCom's delete_user); true when they were active. */
  async markLeft(corpId: string, wecomUserId: string, at: Date): Promise<boolean> {
    const res = await this.ds.getRepository(StaffMember).update({ corpId, wecomUserId, status: 'active' }, { status: 'left', leftAt: at, updatedAt: at });
    return (res.affected ?? 0) > 0;
  }

  async insert(staff: StaffMember): Promise<void> {
    await this.ds.getRepository(StaffMember).insert(staff);
  }

  async setPassword(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.ds.getRepository(StaffMember).update({ id }, { passwordHash, updatedAt: at });
  }

  findCorpByWecomId(wecomCorpId: string): Promise<Corp | null> {
    return this.ds.getRepository(Corp).findOne({ where: { wecomCorpId } });
  }

  async insertCorp(corp: Corp): Promise<void> {
    await this.ds.getRepository(Corp).insert(corp);
  }

  activeAgents(corpId: string): Promise<StaffMember[]> {
    return this.ds.getRepository(StaffMember).find({ where: { corpId, status: 'active', role: 'agent' }, order: { wecomUserId: 'ASC' } });
  }
}

import type { IdGenerator } from '../platform/ids';
import type { Principal } from '../platform/http/principal';
import { customerScope } from './customer-scope';
import { DomainError, notFound } from '../platform/errors';
import { WecomApiError, type WecomApiPort, type WecomGroupChat } from '../wecom';
import type { CustomerGroup } from './customer-group.entity';
import { diffMembers } from './group-members.plan';
import type { GroupListFilter, GroupRepository } from './group.repository';

export interface GroupChange {
  groupId: string;
  joined: Array<{ memberId: string; customerId: string | null }>;
  left: Array<{ memberId: string; customerId: string | null }>;
}

/** Customer groups from WeCom: synced on each group callback and in the full sync. */
export class GroupService {
  constructor(
    private readonly repo: GroupRepository,
    private readonly wecom: WecomApiPort,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * Reads the group from WeCom and records who joined and left since we last looked. The quit
   * scene comes from the callback (WeCom's member list cannot say why someone is gone); when an
   * earlier refresh already saw them go, the callback's scene is filled in afterwards.
   */
  async refresh(corpId: string, chatId: string, at: Date, hint: { quitScene?: number | null; memberIds?: string[] } = {}): Promise<GroupChange | null> {
    let chat: WecomGroupChat;
    try {
      chat = await this.wecom.getGroupChat(chatId);
    } catch (error) {
      if (error instanceof WecomApiError && error.code === 'not_found') {
        await this.dismiss(corpId, chatId, at);
        return null;
      }
      throw error;
    }
    const existing = await this.repo.byChatId(corpId, chatId);
    const ownerStaffId = await this.repo.staffIdByUserId(corpId, chat.ownerUserId);
    const customers = chat.members.filter((m) => m.kind === 'customer');
    const group = await this.repo.save({
      id: existing?.id ?? this.ids.next(),
      corpId,
      chatId,
      name: (chat.name || '未命名群').slice(0, 100),
      ownerStaffId,
      ownerUserId: chat.ownerUserId,
      notice: chat.notice ? chat.notice.slice(0, 1000) : null,
      tags: existing?.tags ?? null,
      status: 'active',
      memberCount: chat.members.length,
      customerCount: customers.length,
      createdAt: chat.createdAt,
      dismissedAt: null,
      syncedAt: at,
    });
    const knownRows = await this.repo.members(group.id);
    const rowById = new Map(knownRows.map((m) => [m.id, m]));
    const changes = diffMembers(knownRows, chat.members);
    const customerIds = await this.repo.customerIds(corpId, [...changes.joined, ...changes.rejoined.map((r) => r.member)].filter((m) => m.kind === 'customer').map((m) => m.userId));
    const result: GroupChange = { groupId: group.id, joined: [], left: [] };
    for (const m of changes.joined) {
      const customerId = m.kind === 'customer' ? (customerIds.get(m.userId) ?? null) : null;
      const fresh = await this.repo.insertMember({
        id: this.ids.next(),
        corpId,
        groupId: group.id,
        memberId: m.userId,
        kind: m.kind,
        customerId,
        name: (m.groupNickname || m.name || m.userId).slice(0, 100),
        joinScene: m.joinScene,
        invitorUserId: m.invitorUserId,
        status: 'in',
        joinedAt: m.joinedAt,
        leftAt: null,
      });
      if (!fresh) continue;
      await this.repo.recordEvent({ id: this.ids.next(), corpId, groupId: group.id, memberId: m.userId, customerId, kind: 'join', scene: m.joinScene, at: m.joinedAt });
      result.joined.push({ memberId: m.userId, customerId });
    }
    for (const { known, member } of changes.rejoined) {
      const customerId = member.kind === 'customer' ? (customerIds.get(member.userId) ?? null) : null;
      await this.repo.updateMember(known.id, { status: 'in', joinedAt: member.joinedAt, leftAt: null, joinScene: member.joinScene, customerId });
      await this.repo.recordEvent({ id: this.ids.next(), corpId, groupId: group.id, memberId: member.userId, customerId, kind: 'join', scene: member.joinScene, at: member.joinedAt });
      result.joined.push({ memberId: member.userId, customerId });
    }
    for (const k of changes.left) {
      const row = rowById.get(k.id);
      await this.repo.updateMember(k.id, { status: 'left', leftAt: at });
      await this.repo.recordEvent({ id: this.ids.next(), corpId, groupId: group.id, memberId: k.memberId, customerId: row?.customerId ?? null, kind: 'quit', scene: hint.quitScene ?? null, at });
      result.left.push({ memberId: k.memberId, customerId: row?.customerId ?? null });
    }
    if (hint.quitScene !== undefined && hint.quitScene !== null && hint.memberIds?.length) await this.repo.fillQuitScene(group.id, hint.memberIds, hint.quitScene);
    return result;
  }

  async dismiss(corpId: string, chatId: string, at: Date): Promise<void> {
    const group = await this.repo.byChatId(corpId, chatId);
    if (group && group.status !== 'dismissed') await this.repo.update(group.id, { status: 'dismissed', dismissedAt: at, syncedAt: at });
  }

  /** Whose groups a caller may see: undefined for the whole corp, else the owners' staff ids. */
  async visibleOwners(p: Principal): Promise<string[] | undefined> {
    const scope = customerScope(p);
    if (scope.kind === 'corp') return undefined;
    if (scope.kind === 'owner') return [scope.staffId];
    return this.repo.teamStaffIds(scope.teamId);
  }

  list(corpId: string, filter: GroupListFilter): Promise<{ rows: CustomerGroup[]; total: number }> {
    return this.repo.list(corpId, filter);
  }

  async detail(corpId: string, id: string, ownerStaffIds?: string[]) {
    const group = await this.repo.byId(corpId, id);
    if (!group || (ownerStaffIds && !ownerStaffIds.includes(group.ownerStaffId ?? ''))) throw notFound('Group');
    return { group, members: await this.repo.members(group.id), events: await this.repo.eventsOf(group.id) };
  }

  /** Operations' own group tags (city, product, expiry month…), used to target SOPs. */
  async setTags(corpId: string, id: string, tags: string[]): Promise<CustomerGroup> {
    const group = await this.repo.byId(corpId, id);
    if (!group) throw notFound('Group');
    const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    if (clean.some((t) => t.length > 30)) throw new DomainError('validation_failed', 'A group tag has at most 30 characters');
    await this.repo.update(group.id, { tags: clean });
    return { ...group, tags: clean };
  }

  ownedBy(staffId: string): Promise<CustomerGroup[]> {
    return this.repo.ownedBy(staffId);
  }

  async setOwner(corpId: string, chatId: string, ownerStaffId: string, ownerUserId: string): Promise<void> {
    const group = await this.repo.byChatId(corpId, chatId);
    if (group) await this.repo.update(group.id, { ownerStaffId, ownerUserId });
  }
}

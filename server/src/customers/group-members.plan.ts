import type { WecomGroupMember } from '../wecom';

export interface KnownMember {
  id: string;
  memberId: string;
  status: 'in' | 'left';
}

export interface MemberChanges {
  joined: WecomGroupMember[];
  /** Back in the group after leaving it. */
  rejoined: Array<{ known: KnownMember; member: WecomGroupMember }>;
  left: KnownMember[];
}

/** Who joined and who left a group since we last looked: WeCom's member list against ours. */
export function diffMembers(known: readonly KnownMember[], current: readonly WecomGroupMember[]): MemberChanges {
  const byId = new Map(known.map((m) => [m.memberId, m]));
  const present = new Set(current.map((m) => m.userId));
  const changes: MemberChanges = { joined: [], rejoined: [], left: [] };
  for (const member of current) {
    const k = byId.get(member.userId);
    if (!k) changes.joined.push(member);
    else if (k.status === 'left') changes.rejoined.push({ known: k, member });
  }
  for (const k of known) if (k.status === 'in' && !present.has(k.memberId)) changes.left.push(k);
  return changes;
}

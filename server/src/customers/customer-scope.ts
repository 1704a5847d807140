import type { Principal } from '../platform/http/principal';
import { forbidden } from '../platform/errors';

/** Which customers a caller may see: admins the corp, team leads their team's, agents their own. */
export type CustomerScope =
  | { kind: 'corp'; corpId: string }
  | { kind: 'team'; corpId: string; teamId: string }
  | { kind: 'owner'; corpId: string; staffId: string };

export function customerScope(p: Principal): CustomerScope {
  switch (p.role) {
    case 'admin':
      return { kind: 'corp', corpId: p.corpId };
    case 'team_lead':
      if (!p.teamId) throw forbidden('A team lead without a team sees no customers');
      return { kind: 'team', corpId: p.corpId, teamId: p.teamId };
    case 'agent':
      return { kind: 'owner', corpId: p.corpId, staffId: p.id };
    case 'customer':
      throw forbidden('Customers cannot list other customers');
  }
}

import type { Role } from '@lodestar/shared';

export const personalFields = ['phone', 'idNumber'] as const;
export type PersonalField = (typeof personalFields)[number];

/**
 * Who may see a personal field unmasked (always within their row scope: an agent only their own
 * customers, a team lead only their team's, an admin the corp):
 * - `always`: the role may reveal it;
 * - `if_configured`: only when the corp's personal-data settings name the role;
 * - `never`: no setting opens it.
 */
export type RevealRule = 'always' | 'if_configured' | 'never';

export const revealRules: Readonly<Record<PersonalField, Readonly<Record<Role, RevealRule>>>> = {
  // The owning agent calls the customer; an admin handles requests and complaints; a team lead supervises without dialling.
  phone: { admin: 'always', agent: 'always', team_lead: 'if_configured', customer: 'never' },
  // ID numbers are needed for underwriting and claims, not for selling: admins, or a role the corp names.
  idNumber: { admin: 'always', agent: 'if_configured', team_lead: 'if_configured', customer: 'never' },
};

/** Roles a corp may grant a field to (those whose rule is `if_configured`). */
export type ConfigurableRole = 'team_lead' | 'agent';

export interface RevealSettings {
  /** Per field, the roles the corp allows beyond the `always` ones. */
  extraRoles: Readonly<Record<PersonalField, readonly ConfigurableRole[]>>;
}

export const defaultRevealSettings: RevealSettings = { extraRoles: { phone: [], idNumber: [] } };

export function mayReveal(role: Role, field: PersonalField, settings: RevealSettings): boolean {
  const rule = revealRules[field][role];
  switch (rule) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'if_configured':
      return (settings.extraRoles[field] as readonly Role[]).includes(role);
  }
}

/**
 * The fields the role may reveal, in the table's order: what the customer view offers as 查看, so the
 * client shows the action only where the reveal would be allowed (row scope is the caller's check).
 */
export function revealableFields(role: Role, settings: RevealSettings): PersonalField[] {
  return personalFields.filter((f) => mayReveal(role, f, settings));
}

/** The fields of a request the role may not reveal (empty = allowed). */
export function refusedFields(role: Role, fields: readonly PersonalField[], settings: RevealSettings): PersonalField[] {
  return fields.filter((f) => !mayReveal(role, f, settings));
}

/** Only roles whose rule is `if_configured` for the field may be granted; others are dropped. */
export function grantableRoles(field: PersonalField, roles: readonly ConfigurableRole[]): ConfigurableRole[] {
  return [...new Set(roles)].filter((r) => revealRules[field][r] === 'if_configured');
}

import { defaultRevealSettings, grantableRoles, mayReveal, refusedFields } from './personal-data-access.plan';

describe('who may reveal personal data', () => {
  it('by default: admin both fields, the (owning) agent the phone only, a team lead neither, a customer nothing', () => {
    const s = defaultRevealSettings;
    expect([mayReveal('admin', 'phone', s), mayReveal('admin', 'idNumber', s)]).toEqual([true, true]);
    expect([mayReveal('agent', 'phone', s), mayReveal('agent', 'idNumber', s)]).toEqual([true, false]);
    expect([mayReveal('team_lead', 'phone', s), mayReveal('team_lead', 'idNumber', s)]).toEqual([false, false]);
    expect([mayReveal('customer', 'phone', s), mayReveal('customer', 'idNumber', s)]).toEqual([false, false]);
  });

  it('a corp setting opens a configurable field to the roles it names, and only those', () => {
    const s = { extraRoles: { phone: ['team_lead'] as const, idNumber: ['team_lead'] as const } };
    expect(mayReveal('team_lead', 'phone', s)).toBe(true);
    expect(mayReveal('team_lead', 'idNumber', s)).toBe(true);
    expect(mayReveal('agent', 'idNumber', s)).toBe(false);
    expect(refusedFields('agent', ['phone', 'idNumber'], s)).toEqual(['idNumber']);
    expect(refusedFields('admin', ['phone', 'idNumber'], s)).toEqual([]);
  });

  it('grants only configurable roles (the agent always has the phone; duplicates fold)', () => {
    expect(grantableRoles('phone', ['agent', 'team_lead', 'team_lead'])).toEqual(['team_lead']);
    expect(grantableRoles('idNumber', ['agent', 'team_lead'])).toEqual(['agent', 'team_lead']);
  });
});

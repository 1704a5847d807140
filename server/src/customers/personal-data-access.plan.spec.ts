import { defaultRevealSettings, grantableRoles, mayReveal, personalFields, refusedFields, revealableFields } from './personal-data-access.plan';

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

  it('lists the revealable fields exactly as the reveal would decide them, for every role and setting', () => {
    expect(revealableFields('admin', defaultRevealSettings)).toEqual(['phone', 'idNumber']);
    expect(revealableFields('agent', defaultRevealSettings)).toEqual(['phone']);
    expect(revealableFields('team_lead', defaultRevealSettings)).toEqual([]);
    expect(revealableFields('customer', { extraRoles: { phone: ['team_lead', 'agent'], idNumber: ['team_lead', 'agent'] } })).toEqual([]);
    expect(revealableFields('team_lead', { extraRoles: { phone: [], idNumber: ['team_lead'] } })).toEqual(['idNumber']);
    expect(revealableFields('agent', { extraRoles: { phone: [], idNumber: ['agent'] } })).toEqual(['phone', 'idNumber']);
    // The offer never disagrees with the refusal: a field is offered exactly when it is not refused.
    const settings = [defaultRevealSettings, { extraRoles: { phone: ['team_lead'] as const, idNumber: ['agent'] as const } }, { extraRoles: { phone: ['team_lead'] as const, idNumber: ['team_lead', 'agent'] as const } }];
    for (const s of settings)
      for (const role of ['admin', 'team_lead', 'agent', 'customer'] as const)
        expect(revealableFields(role, s)).toEqual(personalFields.filter((f) => !refusedFields(role, [f], s).length));
  });
});

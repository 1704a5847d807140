import { DomainError } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { customerScope } from './customer-scope';

const base: Principal = { id: 'staff-7', role: 'agent', corpId: 'corp-1', teamId: 'team-2', name: 'x' };

function forbiddenFor(p: Principal): DomainError {
  try {
    customerScope(p);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('customerScope did not throw');
}

describe('customerScope', () => {
  it('gives an admin the whole corp, even with a team', () => {
    expect(customerScope({ ...base, role: 'admin' })).toEqual({ kind: 'corp', corpId: 'corp-1' });
  });

  it('gives a team lead their team', () => {
    expect(customerScope({ ...base, role: 'team_lead' })).toEqual({ kind: 'team', corpId: 'corp-1', teamId: 'team-2' });
  });

  it('forbids a team lead without a team', () => {
    expect(forbiddenFor({ ...base, role: 'team_lead', teamId: null }).code).toBe('forbidden');
  });

  it('gives an agent only the customers they own', () => {
    expect(customerScope({ ...base, role: 'agent' })).toEqual({ kind: 'owner', corpId: 'corp-1', staffId: 'staff-7' });
  });

  it('forbids a customer from listing customers', () => {
    expect(forbiddenFor({ ...base, role: 'customer' }).code).toBe('forbidden');
  });
});

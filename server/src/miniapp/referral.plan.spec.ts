import { attribute, maskName, qualifies, referralCode, referralCodeOf, referralScene } from './referral.plan';

describe('referral plan', () => {
  const base = { refereeId: 'b', isNew: true, referrerId: 'a', existingReferrerId: null, referrerChain: [] as string[] };

  it('attributes a new customer to the referrer', () => {
    expect(attribute(base)).toEqual({ ok: true, referrerId: 'a' });
  });

  it('keeps the first touch', () => {
    expect(attribute({ ...base, existingReferrerId: 'z' })).toEqual({ ok: false, reason: 'already_attributed' });
  });

  it('rejects self-referral, unknown codes and customers we knew before', () => {
    expect(attribute({ ...base, referrerId: 'b' })).toEqual({ ok: false, reason: 'self_referral' });
    expect(attribute({ ...base, referrerId: null })).toEqual({ ok: false, reason: 'unknown_referrer' });
    expect(attribute({ ...base, isNew: false })).toEqual({ ok: false, reason: 'existing_customer' });
  });

  it('rejects loops: A → B then B → A, and longer cycles', () => {
    // B was brought by A; now B's share reaches A.
    expect(attribute({ refereeId: 'a', isNew: false, referrerId: 'b', existingReferrerId: null, referrerChain: ['a'] })).toEqual({ ok: false, reason: 'loop' });
    // A → B → C, then C's share reaches A.
    expect(attribute({ refereeId: 'a', isNew: true, referrerId: 'c', existingReferrerId: null, referrerChain: ['b', 'a'] })).toEqual({ ok: false, reason: 'loop' });
  });

  it('rewards only a joined referral, so a second qualifying act pays nothing', () => {
    expect(qualifies({ status: 'joined' })).toBe(true);
    expect(qualifies({ status: 'qualified' })).toBe(false);
    expect(qualifies(null)).toBe(false);
  });

  it('makes short codes that fit a mini-program scene and reads them back from shares and scenes', () => {
    const code = referralCode('id-1');
    expect(code).toMatch(/^[2-9a-z]{8}$/);
    expect(referralScene(code).length).toBeLessThanOrEqual(32);
    expect(referralCodeOf(`r=${code}`)).toBe(code);
    expect(referralCodeOf(encodeURIComponent(`r=${code}`))).toBe(code);
    expect(referralCodeOf(code.toUpperCase())).toBe(code);
  });

  it('masks names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('')).toBe('*');
  });
});

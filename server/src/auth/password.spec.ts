import { decoyHash, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[^$]+\$[^$]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts each hash, so two hashes of one password differ', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it.each(['', 'plaintext', 'bcrypt$1$2$3$4$5', 'scrypt$32768$8$1$onlyfive'])('returns false for malformed stored value %p', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  // Six well-formed-looking parts but unusable scrypt parameters: must still be "no match", not a throw.
  // Currently FAILS: derive() rejects (NaN / invalid N), so verifyPassword rejects instead of resolving false.
  it.each(['scrypt$abc$8$1$AAAA$AAAA', 'scrypt$3$8$1$AAAA$AAAA'])('returns false for stored value with bad parameters %p', async (stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });

  it.each(['', 'lodestar-demo', 'admin'])('the decoy hash verifies no password (%p)', async (password) => {
    expect(await verifyPassword(password, decoyHash)).toBe(false);
  });
});

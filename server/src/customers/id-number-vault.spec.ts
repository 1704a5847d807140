import { IdNumberVault } from './id-number-vault';

const id = '11010519491231002X';

describe('IdNumberVault', () => {
  const vault = new IdNumberVault('id-hash-key-id-hash-key-id-hash-key', '3c'.repeat(32));

  it('keeps a hash to find it by, a cipher that decrypts, and a masked form', () => {
    const p = vault.protect('110105 19491231 002x')!;
    expect(p.hash).toBe(vault.hash(id));
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.cipher).not.toContain(id);
    expect(p.cipher).not.toContain('19491231');
    expect(vault.decrypt(p.cipher)).toBe(id);
    expect(p.masked).toBe('110105********002X');
  });

  it('encrypts the same number differently each time and refuses another key or a tampered cipher', () => {
    const a = vault.protect(id)!.cipher;
    expect(vault.protect(id)!.cipher).not.toBe(a);
    expect(() => new IdNumberVault('k', '4d'.repeat(32)).decrypt(a)).toThrow();
    const parts = a.split(':');
    expect(() => vault.decrypt([...parts.slice(0, 3), Buffer.from('110105194912310000').toString('base64url')].join(':'))).toThrow();
  });

  it('hashes with its own key: the same number under another hash key does not match', () => {
    expect(new IdNumberVault('another-hash-key-another-hash-key-00', '3c'.repeat(32)).hash(id)).not.toBe(vault.hash(id));
  });

  it('protects nothing that fails the checksum, and rejects a short key', () => {
    expect(vault.protect('110105194912310021')).toBeNull();
    expect(() => new IdNumberVault('k', 'abcd')).toThrow(/ID number encryption key must be 32 bytes/);
  });
});

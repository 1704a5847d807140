import { PhoneVault, maskPhone } from './phone-vault';

const key = '0f'.repeat(32);

describe('PhoneVault', () => {
  const vault = new PhoneVault('hash-key', key);

  it('keeps a joinable hash, a cipher that decrypts, and a masked form', () => {
    const p = vault.protect('+86 138-1234-5678');
    expect(p).not.toBeNull();
    expect(p!.hash).toBe(vault.hash('13812345678'));
    expect(p!.cipher).not.toContain('13812345678');
    expect(vault.decrypt(p!.cipher)).toBe('13812345678');
    expect(p!.masked).toBe('138****5678');
  });

  it('encrypts the same number differently each time (random IV)', () => {
    expect(vault.encrypt('13812345678')).not.toBe(vault.encrypt('13812345678'));
  });

  it('refuses a cipher made with another key or tampered with', () => {
    const other = new PhoneVault('hash-key', '1e'.repeat(32));
    const cipher = vault.encrypt('13812345678');
    expect(() => other.decrypt(cipher)).toThrow();
    const parts = cipher.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('13800000000').toString('base64url')].join(':');
    expect(() => vault.decrypt(tampered)).toThrow();
  });

  it('ignores what is not a mainland mobile number', () => {
    expect(vault.protect('12345')).toBeNull();
    expect(vault.hash('021-12345678')).toBeNull();
  });

  it('rejects a key of the wrong size', () => {
    expect(() => new PhoneVault('k', 'abcd')).toThrow(/32 bytes/);
  });

  it('masks the middle four digits', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});

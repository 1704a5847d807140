import { hashPhone, normalisePhone } from './phone-hash';

describe('normalisePhone', () => {
  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['86 13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('normalises %p to %p', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each(['12345', '', '12800138000', '1380013800', '138001380001', '1380013800a', '+1 415 555 0100'])('rejects %p', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('hashPhone', () => {
  it('is a deterministic 64-hex-char keyed hash', () => {
    const h = hashPhone('key-a', '13800138000');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPhone('key-a', '13800138000')).toBe(h);
  });

  it('differs across keys and across phones', () => {
    const h = hashPhone('key-a', '13800138000');
    expect(hashPhone('key-b', '13800138000')).not.toBe(h);
    expect(hashPhone('key-a', '13800138001')).not.toBe(h);
  });
});

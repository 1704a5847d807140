import { encrypt, getSignature } from '@wecom/crypto';
import { decryptCallback, paddingLength, signatureMatches, timestampFresh } from './callback-crypto';

const aesKey = 'LodestarSandboxAesKey0123456789abcdefghijkl';
const corp = 'wwcorp0001';

describe('callback crypto', () => {
  it('decrypts what WeCom encrypts and returns the message', () => {
    const enc = encrypt(aesKey, '<xml><Event>x</Event></xml>', corp);
    expect(decryptCallback(aesKey, enc, corp)).toEqual({ ok: true, message: '<xml><Event>x</Event></xml>' });
  });

  it('handles multi-byte text and a message that fills the 32-byte block exactly', () => {
    for (const msg of ['客户说：再考虑一下', 'x'.repeat(32 * 5 - 20 - corp.length)]) {
      expect(decryptCallback(aesKey, encrypt(aesKey, msg, corp), corp)).toEqual({ ok: true, message: msg });
    }
  });

  it('refuses another ReceiveId, a wrong key, bad padding and a truncated ciphertext', () => {
    const enc = encrypt(aesKey, 'hello', corp);
    expect(decryptCallback(aesKey, enc, 'wwother')).toEqual({ ok: false, reason: 'wrong_receive_id' });
    const other = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(decryptCallback(other, enc, corp).ok).toBe(false);
    expect(decryptCallback(aesKey, Buffer.alloc(64, 9).toString('base64'), corp)).toEqual({ ok: false, reason: 'bad_padding' });
    expect(decryptCallback(aesKey, Buffer.from(enc, 'base64').subarray(0, 40).toString('base64'), corp).ok).toBe(false);
    expect(decryptCallback(aesKey, '!!!', corp)).toEqual({ ok: false, reason: 'bad_ciphertext' });
  });

  it('reads the PKCS#7 padding length from the last block only', () => {
    const enc = Buffer.from(encrypt(aesKey, 'abc', corp), 'base64');
    // 16 random + 4 length + 3 + corp id (10) = 33 bytes → padded to 64 with 31 bytes of 31.
    expect(paddingLength(aesKey, enc)).toBe(31);
    expect(paddingLength(aesKey, enc.subarray(0, 20))).toBe(0);
  });

  it('checks the signature over token, timestamp, nonce and ciphertext', () => {
    const q = { timestamp: '1795000000', nonce: 'n1', msgSignature: getSignature('Tok', '1795000000', 'n1', 'ENC') };
    expect(signatureMatches('Tok', q, 'ENC')).toBe(true);
    expect(signatureMatches('Tok', { ...q, msgSignature: q.msgSignature.toUpperCase() }, 'ENC')).toBe(true);
    expect(signatureMatches('Tok', q, 'ENC2')).toBe(false);
    expect(signatureMatches('Other', q, 'ENC')).toBe(false);
    expect(signatureMatches('Tok', { ...q, msgSignature: 'short' }, 'ENC')).toBe(false);
  });

  it('accepts timestamps within five minutes either way only', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const s = now.getTime() / 1000;
    expect(timestampFresh(String(s - 299), now)).toBe(true);
    expect(timestampFresh(String(s + 299), now)).toBe(true);
    expect(timestampFresh(String(s - 301), now)).toBe(false);
    expect(timestampFresh('12ab', now)).toBe(false);
  });
});

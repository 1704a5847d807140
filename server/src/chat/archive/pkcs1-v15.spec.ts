import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { pkcs1v15Unpad } from './pkcs1-v15';

describe('pkcs1v15Unpad', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const raw = (ciphertext: Buffer): Buffer => privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);

  it('recovers what was encrypted with PKCS#1 v1.5 padding, for messages of every length up to the limit', () => {
    for (const length of [0, 1, 16, 32, 100, 245]) {
      const message = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) % 256));
      const ciphertext = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, message);
      expect(pkcs1v15Unpad(raw(ciphertext)).equals(message)).toBe(true);
    }
  });

  it('refuses a block made with another key or another padding', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = publicEncrypt({ key: other.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('0123456789abcdef'));
    expect(() => pkcs1v15Unpad(raw(foreign))).toThrow(/00 02|separator|padding|too large for modulus/);
    const oaep = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from('0123456789abcdef'));
    expect(() => pkcs1v15Unpad(raw(oaep))).toThrow(/00 02|separator|padding|too large for modulus/);
  });

  it('refuses padding shorter than eight bytes, a missing separator and a short block', () => {
    const block = (ps: number[], message: number[]): Uint8Array => Uint8Array.from([0, 2, ...ps, 0, ...message]);
    expect(() => pkcs1v15Unpad(block([1, 2, 3, 4, 5, 6, 7], [65]))).toThrow(/fewer than the 8/);
    expect(pkcs1v15Unpad(block([1, 2, 3, 4, 5, 6, 7, 8], [65, 66])).toString()).toBe('AB');
    expect(() => pkcs1v15Unpad(Uint8Array.from([0, 2, ...Array(20).fill(9)]))).toThrow(/no 00 separator/);
    expect(() => pkcs1v15Unpad(Uint8Array.from([0, 2, 1]))).toThrow(/shorter/);
  });
});

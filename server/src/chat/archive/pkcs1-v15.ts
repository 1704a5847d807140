/**
 * The message inside a decrypted RSAES-PKCS1-v1_5 block (RFC 8017 §7.2.2, step 3):
 * 0x00 ‖ 0x02 ‖ PS (at least 8 non-zero bytes) ‖ 0x00 ‖ M. Throws when the block is not one.
 *
 * Node 20 refuses PKCS#1 v1.5 padding in privateDecrypt (CVE-2023-46809, the Marvin attack), and the
 * chat archive wraps every random key with exactly that padding. So the RSA operation runs natively
 * without padding (RSA_NO_PADDING) and the padding is removed here: a hundred times faster than a
 * pure-JS RSA (measured 0.3 ms against 33 ms a key with node-forge, 2048-bit). The Marvin concern is
 * an attacker timing many chosen ciphertexts against the decrypting side; the archive's records come
 * from WeCom over TLS, and failures are parked, not answered to anyone.
 */
export function pkcs1v15Unpad(block: Uint8Array): Buffer {
  if (block.length < 11) throw new Error(`the decrypted block is ${block.length} bytes, shorter than any PKCS#1 v1.5 block`);
  if (block[0] !== 0x00 || block[1] !== 0x02) throw new Error('the decrypted block does not start 00 02 (wrong key, or not PKCS#1 v1.5)');
  let separator = -1;
  for (let i = 2; i < block.length; i++) {
    if (block[i] === 0x00) {
      separator = i;
      break;
    }
  }
  if (separator < 0) throw new Error('the decrypted block has no 00 separator after its padding');
  if (separator < 10) throw new Error(`the padding is ${separator - 2} bytes, fewer than the 8 PKCS#1 v1.5 requires`);
  return Buffer.from(block.subarray(separator + 1));
}

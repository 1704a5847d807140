import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** CRC-32 (IEEE), as PNG chunks need. */
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A real (if unscannable) PNG standing in for WeChat's mini-program code: a 25×25 grid of modules
 * drawn from the text's SHA-256 with three finder squares, so each scene gets its own picture.
 */
export function fakeCodePng(text: string, width = 280): Buffer {
  const modules = 25;
  const scale = Math.max(2, Math.floor(width / (modules + 4)));
  const size = (modules + 4) * scale;
  let bits = createHash('sha256').update(text).digest();
  while (bits.length * 8 < modules * modules) bits = Buffer.concat([bits, createHash('sha256').update(bits).digest()]);
  const finder = (x: number, y: number): boolean | null => {
    for (const [fx, fy] of [
      [0, 0],
      [modules - 7, 0],
      [0, modules - 7],
    ] as const) {
      const dx = x - fx;
      const dy = y - fy;
      if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) return dx === 0 || dy === 0 || dx === 6 || dy === 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4);
    }
    return null;
  };
  const dark = (x: number, y: number): boolean => {
    const f = finder(x, y);
    if (f !== null) return f;
    const i = y * modules + x;
    return ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
  };
  // Grayscale, 8 bits, one filter byte (0) per row.
  const raw = Buffer.alloc(size * (size + 1), 255);
  for (let py = 0; py < size; py++) {
    raw[py * (size + 1)] = 0;
    const my = Math.floor(py / scale) - 2;
    for (let px = 0; px < size; px++) {
      const mx = Math.floor(px / scale) - 2;
      if (mx >= 0 && my >= 0 && mx < modules && my < modules && dark(mx, my)) raw[py * (size + 1) + 1 + px] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

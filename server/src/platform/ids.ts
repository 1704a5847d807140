import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

/** The only source of new ids and randomness for domain code. */
export interface IdGenerator {
  /** A new unique, time-ordered id (UUID v7 in production). */
  next(): string;
}

/**
 * UUID v7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered ids keep B-tree
 * inserts at the right-hand edge of the index, which matters for event tables on MySQL.
 * Monotonic within the process (RFC 9562 method 1): ids of the same millisecond count up in the
 * 12 bits after the version (starting from a random value below 2048), and a clock that steps
 * back keeps the last millisecond, so "newest first" by (time, id) never inverts two ids.
 */
export class UuidV7Generator implements IdGenerator {
  /** Random bytes drawn 4 KiB at a time: one system call per 256 ids instead of one per id. */
  private pool = Buffer.alloc(0);
  private offset = 0;
  private lastMs = -1;
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  next(): string {
    if (this.offset + 16 > this.pool.length) {
      this.pool = randomBytes(4096);
      this.offset = 0;
    }
    const bytes = Buffer.from(this.pool.subarray(this.offset, this.offset + 16));
    this.offset += 16;
    let ms = Math.max(this.clock.now().getTime(), this.lastMs);
    if (ms === this.lastMs) {
      this.counter += 1;
      // 4,096 ids in one millisecond: borrow the next one.
      if (this.counter > 0xfff) {
        ms += 1;
        this.counter = ((bytes[6]! & 0x07) << 8) | bytes[7]!;
      }
    } else {
      this.counter = ((bytes[6]! & 0x07) << 8) | bytes[7]!;
    }
    this.lastMs = ms;
    // 48-bit milliseconds, big-endian (two parts: bit operators work on 32 bits).
    const high = Math.floor(ms / 2 ** 32);
    const low = ms >>> 0;
    bytes[0] = (high >>> 8) & 0xff;
    bytes[1] = high & 0xff;
    bytes.writeUInt32BE(low, 2);
    bytes[6] = 0x70 | (this.counter >>> 8);
    bytes[7] = this.counter & 0xff;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** Predictable ids for tests: `<prefix>-000001`, `<prefix>-000002`, … */
export class SequentialIdGenerator implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    this.n += 1;
    return `${this.prefix}-${String(this.n).padStart(6, '0')}`;
  }
}

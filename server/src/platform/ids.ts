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
 */
export class UuidV7Generator implements IdGenerator {
  constructor(private readonly clock: Clock) {}
  next(): string {
    const bytes = randomBytes(16);
    const ms = BigInt(this.clock.now().getTime());
    for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
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

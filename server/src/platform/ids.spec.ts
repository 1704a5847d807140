import { ManualClock } from './clock';
import { SequentialIdGenerator, UuidV7Generator } from './ids';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UuidV7Generator', () => {
  it('produces RFC 9562 version 7 ids carrying the clock time in the first 48 bits', () => {
    const clock = new ManualClock('2026-01-05T01:00:00.000Z');
    const id = new UuidV7Generator(clock).next();
    expect(id).toMatch(uuidV7);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBe(clock.now().getTime());
  });

  it('sorts ids from a later clock time after earlier ones', () => {
    const clock = new ManualClock();
    const ids = new UuidV7Generator(clock);
    const generated: string[] = [];
    for (let i = 0; i < 50; i++) {
      generated.push(ids.next());
      clock.advance(i % 2 === 0 ? 1 : 3_600_000);
    }
    expect([...generated].sort()).toEqual(generated);
  });

  it('gives 1000 unique ids within one millisecond', () => {
    const ids = new UuidV7Generator(new ManualClock());
    const all = Array.from({ length: 1000 }, () => ids.next());
    expect(new Set(all).size).toBe(1000);
    for (const id of all) expect(id).toMatch(uuidV7);
  });
});

describe('UuidV7Generator ordering within a millisecond', () => {
  it('counts up within one millisecond, past 4,096 ids, and keeps order when the clock steps back', () => {
    const clock = new ManualClock('2026-01-05T01:00:00.000Z');
    const ids = new UuidV7Generator(clock);
    const generated = Array.from({ length: 5000 }, () => ids.next());
    clock.advance(-10_000);
    generated.push(ids.next(), ids.next());
    expect([...generated].sort()).toEqual(generated);
    expect(new Set(generated).size).toBe(generated.length);
    for (const id of generated) expect(id).toMatch(uuidV7);
  });
});

describe('SequentialIdGenerator', () => {
  it('counts up with a zero-padded six-digit suffix', () => {
    const ids = new SequentialIdGenerator('cust');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['cust-000001', 'cust-000002', 'cust-000003']);
  });

  it('defaults the prefix to "id" and keeps separate counters per instance', () => {
    const a = new SequentialIdGenerator();
    const b = new SequentialIdGenerator();
    a.next();
    expect(a.next()).toBe('id-000002');
    expect(b.next()).toBe('id-000001');
  });
});

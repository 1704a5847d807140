import { createLogger } from '../platform/logger';
import { CustomerRefreshQueue } from './customer-refresh';

const logger = createLogger('silent');

describe('CustomerRefreshQueue', () => {
  it('runs every step over what gathered, per corp, in chunks, and coalesces repeats', async () => {
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const q = new CustomerRefreshQueue(
      [
        async (corp, ids) => {
          calls.push(`a:${corp}:${ids.join(',')}`);
          await gate;
        },
        async (corp, ids) => {
          calls.push(`b:${corp}:${ids.join(',')}`);
        },
      ],
      logger,
      2,
    );
    q.enqueue('k1', ['c1']);
    q.enqueue('k1', ['c2', 'c3', 'c2']);
    q.enqueue('k2', ['c9']);
    // The first pass took c1 at once; the rest waits for the next pass.
    expect(q.size()).toBe(3);
    release();
    await q.drain();
    expect(calls).toEqual(['a:k1:c1', 'b:k1:c1', 'a:k1:c2,c3', 'b:k1:c2,c3', 'a:k2:c9', 'b:k2:c9']);
    expect(q.size()).toBe(0);
  });

  it('keeps going when a step fails, and drain ends even when no step awaits anything', async () => {
    const seen: string[] = [];
    const q = new CustomerRefreshQueue(
      [
        () => Promise.reject(new Error('boom')),
        async (_corp, ids) => {
          seen.push(...ids);
        },
      ],
      logger,
    );
    q.enqueue('k', ['x']);
    await q.drain();
    const empty = new CustomerRefreshQueue([], logger);
    empty.enqueue('k', ['y']);
    await empty.drain();
    expect(seen).toEqual(['x']);
    expect(empty.size()).toBe(0);
  });
});

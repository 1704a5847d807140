import { GroupCommit, Overloaded } from './group-commit';

describe('GroupCommit', () => {
  it('writes submissions that arrive during a flush together, and answers each with its own results', async () => {
    const flushes: number[][] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const firstStarted = new Promise<void>((r) => (started = r));
    const writer = new GroupCommit<number, string>(
      async (items) => {
        flushes.push(items);
        if (flushes.length === 1) {
          started();
          await new Promise<void>((r) => (release = r));
        }
        return items.map((i) => `ok${i}`);
      },
      { maxBatch: 100, maxPending: 1000 },
    );
    const first = writer.submit([1]);
    await firstStarted;
    const rest = [writer.submit([2, 3]), writer.submit([4])];
    release();
    expect(await first).toEqual(['ok1']);
    expect(await Promise.all(rest)).toEqual([['ok2', 'ok3'], ['ok4']]);
    expect(flushes).toEqual([[1], [2, 3, 4]]);
    expect(writer.pending()).toBe(0);
  });

  it('gathers submissions made in the same turn of the event loop into one flush', async () => {
    const flushes: number[][] = [];
    const writer = new GroupCommit<number, number>(
      async (items) => {
        flushes.push(items);
        return items;
      },
      { maxBatch: 100, maxPending: 1000 },
    );
    await Promise.all([writer.submit([1]), writer.submit([2]), writer.submit([3])]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('keeps a flush under maxBatch without splitting a submission', async () => {
    const sizes: number[] = [];
    const writer = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 5, maxPending: 1000 },
    );
    await Promise.all([writer.submit([1, 2, 3]), writer.submit([4, 5, 6]), writer.submit([7])]);
    expect(sizes).toEqual([3, 4]);
  });

  it('fails only the submissions of the flush that failed', async () => {
    let calls = 0;
    const writer = new GroupCommit<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return items;
      },
      { maxBatch: 1, maxPending: 1000 },
    );
    const a = writer.submit([1]);
    const b = writer.submit([2]);
    await expect(a).rejects.toThrow('database down');
    await expect(b).resolves.toEqual([2]);
  });

  it('refuses work beyond maxPending instead of growing without bound', async () => {
    let release: () => void = () => undefined;
    const writer = new GroupCommit<number, number>(
      async (items) => {
        await new Promise<void>((r) => (release = r));
        return items;
      },
      { maxBatch: 10, maxPending: 3 },
    );
    const a = writer.submit([1, 2]);
    await expect(writer.submit([3, 4])).rejects.toBeInstanceOf(Overloaded);
    await new Promise((r) => setImmediate(r));
    release();
    await expect(a).resolves.toEqual([1, 2]);
    await writer.drain();
    expect(writer.pending()).toBe(0);
  });
});

describe('GroupCommit with concurrency', () => {
  it('runs up to `concurrency` flushes at once and never more', async () => {
    let running = 0;
    let most = 0;
    const writer = new GroupCommit<number, number>(
      async (items) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        return items;
      },
      { maxBatch: 1, maxPending: 100, concurrency: 2 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => writer.submit([n])));
    expect(results).toEqual([[1], [2], [3], [4], [5]]);
    expect(most).toBe(2);
    await writer.drain();
    expect(writer.pending()).toBe(0);
  });
});

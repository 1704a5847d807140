import { archiveErrorMeaning, documentedArchiveCodes } from './archive-error.meaning';
import { archiveRetryDelay, withArchiveRetries } from './archive-retry';
import { ChatArchiveError, checkFetchArgs } from './chat-archive.port';

/** A function that fails with the given errors in turn, then answers 'ok'. */
function failing(...errors: Error[]) {
  const calls: number[] = [];
  const fn = async (): Promise<string> => {
    calls.push(calls.length + 1);
    const e = errors[calls.length - 1];
    if (e) throw e;
    return 'ok';
  };
  return { fn, calls };
}

const sleeper = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe('archive error meanings', () => {
  it('retries network, parse and system failures only', () => {
    expect([10001, 10002, 10003].map((c) => archiveErrorMeaning(c).retryable)).toEqual([true, true, true]);
    for (const code of [10000, 10004, 10005, 10006, 10007, 10008, 10009, 10010, 10011]) expect(archiveErrorMeaning(code).retryable).toBe(false);
    expect(documentedArchiveCodes).toEqual([10000, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009, 10010, 10011]);
  });

  it('gives admins a hint naming what to fix', () => {
    expect(archiveErrorMeaning(10004).hint).toContain('WECOM_ARCHIVE_SECRET');
    expect(archiveErrorMeaning(10007).hint).toContain('WECOM_ARCHIVE_PRIVATE_KEYS');
    expect(archiveErrorMeaning(10009).hint).toContain('trusted IPs');
    expect(archiveErrorMeaning(10010).hint).toContain('5 days');
    expect(archiveErrorMeaning(12345)).toEqual({ retryable: false, hint: expect.stringContaining('does not document') });
  });

  it('builds ChatArchiveError with the code, the hint and the context', () => {
    const e = new ChatArchiveError(10001, 'GetChatData after seq 5 failed', { seq: 5 });
    expect(e).toMatchObject({ name: 'ChatArchiveError', code: 10001, retryable: true, seq: 5, publickeyVer: undefined });
    expect(e.message).toBe(`Chat archive: GetChatData after seq 5 failed (10001): ${archiveErrorMeaning(10001).hint}`);
  });

  it('checks fetch arguments as parameter errors', () => {
    expect(() => checkFetchArgs(0, 1000)).not.toThrow();
    expect(() => checkFetchArgs(0, 1001)).toThrow(expect.objectContaining({ code: 10000 }));
    expect(() => checkFetchArgs(0, 0)).toThrow(/limit must be 1..1000/);
    expect(() => checkFetchArgs(-1, 10)).toThrow(/afterSeq/);
    expect(() => checkFetchArgs(1.5, 10)).toThrow(/afterSeq/);
  });
});

describe('withArchiveRetries', () => {
  it('retries retryable errors with a doubling wait, then succeeds', async () => {
    const { fn, calls } = failing(new ChatArchiveError(10001, 'net'), new ChatArchiveError(10003, 'timeout'));
    const { waits, sleep } = sleeper();
    const retried: Array<[number, number, number]> = [];
    await expect(withArchiveRetries(fn, { attempts: 5, baseDelayMs: 200, sleep, onRetry: (e, attempt, delay) => retried.push([e.code, attempt, delay]) })).resolves.toBe('ok');
    expect(calls).toEqual([1, 2, 3]);
    expect(waits).toEqual([200, 400]);
    expect(retried).toEqual([
      [10001, 1, 200],
      [10003, 2, 400],
    ]);
  });

  it('throws a non-retryable archive error at once', async () => {
    const { fn, calls } = failing(new ChatArchiveError(10009, 'ip'));
    const { waits, sleep } = sleeper();
    await expect(withArchiveRetries(fn, { attempts: 5, baseDelayMs: 100, sleep })).rejects.toMatchObject({ code: 10009 });
    expect(calls).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it('throws other errors at once', async () => {
    const { fn, calls } = failing(new TypeError('bug'));
    await expect(withArchiveRetries(fn, { attempts: 3, baseDelayMs: 100, sleep: sleeper().sleep })).rejects.toThrow(TypeError);
    expect(calls).toEqual([1]);
  });

  it('throws the last error once the attempts are spent', async () => {
    const errors = [1, 2, 3].map((i) => new ChatArchiveError(10002, `parse ${i}`));
    const { fn, calls } = failing(...errors);
    const { waits, sleep } = sleeper();
    await expect(withArchiveRetries(fn, { attempts: 3, baseDelayMs: 50, sleep, maxDelayMs: 80 })).rejects.toBe(errors[2]);
    expect(calls).toEqual([1, 2, 3]);
    expect(waits).toEqual([50, 80]);
  });

  it('computes the backoff with its cap', () => {
    expect([1, 2, 3, 4].map((a) => archiveRetryDelay(a, 100))).toEqual([100, 200, 400, 800]);
    expect(archiveRetryDelay(10, 100, 5_000)).toBe(5_000);
  });
});

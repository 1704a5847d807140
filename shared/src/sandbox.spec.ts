import { sandboxClockRequestSchema } from './sandbox';

describe('sandboxClockRequestSchema', () => {
  it('moves the clock within 2000–2099 only, where WeCom timestamps stay positive', () => {
    expect(sandboxClockRequestSchema.safeParse({ set: '2026-03-01T09:00:00+08:00' }).success).toBe(true);
    expect(sandboxClockRequestSchema.safeParse({ set: '0001-01-01T00:00:00Z' }).success).toBe(false);
    expect(sandboxClockRequestSchema.safeParse({ set: '1969-12-31T23:59:59Z' }).success).toBe(false);
    expect(sandboxClockRequestSchema.safeParse({ set: '9999-12-31T23:59:59.999Z' }).success).toBe(false);
    expect(sandboxClockRequestSchema.safeParse({ advanceMs: 60_000 }).success).toBe(true);
  });
});

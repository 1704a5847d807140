/** The only source of "now" for domain code. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: unit tests. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-05T01:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at.getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Real time plus an offset that can be moved forward: the sandbox's product clock. Time keeps
 * flowing, so schedules still fire; `set` and `advance` jump it like a time machine.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  set(at: Date): void {
    this.offsetMs = at.getTime() - this.base.now().getTime();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

import type { Clock } from '../clock';
import { UpstreamBreaker, UpstreamUnavailable, type UpstreamSnapshot } from './upstream-breaker';
import { UpstreamHealth } from './upstream-health';
import type { UpstreamIncident, UpstreamIncidentStore } from './upstream-incident.port';

class Outage extends Error {}
const clock: Clock = { now: () => new Date('2026-11-24T08:00:00.000Z') };
const outage = () => Promise.reject(new Outage('no answer within 300 ms'));
const refusal = () => Promise.reject(new Error('48002 api forbidden'));
const ok = () => Promise.resolve('ok');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function breaker(events: string[] = []) {
  return new UpstreamBreaker('wecom', {
    failures: 2,
    openMs: 30,
    clock,
    isOutage: (e) => e instanceof Outage,
    describe: (e) => `described: ${(e as Error).message}`,
    listener: { opened: (s: UpstreamSnapshot) => events.push(`opened ${s.failuresInRow}`), closed: () => events.push('closed') },
  });
}

describe('UpstreamBreaker', () => {
  it('opens after the set number of outages in a row and then refuses without calling', async () => {
    const events: string[] = [];
    const b = breaker(events);
    await expect(b.run(outage)).rejects.toBeInstanceOf(Outage);
    expect(b.snapshot()).toMatchObject({ state: 'closed', failuresInRow: 1, lastError: { message: 'described: no answer within 300 ms' } });
    await expect(b.run(outage)).rejects.toBeInstanceOf(Outage);
    expect(events).toEqual(['opened 2']);
    let called = false;
    await expect(b.run(async () => (called = true))).rejects.toBeInstanceOf(UpstreamUnavailable);
    expect(called).toBe(false);
    const s = b.snapshot();
    expect(s).toMatchObject({ state: 'open', refused: 1, openedAt: clock.now() });
    expect(s.retryAfter!.getTime() - clock.now().getTime()).toBe(30);
  });

  it('does not count refusals the service answered on purpose, and a success starts the count again', async () => {
    const b = breaker();
    await expect(b.run(outage)).rejects.toThrow();
    await expect(b.run(refusal)).rejects.toThrow('48002');
    expect(b.snapshot().failuresInRow).toBe(1);
    await b.run(ok);
    expect(b.snapshot()).toMatchObject({ failuresInRow: 0, lastSuccessAt: clock.now() });
    await expect(b.run(outage)).rejects.toThrow();
    expect(b.snapshot().state).toBe('closed');
  });

  it('lets one trial call through after the pause: success closes, failure opens again', async () => {
    const events: string[] = [];
    const b = breaker(events);
    await expect(b.run(outage)).rejects.toThrow();
    await expect(b.run(outage)).rejects.toThrow();
    await pause(40);
    await expect(b.run(outage)).rejects.toBeInstanceOf(Outage); // the trial, which fails
    expect(b.snapshot().state).toBe('open');
    await pause(40);
    await expect(b.run(ok)).resolves.toBe('ok');
    expect(b.snapshot()).toMatchObject({ state: 'closed', openedAt: null, retryAfter: null });
    expect(events).toEqual(['opened 2', 'opened 3', 'closed']);
  });
});

describe('UpstreamHealth', () => {
  function store(failing = false) {
    const rows = new Map<string, UpstreamIncident>();
    const s: UpstreamIncidentStore & { rows: typeof rows } = {
      rows,
      open: async (i) => {
        if (failing) throw new Error('database down');
        rows.set(i.id, { ...i });
      },
      touch: async (id, lastSeenAt, failures, lastError) => void Object.assign(rows.get(id)!, { lastSeenAt, failures, lastError }),
      close: async (id, closedAt, refused) => void Object.assign(rows.get(id)!, { closedAt, refused }),
      recent: async () => [...rows.values()],
    };
    return s;
  }
  const logger = { error: () => undefined, warn: () => undefined, info: () => undefined } as never;
  let next = 0;
  const ids = { next: () => `incident-${(next += 1)}` };

  it('keeps one incident for one outage, a failed trial call only refreshing it, and closes it on recovery', async () => {
    const rows = store();
    const health = new UpstreamHealth({ clock, logger, store: rows, owner: 'host:1', ids });
    const b = health.breaker('wecom', { failures: 1, openMs: 20, isOutage: (e) => e instanceof Outage });
    expect(health.breaker('wecom', { failures: 9, openMs: 9, isOutage: () => false })).toBe(b);
    await expect(b.run(outage)).rejects.toThrow();
    await pause(30);
    await expect(b.run(outage)).rejects.toThrow();
    await expect(b.run(ok)).rejects.toBeInstanceOf(UpstreamUnavailable);
    await pause(30);
    await b.run(ok);
    await pause(0);
    const incidents = await health.recent(10);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ upstream: 'wecom', owner: 'host:1', failures: 2, refused: 1, closedAt: clock.now() });
    expect(health.snapshots().map((s) => s.state)).toEqual(['closed']);
  });

  it('never lets a failing incident store break the calls', async () => {
    const health = new UpstreamHealth({ clock, logger, store: store(true), owner: 'host:1', ids });
    const b = health.breaker('wecom', { failures: 1, openMs: 20, isOutage: (e) => e instanceof Outage });
    await expect(b.run(outage)).rejects.toBeInstanceOf(Outage);
    await expect(b.run(ok)).rejects.toBeInstanceOf(UpstreamUnavailable);
  });
});

import type { AgentNotification, LeadNoticePayload, ScoreReason } from '@lodestar/shared';
import { ManualClock } from '../platform/clock';
import { SequentialIdGenerator } from '../platform/ids';
import { createLogger } from '../platform/logger';
import type { AgentNotificationRepository, NotificationRow } from './agent-notification.repository';
import { AgentNotificationService, NotificationFeed, leadNoticePayload, topReasons } from './agent-notification.service';

const logger = createLogger('silent');
const corp = 'corp-1';

const payload: LeadNoticePayload = {
  leadId: 'lead-1',
  customer: { id: 'cus-1', name: '王芳' },
  productLine: 'medical',
  grade: 'B',
  score: 52,
  reasons: [],
  suggestedMessage: '王芳您好',
  source: { name: '留资', kind: 'left_contact' },
};

/** The table, in memory: `since` reads as the SQL does (by corp, staff and created_at). */
class FakeStore {
  rows: NotificationRow[] = [];
  reads = 0;
  failNext = false;
  async since(corpId: string, staffIds: readonly string[], since: Date): Promise<NotificationRow[]> {
    this.reads += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database went away');
    }
    return this.rows
      .filter((r) => r.corpId === corpId && staffIds.includes(r.staffId) && r.createdAt >= since)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }
  async insert(row: NotificationRow): Promise<void> {
    this.rows.push(row);
  }
  /** A row another process wrote. */
  add(id: string, staffId: string, createdAt: Date, kind = 'lead.assigned'): void {
    this.rows.push({ id, corpId: corp, staffId, kind, payload: JSON.stringify(payload), createdAt, readAt: null });
  }
}

describe('NotificationFeed', () => {
  let clock: ManualClock;
  let store: FakeStore;
  let feed: NotificationFeed;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = new ManualClock('2026-03-02T02:00:00.000Z');
    store = new FakeStore();
    feed = new NotificationFeed({ repo: store, clock, logger, pollMs: 200, lookbackMs: 5000 });
  });
  afterEach(async () => {
    await feed.close();
    jest.useRealTimers();
  });

  /** Moves both clocks (the product's and the timers') forward. */
  const tick = async (ms: number) => {
    clock.advance(ms);
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('reads nothing while nobody listens, polls while someone does, and stops with the last one', async () => {
    await tick(1000);
    expect(store.reads).toBe(0);
    const off1 = feed.subscribe(corp, 'agent-1', () => undefined);
    const off2 = feed.subscribe(corp, 'agent-2', () => undefined);
    await tick(1000);
    expect(store.reads).toBe(5);
    off1();
    expect(feed.size).toBe(1);
    off2();
    expect(feed.size).toBe(0);
    const before = store.reads;
    await tick(1000);
    expect(store.reads).toBe(before);
  });

  it('delivers a polled row once, to its staff member only, and a row announced in-process at once and not again', async () => {
    const mine: AgentNotification[] = [];
    const theirs: AgentNotification[] = [];
    feed.subscribe(corp, 'agent-1', (n) => mine.push(n));
    feed.subscribe(corp, 'agent-2', (n) => theirs.push(n));

    store.add('n-1', 'agent-1', clock.now());
    await tick(200);
    expect(mine.map((n) => n.id)).toEqual(['n-1']);
    expect(mine[0]).toEqual({ id: 'n-1', kind: 'lead.assigned', at: '2026-03-02T02:00:00.000Z', read: false, payload });
    expect(theirs).toEqual([]);

    // In-process: written and announced; the listener has it before any timer runs.
    const service = new AgentNotificationService({ repo: store as unknown as AgentNotificationRepository, clock, ids: new SequentialIdGenerator('nt'), feed });
    const written = await service.notify(corp, 'agent-1', 'lead.upgraded', payload);
    expect(mine.map((n) => n.id)).toEqual(['n-1', written.id]);
    await tick(1000);
    expect(mine.map((n) => n.id)).toEqual(['n-1', written.id]);
  });

  it('still delivers a row committed late with an earlier time (within the look-back), exactly once', async () => {
    const got: string[] = [];
    feed.subscribe(corp, 'agent-1', (n) => got.push(n.id));
    await tick(1000);
    store.add('late', 'agent-1', new Date(clock.now().getTime() - 3000));
    store.add('too-late', 'agent-1', new Date(clock.now().getTime() - 60_000));
    await tick(400);
    expect(got).toEqual(['late']);
    await tick(4000);
    expect(got).toEqual(['late']);
  });

  it('keeps polling after a failed read, from where the last good one left off', async () => {
    const got: string[] = [];
    feed.subscribe(corp, 'agent-1', (n) => got.push(n.id));
    store.failNext = true;
    store.add('during-outage', 'agent-1', clock.now());
    await tick(200);
    expect(got).toEqual([]);
    await tick(200);
    expect(got).toEqual(['during-outage']);
  });

  it('tells its subscribers when it closes, stops polling, and takes no new ones', async () => {
    let closed = 0;
    feed.subscribe(corp, 'agent-1', () => undefined, () => (closed += 1));
    feed.subscribe(corp, 'agent-2', () => undefined, () => (closed += 1));
    await feed.close();
    expect(closed).toBe(2);
    const reads = store.reads;
    await tick(1000);
    expect(store.reads).toBe(reads);
    expect(() => feed.subscribe(corp, 'agent-1', () => undefined)).toThrow(/shutting down/);
  });

  it('keeps delivering to the others when one listener throws', async () => {
    const got: string[] = [];
    feed.subscribe(corp, 'agent-1', () => {
      throw new Error('broken socket');
    });
    feed.subscribe(corp, 'agent-1', (n) => got.push(n.id));
    store.add('n-1', 'agent-1', clock.now());
    await tick(200);
    expect(got).toEqual(['n-1']);
  });
});

describe('lead notice payload', () => {
  const reason = (ruleId: string, points: number): ScoreReason => ({ ruleId, rule: ruleId, dimension: 'fit', points, detail: '' });

  it('keeps the three strongest reasons, strongest first, ties in the scorer’s order', () => {
    expect(topReasons([reason('a', 5), reason('b', 20), reason('c', -10), reason('d', 20), reason('e', 7)]).map((r) => r.ruleId)).toEqual(['b', 'd', 'e']);
  });

  it('is the card of a lead: its customer, line, grade, top reasons, message, SLA deadline and source', () => {
    const p = leadNoticePayload({
      id: 'lead-9',
      customer: { id: 'cus-9', name: '赵六', phone: '138****0000' },
      productLine: 'critical_illness',
      status: 'assigned',
      source: { id: 'src-1', name: '孤儿单承接', kind: 'orphan_policy' },
      detail: 'P-001',
      grade: 'A',
      score: 81,
      reasons: [reason('a', 1), reason('b', 2), reason('c', 3), reason('d', 4)],
      owner: { id: 'agent-1', name: '王一' },
      seatGroupId: null,
      assignedAt: '2026-03-02T02:00:00.000Z',
      sla: { status: 'ok', touched: false, deadline: '2026-03-02T06:00:00.000Z', remindAt: null, maxDeadline: '2026-03-03T02:00:00.000Z', reason: '' },
      rejectReason: null,
      outcome: null,
      suggestedMessage: '赵六您好',
      createdAt: '2026-03-01T02:00:00.000Z',
      closedAt: null,
    });
    expect(p).toEqual({
      leadId: 'lead-9',
      customer: { id: 'cus-9', name: '赵六' },
      productLine: 'critical_illness',
      grade: 'A',
      score: 81,
      reasons: [reason('d', 4), reason('c', 3), reason('b', 2)],
      suggestedMessage: '赵六您好',
      slaDeadline: '2026-03-02T06:00:00.000Z',
      source: { name: '孤儿单承接', kind: 'orphan_policy' },
    });
  });

  it('refuses to store a payload that is not a lead card', async () => {
    const store = new FakeStore();
    const service = new AgentNotificationService({ repo: store as unknown as AgentNotificationRepository, clock: new ManualClock(), ids: new SequentialIdGenerator('nt') });
    await expect(service.notify(corp, 'agent-1', 'lead.assigned', { ...payload, productLine: 'pets' } as unknown as LeadNoticePayload)).rejects.toThrow();
    expect(store.rows).toEqual([]);
  });
});

import { activityRemindersDue, attendanceRefusal, decideSignup, promotions, qrPayloadOf, seatsFor, seatsLeft, signupRefusal, ticketCode, ticketCodeOf } from './signup.plan';

describe('sign-up plan', () => {
  it('confirms while seats last and waitlists after, companions taking seats', () => {
    expect(decideSignup({ capacity: 10, seatsTaken: 8, waitlisted: 0 }, seatsFor(1))).toBe('confirmed');
    expect(decideSignup({ capacity: 10, seatsTaken: 9, waitlisted: 0 }, seatsFor(1))).toBe('waitlisted');
    expect(decideSignup({ capacity: null, seatsTaken: 999, waitlisted: 0 }, 4)).toBe('confirmed');
    // Someone waits: a newcomer queues behind even if a seat is free for one.
    expect(decideSignup({ capacity: 10, seatsTaken: 9, waitlisted: 1 }, 1)).toBe('waitlisted');
    expect(seatsFor(undefined)).toBe(1);
    expect(seatsFor(9)).toBe(4);
    expect(seatsLeft({ capacity: 10, seatsTaken: 12, waitlisted: 0 })).toBe(0);
  });

  it('never confirms more seats than capacity, whatever the order of 40 sign-ups', () => {
    let state = { capacity: 10, seatsTaken: 0, waitlisted: 0 };
    let confirmed = 0;
    for (let i = 0; i < 40; i++) {
      const seats = seatsFor(i % 3);
      if (decideSignup(state, seats) === 'confirmed') {
        state = { ...state, seatsTaken: state.seatsTaken + seats };
        confirmed += 1;
      } else state = { ...state, waitlisted: state.waitlisted + 1 };
    }
    expect(state.seatsTaken).toBeLessThanOrEqual(10);
    expect(confirmed).toBeGreaterThan(0);
  });

  it('promotes from the waitlist in order, stopping at the first party that does not fit', () => {
    const queue = [
      { id: 'a', seats: 1 },
      { id: 'b', seats: 3 },
      { id: 'c', seats: 1 },
    ];
    expect(promotions({ capacity: 10, seatsTaken: 9 }, queue)).toEqual({ ids: ['a'], seatsTaken: 10 });
    expect(promotions({ capacity: 10, seatsTaken: 6 }, queue)).toEqual({ ids: ['a', 'b'], seatsTaken: 10 });
    expect(promotions({ capacity: 10, seatsTaken: 10 }, queue)).toEqual({ ids: [], seatsTaken: 10 });
  });

  it('makes readable ticket codes and reads them back from a scan', () => {
    const code = ticketCode('0190-abc');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(ticketCode('0190-abc')).toBe(code);
    expect(ticketCode('0190-abd')).not.toBe(code);
    expect(ticketCodeOf(qrPayloadOf(code))).toBe(code);
    expect(ticketCodeOf(` ${code.toLowerCase()} `)).toBe(code);
  });

  it('opens sign-ups for published offline activities until they start', () => {
    const a = { kind: 'offline' as const, status: 'published' as const, startsAt: new Date('2026-03-10T06:00:00Z'), endsAt: new Date('2026-03-10T08:00:00Z') };
    expect(signupRefusal(a, new Date('2026-03-09T00:00:00Z'))).toBeNull();
    expect(signupRefusal(a, new Date('2026-03-10T06:00:00Z'))).toMatch(/started/);
    expect(signupRefusal({ ...a, kind: 'online' }, new Date('2026-03-09T00:00:00Z'))).toMatch(/online/);
    expect(signupRefusal({ ...a, status: 'draft' }, new Date('2026-03-09T00:00:00Z'))).toMatch(/not open/);
  });

  it('takes attendance from three hours before the start to the end, confirmed tickets only', () => {
    const a = { kind: 'offline' as const, status: 'published' as const, startsAt: new Date('2026-03-10T06:00:00Z'), endsAt: new Date('2026-03-10T08:00:00Z') };
    expect(attendanceRefusal(a, 'confirmed', new Date('2026-03-10T03:30:00Z'))).toBeNull();
    expect(attendanceRefusal(a, 'confirmed', new Date('2026-03-10T02:30:00Z'))).toMatch(/opens/);
    expect(attendanceRefusal(a, 'confirmed', new Date('2026-03-10T08:30:00Z'))).toMatch(/over/);
    expect(attendanceRefusal(a, 'waitlisted', new Date('2026-03-10T06:00:00Z'))).toMatch(/waitlist/);
    expect(attendanceRefusal(a, 'attended', new Date('2026-03-11T06:00:00Z'))).toBeNull();
  });

  it('reminds 24 h before and 1 h before, each once, and a late sign-up only 1 h before', () => {
    const start = new Date('2026-03-10T06:00:00Z');
    expect(activityRemindersDue(new Date('2026-03-08T06:00:00Z'), start, new Set())).toEqual([]);
    expect(activityRemindersDue(new Date('2026-03-09T07:00:00Z'), start, new Set())).toEqual(['24h']);
    expect(activityRemindersDue(new Date('2026-03-09T07:00:00Z'), start, new Set(['24h']))).toEqual([]);
    expect(activityRemindersDue(new Date('2026-03-10T05:30:00Z'), start, new Set(['24h']))).toEqual(['1h']);
    expect(activityRemindersDue(new Date('2026-03-10T05:30:00Z'), start, new Set())).toEqual(['1h']);
    expect(activityRemindersDue(new Date('2026-03-10T06:00:01Z'), start, new Set())).toEqual([]);
  });
});

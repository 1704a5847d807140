import { checkinReminderDue, currentStreak, decideCheckin, nextReward, rewardFor, zoneOf } from './checkin.plan';

describe('check-in plan', () => {
  it('counts the day in the customer’s zone: one instant is two different local days in Los Angeles and Shanghai', () => {
    // 2026-03-01 07:30 UTC: 15:30 on 1 March in Shanghai, 23:30 on 28 February in Los Angeles.
    const at = new Date('2026-03-01T07:30:00Z');
    const la = decideCheckin(at, 'America/Los_Angeles', null);
    const sh = decideCheckin(at, 'Asia/Shanghai', null);
    expect(la).toMatchObject({ kind: 'new', date: '2026-02-28', streak: 1 });
    expect(sh).toMatchObject({ kind: 'new', date: '2026-03-01', streak: 1 });
  });

  it('continues the streak across local midnight and not across a missed day', () => {
    const zone = 'Asia/Shanghai';
    // 23:59 on 3 March, then 00:01 on 4 March, Shanghai time: two days, a streak of 2.
    const first = decideCheckin(new Date('2026-03-03T15:59:00Z'), zone, { date: '2026-03-02', streak: 4 });
    expect(first).toMatchObject({ kind: 'new', date: '2026-03-03', streak: 5 });
    const second = decideCheckin(new Date('2026-03-03T16:01:00Z'), zone, { date: '2026-03-03', streak: 5 });
    expect(second).toMatchObject({ kind: 'new', date: '2026-03-04', streak: 6 });
    // Two minutes later it is the same local day: already.
    expect(decideCheckin(new Date('2026-03-03T16:03:00Z'), zone, { date: '2026-03-04', streak: 6 })).toEqual({ kind: 'already', date: '2026-03-04', streak: 6 });
    // A day missed: back to 1.
    expect(decideCheckin(new Date('2026-03-06T02:00:00Z'), zone, { date: '2026-03-04', streak: 6 })).toMatchObject({ kind: 'new', date: '2026-03-06', streak: 1 });
  });

  it('keeps a streak over the spring-forward night (a 23-hour day) in Los Angeles', () => {
    const zone = 'America/Los_Angeles';
    // DST starts 2026-03-08 02:00 local. 23:30 on the 7th (PST, UTC-8) and 23:30 on the 8th (PDT, UTC-7): 23 hours apart, consecutive days.
    const sat = decideCheckin(new Date('2026-03-08T07:30:00Z'), zone, { date: '2026-03-06', streak: 2 });
    expect(sat).toMatchObject({ date: '2026-03-07', streak: 3 });
    const sun = decideCheckin(new Date('2026-03-09T06:30:00Z'), zone, { date: '2026-03-07', streak: 3 });
    expect(sun).toMatchObject({ kind: 'new', date: '2026-03-08', streak: 4 });
    // Fall back, 2026-11-01: a 25-hour day still holds one check-in.
    expect(decideCheckin(new Date('2026-11-01T07:30:00Z'), zone, null)).toMatchObject({ date: '2026-11-01' });
    expect(decideCheckin(new Date('2026-11-02T07:30:00Z'), zone, { date: '2026-11-01', streak: 1 })).toEqual({ kind: 'already', date: '2026-11-01', streak: 1 });
  });

  it('does not check in twice when a customer flies west and lands on a day already done', () => {
    // Checked in on 10 March in Shanghai, then in Los Angeles it is still 9 March.
    const d = decideCheckin(new Date('2026-03-10T03:00:00Z'), 'America/Los_Angeles', { date: '2026-03-10', streak: 3 });
    expect(d).toEqual({ kind: 'already', date: '2026-03-09', streak: 3 });
  });

  it('gives the 7-day gift on the 7th, 14th … consecutive day and says how far the next one is', () => {
    expect(rewardFor(6)).toBeNull();
    expect(rewardFor(7)).toEqual({ day: 7, title: '7天连签礼', points: 50 });
    expect(rewardFor(14)?.points).toBe(50);
    expect(rewardFor(8)).toBeNull();
    const seventh = decideCheckin(new Date('2026-03-07T02:00:00Z'), 'Asia/Shanghai', { date: '2026-03-06', streak: 6 });
    expect(seventh).toMatchObject({ kind: 'new', streak: 7, basePoints: 5, reward: { points: 50 } });
    expect(nextReward(0)).toEqual({ inDays: 7, title: '7天连签礼' });
    expect(nextReward(5)).toEqual({ inDays: 2, title: '7天连签礼' });
    expect(nextReward(7)).toEqual({ inDays: 7, title: '7天连签礼' });
  });

  it('reads the streak as of today: alive from yesterday, gone after a gap', () => {
    expect(currentStreak('2026-03-05', { date: '2026-03-04', streak: 3 })).toBe(3);
    expect(currentStreak('2026-03-05', { date: '2026-03-05', streak: 4 })).toBe(4);
    expect(currentStreak('2026-03-05', { date: '2026-03-03', streak: 9 })).toBe(0);
    expect(currentStreak('2026-03-05', null)).toBe(0);
  });

  it('reminds after 20:00 local time only those who have not checked in that local day', () => {
    const at = new Date('2026-03-01T12:30:00Z'); // 20:30 in Shanghai, 04:30 in Los Angeles
    expect(checkinReminderDue(at, 'Asia/Shanghai', '2026-02-28')).toBe('2026-03-01');
    expect(checkinReminderDue(at, 'Asia/Shanghai', '2026-03-01')).toBeNull();
    expect(checkinReminderDue(at, 'America/Los_Angeles', null)).toBeNull();
    expect(checkinReminderDue(new Date('2026-03-02T04:05:00Z'), 'America/Los_Angeles', '2026-02-28')).toBe('2026-03-01');
  });

  it('falls back to Asia/Shanghai for a missing or unknown zone', () => {
    expect(zoneOf(null)).toBe('Asia/Shanghai');
    expect(zoneOf('Mars/Olympus')).toBe('Asia/Shanghai');
    expect(zoneOf('Europe/Berlin')).toBe('Europe/Berlin');
  });
});

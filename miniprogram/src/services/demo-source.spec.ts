import { createDemoSource } from './demo-source';

describe('the in-memory demo source behind the same seam', () => {
  it('checks in once a day and keeps the ledger and streak consistent', async () => {
    const demo = createDemoSource();
    const before = await demo.checkins();
    expect(before.checkedToday).toBe(false);
    const first = await demo.checkin('ck-00000001');
    expect(first).toMatchObject({ already: false, streak: before.streak + 1, pointsAwarded: 5, balance: before.balance + 5 });
    const again = await demo.checkin('ck-00000002');
    expect(again).toMatchObject({ already: true, pointsAwarded: 0, balance: first.balance });
    const points = await demo.points();
    expect(points.balance).toBe(points.entries.reduce((s, e) => s + e.delta, 0));
  });

  it('fills an activity, then waitlists, and gives tickets only to confirmed sign-ups', async () => {
    const demo = createDemoSource();
    const [seminar] = (await demo.activities('offline')).items;
    const res = await demo.signup(seminar!.id, { requestId: 'su-00000001', form: { name: '体验' } });
    expect(res.status).toBe('confirmed');
    expect((await demo.activity(seminar!.id)).seatsLeft).toBe(seminar!.seatsLeft! - 1);
    expect((await demo.tickets()).items.map((t) => t.code)).toEqual([res.ticket!.code]);
    const full = (await demo.activities('offline')).items.find((a) => a.seatsLeft === 0)!;
    expect(await demo.signup(full.id, { requestId: 'su-00000002', form: { name: '体验' } })).toMatchObject({ status: 'waitlisted', ticket: null, position: 3 });
  });
});

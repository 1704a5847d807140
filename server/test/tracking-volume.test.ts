import { generateSensorsTraffic, isMalformedRecord, pack, retryOf, sensorsForm, type SensorsRecord } from '../../scripts/lib/sensors-events.cjs';
import { startTestServer, type TestServer } from './support/server';

interface Post {
  records: unknown[];
  malformed: Record<string, number | undefined>;
  retry: boolean;
}
interface Answer {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
}

const add = (into: Record<string, number>, from: Record<string, number | undefined>): void => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + (v ?? 0);
};

describe(`10,000 tracking events on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 300 });
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  /** Posts like an SDK: a 503 is retried after its Retry-After; anything else but 200 fails the test. */
  const send = async (records: unknown[]): Promise<Answer> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${s.url}/sa?project=default`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sensorsForm(records) });
      const body = (await res.json()) as Answer;
      if (res.status === 503 && attempt < 20) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      if (res.status !== 200) throw new Error(`POST /sa answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    }
  };

  it('with 5% malformed ones and SDK retries: every good one stored exactly once, every bad one counted with its reason', async () => {
    const traffic = generateSensorsTraffic({ events: 10_000, malformed: 0.05, now: Date.now(), demoCustomers: 300, seed: 2026 });
    const good = traffic.batches.flatMap((b) => b.records).filter((r) => !isMalformedRecord(r)) as SensorsRecord[];
    expect(good).toHaveLength(9_500);

    // Posts of about 100 records; one in twenty is sent again a few posts later with a later flush
    // time, as an SDK does when it missed the answer, so it may be in flight with the original.
    const posts: Post[] = pack(traffic.batches, 100).map((p) => ({ ...p, retry: false }));
    const queue: Post[] = [];
    const retries: Array<{ due: number; post: Post }> = [];
    posts.forEach((p, i) => {
      queue.push(p);
      if (i % 20 === 7) retries.push({ due: i + 3, post: { records: retryOf(p.records, Date.now()), malformed: p.malformed, retry: true } });
      for (const r of retries.filter((x) => x.due === i)) queue.push(r.post);
    });
    for (const r of retries.filter((x) => x.due >= posts.length)) queue.push(r.post);
    const retried = queue.filter((p) => p.retry);
    expect(retried.length).toBeGreaterThanOrEqual(4);

    // Eight posts in flight at a time.
    const answers: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < queue.length) {
          const post = queue[next++]!;
          answers.push(await send(post.records));
        }
      }),
    );

    const retriedGood = retried.reduce((n, p) => n + p.records.filter((r) => !isMalformedRecord(r)).length, 0);
    const refused: Record<string, number> = {};
    for (const p of queue) add(refused, p.malformed);
    const sum = (k: keyof Answer) => answers.reduce((n, a) => n + a[k], 0);
    expect({ received: sum('received'), stored: sum('stored'), duplicates: sum('duplicates'), rejected: sum('rejected') }).toEqual({
      received: queue.reduce((n, p) => n + p.records.length, 0),
      stored: 9_500,
      duplicates: retriedGood,
      rejected: Object.values(refused).reduce((a, b) => a + b, 0),
    });

    // The store: each good record once, none lost or doubled for any person or event name.
    const [totals] = await s.ds.query<Array<{ n: number | string; k: number | string }>>('SELECT COUNT(*) AS n, COUNT(DISTINCT event_key) AS k FROM tracking_event');
    expect([Number(totals!.n), Number(totals!.k)]).toEqual([9_500, 9_500]);
    const perDistinct = await s.ds.query<Array<{ distinct_id: string; n: number | string }>>('SELECT distinct_id, COUNT(*) AS n FROM tracking_event GROUP BY distinct_id');
    expect(Object.fromEntries(perDistinct.map((r) => [r.distinct_id, Number(r.n)]))).toEqual(traffic.byDistinctId);
    const expectedNames: Record<string, number> = {};
    for (const r of good) add(expectedNames, { [`${r.distinct_id} ${r.type === 'profile_set' ? '$profile_set' : r.event}`]: 1 });
    const perName = await s.ds.query<Array<{ distinct_id: string; name: string; n: number | string }>>('SELECT distinct_id, name, COUNT(*) AS n FROM tracking_event GROUP BY distinct_id, name');
    expect(Object.fromEntries(perName.map((r) => [`${r.distinct_id} ${r.name}`, Number(r.n)]))).toEqual(expectedNames);

    // Rejections: one row per malformed record received (a retried one counts again), each with its reason.
    const byReason = await s.ds.query<Array<{ reason: string; n: number | string }>>('SELECT reason, COUNT(*) AS n FROM tracking_rejection GROUP BY reason');
    expect(Object.fromEntries(byReason.map((r) => [r.reason, Number(r.n)]))).toEqual(refused);
    const stats = (await s.get('/api/tracking/stats', admin)).body;
    expect(stats.events.stored).toBe(9_500);
    expect(stats.rejected.byReason).toEqual(refused);
    expect(stats.pending).toBe(0);
    // Visitors whose browsing was stored before they logged in as a demo customer were merged into them.
    expect(stats.merges).toBeGreaterThan(0);
    const badTimes = (await s.get('/api/tracking/rejections?reason=bad_time&limit=200', admin)).body;
    expect(badTimes.total).toBe(refused.bad_time);
    expect(badTimes.items.every((i: { sample: string | null }) => i.sample && i.sample.includes('"time"'))).toBe(true);

    // Visitors who logged in are one customer with the demo customer they logged in as.
    const signups = good.filter((r) => r.type === 'track_signup');
    expect(signups.length).toBeGreaterThan(10);
    const holder = async (kind: string, value: string) =>
      (await s.ds.query<Array<{ customer_id: string; merged_into_id: string | null }>>('SELECT i.customer_id, c.merged_into_id FROM customer_identity i JOIN customer c ON c.id = i.customer_id WHERE i.kind = ? AND i.value = ?', [kind, value]))[0];
    for (const signup of signups) {
      const [anonymous, login] = [await holder('anonymous_id', signup.original_id), await holder('login_id', signup.distinct_id)];
      expect(login).toMatchObject({ merged_into_id: null });
      expect(anonymous?.customer_id).toBe(login!.customer_id);
    }
  }, 180_000);
});

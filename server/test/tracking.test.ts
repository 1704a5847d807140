import { postSensors, sensorsQuery, track } from './support/sensors';
import { startTestServer, type TestServer } from './support/server';

const t0 = Date.UTC(2026, 0, 5, 2);

describe(`tracking ingestion on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await s.ds.query<Array<{ n: number }>>(sql, params))[0]!.n);
  const customerByDistinct = async (distinctId: string) => (await s.get(`/api/customers?distinctId=${encodeURIComponent(distinctId)}`, admin)).body.items as Array<{ id: string; name: string }>;
  /** A demo customer that has a distinct_id, a WeCom relationship and an owner. */
  const knownCustomer = async (skip = 0): Promise<{ id: string; distinctId: string }> => {
    const rows = await s.ds.query<Array<{ customer_id: string; value: string }>>(
      `SELECT i.customer_id, i.value FROM customer_identity i JOIN customer c ON c.id = i.customer_id
       WHERE i.kind = 'distinct_id' AND c.owner_staff_id IS NOT NULL AND EXISTS (SELECT 1 FROM customer_identity e WHERE e.customer_id = c.id AND e.kind = 'external_userid')
       AND NOT EXISTS (SELECT 1 FROM customer_identity l WHERE l.customer_id = c.id AND l.kind = 'login_id')
       ORDER BY i.value LIMIT 1 OFFSET ${skip}`,
    );
    return { id: rows[0]!.customer_id, distinctId: rows[0]!.value };
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 60 });
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('takes an image beacon (GET /sa.gif?data=…) and answers with a GIF; the visitor becomes a customer', async () => {
    const res = await fetch(`${s.url}/sa.gif?${sensorsQuery(track('anon-gif-1', '$pageview', { $url: 'https://m.example.com/ci' }, t0))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    const found = await customerByDistinct('anon-gif-1');
    expect(found).toHaveLength(1);
    expect(found[0]!.name).toMatch(/^访客 /);
    expect(await count('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ?', [found[0]!.id])).toBe(1);
  });

  it('stores a gzip batch once: a retry of the same records is counted as duplicates', async () => {
    const batch = [track('anon-b1', '$AppStart', {}, t0), track('anon-b1', 'view_product', { product_line: 'critical_illness' }, t0 + 1000), track('anon-b1', 'view_product', { product_line: 'critical_illness' }, t0 + 2000)];
    const first = await postSensors(s.url, batch);
    expect(first).toMatchObject({ status: 200, body: { stored: 3, duplicates: 0, rejected: 0 } });
    const retry = await postSensors(s.url, batch.map((r) => ({ ...r, _flush_time: 999 })));
    expect(retry).toMatchObject({ status: 200, body: { stored: 0, duplicates: 3 } });
    const [c] = await customerByDistinct('anon-b1');
    expect(await count('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ?', [c!.id])).toBe(3);
    expect(await count("SELECT SUM(count) AS n FROM activity_count WHERE customer_id = ? AND counter_key = 'event:view_product'", [c!.id])).toBe(2);
  });

  it('refuses bad records with a reason each, stores the good ones, and reports them in the stats', async () => {
    const before = (await s.get('/api/tracking/stats', admin)).body;
    const res = await postSensors(
      s.url,
      [track('anon-bad', 'ok_event', {}, t0), { ...track('anon-bad', 'x'), type: 'item_set' }, { ...track('anon-bad', '9starts-with-digit') }, { ...track('', 'no_id'), distinct_id: '', identities: {} }, 'not an object'],
      { gzip: false },
    );
    expect(res).toMatchObject({ status: 200, body: { stored: 1, rejected: 4 } });
    const after = (await s.get('/api/tracking/stats', admin)).body;
    const grew = (reason: string) => (after.rejected.byReason[reason] ?? 0) - (before.rejected.byReason[reason] ?? 0);
    expect([grew('unknown_type'), grew('bad_event_name'), grew('missing_identity'), grew('not_an_object')]).toEqual([1, 1, 1, 1]);
    const list = (await s.get('/api/tracking/rejections?reason=bad_event_name', admin)).body;
    expect(list.items[0].sample).toContain('9starts-with-digit');
  });

  it('answers 400 for an undecodable payload and for an unknown project, counting the first', async () => {
    const bad = await fetch(`${s.url}/sa`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'data_list=%%%not-base64&gzip=1' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/base64/);
    const unknown = await postSensors(s.url, [track('x', 'y')], { project: 'nosuchproject' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('nosuchproject');
    expect((await s.get('/api/tracking/stats', admin)).body.rejected.byReason.undecodable).toBeGreaterThanOrEqual(1);
  });

  it('applies profile_set to the known customer, keeps the phone only as a hash and a cipher', async () => {
    const known = await knownCustomer();
    const res = await postSensors(s.url, [
      { type: 'profile_set', distinct_id: known.distinctId, time: t0, properties: { city: '杭州', phone: '13912345678', occupation: '教师' }, _track_id: 1 },
      { type: 'profile_increment', distinct_id: known.distinctId, time: t0 + 1, properties: { points: 5 }, _track_id: 2 },
    ]);
    expect(res.body.stored).toBe(2);
    const view = (await s.get(`/api/customers/${known.id}`, admin)).body;
    expect(view.city).toBe('杭州');
    expect(view.identities.map((i: { kind: string }) => i.kind)).toContain('phone_hash');
    const [row] = await s.ds.query<Array<{ profile: string; phone_cipher: string; phone_masked: string }>>('SELECT profile, phone_cipher, phone_masked FROM customer WHERE id = ?', [known.id]);
    expect(JSON.parse(row!.profile)).toEqual({ occupation: '教师', points: 5 });
    expect(row!.phone_masked).toBe('139****5678');
    expect(s.running.container.phoneVault.decrypt(row!.phone_cipher)).toBe('13912345678');
    expect(await count("SELECT COUNT(*) AS n FROM tracking_event WHERE properties LIKE '%13912345678%'")).toBe(0);
  });

  it('merges the anonymous visitor into the known customer on track_signup, events and counts included', async () => {
    const known = await knownCustomer(1);
    const anon = 'cookie-7f3a9';
    await postSensors(s.url, [track(anon, '$pageview', {}, t0), track(anon, 'view_product', { product_line: 'medical' }, t0 + 10)]);
    const [visitor] = await customerByDistinct(anon);
    const knownEventsBefore = await count('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ?', [known.id]);
    const res = await postSensors(s.url, [{ type: 'track_signup', event: '$SignUp', distinct_id: known.distinctId, original_id: anon, time: t0 + 20, properties: { $lib: 'js' }, _track_id: 77 }]);
    expect(res.body.stored).toBe(1);
    const [merged] = await s.ds.query<Array<{ merged_into_id: string }>>('SELECT merged_into_id FROM customer WHERE id = ?', [visitor!.id]);
    expect(merged!.merged_into_id).toBe(known.id);
    expect(await count('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ?', [known.id])).toBe(knownEventsBefore + 3);
    expect(await count('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ?', [visitor!.id])).toBe(0);
    expect(await count("SELECT SUM(count) AS n FROM activity_count WHERE customer_id = ? AND counter_key = 'event:view_product'", [known.id])).toBeGreaterThanOrEqual(1);
    expect((await customerByDistinct(anon))[0]!.id).toBe(known.id);
    const view = (await s.get(`/api/customers/${known.id}`, admin)).body;
    expect(view.timeline.filter((t: { kind: string }) => t.kind.startsWith('event.')).map((t: { summary: string }) => t.summary)).toEqual(
      expect.arrayContaining(['注册/登录', '浏览产品 · 医疗险', '浏览页面']),
    );
    expect(view.timeline.some((t: { kind: string; summary: string }) => t.kind === 'customer.merged' && t.summary.includes('访客'))).toBe(true);
    expect((await s.get(`/api/customers/${visitor!.id}`, admin)).status).toBe(404);
  });

  it('moves a new visitor along the journey stages as they interact, and lists them in a matching segment', async () => {
    const c = s.running.container;
    const seg = await s.post('/api/segments', { name: '近7天浏览重疾产品', rule: { type: 'event_count', event: 'view_product', where: { product_line: 'critical_illness' }, withinDays: 7, min: 2 } }, admin);
    expect(seg.status).toBe(201);
    const now = c.clock.now().getTime();
    await postSensors(s.url, [track('anon-stage', '$pageview', {}, now - 60_000)]);
    await c.customerRefresh.drain();
    const [visitor] = await customerByDistinct('anon-stage');
    expect((await s.get(`/api/customers/${visitor!.id}`, admin)).body.stage).toBe('online_interaction');
    // The segment's filtered counter is known from now on: two matching views put the visitor in.
    await postSensors(s.url, [track('anon-stage', 'view_product', { product_line: 'critical_illness' }, now - 30_000), track('anon-stage', 'view_product', { product_line: 'critical_illness' }, now - 20_000)]);
    await c.customerRefresh.drain();
    const view = (await s.get(`/api/customers/${visitor!.id}`, admin)).body;
    expect(view.stage).toBe('analysis');
    expect(view.segments.map((g: { name: string }) => g.name)).toEqual(['近7天浏览重疾产品']);
  });

  it('takes Segment batches with the write key as basic-auth user and refuses a wrong key', async () => {
    const auth = `Basic ${Buffer.from('sandbox-write-key:').toString('base64')}`;
    const body = {
      batch: [
        { type: 'identify', userId: 'seg-user-1', anonymousId: 'seg-anon-1', traits: { name: '周杰', city: '成都' }, messageId: 'm-1', timestamp: new Date(t0).toISOString() },
        { type: 'track', userId: 'seg-user-1', event: 'Viewed Product', properties: { product_line: 'annuity' }, messageId: 'm-2', timestamp: new Date(t0 + 5).toISOString() },
        { type: 'group', userId: 'seg-user-1', groupId: 'g', messageId: 'm-3' },
      ],
    };
    const res = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, stored: 2, rejected: 1 });
    const [c] = await customerByDistinct('seg-user-1');
    const view = (await s.get(`/api/customers/${c!.id}`, admin)).body;
    expect(view).toMatchObject({ name: '周杰', city: '成都' });
    expect(view.identities).toEqual(expect.arrayContaining([{ kind: 'login_id', value: 'seg-user-1' }, { kind: 'anonymous_id', value: 'seg-anon-1' }]));
    const wrong = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('nope:').toString('base64')}` }, body: JSON.stringify(body) });
    expect(wrong.status).toBe(401);
  });
});

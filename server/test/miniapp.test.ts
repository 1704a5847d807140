import { startTestServer, type TestServer } from './support/server';

/**
 * The mini-program backend (issue 9) through HTTP on the running sandbox product: sign-in with the
 * fake WeChat's code2session, phone binding with consent, check-ins, 40 concurrent sign-ups for 10
 * seats (never oversold, the waitlist moves up on a cancel), ticket scans by agents, referral
 * attribution and its reward once, a poster code from the fake, a proposal view that notifies the
 * agent, the events in the customer's timeline, and reminders sent once on accepted consents.
 */
describe(`mini-program on ${process.env.TEST_DB}`, () => {
  const HOUR = 3_600_000;
  let s: TestServer;
  let admin: string;
  /** 10:00 in Shanghai, two days ahead: the product clock is set here first, so local days are known. */
  const t0 = (() => {
    const d = new Date(Date.now() + 2 * 24 * HOUR);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 2, 0, 0);
  })();
  const iso = (ms: number) => new Date(ms).toISOString();
  const setClock = async (ms: number) => {
    const res = await s.post('/api/sandbox/clock', { set: iso(ms) });
    expect(res.status).toBe(200);
  };
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(s.url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };
  const login = async (code: string, extra: Record<string, unknown> = {}) => {
    const res = await s.post('/api/mp/login', { code, ...extra });
    if (res.status !== 200) throw new Error(`login ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { token: string; isNew: boolean; customer: { id: string; name: string; phoneMasked: string | null; timezone: string } };
  };
  let rid = 0;
  const requestId = () => `req-${String(++rid).padStart(8, '0')}`;
  const offline = (title: string, startsAt: number, capacity: number) => ({
    kind: 'offline',
    type: 'seminar',
    title,
    description: '测试活动',
    startsAt: iso(startsAt),
    endsAt: iso(startsAt + 2 * HOUR),
    location: '上海市浦东新区',
    capacity,
    status: 'published',
    siteCode: `SITE-${title.length}-${capacity}`,
  });

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 40 });
    await setClock(t0);
    admin = await s.login('admin');
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('signs in through code2session, finds the same customer again, and binds a phone only with consent', async () => {
    const first = await login('user-alice-1');
    expect(first.isNew).toBe(true);
    expect(first.customer).toMatchObject({ phoneMasked: null, timezone: 'Asia/Shanghai' });
    const again = await login('user-alice-2');
    expect(again.isNew).toBe(false);
    expect(again.customer.id).toBe(first.customer.id);
    expect((await s.post('/api/mp/login', { code: 'invalid-code' })).status).toBe(401);

    expect((await s.post('/api/mp/phone', { code: 'phone-13911112222', consent: false }, first.token)).status).toBe(400);
    expect((await s.post('/api/mp/phone', { code: 'phone-13911112222' }, first.token)).status).toBe(400);
    const bound = await s.post('/api/mp/phone', { code: 'phone-13911112222', consent: true }, first.token);
    expect(bound.status).toBe(200);
    expect(bound.body).toEqual({ phoneMasked: '139****2222' });
    // The fake's codes are single-use, as WeChat's are: 40029 reads as a bad request.
    expect((await s.post('/api/mp/phone', { code: 'phone-13911112222', consent: true }, first.token)).status).toBe(400);
    const me = await s.get('/api/mp/me', first.token);
    expect(me.body.customer.phoneMasked).toBe('139****2222');
    // A staff route refuses a customer token; the OpenAPI document describes both sides.
    expect((await s.get('/api/activities', first.token)).status).toBe(403);
    const doc = await s.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/mp/login', '/api/mp/activities/{id}/signups', '/api/activities/{id}/attendance', '/api/proposals']));
    expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining(['MpLoginResponse', 'ActivityCard', 'MpActivityDetail', 'Proposal']));
  });

  it('merges a mini-program user into the customer who holds the phone, and refuses two people with different unionids', async () => {
    // The demo's phones follow one formula; find which demo customers hold them (with and without a unionid).
    const vault = s.running.container.phoneVault;
    const holders: Array<{ phone: string; customerId: string; unionid: boolean }> = [];
    for (let i = 0; i < 40; i++) {
      const phone = `13${String(800000000 + i * 7919).slice(-9)}`;
      const [row] = await s.ds.query<Array<{ customer_id: string; u: number | string }>>(
        "SELECT i.customer_id, (SELECT COUNT(*) FROM customer_identity u WHERE u.customer_id = i.customer_id AND u.kind = 'unionid') AS u FROM customer_identity i WHERE i.kind = 'phone_hash' AND i.value = ?",
        [vault.hash(phone)],
      );
      if (row) holders.push({ phone, customerId: row.customer_id, unionid: Number(row.u) > 0 });
    }
    // Not the demo's showcase customer (the proposal's), whom later tests sign in as.
    const [showcase] = await s.ds.query<Array<{ customer_id: string }>>('SELECT customer_id FROM mp_proposal');
    const plain = holders.find((h) => !h.unionid && h.customerId !== showcase!.customer_id)!;
    const withUnion = holders.find((h) => h.unionid)!;
    expect(plain && withUnion).toBeTruthy();

    const mp = await login('user-merge-1');
    await s.post('/api/mp/checkins', { requestId: requestId() }, mp.token);
    const bound = await s.post('/api/mp/phone', { code: `phone-${plain.phone}`, consent: true }, mp.token);
    expect(bound.status).toBe(200);
    // The old token now stands for the survivor, the customer we knew, with the mini-program's rows moved over.
    const me = await s.get('/api/mp/me', mp.token);
    expect(me.body.customer.id).toBe(plain.customerId);
    expect(me.body.points.balance).toBe(5);
    const [merged] = await s.ds.query<Array<{ merged_into_id: string | null }>>('SELECT merged_into_id FROM customer WHERE id = ?', [mp.customer.id]);
    expect(merged!.merged_into_id).toBe(plain.customerId);
    expect((await login('user-merge-2')).customer.id).toBe(plain.customerId);

    const other = await login('user-merge-3');
    expect((await s.post('/api/mp/phone', { code: `phone-${withUnion.phone}`, consent: true }, other.token)).status).toBe(409);
  });

  it('checks in once per local day: the second call the same day awards nothing', async () => {
    const { token } = await login('user-alice-3');
    const one = await s.post('/api/mp/checkins', { requestId: requestId() }, token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ date: iso(t0).slice(0, 10), streak: 1, pointsAwarded: 5, reward: null, balance: 5, already: false });
    const two = await s.post('/api/mp/checkins', { requestId: requestId() }, token);
    expect(two.body).toMatchObject({ date: iso(t0).slice(0, 10), streak: 1, pointsAwarded: 0, balance: 5, already: true });
    const cal = await s.get(`/api/mp/checkins?month=${iso(t0).slice(0, 7)}`, token);
    expect(cal.body).toMatchObject({ timezone: 'Asia/Shanghai', today: iso(t0).slice(0, 10), checkedToday: true, streak: 1, days: [iso(t0).slice(0, 10)], nextReward: { inDays: 6 }, balance: 5 });
    const points = await s.get('/api/mp/points', token);
    expect(points.body.entries).toEqual([expect.objectContaining({ delta: 5, reason: 'checkin', ref: iso(t0).slice(0, 10) })]);
    // The event counts like any behaviour: the daily counter and streak segments and stage rules read.
    const me = (await s.get('/api/mp/me', token)).body.customer.id as string;
    const counters = await s.ds.query<Array<{ day: string; count: number | string }>>("SELECT `day`, `count` FROM activity_count WHERE customer_id = ? AND counter_key = 'event:check_in'", [me]);
    expect(counters.map((c) => [c.day, Number(c.count)])).toEqual([[iso(t0).slice(0, 10), 1]]);
  });

  it('never oversells 10 seats to 40 concurrent sign-ups, and moves the waitlist up when someone cancels', async () => {
    const created = await s.post('/api/activities', offline('并发报名测试', t0 + 48 * HOUR, 10), admin);
    expect(created.status).toBe(201);
    const activityId = created.body.id as string;
    const people = [];
    for (let i = 0; i < 40; i++) people.push(await login(`user-crowd${i}-a`));
    const answers = await Promise.all(people.map((p, i) => s.post(`/api/mp/activities/${activityId}/signups`, { requestId: requestId(), form: { name: `客户${i}` } }, p.token)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const confirmed = answers.filter((a) => a.body.status === 'confirmed');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(10);
    expect(waitlisted).toHaveLength(30);
    expect(new Set(confirmed.map((a) => a.body.ticket.code)).size).toBe(10);
    expect(waitlisted.map((a) => a.body.position as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const [row] = await s.ds.query<Array<{ seats_taken: number | string; waitlisted: number | string }>>('SELECT seats_taken, waitlisted FROM activity WHERE id = ?', [activityId]);
    expect(Number(row!.seats_taken)).toBe(10);
    expect(Number(row!.waitlisted)).toBe(30);
    const [count] = await s.ds.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM mp_signup WHERE activity_id = ? AND status = 'confirmed'", [activityId]);
    expect(Number(count!.n)).toBe(10);

    // The same customer again: the same answer, no second seat.
    const i0 = answers.findIndex((a) => a.body.status === 'confirmed');
    const repeat = await s.post(`/api/mp/activities/${activityId}/signups`, { requestId: requestId(), form: { name: '再次' } }, people[i0]!.token);
    expect(repeat.body).toEqual(answers[i0]!.body);

    // A confirmed customer cancels: the first on the waitlist gets the seat and a ticket.
    const head = answers.findIndex((a) => a.body.position === 1);
    expect((await call('DELETE', `/api/mp/activities/${activityId}/signup`, people[i0]!.token)).body).toEqual({ status: 'cancelled' });
    const promoted = await s.get(`/api/mp/activities/${activityId}`, people[head]!.token);
    expect(promoted.body.mySignup).toMatchObject({ status: 'confirmed', position: null });
    expect(promoted.body.mySignup.ticketCode).toMatch(/^[2-9A-Z]{10}$/);
    const second = answers.findIndex((a) => a.body.position === 2);
    expect((await s.get(`/api/mp/activities/${activityId}`, people[second]!.token)).body.mySignup).toMatchObject({ status: 'waitlisted', position: 1 });
    const [after] = await s.ds.query<Array<{ seats_taken: number | string; waitlisted: number | string }>>('SELECT seats_taken, waitlisted FROM activity WHERE id = ?', [activityId]);
    expect([Number(after!.seats_taken), Number(after!.waitlisted)]).toEqual([10, 29]);
    const list = await s.get(`/api/activities/${activityId}/signups`, admin);
    expect(list.body.counts).toMatchObject({ booked: 39, waitlisted: 29, attended: 0 });
  }, 120_000);

  it('lets an agent scan the tickets of their own customers only, and the customer scan the venue code', async () => {
    const [demo] = await s.ds.query<Array<{ customer_id: string; staff_id: string; username: string; openid: string; proposal_id: string }>>(
      `SELECT p.customer_id, p.staff_id, st.username, p.id AS proposal_id,
              (SELECT MIN(value) FROM customer_identity i WHERE i.customer_id = p.customer_id AND i.kind = 'openid' AND i.value LIKE 'oSandbox%') AS openid
         FROM mp_proposal p JOIN staff_member st ON st.id = p.staff_id`,
    );
    expect(demo).toBeDefined();
    const n = Number(demo!.openid.replace('oSandbox', ''));
    const customer = await login(`demo-${n}`);
    expect(customer.customer.id).toBe(demo!.customer_id);
    expect(customer.isNew).toBe(false);
    // Their agent's card, with a contact way of scene 1 made once and reused.
    const me = await s.get('/api/mp/me', customer.token);
    expect(me.body.agent).toMatchObject({ staffId: demo!.staff_id, contactWay: { configId: expect.any(String), scene: 1 } });
    expect((await s.get('/api/mp/me', customer.token)).body.agent.contactWay.configId).toBe(me.body.agent.contactWay.configId);
    expect(me.body.counts.policies).toBeGreaterThanOrEqual(0);

    const soon = await s.post('/api/activities', offline('扫码签到测试', t0 + HOUR, 20), admin);
    const activityId = soon.body.id as string;
    const signup = await s.post(`/api/mp/activities/${activityId}/signups`, { requestId: requestId(), form: { name: '演示客户', companions: 1 } }, customer.token);
    expect(signup.body.status).toBe('confirmed');
    const code = signup.body.ticket.code as string;
    const tickets = await s.get('/api/mp/tickets', customer.token);
    // (The demo customer may hold tickets of the demo's past events too.)
    expect(tickets.body.items.filter((t: { activity: { id: string } }) => t.activity.id === activityId)).toEqual([expect.objectContaining({ code, status: 'confirmed', qrPayload: `lodestar:ticket:${code}` })]);

    const owner = await s.login(demo!.username);
    const otherName = demo!.username === 'agent001' ? 'agent002' : 'agent001';
    const other = await s.login(otherName);
    expect((await s.post(`/api/activities/${activityId}/attendance`, { ticketCode: code }, other)).status).toBe(403);
    const scanned = await s.post(`/api/activities/${activityId}/attendance`, { ticketCode: `lodestar:ticket:${code}` }, owner);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({ customer: { id: demo!.customer_id, name: expect.any(String) }, status: 'attended', already: false });
    expect((await s.post(`/api/activities/${activityId}/attendance`, { ticketCode: code }, owner)).body.already).toBe(true);

    // A customer scans the code at the venue.
    const alice = await login('user-alice-4');
    await s.post(`/api/mp/activities/${activityId}/signups`, { requestId: requestId(), form: { name: '爱丽丝' } }, alice.token);
    expect((await s.post(`/api/mp/activities/${activityId}/attend`, { siteCode: 'WRONG' }, alice.token)).status).toBe(400);
    const attended = await s.post(`/api/mp/activities/${activityId}/attend`, { siteCode: soon.body.siteCode }, alice.token);
    expect(attended.body).toMatchObject({ status: 'attended' });
    const funnel = await s.get(`/api/activities/${activityId}/signups`, owner);
    // The agent sees their own customer's row only.
    expect(funnel.body.items.map((r: { customer: { id: string } }) => r.customer.id)).toEqual([demo!.customer_id]);
    expect(funnel.body.counts).toMatchObject({ booked: 2, attended: 2 });
  });

  it('attributes a new customer to the referrer (first touch), refuses self-referrals, loops and existing customers, and rewards once', async () => {
    const alice = await login('user-alice-5');
    const code = (await s.get('/api/mp/referrals', alice.token)).body.code as string;
    expect(code).toMatch(/^[2-9a-z]{8}$/);
    const before = (await s.get('/api/mp/points', alice.token)).body.balance as number;

    const bob = await login('user-bob-1', { referrer: `r=${code}` });
    expect(bob.isNew).toBe(true);
    const bobCode = (await s.get('/api/mp/referrals', bob.token)).body.code as string;
    // Not attributed: alice with bob's code (a loop, and she is not new), her own code, an existing customer.
    await login('user-alice-6', { referrer: bobCode });
    await login('user-alice-7', { referrer: code });
    await login('user-crowd0-b', { referrer: code });
    // Bob again through a second share: the first touch stands.
    await login('user-bob-2', { referrer: bobCode });
    const rows = await s.ds.query<Array<{ referrer_id: string; referee_id: string }>>('SELECT referrer_id, referee_id FROM mp_referral');
    expect(rows.filter((r) => r.referrer_id === alice.customer.id || r.referee_id === alice.customer.id)).toEqual([{ referrer_id: alice.customer.id, referee_id: bob.customer.id }]);

    let list = (await s.get('/api/mp/referrals', alice.token)).body;
    expect(list.invitees).toEqual([expect.objectContaining({ qualified: false, rewardPoints: 0 })]);
    // Bob binds his phone (qualifies), then signs up for an activity (would qualify again): one reward.
    expect((await s.post('/api/mp/phone', { code: 'phone-13722223333', consent: true }, bob.token)).status).toBe(200);
    const act = (await s.get('/api/mp/activities?kind=offline', bob.token)).body.items.find((a: { status: string; startsAt: string }) => Date.parse(a.startsAt) > t0 + 24 * HOUR);
    await s.post(`/api/mp/activities/${act.id}/signups`, { requestId: requestId(), form: { name: '鲍勃' } }, bob.token);
    list = (await s.get('/api/mp/referrals', alice.token)).body;
    expect(list).toMatchObject({ code, totalPoints: 100, invitees: [{ qualified: true, rewardPoints: 100 }] });
    expect(list.invitees[0].name).toMatch(/\*/);
    const points = (await s.get('/api/mp/points', alice.token)).body;
    expect(points.balance).toBe(before + 100);
    expect(points.entries.filter((e: { reason: string }) => e.reason === 'referral_reward')).toEqual([expect.objectContaining({ delta: 100, ref: bob.customer.id })]);

    // The referrer's referral_qualified event puts her in the referral stage (refreshed in the background); not bob.
    let view = await s.get(`/api/customers/${alice.customer.id}`, admin);
    for (let i = 0; i < 100 && view.body.stage !== 'referral'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = await s.get(`/api/customers/${alice.customer.id}`, admin);
    }
    expect(view.body.stage).toBe('referral');
    expect(view.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['event.referral_joined', 'event.referral_qualified', 'event.check_in']));
    expect((await s.get(`/api/customers/${bob.customer.id}`, admin)).body.stage).not.toBe('referral');
  });

  it('makes a poster code through the fake WeChat: a PNG for the referral scene', async () => {
    const alice = await login('user-alice-8');
    const poster = await s.post('/api/mp/referrals/poster', {}, alice.token);
    expect(poster.status).toBe(200);
    const code = (await s.get('/api/mp/referrals', alice.token)).body.code as string;
    expect(poster.body).toMatchObject({ scene: `r=${code}`, contentType: 'image/png', page: 'pages/index/index' });
    const bytes = Buffer.from(poster.body.imageBase64 as string, 'base64');
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(200);
  });

  it('tells the agent each time the customer opens a shared proposal, and shows everything in the customer’s timeline', async () => {
    const [demo] = await s.ds.query<Array<{ customer_id: string; staff_id: string; username: string; openid: string }>>(
      `SELECT p.customer_id, p.staff_id, st.username, (SELECT MIN(value) FROM customer_identity i WHERE i.customer_id = p.customer_id AND i.kind = 'openid' AND i.value LIKE 'oSandbox%') AS openid
         FROM mp_proposal p JOIN staff_member st ON st.id = p.staff_id`,
    );
    const agent = await s.login(demo!.username);
    const products = (await s.get('/api/mp/products?line=critical_illness', (await login('user-alice-9')).token)).body.items as Array<{ id: string; name: string; minCover: number; premiumFrom: number }>;
    const made = await s.post('/api/proposals', { customerId: demo!.customer_id, items: [{ productId: products[0]!.id, cover: products[0]!.minCover * 3 }] }, agent);
    expect(made.status).toBe(201);
    expect(made.body.totalPremium).toBe(products[0]!.premiumFrom * 3);
    // Another agent's customer is out of reach.
    const stranger = await login('user-stranger-1');
    expect((await s.post('/api/proposals', { customerId: stranger.customer.id, items: [{ productId: products[0]!.id, cover: products[0]!.minCover }] }, agent)).status).toBe(404);

    const customer = await login(`demo-${Number(demo!.openid.replace('oSandbox', ''))}`);
    expect((await s.get(`/api/mp/proposals/${made.body.id}`, stranger.token)).status).toBe(404);
    const seen = await s.get(`/api/mp/proposals/${made.body.id}`, customer.token);
    expect(seen.body).toMatchObject({ id: made.body.id, views: 1, items: [{ cover: products[0]!.minCover * 3 }] });
    expect((await s.get(`/api/mp/proposals/${made.body.id}`, customer.token)).body.views).toBe(2);
    const notes = (await s.get('/api/notifications?limit=50', agent)).body.items as Array<{ kind: string; payload: { proposal?: { id: string }; views?: number } }>;
    const viewed = notes.filter((x) => x.kind === 'proposal.viewed' && x.payload.proposal?.id === made.body.id);
    expect(viewed.map((x) => x.payload.views).sort()).toEqual([1, 2]);
    // The sidebar's proposal panel: the agent sees the opening count; another customer's list is refused.
    const listed = await s.get(`/api/proposals?customerId=${demo!.customer_id}`, agent);
    expect(listed.body.items.find((x: { id: string }) => x.id === made.body.id)).toMatchObject({ views: 2, totalPremium: made.body.totalPremium });
    expect((await s.get(`/api/proposals?customerId=${stranger.customer.id}`, agent)).status).toBe(404);
    // What the agent can send: pages of the mini-program carrying the agent as inviter.
    const shareables = (await s.get('/api/content/shareables?kind=product', agent)).body.items as Array<{ kind: string; id: string; page: string; url: string }>;
    expect(shareables.map((x) => x.id)).toEqual(expect.arrayContaining(products.map((x) => x.id)));
    expect(shareables.length).toBeGreaterThan(products.length);
    expect(shareables.every((x) => x.kind === 'product' && x.page.startsWith('pages/product/index?id=') && x.url === `/mp/#/${x.page}`)).toBe(true);
    expect(shareables[0]!.page).toContain(`inviter=${demo!.staff_id}`);
    const named = (await s.get(`/api/content/shareables?q=${encodeURIComponent(products[0]!.name)}`, agent)).body.items as Array<{ id: string }>;
    expect(named.map((x) => x.id)).toContain(products[0]!.id);

    // Content views, a leave-contact form and an assessment, then the timeline.
    const product = await s.get(`/api/mp/products/${products[0]!.id}`, customer.token);
    expect(product.body.lineName).toBe('重疾险');
    const articles = (await s.get('/api/mp/articles', customer.token)).body.items as Array<{ id: string }>;
    expect(articles.length).toBeGreaterThan(0);
    expect((await s.get(`/api/mp/articles/${articles[0]!.id}`, customer.token)).body.body).toEqual(expect.any(String));
    const lead = await s.post('/api/mp/leads', { requestId: requestId(), productId: products[0]!.id, name: '演示', phone: '13812345678', consent: true }, customer.token);
    expect(lead.status).toBe(201);
    const assessed = await s.post('/api/mp/assessments', { age: 35, annualIncome: 300_000, dependents: 2, debts: 500_000, existing: { critical_illness: 300_000, medical: 0, accident: 0, life: 0 } }, customer.token);
    expect(assessed.body.score).toBeGreaterThan(0);
    expect(assessed.body.score).toBeLessThan(100);
    const view = await s.get(`/api/customers/${demo!.customer_id}`, agent);
    const kinds = (view.body.timeline as Array<{ kind: string }>).map((t) => t.kind);
    for (const k of ['event.proposal_viewed', 'event.product_viewed', 'event.article_viewed', 'event.lead_left', 'event.gap_assessed', 'event.activity_signup', 'event.activity_attended']) expect(kinds).toContain(k);
  });

  it('reads WeChat’s errors through the adapter: a used phone code, a bad page, a scene too long', async () => {
    const wechat = s.running.container.wechat;
    await expect(wechat.getPhoneNumber('invalid-code')).rejects.toMatchObject({ errcode: 40029 });
    await expect(wechat.getUnlimitedQrCode({ scene: 'r=abc', page: '/pages/index/index' })).rejects.toMatchObject({ errcode: 41030 });
    await expect(wechat.getUnlimitedQrCode({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errcode: 40169 });
    const phone = await wechat.getPhoneNumber('phone-13600001111-a');
    expect(phone).toEqual({ phoneNumber: '13600001111', purePhoneNumber: '13600001111', countryCode: '86' });
  });

  it('plays an online activity once', async () => {
    const { token } = await login('user-player-1');
    const items = (await s.get('/api/mp/activities?kind=online', token)).body.items as Array<{ id: string; type: string }>;
    const quiz = items.find((a) => a.type === 'quiz')!;
    const detail = await s.get(`/api/mp/activities/${quiz.id}`, token);
    expect(detail.body.quiz.length).toBeGreaterThan(0);
    expect(detail.body.quiz[0]).not.toHaveProperty('answer');
    const answers = detail.body.quiz.map(() => 0);
    const first = await s.post(`/api/mp/activities/${quiz.id}/play`, { requestId: requestId(), answers }, token);
    expect(first.body).toMatchObject({ kind: 'quiz', total: detail.body.quiz.length, already: false });
    const again = await s.post(`/api/mp/activities/${quiz.id}/play`, { requestId: requestId(), answers: answers.map(() => 1) }, token);
    expect(again.body).toEqual({ ...first.body, already: true });
    expect((await s.get('/api/mp/points', token)).body.balance).toBe(first.body.pointsAwarded);
  });

  it('reminds on accepted consents only, each reminder once: activities 24 h and 1 h ahead, check-ins after 20:00', async () => {
    const start = t0 + 30 * HOUR;
    const created = await s.post('/api/activities', offline('提醒测试', start, 50), admin);
    const keen = await login('user-keen-1');
    const shy = await login('user-shy-1');
    for (const p of [keen, shy]) await s.post(`/api/mp/activities/${created.body.id}/signups`, { requestId: requestId(), form: { name: '提醒' } }, p.token);
    expect((await s.post('/api/mp/subscriptions', { templateId: 'TPL_ACTIVITY', scene: 'activity_reminder', result: 'accept' }, keen.token)).status).toBe(204);
    expect((await s.post('/api/mp/subscriptions', { templateId: 'TPL_ACTIVITY', scene: 'activity_reminder', result: 'accept' }, keen.token)).status).toBe(204);
    expect((await s.post('/api/mp/subscriptions', { templateId: 'TPL_ACTIVITY', scene: 'activity_reminder', result: 'reject' }, shy.token)).status).toBe(204);
    expect((await s.post('/api/mp/subscriptions', { templateId: 'TPL_CHECKIN', scene: 'checkin_reminder', result: 'accept' }, keen.token)).status).toBe(204);
    const openid = async (customerId: string) => (await s.ds.query<Array<{ v: string }>>("SELECT value AS v FROM customer_identity WHERE customer_id = ? AND kind = 'openid'", [customerId]))[0]!.v;
    const [keenId, shyId] = [await openid(keen.customer.id), await openid(shy.customer.id)];
    const sent = async (recipient: string) =>
      (await s.ds.query<Array<{ content: string }>>("SELECT content FROM sandbox_outbox WHERE channel = 'mp_subscribe' AND recipient = ?", [recipient])).map((r) => JSON.parse(r.content) as { template_id: string; data: Record<string, { value: string }> });

    await setClock(start - 23 * HOUR); // 24 h reminder due; 11:00 local, no check-in reminder yet
    await setClock(start - 23 * HOUR + 60_000);
    expect((await sent(keenId)).map((m) => m.template_id)).toEqual(['TPL_ACTIVITY']);
    expect(await sent(shyId)).toEqual([]);

    await setClock(Date.UTC(new Date(start - 23 * HOUR).getUTCFullYear(), new Date(start - 23 * HOUR).getUTCMonth(), new Date(start - 23 * HOUR).getUTCDate(), 12, 30)); // 20:30 local
    await setClock(Date.UTC(new Date(start - 23 * HOUR).getUTCFullYear(), new Date(start - 23 * HOUR).getUTCMonth(), new Date(start - 23 * HOUR).getUTCDate(), 12, 45));
    expect((await sent(keenId)).map((m) => m.template_id)).toEqual(['TPL_ACTIVITY', 'TPL_CHECKIN']);

    await setClock(start - 30 * 60_000); // 1 h reminder due
    await setClock(start - 20 * 60_000);
    const messages = await sent(keenId);
    expect(messages.map((m) => m.template_id).sort()).toEqual(['TPL_ACTIVITY', 'TPL_ACTIVITY', 'TPL_CHECKIN']);
    const keys = await s.ds.query<Array<{ k: string; status: string }>>('SELECT reminder_key AS k, status FROM mp_reminder WHERE customer_id = ? ORDER BY at', [keen.customer.id]);
    expect(keys.map((k) => k.status)).toEqual(['sent', 'sent', 'sent']);
    // Two accepts were two consents: both activity ones are used now.
    const [left] = await s.ds.query<Array<{ remaining: number | string }>>("SELECT remaining FROM subscription_consent WHERE customer_id = ? AND template_id = 'TPL_ACTIVITY'", [keen.customer.id]);
    expect(Number(left!.remaining)).toBe(0);
  });
});

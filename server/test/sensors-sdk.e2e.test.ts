import type { Browser, Request } from 'playwright-core';
import { launchChromium, startStaticSite, until, type StaticSite } from './support/browser';
import { postSensors } from './support/sensors';
import { startTestServer, type TestServer } from './support/server';

/**
 * The official Sensors SDKs against the running server: the web SDK (sa-sdk-javascript) in headless
 * Chromium on another origin, and the Node SDK (sa-sdk-node). Nothing here builds a payload by hand
 * except the re-sent duplicate, which is the Node SDK's own record captured on its way out.
 */

/** The parts of sa-sdk-node used here (it ships no types). */
interface SensorsNode {
  track(distinctId: string, event: string, properties?: Record<string, unknown>): void;
  trackSignup(distinctId: string, originalId: string, properties?: Record<string, unknown>): void;
  profileSet(distinctId: string, properties: Record<string, unknown>): void;
  profileIncrement(distinctId: string, properties: Record<string, number>): void;
  profileAppend(distinctId: string, properties: Record<string, string[]>): void;
  profileUnset(distinctId: string, keys: string[]): void;
  submitTo(options: { url: string; gzip: boolean; mode: string; timeout?: number }, batch: { count?: number; timeSpan?: number }): Observable;
  subscribe(next: (record: Record<string, unknown>) => void): unknown;
  onCompleted(): void;
}
interface Observable {
  subscribe(next: (value: unknown) => void, error: (e: unknown) => void): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- sa-sdk-node is CommonJS without type declarations
const sdkModule = require('sa-sdk-node') as { default?: new () => SensorsNode } & (new () => SensorsNode);
const SensorsAnalytics = sdkModule.default ?? sdkModule;

interface Demo {
  id: string;
  distinctId: string;
  city: string;
}
interface StoredEvent {
  name: string;
  type: string;
  distinct_id: string | null;
  properties: Record<string, any>;
}

/** The product page of the test site: loads the web SDK, tracks, sets a profile property. */
function productPage(serverUrl: string, sendType: string, batch: boolean): string {
  const init = {
    server_url: `${serverUrl}/sa?project=default`,
    send_type: sendType,
    batch_send: batch ? { send_interval: 300, datasend_timeout: 3000 } : false,
    show_log: false,
    heatmap: false,
    is_track_single_page: false,
  };
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>安心重疾 · 产品详情</title>
<script src="/sensorsdata.min.js"></script>
<script>
  var sensors = window.sensorsDataAnalytic201505;
  window.sends = [];
  sensors.init(${JSON.stringify(init)});
  sensors.on('dataSendSuccess', function (d) { window.sends.push({ ok: true, type: d.type }); });
  sensors.on('dataSendFail', function (d) { window.sends.push({ ok: false, type: d.type, status: d.status }); });
  sensors.quick('autoTrack');
  sensors.track('view_product', { product_line: 'critical_illness', product_name: '安心重疾' });
  sensors.setProfile({ city: '广州' });
</script></head>
<body><h1>安心重疾</h1><p>确诊即赔，最高 50 万保额。</p></body></html>`;
}

describe(`the official Sensors SDKs on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let browser: Browser;
  let site: StaticSite;
  let demos: Demo[] = [];
  let nextDemo = 0;

  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => s.ds.query<T[]>(sql, params);
  const view = async (id: string): Promise<any> => {
    const res = await s.get(`/api/customers/${id}`, admin);
    if (res.status !== 200) throw new Error(`GET /api/customers/${id}: ${res.status}`);
    return res.body;
  };
  const byDistinct = async (distinctId: string): Promise<Array<{ id: string; name: string; city: string | null }>> =>
    (await s.get(`/api/customers?distinctId=${encodeURIComponent(distinctId)}`, admin)).body.items;
  const eventsOf = async (customerId: string): Promise<StoredEvent[]> =>
    (await q<{ name: string; type: string; distinct_id: string | null; properties: string | null }>('SELECT name, type, distinct_id, properties FROM tracking_event WHERE customer_id = ? ORDER BY occurred_at, id', [customerId])).map(
      (r) => ({ ...r, properties: r.properties ? JSON.parse(r.properties) : {} }),
    );
  const mergedInto = async (customerId: string): Promise<string | null> => (await q<{ merged_into_id: string | null }>('SELECT merged_into_id FROM customer WHERE id = ?', [customerId]))[0]!.merged_into_id;
  const profileOf = async (customerId: string): Promise<Record<string, unknown>> => {
    const [row] = await q<{ profile: string | null }>('SELECT profile FROM customer WHERE id = ?', [customerId]);
    return row?.profile ? JSON.parse(row.profile) : {};
  };
  /** The profile without what the SDK's `lib` block may have leaked into it (asserted on its own at the end). */
  const personalProfileOf = async (customerId: string): Promise<Record<string, unknown>> =>
    Object.fromEntries(Object.entries(await profileOf(customerId)).filter(([k]) => !k.startsWith('$lib')));
  const rejections = async (): Promise<Array<{ reason: string; detail: string }>> => q('SELECT reason, detail FROM tracking_rejection');
  /** A different known demo customer each call: WeCom contact with an owner, a distinct_id, no login id yet. */
  const demo = (): Demo => {
    const d = demos[nextDemo++];
    if (!d) throw new Error('not enough demo customers for the scenarios');
    return d;
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 60 });
    admin = await s.login('admin');
    demos = await q<Demo>(
      `SELECT c.id, i.value AS distinctId, c.city FROM customer_identity i JOIN customer c ON c.id = i.customer_id
       WHERE i.kind = 'distinct_id' AND c.owner_staff_id IS NOT NULL AND c.city NOT IN ('广州', '杭州')
       AND EXISTS (SELECT 1 FROM customer_identity e WHERE e.customer_id = c.id AND e.kind = 'external_userid')
       AND NOT EXISTS (SELECT 1 FROM customer_identity l WHERE l.customer_id = c.id AND l.kind = 'login_id')
       ORDER BY i.value`,
    );
    browser = await launchChromium();
    site = await startStaticSite();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await s?.close();
  });

  describe('sa-sdk-javascript in headless Chromium, from another origin', () => {
    const scenarios = [
      { sendType: 'image', batch: false, method: 'GET', contentType: null, param: 'data' },
      { sendType: 'ajax', batch: false, method: 'POST', contentType: 'application/x-www-form-urlencoded', param: 'data' },
      { sendType: 'beacon', batch: false, method: 'POST', contentType: 'text/plain;charset=UTF-8', param: 'data' },
      { sendType: 'ajax', batch: true, method: 'POST', contentType: 'application/x-www-form-urlencoded', param: 'data_list' },
    ] as const;

    it.each(scenarios)('send_type $sendType, batch_send $batch: the visitor is tracked, then merged into the known customer on login', async ({ sendType, batch, method, contentType, param }) => {
      const known = demo();
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const wire: Array<{ method: string; url: URL; contentType: string | null; body: string | null; status: number | null }> = [];
      const record = async (req: Request): Promise<void> => {
        if (!req.url().startsWith(s.url)) return;
        const res = await req.response().catch(() => null);
        wire.push({ method: req.method(), url: new URL(req.url()), contentType: req.headers()['content-type'] ?? null, body: req.postData(), status: res?.status() ?? null });
      };
      page.on('requestfinished', (req) => void record(req));
      page.on('requestfailed', (req) => void record(req));
      const pageUrl = site.page(`/product-${sendType}${batch ? '-batch' : ''}.html`, productPage(s.url, sendType, batch));
      try {
        await page.goto(pageUrl);
        const anonymousId = await page.evaluate(() => (globalThis as any).sensorsDataAnalytic201505.quick('getAnonymousID') as string);
        expect(anonymousId).toMatch(/^[0-9a-f-]{20,}$/);

        // Before login: an anonymous visitor holding what the page sent ($pageview, profile_set_once of
        // the first visit, view_product, profile_set of the city).
        const visitor = await until(`visitor ${anonymousId} with the page's four records`, async () => {
          const [v] = await byDistinct(anonymousId);
          const names = v ? (await eventsOf(v.id)).map((e) => e.name).sort() : [];
          if (names.join() !== '$pageview,$profile_set,$profile_set_once,view_product') throw new Error(`records so far: ${names.join() || 'none'}`);
          return v!;
        });
        expect(visitor.id).not.toBe(known.id);
        expect(visitor.name).toMatch(/^访客 /);
        const before = await view(visitor.id);
        expect(before.identities).toEqual(
          expect.arrayContaining([
            { kind: 'anonymous_id', value: anonymousId },
            { kind: 'distinct_id', value: anonymousId },
          ]),
        );

        // Login: the SDK sends track_signup ($SignUp) carrying both ids; then a profile change as the known user.
        await page.evaluate((loginId) => {
          const sensors = (globalThis as any).sensorsDataAnalytic201505;
          sensors.login(loginId);
          sensors.setProfile({ city: '广州' });
        }, known.distinctId);
        await until(`visitor ${visitor.id} merged into ${known.id}`, async () => (await mergedInto(visitor.id)) === known.id);
        await until(`$SignUp and the logged-in profile_set stored on ${known.id}`, async () => {
          const mine = (await eventsOf(known.id)).filter((e) => e.distinct_id === known.distinctId).map((e) => e.name).sort();
          if (mine.join() !== '$SignUp,$profile_set') throw new Error(`records as ${known.distinctId} so far: ${mine.join() || 'none'}`);
          return true;
        });
        await s.running.container.ingest.drain();
        await s.running.container.customerRefresh.drain();

        // The wire: every request went to /sa.gif?project=default (the SDK's rewrite of /sa) the way this send type sends.
        await until('the browser to see its requests finish', async () => wire.length >= (batch ? 2 : 6), 5000);
        for (const w of wire) {
          expect({ method: w.method, path: w.url.pathname, project: w.url.searchParams.get('project'), contentType: w.contentType }).toEqual({ method, path: '/sa.gif', project: 'default', contentType });
          const params = method === 'GET' ? w.url.searchParams : new URLSearchParams(w.body ?? '');
          expect(params.get(param)).toBeTruthy();
          if (w.status !== null) expect(w.status).toBe(200);
        }
        if (sendType === 'ajax') {
          // The SDK read each answer: the cross-origin response carried the CORS headers.
          const sends = await page.evaluate(() => (globalThis as any).sends as Array<{ ok: boolean; type: string; status?: string }>);
          expect(sends.length).toBeGreaterThanOrEqual(batch ? 2 : 5);
          expect(sends.filter((x) => !x.ok)).toEqual([]);
          expect(new Set(sends.map((x) => x.type))).toEqual(new Set([batch ? 'ajax_batch' : 'ajax_single']));
        }

        const customer = await view(known.id);
        expect(customer.identities).toEqual(
          expect.arrayContaining([
            { kind: 'login_id', value: known.distinctId },
            { kind: 'distinct_id', value: known.distinctId },
            { kind: 'anonymous_id', value: anonymousId },
            { kind: 'distinct_id', value: anonymousId },
          ]),
        );
        expect((await byDistinct(anonymousId)).map((c) => c.id)).toEqual([known.id]);
        expect((await s.get(`/api/customers/${visitor.id}`, admin)).status).toBe(404);
        const kinds = customer.timeline.map((t: { kind: string }) => t.kind);
        expect(kinds).toEqual(expect.arrayContaining(['event.$pageview', 'event.view_product', 'event.$SignUp']));

        // The anonymous events now belong to the known customer, with the SDK's preset properties kept.
        const events = await eventsOf(known.id);
        expect(await eventsOf(visitor.id)).toEqual([]);
        const pageview = events.find((e) => e.name === '$pageview');
        expect(pageview).toMatchObject({ type: 'track', distinct_id: anonymousId });
        expect(pageview!.properties).toMatchObject({ $lib: 'js', $lib_version: expect.any(String), $url: pageUrl, $url_path: new URL(pageUrl).pathname, $title: '安心重疾 · 产品详情', $screen_width: 390, $viewport_height: 844 });
        expect(events.find((e) => e.name === 'view_product')!.properties).toMatchObject({ product_line: 'critical_illness', product_name: '安心重疾', $lib: 'js', $title: '安心重疾 · 产品详情' });
        expect(events.find((e) => e.name === '$SignUp')).toMatchObject({ type: 'signup', distinct_id: known.distinctId });
        expect(await rejections()).toEqual([]);

        // Profiles: the visitor had the city and the first-visit properties before login; the known
        // customer has the logged-in city and, through the merge, the first-visit properties.
        expect({ city: before.city, firstVisit: typeof before.profile.$first_visit_time }).toEqual({ city: '广州', firstVisit: 'string' });
        expect(customer.city).toBe('广州');
        expect(customer.profile).toMatchObject({ $first_visit_time: before.profile.$first_visit_time, $first_browser_language: expect.any(String) });
      } catch (error) {
        await page.screenshot({ path: `/tmp/lodestar-sensors-${sendType}${batch ? '-batch' : ''}.png` }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    });
  });

  describe('sa-sdk-node, gzip data_list batches', () => {
    let sa: SensorsNode;
    const sent: Array<Record<string, unknown>> = [];
    let delivered = 0;
    const failures: unknown[] = [];
    /** Waits until the SDK has posted `n` batches in all (it answers each success with one notification). */
    const deliveredAll = (n: number) =>
      until(`${n} batches delivered`, async () => {
        if (failures.length) throw new Error(`the SDK's POST failed: ${String(failures[0])}`);
        return delivered >= n;
      });
    const anon = 'node-anon-8f2c41';
    let known: Demo;
    let visitorId: string;

    beforeAll(() => {
      known = demo();
      sa = new SensorsAnalytics();
      sa.subscribe((record) => sent.push(record));
      // sa-sdk-node allows one submitTo per process (a global flag); jest gives each test file its own globals.
      const submitter = sa.submitTo({ url: `${s.url}/sa?project=default`, gzip: true, mode: 'track', timeout: 5000 }, { count: 50, timeSpan: 100 });
      submitter.subscribe(
        () => delivered++,
        (e) => failures.push(e),
      );
    });
    afterAll(() => sa?.onCompleted());

    it('stores each track() call as its own event, and a re-sent identical batch not at all', async () => {
      const at = Date.now() - 60_000;
      sa.track(anon, 'view_product', { product_line: 'medical', product_name: '好医保长期医疗', $time: at });
      sa.track(anon, 'view_product', { product_line: 'medical', product_name: '好医保长期医疗', $time: at });
      sa.track(anon, '$pageview', { $url: 'https://m.example.com/p/medical', $title: '好医保长期医疗', $time: at + 1000 });
      await deliveredAll(1);
      expect(sent.map((r) => [r.type, r.event])).toEqual([
        ['track', 'view_product'],
        ['track', 'view_product'],
        ['track', '$pageview'],
      ]);
      // The two identical calls differ only in the SDK's random _track_id: two events, not a retry.
      const [first, second] = sent as Array<Record<string, any>>;
      expect({ ...first, _track_id: 0, lib: null }).toEqual({ ...second, _track_id: 0, lib: null });
      expect(first!._track_id).not.toBe(second!._track_id);

      const [visitor] = await until(`visitor ${anon}`, () => byDistinct(anon).then((v) => (v.length ? v : null)));
      visitorId = visitor!.id;
      const events = await eventsOf(visitorId);
      expect(events.map((e) => e.name)).toEqual(['view_product', 'view_product', '$pageview']);
      expect(events[0]!.properties).toEqual({ $lib: 'Node', $lib_version: '1.2.6', product_line: 'medical', product_name: '好医保长期医疗' });
      expect(events[2]!.properties).toMatchObject({ $url: 'https://m.example.com/p/medical', $title: '好医保长期医疗' });
      const [views] = await q<{ n: number }>("SELECT SUM(count) AS n FROM activity_count WHERE customer_id = ? AND counter_key = 'event:view_product'", [visitorId]);
      expect(Number(views!.n)).toBe(2);

      // The very same records again (a client retry): all three are duplicates.
      const again = await postSensors(s.url, sent.slice(0, 3));
      expect(again).toMatchObject({ status: 200, body: { received: 3, stored: 0, duplicates: 3 } });
      expect(await eventsOf(visitorId)).toHaveLength(3);
    });

    it('merges the visitor into the known customer on trackSignup and applies profileSet, profileIncrement and profileAppend', async () => {
      sa.trackSignup(known.distinctId, anon, { channel: 'app' });
      sa.profileSet(known.distinctId, { city: '杭州', occupation: '教师' });
      sa.profileIncrement(known.distinctId, { points: 5 });
      sa.profileIncrement(known.distinctId, { points: 3 });
      sa.profileAppend(known.distinctId, { interests: ['重疾', '医疗'] });
      await deliveredAll(2);
      await until(`visitor ${visitorId} merged into ${known.id}`, async () => (await mergedInto(visitorId)) === known.id);

      const customer = await view(known.id);
      expect(customer.city).toBe('杭州');
      expect(customer.identities).toEqual(
        expect.arrayContaining([
          { kind: 'login_id', value: known.distinctId },
          { kind: 'anonymous_id', value: anon },
          { kind: 'distinct_id', value: anon },
        ]),
      );
      const events = await eventsOf(known.id);
      expect(events.filter((e) => e.name === 'view_product')).toHaveLength(2);
      expect(events.find((e) => e.name === '$SignUp')).toMatchObject({ type: 'signup', distinct_id: known.distinctId, properties: { channel: 'app', $lib: 'Node' } });
      expect(events.filter((e) => e.type === 'profile').map((e) => e.name).sort()).toEqual(['$profile_append', '$profile_increment', '$profile_increment', '$profile_set']);
      expect(await personalProfileOf(known.id)).toEqual({ occupation: '教师', points: 8, interests: ['重疾', '医疗'] });
    });

    it('profileUnset removes a property; a later append adds to the list', async () => {
      sa.profileUnset(known.distinctId, ['occupation']);
      sa.profileAppend(known.distinctId, { interests: ['养老'] });
      await deliveredAll(3);
      await until('occupation unset', async () => !('occupation' in (await profileOf(known.id))));
      expect(await personalProfileOf(known.id)).toEqual({ points: 8, interests: ['重疾', '医疗', '养老'] });
      expect(await rejections()).toEqual([]);
    });
  });

  it("keeps the records' lib block ($lib, $lib_version, $lib_method…) out of the customers' profiles", async () => {
    const profiled = await q<{ id: string }>("SELECT DISTINCT c.id FROM tracking_event e JOIN customer c ON c.id = e.customer_id WHERE e.type = 'profile' AND c.merged_into_id IS NULL");
    expect(profiled.length).toBeGreaterThanOrEqual(5);
    const leaked: Record<string, unknown> = {};
    for (const { id } of profiled) {
      const lib = Object.entries(await profileOf(id)).filter(([k]) => k.startsWith('$lib'));
      if (lib.length) leaked[id] = Object.fromEntries(lib);
    }
    expect(leaked).toEqual({});
  });
});

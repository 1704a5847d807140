import { sandboxDefaults } from '../src/platform/config';
import { CallbackDriver, callbackXml, contactEvent, signedCallback, type DriverTenant } from '../src/sandbox/callback-driver';
import { startTestServer, type TestServer } from './support/server';

const tenant: DriverTenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };

describe(`WeCom callbacks on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let driver: CallbackDriver;
  let admin: string;
  const nowSec = () => Math.floor(Date.now() / 1000);
  const count = async (sql: string, params: unknown[] = []) => Number((await s.ds.query<{ n: number }[]>(sql, params))[0]!.n);
  const settle = () => s.running.container.inbox.idle();

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 20 });
    driver = new CallbackDriver(s.url, tenant, () => new Date());
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('answers the URL verification with the decrypted echo string alone', async () => {
    const res = await driver.verify('echo-1234567890');
    expect(res).toEqual({ status: 200, text: 'echo-1234567890' });
    const perCorp = await driver.verify('echo-2', `/wecom/callback/${tenant.corpId}`);
    expect(perCorp).toEqual({ status: 200, text: 'echo-2' });
    const otherCorp = await driver.verify('echo-3', '/wecom/callback/wwsomeoneelse');
    expect(otherCorp.status).toBe(404);
  });

  it('turns an add event into a customer, a relationship and a timeline entry', async () => {
    const res = await driver.send(contactEvent.added('agent005', 'wmNewCustomer01', nowSec(), 'spring-campaign'));
    expect(res).toEqual({ status: 200, text: 'success' });
    await settle();
    const list = await s.get('/api/customers?externalUserId=wmNewCustomer01', admin);
    expect(list.body.total).toBe(1);
    const view = await s.get(`/api/customers/${list.body.items[0].id}`, admin);
    expect(view.body.owner.id).toEqual(expect.any(String));
    expect(view.body.timeline.map((t: { kind: string }) => t.kind)).toContain('customer.contact_added');
    const follow = await s.ds.query<{ status: string; state: string }[]>(
      "SELECT f.status, f.state FROM customer_follow f JOIN staff_member m ON m.id = f.staff_id WHERE m.wecom_user_id = 'agent005' AND f.customer_id = ?",
      [list.body.items[0].id],
    );
    expect(follow).toEqual([{ status: 'active', state: 'spring-campaign' }]);
  });

  it('lands the same event delivered five times exactly once', async () => {
    const signed = signedCallback(tenant, callbackXml(tenant.corpId, contactEvent.added('agent006', 'wmRetried01', nowSec())), new Date());
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => driver.post(signed)));
    expect(answers.every((a) => a.status === 200 && a.text === 'success')).toBe(true);
    await settle();
    expect(await count("SELECT COUNT(*) AS n FROM customer_identity WHERE value = 'wmRetried01'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM wecom_inbox WHERE kind = 'contact.added' AND payload LIKE '%wmRetried01%'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'customer.contact_added' AND detail LIKE '%agent006%'")).toBe(1);
  });

  describe('refuses tampered or stale callbacks with a 4xx and changes nothing', () => {
    const xml = () => callbackXml(tenant.corpId, contactEvent.added('agent007', `wmBad${Math.random()}`, nowSec()));
    const cases: [string, () => ReturnType<typeof signedCallback>, number][] = [
      ['wrong signature (token)', () => signedCallback(tenant, xml(), new Date(), { token: 'NotTheToken' }), 401],
      ['wrong AES key', () => signedCallback(tenant, xml(), new Date(), { aesKey: 'ZmFrZWtleWZha2VrZXlmYWtla2V5ZmFrZWtleWZha2U' }), 400],
      ['wrong ReceiveId', () => signedCallback(tenant, xml(), new Date(), { receiveId: 'wwattacker' }), 400],
      ['stale timestamp', () => signedCallback(tenant, xml(), new Date(Date.now() - 10 * 60_000)), 400],
      ['bad padding', () => signedCallback(tenant, xml(), new Date(), { encrypted: Buffer.alloc(64, 7).toString('base64') }), 400],
      ['not base64', () => signedCallback(tenant, xml(), new Date(), { encrypted: 'not*base64' }), 400],
      ['malformed inner XML', () => signedCallback(tenant, '<xml><Event>oops</xml>', new Date()), 400],
      ['entity expansion', () => signedCallback(tenant, '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Event>&a;</Event></xml>', new Date()), 400],
    ];
    it.each(cases)('%s', async (_name, build, status) => {
      const before = await count('SELECT COUNT(*) AS n FROM wecom_inbox');
      const res = await driver.post(build());
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text).error.message).toMatch(/^WeCom callback refused: /);
      expect(await count('SELECT COUNT(*) AS n FROM wecom_inbox')).toBe(before);
    });

    it('malformed outer XML and missing parameters', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM wecom_inbox');
      const signed = signedCallback(tenant, xml(), new Date());
      expect((await driver.post({ ...signed, body: '<xml><Encrypt>' })).status).toBe(400);
      expect((await driver.post({ ...signed, query: { ...signed.query, nonce: '' } })).status).toBe(400);
      expect(await count('SELECT COUNT(*) AS n FROM wecom_inbox')).toBe(before);
    });
  });

  it('records a customer deleting their agent as a churn signal, and archive consent', async () => {
    await driver.send(contactEvent.added('agent008', 'wmChurner01', nowSec() - 60));
    await driver.send(contactEvent.archiveApproved('agent008', 'wmChurner01', nowSec() - 30));
    await driver.send(contactEvent.deletedByCustomer('agent008', 'wmChurner01', nowSec()));
    await settle();
    const id = (await s.get('/api/customers?externalUserId=wmChurner01', admin)).body.items[0].id;
    const view = await s.get(`/api/customers/${id}`, admin);
    expect(view.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['customer.churn_signal', 'customer.archive_consent']));
    const [row] = await s.ds.query<{ status: string; archive_consent: number | boolean }[]>(
      'SELECT f.status, c.archive_consent FROM customer_follow f JOIN customer c ON c.id = f.customer_id WHERE c.id = ?',
      [id],
    );
    expect(row!.status).toBe('deleted_by_customer');
    expect(Boolean(Number(row!.archive_consent))).toBe(true);
  });

  it('picks up a row whose processor died mid-way once its lease has run out', async () => {
    const xml = callbackXml(tenant.corpId, contactEvent.added('agent009', 'wmOrphanedRow01', nowSec()));
    const inbox = s.running.container.inbox;
    const { parseCallback, parseWecomXml } = await import('../src/wecom');
    expect(await inbox.accept(s.running.corpId, xml, parseCallback(parseWecomXml(xml)!))).toBe('new');
    // As if a process claimed it and was killed: processing, lease already over.
    await s.ds.query("UPDATE wecom_inbox SET status = 'processing', locked_by = 'dead-process', locked_until = ? WHERE payload LIKE '%wmOrphanedRow01%'", [
      '2000-01-01 00:00:00.000',
    ]);
    expect(await inbox.drain()).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT COUNT(*) AS n FROM customer_identity WHERE value = 'wmOrphanedRow01'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM wecom_inbox WHERE payload LIKE '%wmOrphanedRow01%' AND status = 'done'")).toBe(1);
  });
});

import { startTestServer, type TestServer } from './support/server';

describe(`HTTP API on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('answers /healthz with 200 ok while the database answers', async () => {
    const res = await s.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('keeps idle connections open longer than a balancer keeps its upstream ones (nginx: 60 s)', async () => {
    // Node's default is 5 s: nginx would then reuse connections the server is closing (502 on a POST).
    const res = await fetch(`${s.url}/healthz`);
    expect(res.headers.get('keep-alive')).toBe('timeout=75');
  });

  it('gives every response a request id, echoing a sane incoming one', async () => {
    const res = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'lb-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('lb-abc-123');
    const generated = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs the admin in and tells who the token belongs to', async () => {
    const me = await s.get('/api/auth/me', admin);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'admin', name: 'Administrator' });
  });

  it('refuses a wrong password with 401 and a clear JSON error', async () => {
    const res = await s.post('/api/auth/login', { username: 'agent010', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthorized', message: 'The user name or password is wrong' });
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  it('throttles repeated failed logins for one user name with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await s.post('/api/auth/login', { username: 'agent020', password: `nope-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await s.post('/api/auth/login', { username: 'agent020', password: 'lodestar-demo' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    // Another user is not affected.
    expect((await s.post('/api/auth/login', { username: 'agent021', password: 'lodestar-demo' })).status).toBe(200);
  });

  it('validates bodies and queries with a 400 naming the field', async () => {
    const res = await s.post('/api/auth/login', { username: '', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toBe('body.username');
    const q = await s.get('/api/customers?limit=1000', admin);
    expect(q.status).toBe(400);
    expect(q.body.error.message).toMatch(/^query\.limit:/);
  });

  it('answers malformed JSON, unknown routes and oversized bodies with 4xx JSON, never a 500', async () => {
    const bad = await s.post('/api/auth/login', '{"username": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const missing = await s.get('/api/nothing-here', admin);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const huge = await s.post('/api/auth/login', { username: 'a', password: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('rejects a forged or expired token with 401', async () => {
    const forged = `${admin.slice(0, -4)}AAAA`;
    const res = await s.get('/api/customers', forged);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('The token is invalid');
  });

  describe('customer scope', () => {
    it('shows an agent only their own customers', async () => {
      const token = await s.login('agent001');
      const me = (await s.get('/api/auth/me', token)).body;
      const mine = await s.get('/api/customers?limit=200', token);
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBeGreaterThan(0);
      expect(mine.body.items.every((c: { ownerStaffId: string }) => c.ownerStaffId === me.id)).toBe(true);
      const all = await s.get('/api/customers?limit=1', admin);
      expect(all.body.total).toBeGreaterThan(mine.body.total);
    });

    it('hides another agent’s customer behind a 404', async () => {
      const agent1 = await s.login('agent001');
      const me = (await s.get('/api/auth/me', agent1)).body;
      const all = await s.get('/api/customers?limit=200', admin);
      const other = all.body.items.find((c: { ownerStaffId: string | null }) => c.ownerStaffId && c.ownerStaffId !== me.id);
      const res = await s.get(`/api/customers/${other.id}`, agent1);
      expect(res.status).toBe(404);
      const asAdmin = await s.get(`/api/customers/${other.id}`, admin);
      expect(asAdmin.status).toBe(200);
    });

    it('shows a team lead only customers of agents in their team', async () => {
      const lead = await s.login('lead01');
      const teamId = (await s.get('/api/auth/me', lead)).body.teamId as string;
      const rows = await s.ds.query<{ id: string }[]>('SELECT id FROM staff_member WHERE team_id = ?', [teamId]);
      const team = new Set(rows.map((r) => r.id));
      const res = await s.get('/api/customers?limit=200', lead);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.every((c: { ownerStaffId: string }) => team.has(c.ownerStaffId))).toBe(true);
    });
  });

  it('filters customers by tag and external user id, and returns the full view with tag sources', async () => {
    const tagged = await s.get(`/api/customers?tag=${encodeURIComponent('再考虑')}&limit=200`, admin);
    expect(tagged.status).toBe(200);
    expect(tagged.body.total).toBeGreaterThan(0);
    expect(tagged.body.items.every((c: { tags: string[] }) => c.tags.includes('再考虑'))).toBe(true);
    const one = tagged.body.items.find((c: { externalUserId: string | null }) => c.externalUserId);
    const byExt = await s.get(`/api/customers?externalUserId=${one.externalUserId}`, admin);
    expect(byExt.body.total).toBe(1);
    expect(byExt.body.items[0].id).toBe(one.id);
    const view = await s.get(`/api/customers/${one.id}`, admin);
    const tag = view.body.tags.find((t: { name: string }) => t.name === '再考虑');
    expect(tag).toMatchObject({ group: '异议', source: 'conversation', evidence: expect.stringContaining('再考虑') });
    expect(view.body.identities).toContainEqual({ kind: 'external_userid', value: one.externalUserId });
  });

  it('marks active policies whose agent has left as orphan policies', async () => {
    const rows = await s.ds.query<{ customer_id: string; policy_no: string }[]>(
      "SELECT p.customer_id, p.policy_no FROM policy p JOIN staff_member m ON m.id = p.agent_staff_id WHERE m.status = 'left' AND p.status = 'active'",
    );
    expect(rows.length).toBeGreaterThan(0);
    const view = await s.get(`/api/customers/${rows[0]!.customer_id}`, admin);
    expect(view.body.policies.find((p: { policyNo: string }) => p.policyNo === rows[0]!.policy_no).orphan).toBe(true);
  });

  it('documents every /api route in an OpenAPI 3.1 document whose references resolve', async () => {
    const res = await s.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/customers', '/api/customers/{id}', '/api/sandbox/clock']));
    expect(doc.paths['/api/customers'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['externalUserId', 'distinctId', 'q', 'tag', 'grade']));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref.split('/').reduce<any>((node, key) => node?.[key], doc);
      expect({ ref, found: target !== undefined }).toEqual({ ref, found: true });
    }
  });
});

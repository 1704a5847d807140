import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { operationsOf, type Operation } from './support/openapi-operations';
import { startTestServer, type TestServer } from './support/server';

/**
 * The permission table, proved over HTTP: every operation of /api/openapi.json is called with no
 * token, as each staff role and as a mini-program customer, and answers as its declared x-roles say.
 * Then the data scope (agent: own customers; team lead: own team), sessions (logout, an admin's
 * revocation, a departure, expiry) and login throttling.
 */
type Caller = 'none' | 'customer' | 'agent' | 'team_lead' | 'admin';
const callers: readonly Caller[] = ['none', 'customer', 'agent', 'team_lead', 'admin'];
const matrixFile = process.env.ACCESS_MATRIX_FILE ?? '/tmp/notes/access-matrix.md';

interface Staff {
  id: string;
  username: string | null;
  teamId: string | null;
}
interface CustomerItem {
  id: string;
  ownerStaffId: string | null;
}
interface LeadItem {
  id: string;
  customer: { id: string };
  owner: { id: string } | null;
}

jest.setTimeout(120_000);

describe(`access matrix on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  const tokens = {} as Record<Exclude<Caller, 'none'>, string>;
  let staff: Staff[];
  let me: Record<'admin' | 'team_lead' | 'agent', Staff>;
  let customers: CustomerItem[];
  let leads: LeadItem[];
  let ops: Operation[];

  /** One request; an event stream is hung up once its headers arrive. */
  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<number> => {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), 15_000);
    try {
      const res = await fetch(s.url + path, {
        method,
        signal: ac.signal,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) await res.body?.cancel();
      else await res.arrayBuffer();
      return res.status;
    } finally {
      clearTimeout(timer);
    }
  };

  const staffByName = (username: string): Staff => staff.find((m) => m.username === username)!;
  const teamOf = (staffId: string | null): string | null => staff.find((m) => m.id === staffId)?.teamId ?? null;

  async function listAll<T>(path: string, token: string): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    for (let offset = 0; ; offset += 200) {
      const res = await s.get(`${path}${path.includes('?') ? '&' : '?'}limit=200&offset=${offset}`, token);
      expect(res.status).toBe(200);
      items.push(...(res.body.items as T[]));
      if (items.length >= res.body.total || res.body.items.length === 0) return { items, total: res.body.total as number };
    }
  }

  beforeAll(async () => {
    s = await startTestServer();
    tokens.admin = await s.login('admin');
    tokens.team_lead = await s.login('lead01');
    tokens.agent = await s.login('agent001');
    const mp = await s.post('/api/mp/login', { code: 'demo-1' });
    expect(mp.status).toBe(200);
    tokens.customer = mp.body.token as string;
    staff = (await s.ds.query('SELECT id, username, team_id AS teamId FROM staff_member')) as Staff[];
    me = { admin: staffByName('admin'), team_lead: staffByName('lead01'), agent: staffByName('agent001') };
    customers = (await listAll<CustomerItem>('/api/customers', tokens.admin)).items;
    leads = (await listAll<LeadItem>('/api/leads', tokens.admin)).items;
    const doc = await s.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    ops = operationsOf(doc.body);
  });

  afterAll(async () => {
    await s?.close();
  });

  /** Path parameters: agent001's own customer and lead (visible to agent001, lead01 and admin), a made-up id elsewhere. */
  function fill(path: string): string {
    const ownCustomer = customers.find((c) => c.ownerStaffId === me.agent.id)!;
    const ownLead = leads.find((l) => l.owner?.id === me.agent.id);
    return path
      .replace(/^\/api\/customers\/\{id\}/, `/api/customers/${ownCustomer.id}`)
      .replace(/^\/api\/leads\/\{id\}/, `/api/leads/${ownLead?.id ?? '00000000-0000-7000-8000-000000000000'}`)
      .replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
  }

  it('answers every operation as its declared roles say: 401 without a token, 403 for an unlisted role, neither for a listed one', async () => {
    expect(ops.length).toBeGreaterThan(100);
    const matrix = new Map<string, Record<Caller, number>>();
    const wrong: string[] = [];
    for (const op of ops) {
      const path = fill(op.path);
      const body = op.bodyProps !== null ? {} : undefined;
      const row = {} as Record<Caller, number>;
      for (const who of callers) {
        // Signing out would end the session the rest of the walk uses: that route gets a fresh one.
        let token = who === 'none' ? undefined : tokens[who];
        if (op.path === '/api/auth/logout' && who !== 'none' && who !== 'customer') token = await s.login(({ admin: 'admin', team_lead: 'lead01', agent: 'agent001' } as const)[who]);
        const status = await call(op.method, path, token, body);
        row[who] = status;
        const listed = op.roles === 'public' || (who !== 'none' && op.roles.includes(who));
        const expected = op.roles === 'public' ? 'any' : who === 'none' ? '401' : listed ? 'not 401/403' : '403';
        const ok = expected === 'any' || (expected === '401' ? status === 401 : expected === '403' ? status === 403 : status !== 401 && status !== 403);
        if (!ok) wrong.push(`${op.method} ${op.path} as ${who}: ${status}, expected ${expected}`);
      }
      matrix.set(`${op.method} ${op.path}`, row);
    }
    writeMatrix(ops, matrix);
    expect(wrong).toEqual([]);
    // The customer token opens no staff route.
    const staffOps = ops.filter((o) => o.roles !== 'public' && !o.roles.includes('customer'));
    expect(staffOps.length).toBeGreaterThan(80);
    for (const o of staffOps) expect([401, 403]).toContain(matrix.get(`${o.method} ${o.path}`)!.customer);
  });

  /** The GET operations that read one customer's data. */
  const customerReads = () => ops.filter((o) => o.method === 'GET' && o.path.startsWith('/api/customers/{id}'));

  it('never lets an agent read another agent’s customer, on any customer route', async () => {
    const foreign = customers.find((c) => c.ownerStaffId && c.ownerStaffId !== me.agent.id && teamOf(c.ownerStaffId) === me.agent.teamId)!;
    const otherTeam = customers.find((c) => c.ownerStaffId && teamOf(c.ownerStaffId) !== me.agent.teamId)!;
    const unowned = customers.find((c) => !c.ownerStaffId);
    expect(customerReads().length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const target of [foreign, otherTeam, ...(unowned ? [unowned] : [])]) {
      for (const op of customerReads()) {
        const path = op.path.replace('{id}', target.id).replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
        const status = await call('GET', path, tokens.agent);
        if (status !== 403 && status !== 404) leaks.push(`${path}: ${status}`);
      }
      expect((await s.get(`/api/customers/${target.id}`, tokens.admin)).status).toBe(200);
    }
    expect(leaks).toEqual([]);
    const own = await listAll<CustomerItem>('/api/customers', tokens.agent);
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((c) => c.ownerStaffId === me.agent.id)).toBe(true);
    expect(own.total).toBe(customers.filter((c) => c.ownerStaffId === me.agent.id).length);
  });

  it('keeps a team lead inside their team: list, customer routes and leads', async () => {
    const team = me.team_lead.teamId!;
    const mine = await listAll<CustomerItem>('/api/customers', tokens.team_lead);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((c) => teamOf(c.ownerStaffId) === team)).toBe(true);
    expect(mine.total).toBe(customers.filter((c) => teamOf(c.ownerStaffId) === team).length);
    const teammate = customers.find((c) => c.ownerStaffId && c.ownerStaffId !== me.agent.id && teamOf(c.ownerStaffId) === team)!;
    expect((await s.get(`/api/customers/${teammate.id}`, tokens.team_lead)).status).toBe(200);
    const outside = customers.find((c) => c.ownerStaffId && teamOf(c.ownerStaffId) !== team)!;
    const leaks: string[] = [];
    for (const op of customerReads()) {
      const path = op.path.replace('{id}', outside.id).replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
      const status = await call('GET', path, tokens.team_lead);
      if (status !== 403 && status !== 404) leaks.push(`${path}: ${status}`);
    }
    expect(leaks).toEqual([]);
    const outsideLead = leads.find((l) => l.owner && teamOf(l.owner.id) !== team);
    if (outsideLead) expect([403, 404]).toContain(await call('GET', `/api/leads/${outsideLead.id}`, tokens.team_lead));
    const teamLeads = await listAll<LeadItem>('/api/leads', tokens.team_lead);
    expect(teamLeads.items.every((l) => l.owner === null || teamOf(l.owner.id) === team)).toBe(true);
  });

  it('never names another agent’s customer in an answer to a customerId query', async () => {
    // Staff routes only: the sandbox's public outbox takes a customerId too (sandbox mode only, see the report).
    const queried = ops.filter((o) => o.method === 'GET' && o.roles !== 'public' && o.queryParams.includes('customerId') && o.pathParams.length === 0 && !o.stream);
    expect(queried.length).toBeGreaterThan(0);
    // A customer of another team with a lead, so that an unscoped answer would name them.
    const foreignLead = leads.find((l) => l.owner && teamOf(l.owner.id) !== me.agent.teamId)!;
    const foreign = foreignLead.customer.id;
    const answer = async (path: string, token: string) => {
      const res = await fetch(`${s.url}${path}?customerId=${foreign}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, names: (await res.text()).includes(foreign) };
    };
    const leaks: string[] = [];
    for (const who of ['agent', 'team_lead'] as const) {
      // Only routes the role may call: a 403 to an unlisted role is the matrix's business (and right).
      for (const op of queried.filter((o) => o.roles !== 'public' && o.roles.includes(who))) {
        const { status, names } = await answer(op.path, tokens[who]);
        if (status === 401 || status === 403 || status >= 500 || (status === 200 && names)) leaks.push(`${who} ${op.path}: ${status}`);
      }
    }
    expect(leaks).toEqual([]);
    // The check has teeth: the admin, who may see the customer, is answered with them.
    expect(await answer('/api/leads', tokens.admin)).toEqual({ status: 200, names: true });
  });

  it('shows an agent only their own leads and the pool, and no other agent’s lead', async () => {
    const own = await listAll<LeadItem>('/api/leads', tokens.agent);
    expect(own.items.every((l) => l.owner === null || l.owner.id === me.agent.id)).toBe(true);
    // Counted afresh: the walk above released one of agent001's leads to the pool.
    const all = (await listAll<LeadItem>('/api/leads', tokens.admin)).items;
    expect(own.items.filter((l) => l.owner?.id === me.agent.id).length).toBe(all.filter((l) => l.owner?.id === me.agent.id).length);
    expect(own.items.length).toBeLessThan(all.length);
    const others = leads.filter((l) => l.owner && l.owner.id !== me.agent.id).slice(0, 5);
    expect(others.length).toBeGreaterThan(0);
    const leadReads = ops.filter((o) => o.method === 'GET' && o.path.startsWith('/api/leads/{id}'));
    expect(leadReads.length).toBeGreaterThan(1);
    const leaks: string[] = [];
    for (const l of others) {
      for (const op of leadReads) {
        const path = op.path.replace('{id}', l.id);
        const status = await call('GET', path, tokens.agent);
        if (status !== 403 && status !== 404) leaks.push(`${path}: ${status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('ends a session on logout: the same token answers 401, another sign-in of the same person still works', async () => {
    const a = await s.login('agent002');
    const b = await s.login('agent002');
    expect((await s.get('/api/auth/me', a)).status).toBe(200);
    expect((await s.post('/api/auth/logout', {}, a)).status).toBe(200);
    const after = await s.get('/api/auth/me', a);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/session has ended/);
    expect((await s.post('/api/auth/logout', {}, a)).status).toBe(401);
    expect((await s.get('/api/auth/me', b)).status).toBe(200);
    // A customer's token has no staff session to end.
    expect((await s.post('/api/auth/logout', {}, tokens.customer)).status).toBe(403);
  });

  it('lets an admin revoke every session of a staff member, and nobody else', async () => {
    const victim = staffByName('agent003');
    const t1 = await s.login('agent003');
    const t2 = await s.login('agent003');
    expect((await s.get('/api/customers?limit=1', t1)).status).toBe(200);
    expect((await s.post('/api/auth/sessions/revoke', { staffId: victim.id }, tokens.agent)).status).toBe(403);
    expect((await s.post('/api/auth/sessions/revoke', { staffId: victim.id }, tokens.team_lead)).status).toBe(403);
    expect((await s.post('/api/auth/sessions/revoke', { staffId: 'no-such-staff' }, tokens.admin)).status).toBe(404);
    const res = await s.post('/api/auth/sessions/revoke', { staffId: victim.id }, tokens.admin);
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBeGreaterThanOrEqual(2);
    expect((await s.get('/api/customers?limit=1', t1)).status).toBe(401);
    expect((await s.get('/api/auth/me', t2)).status).toBe(401);
    // Signing in again is a new session.
    expect((await s.get('/api/auth/me', await s.login('agent003'))).status).toBe(200);
    const audit = await s.ds.query("SELECT actor_id AS actorId, target_id AS targetId FROM audit_log WHERE action = 'auth.sessions_revoked'");
    expect(audit).toEqual([{ actorId: me.admin.id, targetId: victim.id }]);
  });

  it('throttles failed logins: 429 with Retry-After after 5 failures, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await s.post('/api/auth/login', { username: 'lead03', password: `wrong-${i}` })).status).toBe(401);
    for (const password of ['wrong-again', 'lodestar-demo']) {
      const res = await s.post('/api/auth/login', { username: 'lead03', password });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBe(900);
    }
    // The throttle is per user name: another person signs in.
    expect((await s.post('/api/auth/login', { username: 'lead02', password: 'lodestar-demo' })).status).toBe(200);
  });

  it('ends the sessions of a staff member who leaves within 30 s, and expires every token after 12 h', async () => {
    const leaver = await s.login('agent005');
    const stays = await s.login('agent006');
    expect((await s.get('/api/auth/me', leaver)).status).toBe(200);
    // What WeCom's delete_user callback does.
    expect(await s.running.container.staff.markLeft(s.running.corpId, 'agent005', s.running.container.clock.now())).toBe(true);
    expect((await s.post('/api/sandbox/clock', { advanceMs: 31_000 })).status).toBe(200);
    expect((await s.get('/api/auth/me', leaver)).status).toBe(401);
    expect((await s.post('/api/auth/login', { username: 'agent005', password: 'lodestar-demo' })).status).toBe(401);
    expect((await s.get('/api/auth/me', stays)).status).toBe(200);
    expect((await s.get('/api/mp/me', tokens.customer)).status).toBe(200);

    expect((await s.post('/api/sandbox/clock', { advanceMs: 12 * 3600 * 1000 })).status).toBe(200);
    for (const token of [stays, tokens.admin, tokens.customer]) {
      const res = await s.get('/api/auth/me', token);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/expired/);
    }
    expect((await s.get('/api/auth/me', await s.login('admin'))).status).toBe(200);
  });
});

/** Prints the matrix compactly and writes it as a markdown table for SECURITY.md. */
function writeMatrix(ops: Operation[], matrix: Map<string, Record<Caller, number>>): void {
  const head = ['route', 'declared', ...callers];
  const rows = ops.map((o) => {
    const r = matrix.get(`${o.method} ${o.path}`)!;
    return [`${o.method} ${o.path}`, o.roles === 'public' ? 'public' : o.roles.join(','), ...callers.map((c) => String(r[c]))];
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join(' ');
  console.log([`access matrix: ${rows.length} operations × ${callers.length} callers (status codes)`, line(head), ...rows.map(line)].join('\n'));
  const md = [
    `# Access matrix (${rows.length} operations)`,
    '',
    'Generated by server/test/access-matrix.test.ts: each operation of /api/openapi.json called with no token, as a',
    'mini-program customer, as agent001, lead01 and admin (path ids: agent001’s own customer and lead, else a made-up id;',
    'bodies `{}`). 400/404 for a listed role means the dummy input was refused after the role check passed.',
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(dirname(matrixFile), { recursive: true });
  writeFileSync(matrixFile, md);
}

import type { z } from 'zod';
import type { leadSourceInputSchema } from '@lodestar/shared';
import { toDbTime } from '../../src/db/naming';
import { DoNotContactRepository } from '../../src/leads/do-not-contact.repository';
import { doNotContactRoutes } from '../../src/leads/do-not-contact.router';
import { DoNotContactService } from '../../src/leads/do-not-contact.service';
import { LeadMiningRepository } from '../../src/leads/lead-mining.repository';
import { LeadMiningService } from '../../src/leads/lead-mining.service';
import { LeadSourceRepository } from '../../src/leads/lead-source.repository';
import { leadSourceRoutes } from '../../src/leads/lead-source.router';
import { LeadSourceService } from '../../src/leads/lead-source.service';
import { ManualClock } from '../../src/platform/clock';
import { localDay } from '../../src/platform/local-day';
import { serveRoutes, type RouteApp } from './route-app';
import { startTestServer, type TestServer } from './server';

export const DAY = 86_400_000;
export type Row = Record<string, any>;

/**
 * The demo tenant with the mining services on a clock of the test's own, their `onReady` heard by
 * the test, and the sources and do-not-contact routes served from those services. Registers the
 * jest hooks of the calling describe (every test starts without leads or sources).
 */
export function useLeadMiningFixture() {
  const clock = new ManualClock('2026-03-02T02:00:00.000Z');
  const heardReady: string[] = [];
  const tokens = { admin: '', lead: '', agent: '' };
  const used = new Set<string>();
  let policySeq = 0;
  let routes: RouteApp;
  const f = {
    clock,
    heardReady,
    s: undefined as unknown as TestServer,
    corpId: '',
    mining: undefined as unknown as LeadMiningService,
    sources: undefined as unknown as LeadSourceService,
    q: (sql: string, params: unknown[] = []): Promise<Row[]> => f.s.ds.query(sql, params),
    now: () => clock.now(),
    ago: (days: number) => toDbTime(new Date(clock.now().getTime() - days * DAY)),
    today: () => localDay(clock.now(), 'Asia/Shanghai'),
    call: async (method: string, path: string, who: keyof typeof tokens, body?: unknown) => {
      const res = await fetch(routes.base + path, {
        method,
        headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    /** Demo customers not yet used by another test, matching `where` (over alias c). */
    fresh: async (n: number, where = '1 = 1'): Promise<string[]> => {
      const rows = await f.q(`SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND ${where} ORDER BY c.id`, [f.corpId]);
      const out = rows.map((r) => String(r.id)).filter((id) => !used.has(id)).slice(0, n);
      if (out.length < n) throw new Error(`only ${out.length} fresh customers where ${where}`);
      for (const id of out) used.add(id);
      return out;
    },
    source: async (input: Omit<z.input<typeof leadSourceInputSchema>, 'productLine'> & { productLine?: string }): Promise<string> => {
      const res = await f.call('POST', '/api/leads/sources', 'admin', { productLine: 'critical_illness', ...input });
      if (res.status !== 201) throw new Error(`source ${input.name}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    leadsOf: (sourceId: string) =>
      f.q('SELECT id, customer_id, product_line, status, detail, open_key, seat_group_id, reject_reason FROM `lead` WHERE source_id = ? ORDER BY customer_id, product_line', [sourceId]),
    pairs: (rows: Row[]) => rows.map((r) => `${r.customer_id}:${r.product_line}`).sort(),
    policy: async (customerId: string, code: string, cover: number, status: string, orphanedAt: string | null) => {
      policySeq += 1;
      const [product] = await f.q('SELECT id FROM product WHERE corp_id = ? AND code = ?', [f.corpId, code]);
      const policyNo = `LM${String(policySeq).padStart(6, '0')}`;
      await f.q(
        `INSERT INTO policy (id, corp_id, customer_id, product_id, policy_no, cover_amount, annual_premium, status, start_date, end_date, agent_staff_id, orphaned_at)
         VALUES (?, ?, ?, ?, ?, ?, 1000, ?, '2024-01-01', NULL, NULL, ?)`,
        [`lm-policy-${policySeq}`, f.corpId, customerId, String(product!.id), policyNo, cover, status, orphanedAt],
      );
      return policyNo;
    },
  };

  beforeAll(async () => {
    f.s = await startTestServer({}, { demoCustomers: 300, clock });
    f.corpId = f.s.running.corpId;
    const c = f.s.running.container;
    const sourceRepo = new LeadSourceRepository(c.ds);
    f.mining = new LeadMiningService({
      sources: sourceRepo,
      repo: new LeadMiningRepository(c.ds),
      clock: c.clock,
      ids: c.ids,
      onReady: async (_corp, ids) => void heardReady.push(...ids),
    });
    f.sources = new LeadSourceService({ repo: sourceRepo, clock: c.clock, ids: c.ids });
    const dnc = new DoNotContactService({ repo: new DoNotContactRepository(c.ds), vault: c.phoneVault, clock: c.clock, ids: c.ids });
    routes = await serveRoutes(c, [...leadSourceRoutes(f.sources, f.mining), ...doNotContactRoutes(dnc)]);
    tokens.admin = await f.s.login('admin');
    tokens.lead = await f.s.login('lead01');
    tokens.agent = await f.s.login('agent001');
  });
  afterAll(async () => {
    await routes.close();
    await f.s.close();
  });
  beforeEach(async () => {
    // Every test starts without leads or sources (and without any the bootstrap seeded).
    for (const table of ['lead_move', '`lead`', 'lead_source', 'do_not_contact', 'seat_group']) await f.q(`DELETE FROM ${table}`);
    heardReady.length = 0;
  });
  return f;
}

import { randomUUID } from 'node:crypto';
import { ChatRetentionRepository, ChatRetentionService } from '../src/chat';
import { piplTables, uncoveredTables } from '../src/customers';
import { toDbTime } from '../src/db/naming';
import { startTestServer, type TestServer } from './support/server';

/**
 * Personal data (issue 12, point 6), proved over HTTP and by reading the database directly: phone
 * and ID numbers encrypted at rest and masked in the views; reveals allowed only by the rule table,
 * within row scope, always audited; the audit log for admins; a PIPL export and erasure of one
 * person across every table; and the retention of archived chats as the product clock moves.
 */
jest.setTimeout(180_000);

const validId = '11010519491231002X';
const newPhone = '13987654321';
const day = 24 * 3600 * 1000;

interface Picked {
  id: string;
  name: string;
  ext: string;
  ownerId: string;
  ownerUser: string;
}

describe(`personal data on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let agent: string;
  let lead: string;
  let agentId: string;
  let own: Picked;
  let foreignId: string;
  let otherTeamId: string;
  let corpId: string;

  const mysql = () => process.env.TEST_DB === 'mysql';
  const patch = async (path: string, body: unknown, token: string) => {
    const res = await fetch(s.url + path, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const put = async (path: string, body: unknown, token: string) => {
    const res = await fetch(s.url + path, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const now = () => s.running.container.clock.now();
  const insert = async (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    const q = (n: string) => (mysql() ? `\`${n}\`` : `"${n}"`);
    await s.ds.query(`INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 80 });
    admin = await s.login('admin');
    agent = await s.login('agent001');
    lead = await s.login('lead01');
    const staff = await s.ds.query<Array<{ id: string; username: string | null; team_id: string | null; corp_id: string }>>('SELECT id, username, team_id, corp_id FROM staff_member');
    const me = staff.find((m) => m.username === 'agent001')!;
    const leadRow = staff.find((m) => m.username === 'lead01')!;
    agentId = me.id;
    corpId = me.corp_id;
    const rows = await s.ds.query<Array<{ id: string; name: string; ext: string; owner: string; user: string; team: string | null }>>(
      `SELECT c.id, c.name, i.value AS ext, c.owner_staff_id AS owner, st.wecom_user_id AS user, st.team_id AS team
       FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
       JOIN staff_member st ON st.id = c.owner_staff_id WHERE c.phone_cipher IS NOT NULL ORDER BY c.id`,
    );
    const mine = rows.find((r) => r.owner === me.id)!;
    own = { id: mine.id, name: mine.name, ext: mine.ext, ownerId: mine.owner, ownerUser: mine.user };
    // A teammate's customer (lead01's team, not agent001's) and another team's customer.
    const teamOfLead = staff.find((m) => m.id === leadRow.id)!.team_id ?? (await s.ds.query<Array<{ id: string }>>('SELECT id FROM team WHERE lead_staff_id = ?', [leadRow.id]))[0]!.id;
    foreignId = rows.find((r) => r.owner !== me.id && r.team === teamOfLead)!.id;
    otherTeamId = rows.find((r) => r.team !== teamOfLead && r.team !== null)!.id;
  });
  afterAll(() => s?.close());

  describe('at rest and masked', () => {
    it('sets an ID number (checksum checked) and a phone; the customer row holds neither in clear', async () => {
      const bad = await patch(`/api/customers/${own.id}/personal-data`, { idNumber: '110105194912310021' }, agent);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/ID number has a wrong check digit/);
      expect((await patch(`/api/customers/${own.id}/personal-data`, { idNumber: '11010519491331002X' }, agent)).body.error.message).toMatch(/birth date/);
      expect((await patch(`/api/customers/${own.id}/personal-data`, { phone: '12345' }, agent)).status).toBe(400);

      const ok = await patch(`/api/customers/${own.id}/personal-data`, { idNumber: '110105 19491231 002x', phone: newPhone }, agent);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ idNumber: '110105********002X', phone: '139****4321' });
      // An agent cannot set another agent's customer (404: out of scope looks absent); a team lead may not set at all.
      expect((await patch(`/api/customers/${foreignId}/personal-data`, { idNumber: validId }, agent)).status).toBe(404);
      expect((await patch(`/api/customers/${own.id}/personal-data`, { idNumber: validId }, lead)).status).toBe(403);

      const [row] = await s.ds.query<Array<Record<string, unknown>>>('SELECT * FROM customer WHERE id = ?', [own.id]);
      const text = JSON.stringify(row);
      expect(text).not.toContain(validId);
      expect(text).not.toContain('19491231');
      expect(text).not.toContain(newPhone);
      expect(String(row!.id_number_cipher)).toMatch(/^v1:/);
      expect(row!.id_number_hash).toBe(s.running.container.idNumberVault.hash(validId));
      expect(row!.id_number_masked).toBe('110105********002X');
      expect(s.running.container.idNumberVault.decrypt(String(row!.id_number_cipher))).toBe(validId);
    });

    it('no customer row, sign-up or audit entry holds a mobile number or an ID number in clear (demo data included)', async () => {
      const customers = await s.ds.query<Array<Record<string, unknown>>>('SELECT * FROM customer');
      expect(customers.filter((c) => c.id_number_cipher).length).toBeGreaterThan(20); // the demo's ID numbers
      expect(customers.filter((c) => c.phone_cipher).length).toBeGreaterThan(20);
      const clear = (rows: Array<Record<string, unknown>>) => rows.filter((r) => /(^|\D)1[3-9]\d{9}(\D|$)|\d{17}[\dX]/.test(JSON.stringify(Object.values(r))));
      expect(clear(customers)).toEqual([]);
      expect(clear(await s.ds.query('SELECT * FROM audit_log'))).toEqual([]);
    });

    it('the customer view shows phone and ID number masked, to every role', async () => {
      for (const token of [agent, admin]) {
        const v = (await s.get(`/api/customers/${own.id}`, token)).body;
        expect(v.phone).toBe('139****4321');
        expect(v.idNumber).toBe('110105********002X');
      }
    });
  });

  describe('reveal, by the rule table and row scope', () => {
    const reveal = (id: string, fields: string[], token: string, reason = '客户来电核实身份') => s.post(`/api/customers/${id}/personal-data/reveal`, { fields, reason }, token);

    it('the owning agent sees the phone, never the ID number; team leads neither by default; admins both', async () => {
      expect(await reveal(own.id, ['phone'], agent)).toMatchObject({ status: 200, body: { phone: newPhone } });
      expect((await reveal(own.id, ['idNumber'], agent)).status).toBe(403);
      expect((await reveal(own.id, ['phone', 'idNumber'], agent)).status).toBe(403);
      expect((await reveal(own.id, ['phone'], lead)).status).toBe(403);
      expect((await reveal(own.id, ['idNumber'], lead)).status).toBe(403);
      expect(await reveal(own.id, ['phone', 'idNumber'], admin)).toMatchObject({ status: 200, body: { phone: newPhone, idNumber: validId } });
    });

    it('answers 404 outside row scope, 400 without a reason, 403 to a customer token', async () => {
      expect((await reveal(foreignId, ['phone'], agent)).status).toBe(404);
      expect((await reveal(otherTeamId, ['phone'], agent)).status).toBe(404);
      expect((await s.post(`/api/customers/${own.id}/personal-data/reveal`, { fields: ['phone'] }, agent)).status).toBe(400);
      const mp = await s.post('/api/mp/login', { code: 'demo-1' });
      expect((await reveal(own.id, ['phone'], mp.body.token)).status).toBe(403);
    });

    it('a corp setting opens the ID number to team leads, within their team only', async () => {
      expect((await put('/api/settings/personal-data', { revealRoles: { idNumber: ['team_lead'] } }, agent)).status).toBe(403);
      const set = await put('/api/settings/personal-data', { revealRoles: { idNumber: ['team_lead'], phone: [] } }, admin);
      expect(set).toMatchObject({ status: 200, body: { chatRetentionDays: 180, revealRoles: { idNumber: ['team_lead'], phone: [] } } });
      // The customer view offers what the reveal allows (the console and sidebar show 查看 by it).
      expect((await s.get(`/api/customers/${own.id}`, lead)).body.revealable).toEqual(['idNumber']);
      expect((await s.get(`/api/customers/${own.id}`, agent)).body.revealable).toEqual(['phone']);
      expect(await reveal(own.id, ['idNumber'], lead)).toMatchObject({ status: 200, body: { idNumber: validId } });
      expect((await reveal(own.id, ['phone'], lead)).status).toBe(403);
      expect((await reveal(otherTeamId, ['idNumber'], lead)).status).toBe(404);
      // Agents were not named: still refused.
      expect((await reveal(own.id, ['idNumber'], agent)).status).toBe(403);
      await put('/api/settings/personal-data', { revealRoles: { idNumber: [] } }, admin);
      expect((await reveal(own.id, ['idNumber'], lead)).status).toBe(403);
      expect((await s.get(`/api/customers/${own.id}`, lead)).body.revealable).toEqual([]);
    });
  });

  describe('the audit of who saw or exported personal data', () => {
    it('lists every reveal with actor, customer, fields, reason and time; filters; admins only', async () => {
      const all = await s.get(`/api/audit/personal-data?customerId=${own.id}`, admin);
      expect(all.status).toBe(200);
      // Successful reveals only (refused ones revealed nothing): agent phone, admin both, lead ID number.
      expect(all.body.items.map((i: any) => `${i.actor.role}:${i.fields.join('+')}`).sort()).toEqual(['admin:phone+idNumber', 'agent:phone', 'team_lead:idNumber']);
      const mine = await s.get(`/api/audit/personal-data?actorId=${agentId}`, admin);
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.items[0]).toMatchObject({ action: 'reveal', customerId: own.id, fields: ['phone'], reason: '客户来电核实身份', actor: { id: agentId, role: 'agent' } });
      expect(Date.parse(mine.body.items[0].at)).toBeLessThanOrEqual(now().getTime());
      const future = new Date(now().getTime() + day).toISOString();
      expect((await s.get(`/api/audit/personal-data?customerId=${own.id}&from=${encodeURIComponent(future)}`, admin)).body.total).toBe(0);
      expect((await s.get(`/api/audit/personal-data?customerId=${own.id}&to=${encodeURIComponent(future)}`, admin)).body.total).toBe(3);
      expect((await s.get('/api/audit/personal-data', agent)).status).toBe(403);
      expect((await s.get('/api/audit/personal-data', lead)).status).toBe(403);
    });
  });

  describe('PIPL requests', () => {
    const P = newPhone;
    const N = '欧阳隐私测';
    const D = `did-pipl-${randomUUID().slice(0, 8)}`;
    let E: string;
    let loserId: string;

    beforeAll(async () => {
      E = own.ext;
      const t = toDbTime(now());
      const id = () => randomUUID();
      const vault = s.running.container.phoneVault;
      const ids = s.running.container.idNumberVault;
      await s.ds.query('UPDATE customer SET name = ? WHERE id = ?', [N, own.id]);
      await insert('customer_identity', { id: id(), corp_id: corpId, customer_id: own.id, kind: 'distinct_id', value: D, created_at: t });
      await insert('tracking_event', { id: id(), corp_id: corpId, event_key: `ek-${id()}`.slice(0, 60), customer_id: own.id, source: 'sensors', project: 'default', type: 'track', name: 'view_product', occurred_at: t, received_at: t, distinct_id: D, properties: JSON.stringify({ name: N, note: `call ${P}` }) });
      const msgId = id();
      await insert('chat_message', { id: msgId, corp_id: corpId, msgid: `m-${id()}`.slice(0, 60), seq: 1, action: 'send', msg_type: 'text', from_id: E, sender_kind: 'customer', staff_id: own.ownerId, customer_id: own.id, room_id: null, tolist: JSON.stringify([own.ownerUser]), content: `我是${N}，电话${P}，身份证${validId}`, body: JSON.stringify({ from: E, text: { content: `我是${N}` } }), media: null, recalled: 0, mined: 'done', sent_at: t, archived_at: t });
      await insert('chat_insight', { id: id(), corp_id: corpId, message_id: msgId, customer_id: own.id, staff_id: own.ownerId, kind: 'tag', grp: 'need', label: '重疾险', confidence: 0.9, cue: `${N}想买重疾`, at: t });
      await insert('chat_conversation', { id: id(), corp_id: corpId, staff_id: own.ownerId, customer_id: own.id, started_at: t, last_at: t, messages: 1, product_line: 'critical_illness', nodes: JSON.stringify([{ cue: N }]) });
      await insert('compliance_alert', { id: id(), corp_id: corpId, message_id: msgId, staff_id: own.ownerId, team_id: null, customer_id: own.id, rule_id: id(), rule_name: '承诺收益', category: 'promise', severity: 'high', matched: '保本', text: `${N} ${P} 保本`, status: 'open', acknowledged_by: null, acknowledged_at: null, at: t });
      await insert('customer_group_member', { id: id(), corp_id: corpId, group_id: id(), member_id: E, kind: 'customer', customer_id: own.id, name: N, join_scene: 1, invitor_user_id: null, status: 'in', joined_at: t, left_at: null });
      await insert('group_member_event', { id: id(), corp_id: corpId, group_id: id(), member_id: E, customer_id: own.id, kind: 'join', scene: 1, at: t });
      await insert('handover', { id: id(), corp_id: corpId, batch_id: id(), kind: 'resigned', from_staff_id: own.ownerId, to_staff_id: own.ownerId, subject_id: E, customer_id: own.id, resigned: 1, status: 'done', errcode: null, reason: null, requested_at: t, finished_at: t, updated_at: t });
      await insert('sandbox_outbox', { id: id(), channel: 'sms', recipient: P, customer_id: own.id, content: JSON.stringify({ text: `${N}您好` }), sent_at: t });
      await insert('agent_notification', { id: id(), corp_id: corpId, staff_id: own.ownerId, kind: 'lead.assigned', payload: JSON.stringify({ customer: { id: own.id, name: N }, phone: P }), created_at: t, read_at: null });
      await insert('wecom_inbox', { id: id(), corp_id: corpId, dedupe_key: `dk-${id()}`.slice(0, 60), kind: 'change_external_contact', payload: `<xml><ExternalUserID>${E}</ExternalUserID></xml>`, received_at: t, status: 'done', attempts: 1, next_attempt_at: t, locked_by: null, locked_until: null, processed_at: t, error: null });
      await insert('tracking_rejection', { id: id(), corp_id: corpId, source: 'sensors', reason: 'bad_event', detail: 'no event name', sample: JSON.stringify({ distinct_id: D }), received_at: t });
      await insert('agent_task', { id: id(), corp_id: corpId, task_key: `tk-${id()}`, staff_id: own.ownerId, customer_id: own.id, kind: 'call', title: `给${N}回电`, note: `电话 ${P}`, status: 'open', source: 'test', due_at: t, created_at: t, done_at: null });
      await insert('agent_message_task', { id: id(), corp_id: corpId, key: `mk-${id()}`, customer_id: own.id, staff_user_id: own.ownerUser, channel: 'wecom', content: `${N}您好，您的保单…`, status: 'open', created_at: t, done_at: null });
      await insert('mp_signup', { id: id(), corp_id: corpId, activity_id: id(), customer_id: own.id, status: 'confirmed', seats: 1, ticket_code: `T${id().slice(0, 8)}`, name: N, phone_cipher: vault.encrypt(P), phone_masked: '139****4321', note: `身份证 ${validId}`, inviter: null, request_id: `r-${id()}`.slice(0, 60), signed_up_at: t, queued_at: t, updated_at: t });
      await insert('mp_assessment', { id: id(), corp_id: corpId, customer_id: own.id, input: JSON.stringify({ name: N, income: 30 }), gaps: '[]', score: 50, at: t });
      await insert('subscription_consent', { id: id(), corp_id: corpId, customer_id: own.id, template_id: 'tmpl-1', remaining: 1, updated_at: t });
      await s.ds.query('UPDATE customer_tag SET evidence = ? WHERE customer_id = ?', [`${N} 在聊天中提到`, own.id]);
      await s.ds.query('UPDATE customer_follow SET remark = ?, description = ? WHERE customer_id = ?', [N, `手机 ${P}`, own.id]);
      const leads = await s.ds.query<Array<{ id: string }>>('SELECT id FROM lead WHERE customer_id = ?', [own.id]);
      if (leads.length) await s.ds.query('UPDATE lead SET detail = ?, outcome = ? WHERE customer_id = ?', [`${N} 留资 ${P}`, `约了 ${N}`, own.id]);
      else await insert('lead', { id: id(), corp_id: corpId, customer_id: own.id, product_line: 'critical_illness', source_id: id(), detail: `${N} 留资 ${P}`, status: 'open', open_key: null, owner_staff_id: own.ownerId, seat_group_id: null, assigned_at: t, first_touched_at: null, last_activity_at: null, sla_deadline: null, remind_at: null, reminded_at: null, callback_at: null, reject_reason: null, outcome: `约了 ${N}`, created_at: t, updated_at: t, closed_at: null });
      const leadId = (await s.ds.query<Array<{ id: string }>>('SELECT id FROM lead WHERE customer_id = ?', [own.id]))[0]!.id;
      await insert('lead_call', { id: id(), corp_id: corpId, lead_id: leadId, customer_id: own.id, seat_group_id: id(), staff_id: own.ownerId, connected: 1, intent: 'high', next_step: 'follow_up', note: `${N} ${P}`, duration_seconds: 30, called_at: t });
      // An older record of the same person, merged into this one: it holds the same name, phone and ID number.
      loserId = id();
      const pid = ids.protect(validId)!;
      const pp = vault.protect(P)!;
      await insert('customer', { id: loserId, corp_id: corpId, name: N, gender: 'male', birth_date: null, city: '北京', timezone: null, owner_staff_id: own.ownerId, stage: 'interest', archive_consent: 1, merged_into_id: own.id, created_at: t, updated_at: t, profile: JSON.stringify({ nickname: N }), phone_cipher: pp.cipher, phone_masked: pp.masked, stage_changed_at: null, id_number_cipher: pid.cipher, id_number_hash: pid.hash, id_number_masked: pid.masked });
      await insert('customer_merge', { id: id(), corp_id: corpId, survivor_id: own.id, merged_id: loserId, reason: 'phone', event_key: null, detail: JSON.stringify({ identities: [E, D] }), at: t });
    });

    /** Every table and every column, searched for each value; answers "table.column: value" for each hit. */
    async function findAnywhere(values: string[]): Promise<string[]> {
      const tables = mysql()
        ? await s.ds.query<Array<{ t: string; c: string }>>('SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE()')
        : (
            await Promise.all(
              (await s.ds.query<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map(async ({ name }) =>
                (await s.ds.query<Array<{ name: string }>>(`PRAGMA table_info("${name}")`)).map((c) => ({ t: name, c: c.name })),
              ),
            )
          ).flat();
      const byTable = new Map<string, string[]>();
      for (const { t, c } of tables) byTable.set(t, [...(byTable.get(t) ?? []), c]);
      const hits: string[] = [];
      const q = (n: string) => (mysql() ? `\`${n}\`` : `"${n}"`);
      for (const [t, cols] of byTable) {
        if (t === 'migrations') continue;
        for (const c of cols) {
          for (const v of values) {
            const [row] = await s.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM ${q(t)} WHERE ${q(c)} LIKE ?`, [`%${v}%`]);
            if (Number(row!.n) > 0) hits.push(`${t}.${c}: ${v}`);
          }
        }
      }
      return hits;
    }

    it('every table with a customer column is covered by the PIPL plan', async () => {
      const cols = mysql()
        ? await s.ds.query<Array<{ table: string; column: string }>>("SELECT table_name AS `table`, column_name AS `column` FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name IN ('customer_id', 'referrer_id', 'referee_id', 'survivor_id', 'merged_id')")
        : (
            await Promise.all(
              (await s.ds.query<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table'")).map(async ({ name }) =>
                (await s.ds.query<Array<{ name: string }>>(`PRAGMA table_info("${name}")`)).filter((c) => ['customer_id', 'referrer_id', 'referee_id', 'survivor_id', 'merged_id'].includes(c.name)).map((c) => ({ table: name, column: c.name })),
              ),
            )
          ).flat();
      expect(cols.length).toBeGreaterThan(30);
      expect(uncoveredTables(cols)).toEqual([]);
      expect(piplTables.length).toBeGreaterThanOrEqual(cols.length);
    });

    it('exports everything held about the person, decrypted, and audits it (admins only)', async () => {
      expect((await s.get(`/api/customers/${own.id}/pipl-export`, agent)).status).toBe(403);
      expect((await s.get(`/api/customers/${own.id}/pipl-export`, lead)).status).toBe(403);
      const res = await s.get(`/api/customers/${own.id}/pipl-export?reason=${encodeURIComponent('本人申请查阅')}`, admin);
      expect(res.status).toBe(200);
      const x = res.body;
      expect(x.profile).toMatchObject({ id: own.id, name: N, phone: P, id_number: validId });
      expect(x.profile.phone_cipher).toBeUndefined();
      for (const section of ['identities', 'tags', 'events', 'policies', 'chatMessages', 'leads', 'leadCalls', 'consents', 'miniProgram', 'signups', 'groups', 'relationships', 'mergedRecords']) {
        expect([section, x.sections[section]?.length ?? 0]).not.toEqual([section, 0]);
      }
      expect(x.sections.identities.map((i: any) => i.value)).toEqual(expect.arrayContaining([E, D]));
      // The person's own chats and sign-ups (the demo gave them some history too), decrypted.
      expect(x.sections.chatMessages.map((m: any) => m.content)).toEqual(expect.arrayContaining([expect.stringContaining(P)]));
      expect(x.sections.signups.map((r: any) => r.phone)).toContain(P);
      expect(x.sections.mergedRecords[0]).toMatchObject({ id: loserId, phone: P, id_number: validId });
      const audit = await s.get(`/api/audit/personal-data?customerId=${own.id}&action=pipl_export`, admin);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ reason: '本人申请查阅', actor: { role: 'admin' } });
    });

    it('erases the person from every table, keeps the counts, is audited and idempotent', async () => {
      const values = [P, N, validId, E, D];
      // Before: the seeded data is found in many tables.
      const before = await findAnywhere(values);
      const tablesBefore = new Set(before.map((h) => h.split('.')[0]));
      expect(tablesBefore.size).toBeGreaterThanOrEqual(15);
      const countBefore = (await s.get('/api/customers?limit=1', admin)).body.total;
      const rawCount = async () => Number((await s.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM customer'))[0]!.n);
      const rawBefore = await rawCount();
      const [chats] = await s.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM chat_message WHERE customer_id IN (?, ?)', [own.id, loserId]);
      expect(Number(chats!.n)).toBeGreaterThanOrEqual(1);

      expect((await s.post(`/api/customers/${own.id}/pipl-delete`, { confirm: own.id, reason: '本人申请删除' }, agent)).status).toBe(403);
      const wrong = await s.post(`/api/customers/${own.id}/pipl-delete`, { confirm: 'yes', reason: '本人申请删除' }, admin);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/repeat the customer id/);

      const del = await s.post(`/api/customers/${own.id}/pipl-delete`, { confirm: own.id, reason: '本人申请删除' }, admin);
      expect(del.status).toBe(200);
      expect(del.body.alreadyErased).toBe(false);
      expect(del.body.rows).toMatchObject({ chat_message: Number(chats!.n), customer_identity: expect.any(Number), customer: 2 });

      expect(await findAnywhere(values)).toEqual([]);
      // Counts hold: the customer rows stay, anonymised; events stay without identifiers.
      expect((await s.get('/api/customers?limit=1', admin)).body.total).toBe(countBefore);
      expect(await rawCount()).toBe(rawBefore);
      const [events] = await s.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ? AND distinct_id IS NULL AND properties IS NULL', [own.id]);
      expect(Number(events!.n)).toBe(1);
      const view = (await s.get(`/api/customers/${own.id}`, admin)).body;
      expect(view).toMatchObject({ name: '已删除客户', phone: null, idNumber: null, identities: [] });
      expect((await s.post(`/api/customers/${own.id}/personal-data/reveal`, { fields: ['phone', 'idNumber'], reason: '核实' }, admin)).body).toEqual({ phone: null, idNumber: null });
      // Personal data cannot be written back onto an erased person.
      expect((await patch(`/api/customers/${own.id}/personal-data`, { phone: P }, admin)).status).toBe(409);

      const again = await s.post(`/api/customers/${own.id}/pipl-delete`, { confirm: own.id, reason: '再次确认' }, admin);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ alreadyErased: true, rows: {}, erasedAt: del.body.erasedAt });
      const audit = await s.get(`/api/audit/personal-data?customerId=${own.id}&action=pipl_delete`, admin);
      expect(audit.body.items.map((i: any) => i.reason)).toEqual(['再次确认', '本人申请删除']);
    });
  });

  describe('retention of archived chats', () => {
    it('deletes messages older than the corp keeps, in batches, when the product clock passes the daily run; idempotent', async () => {
      const c = s.running.container;
      const rows = await s.ds.query<Array<{ id: string; owner: string }>>('SELECT id, owner_staff_id AS owner FROM customer WHERE owner_staff_id IS NOT NULL AND erased_at IS NULL ORDER BY id');
      const target = rows[0]!;
      const put1 = async (ageDays: number, tag: string) => {
        const at = toDbTime(new Date(now().getTime() - ageDays * day));
        const id = randomUUID();
        await insert('chat_message', { id, corp_id: corpId, msgid: `ret-${tag}-${id}`.slice(0, 60), seq: 1, action: 'send', msg_type: 'text', from_id: 'x', sender_kind: 'staff', staff_id: target.owner, customer_id: target.id, room_id: null, tolist: '[]', content: tag, body: '{}', media: null, recalled: 0, mined: 'done', sent_at: at, archived_at: at });
        return id;
      };
      const count = async (tag: string) => Number((await s.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM chat_message WHERE content = ?', [tag]))[0]!.n);
      for (let i = 0; i < 5; i++) await put1(200, 'old');
      const oldOne = await put1(200, 'old');
      await insert('chat_insight', { id: randomUUID(), corp_id: corpId, message_id: oldOne, customer_id: target.id, staff_id: target.owner, kind: 'tag', grp: 'need', label: '重疾险', confidence: 0.5, cue: 'old', at: toDbTime(now()) });
      await put1(100, 'middle');
      await put1(1, 'fresh');

      expect((await s.get('/api/settings/personal-data', admin)).body.chatRetentionDays).toBe(180);
      expect((await put('/api/settings/personal-data', { chatRetentionDays: 0 }, admin)).status).toBe(400);
      expect((await put('/api/settings/personal-data', { chatRetentionDays: 150 }, agent)).status).toBe(403);
      expect((await put('/api/settings/personal-data', { chatRetentionDays: 150 }, admin)).body.chatRetentionDays).toBe(150);

      // A day later (the daily run at 03:10 Shanghai passes): the 200-day-old messages are gone.
      expect((await s.post('/api/sandbox/clock', { advanceMs: day + 3600_000 })).status).toBe(200);
      await eventually(async () => (await count('old')) === 0);
      expect(await count('middle')).toBe(1);
      expect(await count('fresh')).toBe(1);
      expect(Number((await s.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM chat_insight WHERE message_id = ?', [oldOne]))[0]!.n)).toBe(0);

      // Idempotent: another sweep now finds nothing.
      expect(await c.chatRetention.sweep(corpId, 150)).toMatchObject({ messages: 0, insights: 0 });

      // Sixty days on, the 100-day-old message has passed 150 days; the fresh one has not.
      expect((await s.post('/api/sandbox/clock', { advanceMs: 60 * day })).status).toBe(200);
      await eventually(async () => (await count('middle')) === 0);
      expect(await count('fresh')).toBe(1);

      // Batches: a small batch size takes several rounds and leaves nothing behind.
      for (let i = 0; i < 5; i++) await put1(400, 'batch');
      const small = new ChatRetentionService({ repo: new ChatRetentionRepository(s.ds), clock: c.clock, batchSize: 2 });
      expect(await small.sweep(corpId, 150)).toMatchObject({ messages: 5, batches: 3 });
      expect(await count('batch')).toBe(0);
      expect(await count('fresh')).toBe(1);
    });
  });
});

async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

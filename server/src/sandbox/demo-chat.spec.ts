import { defaultSalesSops } from '../playbook';
import { SequentialIdGenerator } from '../platform/ids';
import { buildDemoChat, demoNodes } from './demo-chat';
import { demoFixture } from './demo-fixture.spec-helper';
import { DAY_MS, HOUR_MS } from './demo-time';

const now = new Date('2026-03-31T04:00:00Z');
const data = demoFixture(2000, now);
const build = () => buildDemoChat({ corpId: data.corp.id, zone: 'Asia/Shanghai', staff: data.staff, customers: data.customers, identities: data.identities, follows: data.follows, now, ids: new SequentialIdGenerator('chat'), seed: 17 });
const out = build();
const byId = new Map(out.messages.map((m) => [m.id, m]));

describe('the demo chats', () => {
  it('uses the built-in sales SOP’s five nodes, in its order', () => {
    for (const sop of defaultSalesSops) expect(sop.nodes.map((n) => ({ key: n.key, name: n.name }))).toEqual(demoNodes);
  });

  it('has agents chat 1:1 with their own customers, messages archived after they were sent and never after now', () => {
    const customer = new Map(data.customers.map((c) => [c.id, c]));
    const staff = new Map(data.staff.map((s) => [s.id, s]));
    const external = new Map(data.identities.filter((x) => x.kind === 'external_userid').map((x) => [x.customerId, x.value]));
    expect(out.conversations.length).toBeGreaterThan(300);
    expect(new Set(out.messages.map((m) => m.msgid)).size).toBe(out.messages.length);
    for (const m of out.messages) {
      const c = customer.get(m.customerId)!;
      expect(c.ownerStaffId).toBe(m.staffId);
      expect(m.fromId).toBe(m.senderKind === 'staff' ? staff.get(m.staffId)!.wecomUserId : external.get(c.id));
      expect(JSON.parse(m.tolist)).toEqual([m.senderKind === 'staff' ? external.get(c.id) : staff.get(m.staffId)!.wecomUserId]);
      expect(JSON.parse(m.body)).toEqual({ content: m.content });
      expect(m.mined).toBe(c.archiveConsent ? 'mined' : 'no_consent');
      expect(m.sentAt.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
      expect(m.archivedAt.getTime()).toBeGreaterThanOrEqual(m.sentAt.getTime());
      expect(m.archivedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - m.sentAt.getTime()).toBeLessThan(91 * DAY_MS);
    }
  });

  it('groups a pair’s messages into conversations at least 12 h apart, each marking the nodes its agent’s messages reached, in order', () => {
    const pairs = new Map<string, typeof out.conversations>();
    for (const c of out.conversations) pairs.set(`${c.staffId}|${c.customerId}`, [...(pairs.get(`${c.staffId}|${c.customerId}`) ?? []), c]);
    for (const list of pairs.values()) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.startedAt.getTime() - list[i - 1]!.lastAt.getTime()).toBeGreaterThanOrEqual(12 * HOUR_MS);
    }
    const inConversation = new Map<string, number>();
    for (const m of out.messages) inConversation.set(`${m.staffId}|${m.customerId}`, (inConversation.get(`${m.staffId}|${m.customerId}`) ?? 0) + 1);
    for (const [pair, list] of pairs) expect(list.reduce((n, c) => n + c.messages, 0)).toBe(inConversation.get(pair));
    for (const c of out.conversations) {
      const nodes = JSON.parse(c.nodes) as Array<{ key: string; name: string; at: string; messageId: string }>;
      expect(c.nodes.startsWith('[') && (nodes.length === 0 || c.nodes.startsWith('[{"key":'))).toBe(true);
      expect(nodes.map((n) => n.key)).toEqual(demoNodes.slice(0, nodes.length).map((n) => n.key));
      for (const n of nodes) {
        const m = byId.get(n.messageId)!;
        expect(m).toMatchObject({ senderKind: 'staff', staffId: c.staffId, customerId: c.customerId });
        expect(new Date(n.at)).toEqual(m.sentAt);
        expect(m.sentAt.getTime()).toBeGreaterThanOrEqual(c.startedAt.getTime());
        expect(m.sentAt.getTime()).toBeLessThanOrEqual(c.lastAt.getTime());
      }
    }
  });

  it('reaches about 55–70% of the nodes expected (key-node reach)', () => {
    const reached = out.conversations.reduce((n, c) => n + (JSON.parse(c.nodes) as unknown[]).length, 0);
    const share = reached / (out.conversations.length * demoNodes.length);
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.7);
  });

  it('is the same every time', () => {
    expect(build()).toEqual(out);
  });
});

import { defaultTagDictionary } from '../../shared/src/tags';
import { complianceBreachPhrases, generateConversations, hasComplianceBreach, needTags, objectionKinds, productLines, type ArchivePlaintext, type Conversation, type ConversationOptions } from './chat-conversations.cjs';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 16, 16); // a local (UTC+8) midnight
const agents = ['agent001', 'agent002', 'agent003', 'agent004', 'agent005'];
const customers = Array.from({ length: 400 }, (_, i) => `wm${String(i).padStart(6, '0')}AAAA`);
const options: ConversationOptions = { seed: 11, conversations: 500, agents, customers, start, spanDays: 7 };
const textOf = (m: ArchivePlaintext) => (m.msgtype === 'text' ? m.text.content : null);
const texts = (c: Conversation, who: 'agent' | 'customer') => c.messages.filter((m) => m.from === c[who] && m.msgtype === 'text').map((m) => textOf(m)!);
const tags = (key: string) => defaultTagDictionary.find((g) => g.key === key)!.tags;

describe('the chat conversation generator', () => {
  const conversations = generateConversations(options);
  const messages = conversations.flatMap((c) => c.messages);

  it('tells the same story for the same seed and another for another seed', () => {
    expect(JSON.stringify(generateConversations(options))).toBe(JSON.stringify(conversations));
    expect(JSON.stringify(generateConversations({ ...options, seed: 12 }))).not.toBe(JSON.stringify(conversations));
    expect(conversations).toHaveLength(500);
  });

  it('gives every message a unique, stable msgid of the seed', () => {
    const ids = messages.map((m) => m.msgid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^sim-11-\d+$/);
    expect(generateConversations({ ...options, conversations: 3 })[0]!.messages[0]!.msgid).toBe(messages[0]!.msgid);
  });

  it('writes each message in the archive plaintext shape, between the conversation’s agent and customer', () => {
    const bodies: Record<string, string[]> = {
      text: ['content'],
      image: ['filesize', 'md5sum', 'sdkfileid'],
      link: ['description', 'image_url', 'link_url', 'title'],
      weapp: ['description', 'displayname', 'title', 'username'],
      revoke: ['pre_msgid'],
      agree: ['agree_time', 'userid'],
    };
    for (const c of conversations) {
      expect(agents).toContain(c.agent);
      expect(customers).toContain(c.customer);
      expect(productLines).toContain(c.productLine);
      const seen = new Map<string, ArchivePlaintext>();
      for (const [i, m] of c.messages.entries()) {
        expect(Object.keys(m)).toEqual(['msgid', 'action', 'from', 'tolist', 'roomid', 'msgtime', 'msgtype', m.msgtype]);
        const body = (m as unknown as Record<string, Record<string, unknown>>)[m.msgtype]!;
        expect(Object.keys(body).sort()).toEqual(bodies[m.msgtype]);
        expect(m.roomid).toBe('');
        expect([c.agent, c.customer]).toContain(m.from);
        expect(m.tolist).toEqual([m.from === c.agent ? c.customer : c.agent]);
        expect(Number.isInteger(m.msgtime)).toBe(true);
        expect(m.action).toBe(m.msgtype === 'revoke' ? 'recall' : 'send');
        if (m.msgtype === 'text') expect(m.text.content.trim().length).toBeGreaterThan(0);
        if (m.msgtype === 'image') {
          expect(m.image.md5sum).toMatch(/^[0-9a-f]{32}$/);
          expect(m.image.filesize).toBeGreaterThan(0);
          expect(m.image.sdkfileid.length).toBeGreaterThan(100);
        }
        if (m.msgtype === 'link') expect(m.link.link_url).toMatch(/^https:\/\//);
        if (m.msgtype === 'weapp') expect(m.weapp.username).toMatch(/@app$/);
        if (m.msgtype === 'agree') {
          expect(i).toBe(0);
          expect(m.from).toBe(c.customer);
          expect(m.agree).toEqual({ userid: c.customer, agree_time: m.msgtime });
        }
        if (m.msgtype === 'revoke') {
          // A recall names an earlier message of the same sender, within WeCom's two minutes.
          const earlier = seen.get(m.revoke.pre_msgid)!;
          expect(earlier.from).toBe(m.from);
          expect(m.msgtime - earlier.msgtime).toBeLessThanOrEqual(120_000);
        }
        seen.set(m.msgid, m);
      }
    }
    const types = new Set(messages.map((m) => m.msgtype));
    expect([...types].sort()).toEqual(['agree', 'image', 'link', 'revoke', 'text', 'weapp']);
    expect(messages.filter((m) => m.msgtype === 'text').length / messages.length).toBeGreaterThan(0.8);
  });

  it('spaces messages like people do: in time order, in the window, bursts of seconds, replies in minutes, some conversations over days', () => {
    const gaps: number[] = [];
    for (const c of conversations) {
      c.messages.forEach((m, i) => {
        expect(m.msgtime).toBeGreaterThanOrEqual(start);
        expect(m.msgtime).toBeLessThan(start + 7 * DAY);
        if (i) {
          expect(m.msgtime).toBeGreaterThan(c.messages[i - 1]!.msgtime);
          gaps.push(m.msgtime - c.messages[i - 1]!.msgtime);
        }
      });
    }
    const share = (f: (g: number) => boolean) => gaps.filter(f).length / gaps.length;
    expect(share((g) => g < 60_000)).toBeGreaterThan(0.25);
    expect(share((g) => g > 3_600_000)).toBeGreaterThan(0.03);
    const spans = conversations.map((c) => c.messages.at(-1)!.msgtime - c.messages[0]!.msgtime);
    expect(spans.filter((s) => s > DAY).length).toBeGreaterThan(50);
    expect(spans.filter((s) => s < 6 * 3_600_000).length).toBeGreaterThan(100);
    expect(Math.max(...spans)).toBeLessThan(5 * DAY);
    // Nobody chats at 3 a.m. (China time), except the few seconds of a burst that began before.
    const night = messages.filter((m) => ((m.msgtime + 8 * 3_600_000) % DAY) / 3_600_000 < 6);
    expect(night.length / messages.length).toBeLessThan(0.005);
  });

  it('keeps a customer’s conversations apart in time when they have several', () => {
    const few = generateConversations({ ...options, customers: customers.slice(0, 20), conversations: 60 });
    const byCustomer = new Map<string, Conversation[]>();
    for (const c of few) byCustomer.set(c.customer, [...(byCustomer.get(c.customer) ?? []), c]);
    for (const list of byCustomer.values()) {
      expect(list).toHaveLength(3);
      expect(new Set(list.map((c) => c.agent)).size).toBe(1);
      for (let i = 1; i < list.length; i++) expect(list[i]!.messages[0]!.msgtime).toBeGreaterThan(list[i - 1]!.messages.at(-1)!.msgtime);
      expect(list.slice(1).every((c) => c.messages[0]!.msgtype !== 'agree')).toBe(true);
    }
  });

  it('varies the conversations: most customer texts differ, all lines, needs, objections and endings occur', () => {
    const customerTexts = conversations.flatMap((c) => texts(c, 'customer'));
    expect(customerTexts.length).toBeGreaterThan(3000);
    expect(new Set(customerTexts).size / customerTexts.length).toBeGreaterThanOrEqual(0.8);
    expect(new Set(conversations.map((c) => c.productLine))).toEqual(new Set(productLines));
    expect(new Set(conversations.flatMap((c) => c.truth.objections))).toEqual(new Set(objectionKinds));
    const lengths = conversations.map((c) => c.messages.length);
    expect(Math.min(...lengths)).toBeLessThan(14);
    expect(Math.max(...lengths)).toBeGreaterThan(30);
    const share = (f: (c: Conversation) => boolean) => conversations.filter(f).length / conversations.length;
    expect(share((c) => c.truth.closed)).toBeGreaterThan(0.1);
    expect(share((c) => c.truth.closed)).toBeLessThan(0.5);
    expect(share((c) => c.truth.proposalShared)).toBeGreaterThan(0.4);
    expect(share((c) => c.truth.needs.length > 1)).toBeGreaterThan(0.1);
    expect(share((c) => c.truth.objections.length === 0)).toBeGreaterThan(0.1);
  });

  it('breaks the compliance rules in about 3% of agent texts, exactly in the messages the truth names', () => {
    let agentTexts = 0;
    let breaches = 0;
    for (const c of conversations) {
      const named = new Set(c.truth.breachMsgids);
      expect(c.truth.complianceBreaches).toBe(named.size);
      for (const m of c.messages) {
        const text = textOf(m);
        if (text === null) continue;
        if (m.from === c.agent) agentTexts += 1;
        expect(hasComplianceBreach(text)).toBe(named.has(m.msgid));
        if (named.has(m.msgid)) expect(m.from).toBe(c.agent);
      }
      breaches += named.size;
    }
    expect(breaches / agentTexts).toBeGreaterThan(0.02);
    expect(breaches / agentTexts).toBeLessThan(0.04);
    expect(generateConversations({ ...options, breachRate: 0 }).every((c) => c.truth.complianceBreaches === 0)).toBe(true);
    expect(complianceBreachPhrases).toEqual(expect.arrayContaining(['保本', '稳赚', '零风险', '比存款划算', '最好的产品']));
  });

  it('states the truth it put in: voiced needs, raised objections, the proposal, the purchase, the profile', () => {
    const words: Record<string, RegExp> = { 重疾险: /重疾/, 医疗险: /医疗/, 意外险: /意外/, 寿险: /寿险/, '养老/年金': /养老|年金/, 教育金: /教育金/ };
    for (const c of conversations) {
      const said = texts(c, 'customer').join('\n');
      const t = c.truth;
      expect(t.needs[0]).toBe(needTags[c.productLine]);
      for (const n of t.needs) expect(said).toMatch(words[n]!);
      expect(new Set(t.objections).size).toBe(t.objections.length);
      expect(t.objectionReplies.map((x) => x.objection)).toEqual(t.objections);
      for (const reply of t.objectionReplies) {
        const m = c.messages.find((x) => x.msgid === reply.replyMsgid)!;
        expect(m.from).toBe(c.agent);
        expect(m.msgtype).toBe('text');
      }
      const proposal = c.messages.some((m) => m.msgtype === 'link' && m.from === c.agent && m.link.title.endsWith('计划书'));
      expect(t.proposalShared).toBe(proposal);
      expect(t.closed).toBe(c.messages.some((m) => m.msgtype === 'weapp' && m.weapp.title.endsWith('在线投保')));
      if (t.profile.employment) expect(tags('employment')).toContain(t.profile.employment);
      if (t.profile.familyStage) expect(tags('family_stage')).toContain(t.profile.familyStage);
      if (t.profile.budget) expect(tags('budget')).toContain(t.profile.budget);
      for (const n of t.needs) expect(tags('insurance_need')).toContain(n);
    }
    expect(conversations.filter((c) => c.truth.profile.familyStage && c.truth.profile.budget).length).toBeGreaterThan(50);
  });

  it('keeps customers engaged far more often after a strong reply than after a weak one, so good talk tracks can be found', () => {
    const replies = conversations.flatMap((c) => c.truth.objectionReplies);
    const rate = (q: 'strong' | 'weak') => {
      const of = replies.filter((r) => r.quality === q);
      expect(of.length).toBeGreaterThan(100);
      return of.filter((r) => r.engaged).length / of.length;
    };
    expect(rate('strong')).toBeGreaterThan(0.65);
    expect(rate('weak')).toBeLessThan(0.45);
    // Strong replies are longer (empathy, facts, a next step) than weak ones.
    const length = (q: 'strong' | 'weak') => {
      const ids = new Set(replies.filter((r) => r.quality === q).map((r) => r.replyMsgid));
      const of = messages.filter((m) => ids.has(m.msgid)).map((m) => textOf(m)!.length);
      return of.reduce((a, b) => a + b, 0) / of.length;
    };
    expect(length('strong')).toBeGreaterThan(2 * length('weak'));
  });

  it('pairs customers with their owners when told, and refuses options that make no sense', () => {
    const owners = Object.fromEntries(customers.slice(0, 30).map((c, i) => [c, agents[i % 2]!]));
    for (const c of generateConversations({ ...options, customers: customers.slice(0, 30), conversations: 30, owners })) expect(c.agent).toBe(owners[c.customer]);
    expect(generateConversations({ ...options, conversations: 0 })).toEqual([]);
    expect(() => generateConversations({ ...options, agents: [] })).toThrow(/agents/);
    expect(() => generateConversations({ ...options, customers: [] })).toThrow(/customers/);
    expect(() => generateConversations({ ...options, conversations: 1.5 })).toThrow(/conversations/);
    expect(() => generateConversations({ ...options, breachRate: 2 })).toThrow(/share/);
  });
});

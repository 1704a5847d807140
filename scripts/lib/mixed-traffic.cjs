'use strict';
/**
 * The simulator's mixed traffic as single HTTP requests, for the load bench (scripts/lib/load-bench.mjs)
 * and the scale-out test (server/test/scale-out.e2e.test.ts). Four kinds, as a real corp sends them:
 *
 * - callback: a WeCom `change_external_contact` / `add_external_contact` callback for a new customer,
 *   signed and AES-encrypted as WeCom does (POST /wecom/callback); a share of them through a channel
 *   code (State), so the receiving server sends the welcome message.
 * - tracking: one Sensors SDK post (POST /sa, data_list = base64(gzip(JSON))) of one session's
 *   records from scripts/lib/sensors-events.cjs; every record carries a unique `$insert_id`.
 * - archive: 20 (`archiveBatch`) archived chat messages from scripts/lib/chat-conversations.cjs appended to the
 *   sandbox chat archive (POST /api/sandbox/archive), which then sends msgaudit_notify; the server
 *   pulls, decrypts, stores and mines them.
 * - sidebar: an agent opening the sidebar on one of their customers (GET /api/customers/:id with the
 *   agent's bearer token).
 *
 * Every request is built up front or on demand, deterministically from the seed; `ledger` remembers
 * what was asked for (customers added, insert ids, archive msgids) so a test can check the effects.
 * CommonJS so the jest suites can require it (types: mixed-traffic.d.cts).
 */
const { generateSensorsTraffic, sensorsForm, prng } = require('./sensors-events.cjs');
const { generateConversations } = require('./chat-conversations.cjs');

/** Default share of each kind, by requests. */
const defaultMix = { callback: 30, tracking: 30, archive: 10, sidebar: 30 };

/**
 * @param {object} o
 * @param {number} [o.seed]
 * @param {() => number} [o.now] milliseconds (the callbacks' CreateTime and the events' times)
 * @param {(fields: Record<string, string|number>) => {query: Record<string,string>, body: string}} o.signCallback
 *   signs and encrypts one callback's fields (server/src/sandbox/callback-driver's callbackXml + signedCallback)
 * @param {(userId: string, externalUserId: string, createTime: number, state?: string) => Record<string, string|number>} o.addedEvent
 *   the fields of an add callback (callback-driver's contactEvent.added)
 * @param {string[]} o.agents WeCom userids the new customers add
 * @param {string} [o.channelState] a channel code's state; `welcomeShare` of the adds come through it
 * @param {number} [o.welcomeShare]
 * @param {Array<{token: string, customerId: string}>} o.sidebar agents' tokens and one of their customers each
 * @param {string[]} o.archiveAgents agents' userids for the chats
 * @param {string[]} o.archiveCustomers customers' external_userids for the chats
 * @param {number} [o.demoCustomers] demo customers d-000001 … that the tracking personas play
 * @param {string} [o.tag] makes ids unique between runs on one database (external ids, insert ids)
 * @param {number} [o.archiveBatch] messages a post to the archive (20)
 * @param {Record<string, number>} [o.mix]
 */
function createMixedTraffic(o) {
  const seed = o.seed ?? 7;
  const now = o.now ?? Date.now;
  const tag = o.tag ?? `s${seed}`;
  const mix = { ...defaultMix, ...(o.mix ?? {}) };
  const rnd = prng(seed);
  const kinds = Object.entries(mix).filter(([, w]) => w > 0);
  const ledger = { callbacks: [], insertIds: [], archiveMsgids: [] };
  let callbacks = 0;

  const trackingPosts = [];
  let trackingSeed = seed * 31 + 1;
  let insertSeq = 0;
  const refillTracking = () => {
    const traffic = generateSensorsTraffic({ events: 2_000, seed: trackingSeed++, now: now(), days: 3, demoCustomers: o.demoCustomers ?? 150, malformed: 0, minBatch: 5, maxBatch: 20 });
    for (const b of traffic.batches) trackingPosts.push(b.records);
  };
  const archiveQueue = [];
  let archiveSeed = seed * 17 + 3;
  const refillArchive = () => {
    const conversations = generateConversations({ seed: archiveSeed++, conversations: 20, agents: o.archiveAgents, customers: o.archiveCustomers, start: now() - 3 * 86_400_000, spanDays: 3 });
    const messages = conversations.flatMap((c) => c.messages).sort((a, b) => a.msgtime - b.msgtime);
    // The same seed gives the same msgids: make them unique to this traffic.
    for (const m of messages) {
      m.msgid = `${tag}-${m.msgid}`;
      if (m.revoke?.pre_msgid) m.revoke.pre_msgid = `${tag}-${m.revoke.pre_msgid}`;
    }
    archiveQueue.push(...messages);
  };
  let sidebarNext = 0;
  const archiveBatch = o.archiveBatch ?? 20;

  const make = {
    callback() {
      callbacks += 1;
      const userId = o.agents[callbacks % o.agents.length];
      const externalUserId = `wmLoad${tag}x${callbacks}`;
      const state = o.channelState && rnd.next() < (o.welcomeShare ?? 0.3) ? o.channelState : undefined;
      const signed = o.signCallback(o.addedEvent(userId, externalUserId, Math.floor(now() / 1000), state));
      ledger.callbacks.push({ userId, externalUserId, state: state ?? null });
      return {
        kind: 'callback',
        method: 'POST',
        path: `/wecom/callback?${new URLSearchParams(signed.query)}`,
        headers: { 'content-type': 'text/xml' },
        body: signed.body,
        meta: { userId, externalUserId, state: state ?? null },
      };
    },
    tracking() {
      if (!trackingPosts.length) refillTracking();
      const records = trackingPosts.shift();
      const ids = [];
      for (const r of records) {
        if (!r || typeof r !== 'object' || !r.properties || typeof r.properties !== 'object') continue;
        const id = `${tag}-${++insertSeq}`;
        r.properties.$insert_id = id;
        if (r.type === 'track') ids.push(id);
      }
      ledger.insertIds.push(...ids);
      return { kind: 'tracking', method: 'POST', path: '/sa?project=default', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sensorsForm(records), meta: { records: records.length, insertIds: ids } };
    },
    archive() {
      while (archiveQueue.length < archiveBatch) refillArchive();
      const messages = archiveQueue.splice(0, archiveBatch);
      ledger.archiveMsgids.push(...messages.map((m) => m.msgid));
      return { kind: 'archive', method: 'POST', path: '/api/sandbox/archive', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }), meta: { msgids: messages.map((m) => m.msgid) } };
    },
    sidebar() {
      const s = o.sidebar[sidebarNext++ % o.sidebar.length];
      return { kind: 'sidebar', method: 'GET', path: `/api/customers/${encodeURIComponent(s.customerId)}`, headers: { authorization: `Bearer ${s.token}` }, body: undefined, meta: { customerId: s.customerId } };
    },
  };

  const total = kinds.reduce((n, [, w]) => n + w, 0);
  return {
    mix,
    ledger,
    make: (kind) => make[kind](),
    /** A kind drawn by the mix's weights, and its request. */
    next() {
      let r = rnd.next() * total;
      for (const [kind, w] of kinds) if ((r -= w) < 0) return make[kind]();
      return make[kinds[0][0]]();
    },
  };
}

module.exports = { createMixedTraffic, defaultMix };

/**
 * The chat archive's benchmark (issue 7), run by scripts/bench.mjs when BENCH_ONLY includes `chat`.
 * On SQLite (a temp file) and on MariaDB (database lodestar_bench_chat, made and dropped), in-process
 * on the server's own container (startServer, ROLE=api, sandbox mode, 300 demo customers):
 *
 * 1. N generated insurance conversations (scripts/lib/chat-conversations.cjs, the simulator's) between
 *    the demo agents and customers are appended to the sandbox archive, encrypted as the vendor's
 *    archive serves them (a random key RSA-wrapped under publickey_ver 1, an AES body). No pull runs
 *    meanwhile (the msgaudit_notify hook is off).
 * 2. The pipeline: ArchiveSyncService.pull until the cursor reaches the last seq. Each page is
 *    fetched, each record's key unwrapped (node-forge RSA) and message decrypted and mapped, the page
 *    stored with the cursor in one transaction, and then mined through the chat.messages_archived
 *    event as the product does: tags with evidence, objections, intents, agents' cards, compliance
 *    alerts, key nodes, customer events and journey triggers. The time inside mining is measured too.
 * 3. The baseline, on the same records in the same run: the same work done as bare loops without
 *    the product around it: decrypt and map every record (after reading them all), insert the same
 *    rows into a copy of chat_message through the driver (500 rows a statement and a transaction),
 *    and mineText over the customers' texts. Their serial sum is the best a one-pass pipeline could
 *    do; the ratio says how much of that the product keeps.
 * 4. Sidebar card latency: with the hook back on, one customer message at a time is posted to
 *    POST /api/sandbox/archive while the agent's server-sent event stream (/api/leads/stream) is open;
 *    the time until the chat.insight card arrives (notify callback, inbox, pull, decrypt, store, mine,
 *    notification, stream), against a GET /healthz round trip on the same server.
 *
 * Settings: BENCH_CHAT_CONVERSATIONS (1200, about 19,000 messages), BENCH_CHAT_DATABASES (sqlite,mysql),
 * BENCH_CHAT_CARDS (30 latency samples).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';

const require = createRequire(import.meta.url);
const { generateConversations } = require('./chat-conversations.cjs');

const env = process.env;
const conversations = Number(env.BENCH_CHAT_CONVERSATIONS ?? 1_200);
const databases = (env.BENCH_CHAT_DATABASES ?? 'sqlite,mysql').split(',').filter((d) => d === 'sqlite' || d === 'mysql');
const cardSamples = Number(env.BENCH_CHAT_CARDS ?? 30);
const database = 'lodestar_bench_chat';
const int = (n) => Math.round(n).toLocaleString('en-US');
const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function bar(title) {
  return new cliProgress.SingleBar(
    { format: `${title.padEnd(30)} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 30_000 },
    cliProgress.Presets.shades_classic,
  );
}

/** Wall seconds and this process's CPU seconds of `fn`. */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The sandbox's agents and customers (with their WeCom ids) that conversations go between. */
async function parties(ds) {
  const agents = (await ds.query("SELECT wecom_user_id AS u FROM staff_member WHERE status = 'active' AND role = 'agent' ORDER BY wecom_user_id")).map((r) => r.u);
  const customers = (await ds.query("SELECT value AS v FROM customer_identity WHERE kind = 'external_userid' ORDER BY value")).map((r) => r.v);
  return { agents, customers };
}

/** Appends the messages to the sandbox archive in chunks (encrypting each), with a bar. */
async function appendAll(c, messages) {
  const b = bar('encrypting into the archive');
  b.start(messages.length, 0);
  let last = 0;
  for (let i = 0; i < messages.length; i += 1_000) {
    const r = await c.sandboxArchive.append(messages.slice(i, i + 1_000));
    last = r.lastSeq;
    b.update(Math.min(i + 1_000, messages.length));
  }
  b.stop();
  return last;
}

/** Pulls until the cursor reaches `lastSeq`; the time inside mining is summed by wrapping intelligence.process. */
async function pipeline(c, corpId, lastSeq, total) {
  let miningSeconds = 0;
  let mined = 0;
  const process0 = c.intelligence.process.bind(c.intelligence);
  c.intelligence.process = async (corp, rows) => {
    const started = performance.now();
    try {
      const out = await process0(corp, rows);
      mined += out.mined;
      return out;
    } finally {
      miningSeconds += (performance.now() - started) / 1000;
    }
  };
  const b = bar('pull, decrypt, store, mine');
  b.start(total, 0);
  const summary = { records: 0, stored: 0, parked: 0, pages: 0 };
  try {
    const t = await timed(async () => {
      for (;;) {
        const s = await c.archiveSync.pull(corpId);
        summary.records += s.records;
        summary.stored += s.stored;
        summary.parked += s.parked;
        summary.pages += s.pages;
        b.update(Math.min(summary.records, total));
        if (s.cursor >= lastSeq || s.records === 0) break;
      }
    });
    return { ...t, summary, miningSeconds, mined };
  } finally {
    b.stop();
    c.intelligence.process = process0;
  }
}

/** Decrypting and mapping every record in a bare loop (records read first, untimed). */
async function baselineDecrypt(c, fromDist) {
  const { SandboxChatArchive } = fromDist('sandbox/archive-fake.adapter.js');
  const { SandboxArchiveRepository } = fromDist('sandbox/sandbox-archive.repository.js');
  const { mapArchivedMessage } = fromDist('chat/index.js');
  const archive = new SandboxChatArchive(new SandboxArchiveRepository(c.ds));
  const keys = await c.sandboxArchive.keyRing();
  const records = [];
  for (let seq = 0; ; ) {
    const page = await archive.fetch(seq, 1_000);
    if (!page.length) break;
    records.push(...page);
    seq = page[page.length - 1].seq;
  }
  const t = await timed(async () => {
    let n = 0;
    for (const r of records) {
      mapArchivedMessage(await archive.decrypt(keys.unwrap(r), r.encryptChatMsg), r);
      n++;
    }
    return n;
  });
  return t;
}

/** The stored rows inserted again into a copy of chat_message through the driver: 500 rows a statement and a transaction. */
async function baselineInsert(c, kind) {
  const ds = c.ds;
  if (kind === 'mysql') await ds.query('CREATE TABLE bench_chat_copy LIKE chat_message');
  else {
    const [{ sql }] = await ds.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chat_message'");
    await ds.query(sql.replace(/"?chat_message"?/, 'bench_chat_copy'));
  }
  const rows = await ds.query('SELECT * FROM chat_message');
  const columns = Object.keys(rows[0]);
  try {
    // ds.transaction: on SQLite the product queues transactions on its one connection, so this must too.
    return await timed(async () => {
      for (let i = 0; i < rows.length; i += 500) {
        const part = rows.slice(i, i + 500);
        await ds.transaction((em) =>
          em.query(
            `INSERT INTO bench_chat_copy (${columns.join(', ')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
            part.flatMap((r) => columns.map((k) => r[k])),
          ),
        );
      }
      return rows.length;
    });
  } finally {
    await ds.query('DROP TABLE bench_chat_copy');
  }
}

/** mineText over the customers' text messages in a bare loop. */
async function baselineMine(fromDist, texts) {
  const { mineText } = fromDist('chat/index.js');
  mineText('预热一下分词器');
  return timed(async () => {
    let found = 0;
    for (const t of texts) {
      const r = mineText(t);
      found += r.tags.length + r.objections.length + r.intents.length;
    }
    return found;
  });
}

/** Reads server-sent events from the agent's stream, resolving waiters by a predicate on the notification. */
async function openStream(url, token) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/leads/stream?access_token=${encodeURIComponent(token)}`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (res.status !== 200) throw new Error(`the agent's stream answered ${res.status}`);
  const waiters = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const n = JSON.parse(data.slice(6));
          for (const w of [...waiters]) {
            if (!w.match(n)) continue;
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(performance.now());
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    next: (match, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) reject(new Error('no card within 10 s'));
        }, ms);
      }),
    close: () => controller.abort(),
  };
}

/** Time from posting one customer message to its card on the agent's stream, `n` times; and /healthz round trips. */
async function cardLatency(c, url, corpId, notifyHook) {
  c.hooks.archiveNotify = notifyHook;
  const [pair] = await c.ds.query(
    `SELECT i.value AS ext, st.wecom_user_id AS agent, st.username AS username FROM customer c
       JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
       JOIN staff_member st ON st.id = c.owner_staff_id
      WHERE st.status = 'active' AND st.username IS NOT NULL AND c.archive_consent = 1 ORDER BY c.id LIMIT 1`,
  );
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: pair.username, password: 'lodestar-demo' }) });
  const { token } = await login.json();
  const stream = await openStream(url, token);
  const texts = ['这个重疾险一年要交多少钱？', '太贵了，我再考虑一下', '我已经有社保了，还需要买医疗险吗', '你们公司靠谱吗，理赔难不难', '孩子刚上小学，想了解一下教育金'];
  const card = [];
  const health = [];
  try {
    for (let i = 0; i < cardSamples; i++) {
      const msgid = `bench-card-${Date.now()}-${i}`;
      const arrived = stream.next((n) => n.kind === 'chat.insight' && n.payload?.text === texts[i % texts.length]);
      const started = performance.now();
      const res = await fetch(`${url}/api/sandbox/archive`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ msgid, from: pair.ext, tolist: [pair.agent], msgtime: c.clock.now().getTime(), msgtype: 'text', text: { content: texts[i % texts.length] } }] }),
      });
      if (res.status !== 201) throw new Error(`POST /api/sandbox/archive answered ${res.status}`);
      card.push((await arrived) - started);
      const h0 = performance.now();
      await (await fetch(`${url}/healthz`)).text();
      health.push(performance.now() - h0);
    }
  } finally {
    stream.close();
  }
  return { card, health };
}

async function chatOn(kind, h) {
  const { startServer } = h.fromDist('app/server.js');
  const { loadConfig } = h.fromDist('platform/config.js');
  const { createLogger } = h.fromDist('platform/logger.js');
  const dir = mkdtempSync(join(tmpdir(), 'lodestar-chat-bench-'));
  const dropMysql = async () => {
    const conn = await h.mysqlConnection();
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  };
  if (kind === 'mysql') await dropMysql();
  const url = kind === 'mysql' ? new URL(`/${database}`, h.mysqlBase).toString() : `sqlite:${join(dir, 'chat.sqlite')}`;
  const dbPid = kind === 'mysql' ? h.mysqldPid() : null;
  try {
    const config = loadConfig({ DATABASE_URL: url, ROLE: 'api', PORT: '0', LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(40), WECOM_SYNC_ON_START: 'false' });
    const running = await startServer(config, createLogger('warn'), { demoCustomers: 300 });
    try {
      const c = running.container;
      const corpId = running.corpId;
      const notifyHook = c.hooks.archiveNotify;
      c.hooks.archiveNotify = async () => {};
      const { agents, customers } = await parties(c.ds);
      const now = c.clock.now().getTime();
      const convs = generateConversations({ seed: 7, conversations, agents, customers, start: now - 4 * 86_400_000, spanDays: 4 });
      const messages = convs.flatMap((x) => x.messages).sort((a, b) => a.msgtime - b.msgtime);
      const lastSeq = await appendAll(c, messages);
      const db0 = dbPid ? h.cpuSeconds(dbPid) : null;
      const run = await pipeline(c, corpId, lastSeq, messages.length);
      const dbCpu = db0 === null ? null : h.cpuSeconds(dbPid) - db0;
      // The customers' tags changed: let their background refreshes finish before the bare loops
      // (on SQLite they share the one connection with the baseline's transactions).
      await c.customerRefresh.drain();
      const texts = (await c.ds.query("SELECT content FROM chat_message WHERE sender_kind = 'customer' AND msg_type = 'text' AND mined = 'mined'")).map((r) => r.content);
      const decrypt = await baselineDecrypt(c, h.fromDist);
      const insert = await baselineInsert(c, kind);
      const mine = await baselineMine(h.fromDist, texts);
      const counts = Object.fromEntries((await c.ds.query('SELECT mined AS k, COUNT(*) AS n FROM chat_message GROUP BY mined')).map((r) => [r.k, Number(r.n)]));
      const insights = Number((await c.ds.query('SELECT COUNT(*) AS n FROM chat_insight'))[0].n);
      const events = Number((await c.ds.query("SELECT COUNT(*) AS n FROM tracking_event WHERE source = 'chat'"))[0].n);
      // The bare loops held the event loop for seconds: let the sockets they left idle close first.
      await new Promise((r) => setTimeout(r, 200));
      const latency = await cardLatency(c, running.url, corpId, notifyHook);
      return { kind, messages: messages.length, run, dbCpu, decrypt, insert, mine, minedTexts: texts.length, counts, insights, events, latency };
    } finally {
      await running.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'mysql') await dropMysql();
  }
}

function print(r) {
  const rate = r.messages / r.run.seconds;
  const perMessage = (t, n) => t.seconds / n;
  // The bare loops' serial cost for the same messages: every record decrypted, every row stored, every customer text mined.
  const serialSeconds = perMessage(r.decrypt, r.decrypt.value) * r.messages + perMessage(r.insert, r.insert.value) * r.messages + r.mine.seconds;
  const baselineRate = r.messages / serialSeconds;
  const name = r.kind === 'mysql' ? 'MariaDB' : 'SQLite';
  console.log(`\nChat archive on ${name}: ${int(r.messages)} messages in ${int(conversations)} conversations (${int(r.minedTexts)} customer texts mined), ${r.run.summary.pages} pages of 500`);
  const rows = [
    ['', 'messages', 'seconds', 'messages/s', 'vs baseline'],
    ['pipeline: pull, decrypt, store, mine (the product)', int(r.messages), r.run.seconds.toFixed(2), int(rate), (rate / baselineRate).toFixed(3)],
    ['  of which mining (intelligence.process)', int(r.run.mined), r.run.miningSeconds.toFixed(2), int(r.run.mined / r.run.miningSeconds), ''],
    ['baseline: bare loops in series', int(r.messages), serialSeconds.toFixed(2), int(baselineRate), '1'],
    ['  decrypt and map (RSA unwrap, AES, mapping)', int(r.decrypt.value), r.decrypt.seconds.toFixed(2), int(r.decrypt.value / r.decrypt.seconds), ''],
    ['  insert rows, 500 a statement', int(r.insert.value), r.insert.seconds.toFixed(2), int(r.insert.value / r.insert.seconds), ''],
    ['  mineText over customer texts', int(r.minedTexts), r.mine.seconds.toFixed(2), int(r.minedTexts / r.mine.seconds), ''],
  ];
  for (const row of rows) console.log(row.map((x, i) => String(x).padEnd(i === 0 ? 52 : 13)).join(''));
  console.log(
    `pipeline CPU: node ${(r.run.cpuSeconds / r.run.seconds).toFixed(2)} cores${r.dbCpu === null ? '' : `, mariadbd ${(r.dbCpu / r.run.seconds).toFixed(2)} cores`}; ` +
      `stored ${int(r.run.summary.stored)}, parked ${r.run.summary.parked}; messages by state ${JSON.stringify(r.counts)}; ${int(r.insights)} insights, ${int(r.events)} customer events`,
  );
  const l = r.latency;
  console.log(
    `sidebar card (POST /api/sandbox/archive → chat.insight on the agent's stream), ${l.card.length} samples: p50 ${pct(l.card, 50).toFixed(0)} ms, p95 ${pct(l.card, 95).toFixed(0)} ms, max ${Math.max(...l.card).toFixed(0)} ms; ` +
      `GET /healthz p50 ${pct(l.health, 50).toFixed(1)} ms (ratio ${(pct(l.card, 50) / pct(l.health, 50)).toFixed(0)}x); within a second: ${l.card.filter((x) => x < 1000).length}/${l.card.length}`,
  );
  const problems = [];
  if (r.run.summary.stored !== r.messages) problems.push(`stored ${r.run.summary.stored} of ${r.messages}`);
  if ((r.counts.pending ?? 0) > 0) problems.push(`${r.counts.pending} messages left pending`);
  if (r.run.summary.parked) problems.push(`${r.run.summary.parked} records parked`);
  for (const p of problems) console.log(`WARNING (${name}): ${p}`);
}

/** `h`: the bench's helpers (mysqlBase, mysqlConnection, fromDist, cpuSeconds, mysqldPid). */
export async function benchChat(h) {
  for (const kind of databases) {
    const started = performance.now();
    try {
      print(await chatOn(kind, h));
    } catch (error) {
      if (kind === 'mysql' && /ECONNREFUSED|connect/.test(String(error?.code ?? error?.message))) {
        console.log(`MariaDB at ${h.mysqlBase.host} is not reachable: the chat bench on it is skipped`);
        continue;
      }
      throw error;
    }
    console.log(`(chat bench on ${kind}: ${((performance.now() - started) / 60_000).toFixed(1)} min)`);
  }
}

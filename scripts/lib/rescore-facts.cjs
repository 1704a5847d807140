'use strict';
/**
 * A seeded generator of synthetic customers with the facts lead scoring reads, as raw rows for
 * multi-row INSERTs (the rescore bench puts a million of them beside the sandbox's demo tenant):
 * the customer (age, city, stage, phone), the WeCom relationship with the owner, 0–3 policies
 * with their product line and cover (some orphaned, some lapsed or expired), 0–3 tags from the
 * corp's dictionary (conversation tags with a confidence, some expired), and daily activity
 * counts over the last 90 days under a few counter keys, the filtered one the default model reads
 * among them. Rows are arrays in the order of `columns`; times are the UTC "YYYY-MM-DD
 * HH:MM:SS.mmm" both databases store, days are China local days.
 *
 * CommonJS like sensors-events.cjs, so jest suites could require it too.
 */

const DAY = 86_400_000;
const cities = ['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '武汉', '苏州', '西安', '重庆', '天津', '长沙', '郑州', '青岛'];
const stages = [
  ['interest', 40],
  ['online_interaction', 25],
  ['analysis', 15],
  ['need_clarified', 10],
  ['purchase', 7],
  ['referral', 3],
];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** Columns of each table the generator fills (the rest take their defaults or NULL). */
const columns = {
  customer: ['id', 'corp_id', 'name', 'gender', 'birth_date', 'city', 'owner_staff_id', 'stage', 'archive_consent', 'merged_into_id', 'created_at', 'updated_at', 'phone_cipher', 'phone_masked'],
  customer_follow: ['id', 'corp_id', 'customer_id', 'staff_id', 'status', 'half', 'remark', 'added_at', 'updated_at'],
  policy: ['id', 'corp_id', 'customer_id', 'product_id', 'policy_no', 'cover_amount', 'annual_premium', 'status', 'start_date', 'end_date', 'agent_staff_id', 'orphaned_at'],
  customer_tag: ['id', 'customer_id', 'tag_id', 'source', 'evidence', 'confidence', 'created_at', 'expires_at'],
  activity_count: ['customer_id', 'counter_key', 'day', 'corp_id', 'count'],
};

/** `INSERT INTO table (…) VALUES (?, …), …` for `rows` rows. */
function insertSql(table, rows) {
  const cols = columns[table];
  const one = `(${cols.map(() => '?').join(',')})`;
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
}

/** mulberry32: small, fast and good enough for test data. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const weighted = (pairs) => {
    const total = pairs.reduce((n, [, w]) => n + w, 0);
    let r = next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  /** `k` distinct items of `xs`. */
  const sample = (xs, k) => {
    const copy = xs.slice();
    for (let i = 0; i < k && i < copy.length; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(k, copy.length));
  };
  /** `k` distinct integers in 0 … n-1. */
  const distinct = (n, k) => {
    const out = new Set();
    while (out.size < Math.min(k, n)) out.add(Math.floor(next() * n));
    return [...out];
  };
  return { next, int, pick, chance, weighted, sample, distinct };
}

const dbTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
/** China has one zone and no daylight saving: the local day is UTC+8's. */
const chinaDay = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The rows of customers `start` … `start + count - 1` (the same customers for the same seed and
 * index, apart from the ids `nextId` draws).
 *
 * @param {object} o
 * @param {string} o.corpId
 * @param {number} o.start first customer index (also names and policy numbers)
 * @param {number} o.count
 * @param {number} o.now milliseconds
 * @param {number} [o.seed]
 * @param {() => string} o.nextId
 * @param {Array<{ id: string, groupKey: string, source: string }>} o.tags the corp's dictionary (model tags are left out)
 * @param {Array<{ id: string, line: string, minCover: number, maxCover: number, premiumFrom: number }>} o.products
 * @param {string[]} o.staffIds agents that own customers and sell policies
 * @param {string[]} o.leftStaffIds agents who left (their policies are orphaned)
 * @param {{ appStart: string, viewProduct: string, viewCriticalIllness: string, calculator: string, proposal: string, checkIn: string, signup: string }} o.keys counter keys
 */
function syntheticCustomers(o) {
  const rnd = prng((o.seed ?? 5) * 1_000_003 + o.start);
  const tags = o.tags.filter((t) => t.source !== 'model');
  const groups = [...new Set(tags.map((t) => t.groupKey))];
  const tagsOf = new Map(groups.map((g) => [g, tags.filter((t) => t.groupKey === g)]));
  const ci = o.products.filter((p) => p.line === 'critical_illness');
  const out = { customer: [], customer_follow: [], policy: [], customer_tag: [], activity_count: [] };
  const earlier = [];
  for (let i = o.start; i < o.start + o.count; i++) {
    const id = o.nextId();
    const createdAt = o.now - rnd.int(1, 1200) * DAY - rnd.int(0, DAY);
    const age = rnd.weighted([
      [rnd.int(20, 30), 35],
      [rnd.int(31, 45), 40],
      [rnd.int(46, 70), 25],
    ]);
    const birth = rnd.chance(0.9) ? isoDate(o.now - (age * 365 + rnd.int(0, 364)) * DAY) : null;
    const owner = rnd.chance(0.85) ? rnd.pick(o.staffIds) : null;
    const phone = rnd.chance(0.7);
    const name = `${rnd.pick(surnames)}${rnd.pick(given)}${rnd.chance(0.6) ? rnd.pick(given) : ''}`;
    // About 1% were merged into an earlier record: scoring leaves them out.
    const merged = earlier.length && rnd.chance(0.01) ? rnd.pick(earlier) : null;
    if (!merged && earlier.length < 64) earlier.push(id);
    out.customer.push([
      id,
      o.corpId,
      name,
      rnd.chance(0.52) ? 'female' : 'male',
      birth,
      rnd.chance(0.92) ? rnd.pick(cities) : null,
      owner,
      rnd.weighted(stages),
      rnd.chance(0.6) ? 1 : 0,
      merged,
      dbTime(createdAt),
      dbTime(createdAt),
      phone ? `v1:${(i * 2_654_435_761).toString(36)}:${'x'.repeat(48)}` : null,
      phone ? `13${String(i % 10)}****${String(i % 10_000).padStart(4, '0')}` : null,
    ]);
    if (owner) {
      const status = rnd.weighted([
        ['active', 92],
        ['deleted_by_customer', 6],
        ['transferred', 2],
      ]);
      out.customer_follow.push([o.nextId(), o.corpId, id, owner, status, 0, name, dbTime(createdAt), dbTime(createdAt)]);
    }

    const policies = rnd.weighted([
      [0, 40],
      [1, 40],
      [2, 15],
      [3, 5],
    ]);
    for (let k = 0; k < policies; k++) {
      const product = ci.length && rnd.chance(0.45) ? rnd.pick(ci) : rnd.pick(o.products);
      const orphan = o.leftStaffIds.length > 0 && rnd.chance(0.12);
      const start = o.now - rnd.int(60, 3000) * DAY;
      const longTerm = ['critical_illness', 'life', 'annuity', 'education'].includes(product.line);
      const top = Math.min(product.maxCover, product.line === 'critical_illness' ? 1_000_000 : product.maxCover);
      const cover = Math.round((product.minCover + rnd.next() * (top - product.minCover)) / 10_000) * 10_000;
      const agent = orphan ? rnd.pick(o.leftStaffIds) : (owner ?? rnd.pick(o.staffIds));
      out.policy.push([
        o.nextId(),
        o.corpId,
        id,
        product.id,
        `B${String(i * 4 + k).padStart(12, '0')}`,
        cover,
        Math.max(product.premiumFrom, Math.round((cover / product.minCover) * product.premiumFrom * 0.6)),
        longTerm ? rnd.weighted([['active', 88], ['lapsed', 8], ['surrendered', 4]]) : rnd.weighted([['active', 60], ['expired', 40]]),
        isoDate(start),
        longTerm ? null : isoDate(start + 365 * DAY),
        agent,
        orphan ? dbTime(o.now - rnd.int(1, 400) * DAY) : null,
      ]);
    }

    for (const g of rnd.sample(groups, rnd.int(0, 3))) {
      const tag = rnd.pick(tagsOf.get(g));
      const talked = tag.source === 'conversation';
      const source = talked && rnd.chance(0.1) ? 'manual' : tag.source;
      const at = Math.min(o.now - 60_000, Math.max(createdAt, o.now - rnd.int(0, 180) * DAY - rnd.int(0, DAY)));
      const expires = talked && rnd.chance(0.1) ? at + rnd.int(30, 240) * DAY : null;
      out.customer_tag.push([
        o.nextId(),
        id,
        tag.id,
        source,
        source === 'conversation' ? '客户在会话中提到' : null,
        source === 'conversation' ? Math.round((0.55 + rnd.next() * 0.44) * 100) / 100 : null,
        dbTime(at),
        expires === null ? null : dbTime(expires),
      ]);
    }

    // Activity: about half the customers did something in the last 90 days (the default model reads 60).
    if (rnd.chance(0.55)) {
      const count = (key, days, most) => {
        for (const d of rnd.distinct(90, days)) out.activity_count.push([id, key, chinaDay(o.now - d * DAY), o.corpId, rnd.int(1, most)]);
      };
      count(o.keys.appStart, rnd.int(1, 12), 4);
      if (rnd.chance(0.45)) {
        const days = rnd.distinct(90, rnd.int(1, 5));
        for (const d of days) {
          const n = rnd.int(1, 4);
          out.activity_count.push([id, o.keys.viewProduct, chinaDay(o.now - d * DAY), o.corpId, n]);
          // Some of those views were of critical illness pages: the filtered counter the model reads.
          if (rnd.chance(0.5)) out.activity_count.push([id, o.keys.viewCriticalIllness, chinaDay(o.now - d * DAY), o.corpId, rnd.int(1, n)]);
        }
      }
      if (rnd.chance(0.2)) count(o.keys.calculator, rnd.int(1, 3), 3);
      if (rnd.chance(0.05)) count(o.keys.proposal, 1, 1);
      if (rnd.chance(0.12)) count(o.keys.checkIn, rnd.int(1, 10), 1);
      if (rnd.chance(0.05)) count(o.keys.signup, rnd.int(1, 2), 1);
    }
  }
  return out;
}

module.exports = { columns, insertSql, syntheticCustomers, prng };

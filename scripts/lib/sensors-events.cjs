'use strict';
/**
 * A seeded, deterministic generator of insurance-app behaviour in the Sensors wire format: people
 * (personas) on the H5 site (`js`), the mini-program (`MiniProgram`) and the Android app, their
 * events with the SDKs' preset properties, cut into the posts an SDK would make (one session a post,
 * a long session in posts of 10–50 records).
 * Demo customers are `d-000001` … (the sandbox's distinct ids); anonymous visitors get cookie or
 * device ids, and some of them log in later (track_signup with original_id). A share of malformed
 * records with known reasons can be mixed in, for tests and the bench.
 *
 * CommonJS on purpose: the scripts import it, and the jest suites (which cannot load .mjs) require it.
 * Types: sensors-events.d.cts.
 */
const { gzipSync } = require('node:zlib');

/** The rejection reasons of the malformed records it can make, as the server names them. */
const malformedReasons = ['bad_event_name', 'unknown_type', 'missing_identity', 'bad_time', 'not_an_object', 'missing_event_name', 'bad_properties'];

/** The demo insurer's products (server/src/sandbox/demo-catalog.ts), the lines that have a page. */
const products = [
  { code: 'CI-ANXIN', name: '安心重疾险（2026版）', line: 'critical_illness', premiumFrom: 2800, minCover: 100000, maxCover: 1000000 },
  { code: 'CI-YOUTH', name: '青春无忧重疾险', line: 'critical_illness', premiumFrom: 900, minCover: 100000, maxCover: 500000 },
  { code: 'MED-BAIWAN', name: '百万医疗险', line: 'medical', premiumFrom: 300, minCover: 2000000, maxCover: 6000000 },
  { code: 'ACC-QUANJIA', name: '全家意外险', line: 'accident', premiumFrom: 150, minCover: 100000, maxCover: 1000000 },
  { code: 'LIFE-DINGQI', name: '守护定期寿险', line: 'life', premiumFrom: 600, minCover: 500000, maxCover: 3000000 },
  { code: 'ANN-YANGLAO', name: '福享养老年金', line: 'annuity', premiumFrom: 10000, minCover: 100000, maxCover: 5000000 },
  { code: 'ANN-ZENGE', name: '稳盈增额终身寿', line: 'annuity', premiumFrom: 20000, minCover: 100000, maxCover: 5000000 },
  { code: 'EDU-CHENGZHANG', name: '成长教育金', line: 'education', premiumFrom: 5000, minCover: 50000, maxCover: 1000000 },
];
const activities = [
  { id: 'act-checkin-7', title: '连续签到7天领好礼', type: 'checkin_challenge', kind: 'online' },
  { id: 'act-lottery-fri', title: '周五幸运大抽奖', type: 'lottery', kind: 'online' },
  { id: 'act-quiz', title: '保险知识挑战赛', type: 'quiz', kind: 'online' },
  { id: 'act-salon-pension', title: '养老规划沙龙：退休后的现金流', type: 'seminar', kind: 'offline' },
  { id: 'act-health-talk', title: '三甲医生健康讲座：心脑血管早筛', type: 'health_talk', kind: 'offline' },
  { id: 'act-edu-share', title: '子女教育金规划分享会', type: 'seminar', kind: 'offline' },
];
const articles = ['重疾险和医疗险有什么区别？一文讲清', '年轻人第一份保险该怎么买', '保额80万够不够？重疾保额测算方法', '退休后每月需要多少钱？养老缺口计算', '教育金要从孩子几岁开始准备', '百万医疗险续保要注意什么'];
const cities = ['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '武汉', '苏州', '西安'];
const occupations = { young_professional: ['程序员', '产品经理', '设计师', '销售', '会计'], parent: ['教师', '医生', '公务员', '工程师', '律师'], retiree: ['退休'], activity_seeker: ['自由职业', '个体经营', '行政'], sharer: ['保险爱好者', '销售', '自媒体'] };
const referrers = [
  ['', '直接流量', ''],
  ['https://www.baidu.com/s?wd=%E9%87%8D%E7%96%BE%E9%99%A9', '搜索引擎流量', '重疾险'],
  ['https://mp.weixin.qq.com/', '社交网站流量', ''],
  ['https://work.weixin.qq.com/', '社交网站流量', ''],
];
const web = { host: 'https://m.lodestar-demo.cn', lib: 'js', libVersion: '1.27.11' };
const mp = { lib: 'MiniProgram', libVersion: '1.17.7' };
const android = { lib: 'Android', libVersion: '6.8.3', appVersion: '3.4.0' };
const phones = [
  { brand: 'Apple', model: 'iPhone 15', os: 'iOS', osVersion: '17.5', width: 393, height: 852 },
  { brand: 'HUAWEI', model: 'Mate 60', os: 'Android', osVersion: '12', width: 412, height: 915 },
  { brand: 'Xiaomi', model: '23127PN0CC', os: 'Android', osVersion: '14', width: 393, height: 873 },
  { brand: 'OPPO', model: 'PJZ110', os: 'Android', osVersion: '14', width: 360, height: 800 },
  { brand: 'vivo', model: 'V2309A', os: 'Android', osVersion: '14', width: 360, height: 780 },
  { brand: 'Apple', model: 'iPhone 13', os: 'iOS', osVersion: '16.6', width: 390, height: 844 },
];
const androidPhones = phones.filter((p) => p.os === 'Android');

const DAY = 86_400_000;
const CN = 8 * 3_600_000; // the demo customers live in China (UTC+8)

/** A small seeded PRNG (the one scripts/simulate.mjs uses), with helpers. */
function prng(seed) {
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const weighted = (pairs) => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[0][0];
  };
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
  return { next, int, pick, chance, weighted, hex };
}

const personaWeights = [
  ['young_professional', 24],
  ['parent', 18],
  ['retiree', 15],
  ['activity_seeker', 12],
  ['sharer', 10],
  ['visitor', 21],
];

/**
 * Makes `events` Sensors records (exactly), `malformed` of them (a share, 0–1) broken on purpose.
 * Options: seed (default 7), now (ms, default the current time; events lie in the `days` before it),
 * days (7), demoCustomers (3000: ids d-000001 … d-<n>), minBatch/maxBatch (10/50 records a post).
 *
 * Returns the batches in the order the devices would send them (by flush time), each with the
 * malformed reasons it holds, and what the server should end up with: the good records, their
 * count per distinct_id, and the malformed records per reason.
 */
function generateSensorsTraffic(options = {}) {
  const o = { seed: 7, now: Date.now(), days: 7, demoCustomers: 3000, malformed: 0, minBatch: 10, maxBatch: 50, reasons: malformedReasons, ...options };
  if (!(o.events >= 0)) throw new Error('events must be a number ≥ 0');
  if (!(o.days >= 1)) throw new Error('days must be at least 1');
  if (!(o.malformed >= 0 && o.malformed <= 1)) throw new Error('malformed is a share between 0 and 1');
  const r = prng(o.seed);
  const badTotal = Math.round(o.events * o.malformed);
  const goodTotal = o.events - badTotal;
  const trackIds = new Set();
  const trackId = () => {
    for (;;) {
      const id = r.int(10_000_000, 999_999_999);
      if (!trackIds.has(id)) return trackIds.add(id), id;
    }
  };
  // Demo customers in a seeded order, each played by at most one persona until all are used.
  const order = Array.from({ length: Math.max(1, o.demoCustomers) }, (_, i) => i + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let nextCustomer = 0;
  const demoId = () => `d-${String(order[nextCustomer++ % order.length]).padStart(6, '0')}`;
  // Local days 0 … days-1, the last one today (China time).
  const today = Math.floor((o.now + CN) / DAY) * DAY - CN;
  const start = today - (o.days - 1) * DAY;
  /** A moment on local day `d` at a local hour in [h0, h1); a session today that lies ahead moves to yesterday. */
  const at = (d, h0, h1) => {
    const t = start + d * DAY + r.int(h0 * 60, h1 * 60 - 1) * 60_000 + r.int(0, 59_999);
    return t < o.now - 600_000 ? t : t - DAY;
  };

  const devices = [];
  const counts = { personas: {}, demoCustomers: 0, visitors: 0, signups: 0, profiles: 0 };
  let good = 0;

  while (good < goodTotal) {
    const persona = r.weighted(personaWeights);
    const device = play(persona);
    if (!device.records.length) continue;
    if (good + device.records.length > goodTotal) device.records.length = goodTotal - good;
    good += device.records.length;
    counts.personas[persona] = (counts.personas[persona] ?? 0) + 1;
    devices.push(device);
  }

  // Malformed records go to random devices, at random places in their streams.
  const injected = {};
  const reasonsInOrder = Array.from({ length: badTotal }, (_, i) => o.reasons[i % o.reasons.length]);
  for (const reason of reasonsInOrder) {
    const device = r.pick(devices);
    const i = r.int(0, device.records.length);
    // The nearest good record of the device is the template, so the broken one looks like its neighbours.
    const good = device.records.filter((x) => !x.bad);
    const template = good[Math.min(good.length - 1, device.records.slice(0, i).filter((x) => !x.bad).length)].record;
    device.records.splice(i, 0, { bad: reason, record: breakRecord(template, reason) });
    injected[reason] = (injected[reason] ?? 0) + 1;
  }

  // Cut each device's stream into posts: an SDK flushes when the app or page goes away, so a post
  // never spans two sessions (30 minutes apart); a long session goes in posts of minBatch–maxBatch.
  // Then order all posts by when they would be flushed.
  const batches = [];
  for (const device of devices) {
    const sessions = [[]];
    let lastTime = null;
    for (const entry of device.records) {
      if (!entry.bad && lastTime !== null && entry.record.time - lastTime > 30 * 60_000) sessions.push([]);
      sessions[sessions.length - 1].push(entry);
      if (!entry.bad) lastTime = entry.record.time;
    }
    const parts = [];
    for (const session of sessions) {
      for (let i = 0; i < session.length; ) {
        const size = r.int(o.minBatch, o.maxBatch);
        // No post of a few records left behind: the rest of a session joins the last post when it fits.
        const take = session.length - i - size < o.minBatch && session.length - i <= o.maxBatch ? session.length - i : Math.min(size, session.length - i);
        parts.push(session.slice(i, i + take));
        i += take;
      }
    }
    for (const part of parts) {
      const last = Math.max(...part.map((p) => (p.bad ? 0 : p.record.time)));
      const flush = Math.min(o.now, (last || o.now - 60_000) + r.int(1_000, 15_000));
      const malformed = {};
      const records = part.map((p) => {
        if (p.bad) {
          malformed[p.bad] = (malformed[p.bad] ?? 0) + 1;
          return p.record;
        }
        return { ...p.record, _flush_time: flush };
      });
      batches.push({ device: device.id, lib: device.lib, flushTime: flush, records, malformed });
    }
  }
  batches.sort((a, b) => a.flushTime - b.flushTime || (a.device < b.device ? -1 : 1));

  const byDistinctId = {};
  for (const b of batches) {
    for (const rec of b.records) {
      if (!isMalformedRecord(rec)) byDistinctId[rec.distinct_id] = (byDistinctId[rec.distinct_id] ?? 0) + 1;
    }
  }
  return { batches, good, malformed: injected, byDistinctId, people: counts };

  /** One person's records over the window, in time order. */
  function play(persona) {
    const known = persona !== 'visitor';
    const platform =
      persona === 'retiree' ? r.weighted([['mp', 8], ['js', 2]]) : persona === 'activity_seeker' ? r.weighted([['mp', 6], ['js', 3], ['android', 1]]) : r.weighted([['js', 5], ['mp', 3], ['android', 2]]);
    const phone = platform === 'android' ? r.pick(androidPhones) : r.pick(phones);
    const loginId = known ? demoId() : null;
    const n = loginId ? loginId.slice(2) : null;
    const anon =
      platform === 'android'
        ? r.hex(16)
        : platform === 'mp'
          ? known
            ? `oSandbox${n}`
            : `oAnon${r.hex(12)}`
          : `${(start + r.int(0, DAY)).toString(16)}-${r.hex(14)}-${(phone.width * 1e5 + phone.height).toString(16)}-${r.hex(6)}`;
    const [referrer, trafficType, keyword] = r.pick(referrers);
    // The first day this device is seen ($is_first_day); a retiree's streak starts then.
    let firstDay = r.int(0, Math.max(0, persona === 'retiree' ? o.days - 3 : o.days - 1));
    const city = r.pick(cities);
    const records = [];
    if (known) counts.demoCustomers += 1;
    else counts.visitors += 1;
    /** Who the SDK says is acting, before and after login. */
    let signedIn = known;
    let visitorLogin = null;

    const identities = () => {
      const ids = {};
      if (platform === 'android') ids.$identity_android_id = anon;
      else if (platform === 'mp') ids.$identity_mp_openid = anon;
      else ids.$identity_cookie_id = anon;
      if (signedIn) ids.$identity_login_id = loginId ?? visitorLogin;
      return ids;
    };
    const sdk = platform === 'android' ? android : platform === 'mp' ? mp : web;
    const presets = (day, extra) => {
      const p = { $lib: sdk.lib, $lib_version: sdk.libVersion };
      p.$os = phone.os;
      p.$os_version = phone.osVersion;
      p.$model = phone.model;
      p.$manufacturer = phone.brand;
      p.$screen_width = phone.width;
      p.$screen_height = phone.height;
      p.$timezone_offset = -480;
      p.$is_first_day = day === firstDay;
      if (platform === 'js') {
        p.$latest_referrer = referrer;
        p.$latest_traffic_source_type = trafficType;
        p.$latest_search_keyword = keyword || '未取到值';
        p.$viewport_width = phone.width;
      } else if (platform === 'mp') {
        p.$network_type = r.pick(['wifi', '4g', '5g']);
        p.$brand = phone.brand.toUpperCase();
        p.$latest_scene = r.pick(['wx-1001', 'wx-1007', 'wx-1089', 'wx-1035']);
      } else {
        p.$app_version = android.appVersion;
        p.$app_name = '北极星保险';
        p.$app_id = 'cn.lodestar.demo';
        p.$carrier = r.pick(['中国移动', '中国联通', '中国电信']);
        p.$network_type = r.pick(['WIFI', '4G', '5G']);
        p.$wifi = p.$network_type === 'WIFI';
        p.$device_id = anon;
      }
      return { ...p, ...extra };
    };
    const where = (path, title) =>
      platform === 'js' ? { $url: `${web.host}${path}`, $url_path: path, $title: title, $referrer: referrer } : platform === 'mp' ? { $url_path: `pages${path}/index`, $title: title } : { $screen_name: `cn.lodestar.demo.${path.split('/')[1] || 'home'}.MainActivity`, $title: title };
    const record = (type, event, at, properties, day) => {
      const time = Math.min(at, o.now - 1_000);
      const distinctId = signedIn ? (loginId ?? visitorLogin) : anon;
      const rec = { _track_id: trackId(), type, ...(event ? { event } : {}), time, distinct_id: distinctId };
      if (signedIn) rec.login_id = distinctId;
      rec.anonymous_id = anon;
      rec.identities = identities();
      rec.lib = { $lib: sdk.lib, $lib_method: 'code', $lib_version: sdk.libVersion, ...(platform === 'android' ? { $app_version: android.appVersion } : {}) };
      rec.properties = type.startsWith('profile') ? properties : presets(day, properties);
      records.push({ record: rec });
      return rec;
    };
    /** A session: opens the app or site, does `steps`, closes. */
    const session = (day, hours, steps) => {
      let t = at(day, hours[0], hours[1]);
      const tick = () => (t = Math.min(t + r.int(3_000, 90_000), o.now - 1_000));
      const open = t;
      if (platform === 'mp') record('track', '$MPLaunch', t, { $scene: r.pick(['wx-1001', 'wx-1007', 'wx-1089']), $url_path: 'pages/index/index', $is_first_time: day === firstDay && records.length === 0 }, day);
      else if (platform === 'android') record('track', '$AppStart', t, { $resume_from_background: records.length > 0 && r.chance(0.5), $is_first_time: day === firstDay && records.length === 0, $screen_name: 'cn.lodestar.demo.home.MainActivity' }, day);
      if (platform === 'js') record('track', '$pageview', t, where('/home', '北极星保险 - 首页'), day);
      else screen('/home', '首页')(tick(), day);
      for (let k = r.weighted([[0, 3], [1, 3], [2, 2], [3, 1]]); k > 0; k--) {
        const title = r.pick(articles);
        screen(`/article/${title.length}${k}`, title)(tick(), day);
      }
      for (const step of steps) step(tick(), day);
      if (platform === 'android') record('track', '$AppEnd', tick(), { $event_duration: Math.round((t - open) / 100) / 10, $screen_name: 'cn.lodestar.demo.home.MainActivity' }, day);
    };
    /** The page or screen view the SDK tracks by itself. */
    const screen = (path, title) => (time, day) => record('track', platform === 'js' ? '$pageview' : platform === 'mp' ? '$MPViewScreen' : '$AppViewScreen', time, where(path, title), day);
    const viewProduct = (p, entry) => (time, day) => {
      screen(`/product/${p.code}`, p.name)(time, day);
      record('track', 'view_product', time + r.int(200, 2_000), { product_line: p.line, product_code: p.code, product_name: p.name, premium_from: p.premiumFrom, entry, ...where(`/product/${p.code}`, p.name) }, day);
    };
    const calculator = (p, age) => (time, day) => {
      const cover = Math.min(p.maxCover, Math.max(p.minCover, Math.round((p.minCover + r.next() * (p.maxCover - p.minCover)) / 50_000) * 50_000));
      const years = r.pick([10, 20, 30]);
      const premium = Math.round((p.premiumFrom * (cover / p.minCover) * (1 + (age - 25) / 40)) / Math.sqrt(years / 10));
      screen('/calculator', '保费测算')(time - r.int(2_000, 20_000), day);
      record('track', 'use_calculator', time, { product_line: p.line, product_code: p.code, insured_age: age, coverage_amount: cover, payment_years: years, premium_result: premium, ...where('/calculator', '保费测算') }, day);
      if (r.chance(0.35)) record('track', 'request_proposal', time + r.int(5_000, 60_000), { product_line: p.line, product_code: p.code, coverage_amount: cover, contact_preference: r.pick(['wecom', 'phone']), ...where('/proposal', '获取计划书') }, day);
    };
    const activity = (a, signup) => (time, day) => {
      screen(`/activity/${a.id}`, a.title)(time - r.int(500, 3_000), day);
      record('track', 'activity_view', time, { activity_id: a.id, activity_title: a.title, activity_type: a.type, activity_kind: a.kind, ...where(`/activity/${a.id}`, a.title) }, day);
      if (signup) record('track', 'activity_signup', time + r.int(10_000, 120_000), { activity_id: a.id, activity_title: a.title, activity_type: a.type, participants: a.kind === 'offline' ? r.int(1, 3) : 1 }, day);
    };
    const checkIn = (streak) => (time, day) => {
      screen('/checkin', '每日签到')(time - r.int(1_000, 5_000), day);
      record('track', 'check_in', time, { activity_id: activities[0].id, streak_day: streak, points: streak % 7 === 0 ? 50 : 10, ...where('/checkin', '每日签到') }, day);
    };
    const share = (time, day) => {
      const kind = r.pick(['product', 'article', 'activity']);
      const title = kind === 'product' ? r.pick(products).name : kind === 'article' ? r.pick(articles) : r.pick(activities).title;
      record('track', 'share', time, { share_channel: r.pick(['wechat_friend', 'wechat_moments', 'wecom']), content_type: kind, content_title: title, ...where('/share', title) }, day);
    };
    const profile = (time, day) => {
      const props = { city, occupation: r.pick(occupations[persona] ?? ['其他']) };
      if (r.chance(0.4)) props.family_members = r.int(1, 5);
      record('profile_set', null, time, props, day);
      counts.profiles += 1;
    };
    const days = (k) => {
      const set = new Set([firstDay]);
      while (set.size < Math.min(k, o.days - firstDay)) set.add(r.int(firstDay, o.days - 1));
      return [...set].sort((a, b) => a - b);
    };

    if (persona === 'young_professional') {
      const age = r.int(23, 32);
      for (const [k, day] of days(r.int(2, 6)).entries()) {
        const ci = r.pick(products.filter((p) => p.line === 'critical_illness'));
        const steps = [viewProduct(ci, k ? 'search' : r.pick(['home_banner', 'article', 'search'])), viewProduct(r.chance(0.5) ? ci : products[2], 'related'), calculator(ci, age)];
        if (r.chance(0.3)) steps.push(viewProduct(products[2], 'related'));
        if (k === 0 && r.chance(0.3)) steps.push(profile);
        session(day, r.chance(0.5) ? [12, 14] : [20, 24], steps);
      }
    } else if (persona === 'parent') {
      const age = r.int(30, 42);
      for (const [k, day] of days(r.int(2, 5)).entries()) {
        const steps = [viewProduct(products[7], r.pick(['home_banner', 'article'])), calculator(products[7], r.int(0, 10)), viewProduct(products[3], 'related')];
        if (r.chance(0.4)) steps.push(activity(activities[5], r.chance(0.5)));
        if (r.chance(0.25)) steps.push(calculator(products[0], age));
        if (k === 0 && r.chance(0.35)) steps.push(profile);
        session(day, r.chance(0.6) ? [20, 23] : [9, 12], steps);
      }
    } else if (persona === 'retiree') {
      const from = firstDay;
      let streak = r.int(0, 3);
      for (let day = from; day < o.days; day++) {
        if (r.chance(0.12)) {
          streak = 0;
          continue;
        }
        streak += 1;
        const steps = [checkIn(streak)];
        if (r.chance(0.3)) steps.push(viewProduct(r.pick([products[5], products[6], products[2]]), 'home_banner'));
        if (r.chance(0.15)) steps.push(activity(r.pick([activities[3], activities[4]]), r.chance(0.4)));
        if (day === from && r.chance(0.3)) steps.push(profile);
        session(day, [6, 9], steps);
      }
    } else if (persona === 'activity_seeker') {
      for (const [k, day] of days(r.int(2, 6)).entries()) {
        const steps = [activity(r.pick(activities), r.chance(0.5)), activity(r.pick(activities), false), checkIn(k + 1)];
        if (r.chance(0.3)) steps.push(share);
        session(day, [10, 22], steps);
      }
    } else if (persona === 'sharer') {
      for (const day of days(r.int(2, 5))) {
        const steps = [viewProduct(r.pick(products), 'home_banner'), share, share];
        if (r.chance(0.5)) steps.push((time, d) => record('track', 'referral_success', time + r.int(600_000, 7_200_000), { referral_code: `R${r.hex(6).toUpperCase()}`, reward_points: 200, referee_type: r.pick(['new_customer', 'new_visitor']) }, d));
        session(day, [8, 23], steps);
      }
    } else {
      // An anonymous visitor: browses; almost half of those on the site or the app log in as a demo customer, then keep browsing as them.
      const signsUp = platform !== 'mp' && r.chance(0.45);
      const visits = days(r.int(1, 3));
      for (const [k, day] of visits.entries()) {
        const p = r.pick(products);
        const steps = [viewProduct(p, r.pick(['search', 'home_banner', 'share_link'])), r.chance(0.4) ? calculator(p, r.int(25, 55)) : viewProduct(r.pick(products), 'related')];
        if (signsUp && k === visits.length - 1) {
          steps.push((time, d) => {
            visitorLogin = demoId();
            counts.signups += 1;
            record('track_signup', '$SignUp', time, { $is_login: true }, d);
            const rec = records[records.length - 1].record;
            rec.distinct_id = visitorLogin;
            rec.original_id = anon;
            rec.login_id = visitorLogin;
            rec.identities = { ...rec.identities, $identity_login_id: visitorLogin };
            signedIn = true;
          });
          steps.push(viewProduct(p, 'related'));
        }
        session(day, [9, 24], steps);
      }
    }
    records.sort((a, b) => a.record.time - b.record.time);
    return { id: loginId ?? anon, lib: platform, records };
  }
}

const badRecords = new WeakSet();

/** A copy of a good record with one defect that the server refuses for `reason`. */
function breakRecord(template, reason) {
  const base = { ...template, type: 'track', event: template.event ?? 'view_product', properties: { ...template.properties } };
  delete base.original_id;
  delete base._flush_time;
  base._track_id = (base._track_id % 1_000_000) + 5_000_000_000 + Math.floor(base.time % 1000);
  const variant = base._track_id % 5;
  let out;
  switch (reason) {
    case 'bad_event_name':
      out = { ...base, event: ['9lives', 'view product', '浏览产品', 'click-button', `e${'x'.repeat(100)}`][variant] };
      break;
    case 'unknown_type':
      out = { ...base, type: ['item_set', 'item_delete', 'Track', 'event', 'profile_merge'][variant] };
      break;
    case 'missing_identity':
      out = { ...base, distinct_id: variant % 2 ? '' : undefined, identities: {} };
      delete out.login_id;
      delete out.anonymous_id;
      if (out.distinct_id === undefined) delete out.distinct_id;
      break;
    case 'bad_time':
      // seconds instead of milliseconds, text, a month ahead, negative, an impossible date
      out = { ...base, time: [Math.floor(base.time / 1000), 'yesterday', base.time + 30 * DAY, -1, '2026-13-45T25:00:00Z'][variant] };
      break;
    case 'not_an_object':
      return ['undefined', 42, null, ['$pageview', base.time], ''][variant];
    case 'missing_event_name':
      out = { ...base };
      delete out.event;
      break;
    case 'bad_properties':
      out = { ...base, properties: variant % 2 ? JSON.stringify(base.properties).slice(0, 60) : [base.properties] };
      break;
    default:
      throw new Error(`no malformed record for reason ${reason}`);
  }
  badRecords.add(out);
  return out;
}

/** True for a record the generator broke on purpose (objects only; a non-object is always malformed). */
function isMalformedRecord(record) {
  return record === null || typeof record !== 'object' || Array.isArray(record) || badRecords.has(record);
}

/**
 * The form body a Sensors SDK posts: data_list = base64(gzip(JSON array)), gzip=1 (or plain
 * base64 with gzip: false), and the project when given.
 */
function sensorsForm(records, opts = {}) {
  const json = Buffer.from(JSON.stringify(records), 'utf8');
  const gzip = opts.gzip ?? true;
  const params = new URLSearchParams({ data_list: (gzip ? gzipSync(json) : json).toString('base64'), gzip: gzip ? '1' : '0' });
  if (opts.project) params.set('project', opts.project);
  return params.toString();
}

/** What an SDK sends when it retries a batch: the same records with a later flush time. */
function retryOf(records, flushTime) {
  return records.map((rec) => (rec && typeof rec === 'object' && !Array.isArray(rec) && !badRecords.has(rec) ? { ...rec, _flush_time: flushTime } : rec));
}

/** Re-cuts batches into posts of about `size` records (a collector forwarding several devices' batches). */
function pack(batches, size) {
  const posts = [];
  let current = null;
  for (const b of batches) {
    if (!current || current.records.length + b.records.length > size) {
      if (current) posts.push(current);
      current = { records: [], malformed: {} };
    }
    current.records.push(...b.records);
    for (const [k, v] of Object.entries(b.malformed)) current.malformed[k] = (current.malformed[k] ?? 0) + v;
  }
  if (current && current.records.length) posts.push(current);
  return posts;
}

module.exports = { generateSensorsTraffic, sensorsForm, retryOf, pack, isMalformedRecord, malformedReasons, products, activities, prng };

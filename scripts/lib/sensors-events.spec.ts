import { decodeSensors } from '../../server/src/tracking/sensors-wire';
import { mapSensorsRecord } from '../../server/src/tracking/sensors-event.mapping';
import { generateSensorsTraffic, isMalformedRecord, malformedReasons, pack, retryOf, sensorsForm, type SensorsRecord } from './sensors-events.cjs';

const now = Date.UTC(2026, 10, 23, 4, 30);
const receivedAt = new Date(now + 2_000);
const map = (rec: unknown) => mapSensorsRecord(rec, { project: 'default', receivedAt });

describe('the Sensors traffic generator', () => {
  const traffic = generateSensorsTraffic({ events: 3000, malformed: 0.05, now, demoCustomers: 200, seed: 11 });
  const records = traffic.batches.flatMap((b) => b.records);
  const good = records.filter((r) => !isMalformedRecord(r)) as SensorsRecord[];

  it('plays the same story for the same seed and another for another seed', () => {
    const again = generateSensorsTraffic({ events: 3000, malformed: 0.05, now, demoCustomers: 200, seed: 11 });
    expect(JSON.stringify(again.batches)).toBe(JSON.stringify(traffic.batches));
    const other = generateSensorsTraffic({ events: 3000, malformed: 0.05, now, demoCustomers: 200, seed: 12 });
    expect(JSON.stringify(other.batches)).not.toBe(JSON.stringify(traffic.batches));
  });

  it('makes exactly the records asked for, 5% of them malformed, spread over every reason', () => {
    expect(records).toHaveLength(3000);
    expect(traffic.good).toBe(2850);
    expect(good).toHaveLength(2850);
    expect(Object.keys(traffic.malformed).sort()).toEqual([...malformedReasons].sort());
    expect(Object.values(traffic.malformed).reduce((a, b) => a + b, 0)).toBe(150);
    expect(Object.values(traffic.byDistinctId).reduce((a, b) => a + b, 0)).toBe(2850);
  });

  it('has the server accept every good record, each with its own dedupe key, and refuse each malformed one for the reason its batch names', () => {
    const keys = new Set<string>();
    for (const batch of traffic.batches) {
      const refused: Record<string, number> = {};
      for (const rec of batch.records) {
        const m = map(rec);
        if (m.ok) {
          expect(isMalformedRecord(rec)).toBe(false);
          keys.add(m.event.key);
        } else {
          expect(isMalformedRecord(rec)).toBe(true);
          refused[m.rejection.reason] = (refused[m.rejection.reason] ?? 0) + 1;
        }
      }
      expect(refused).toEqual(batch.malformed);
    }
    expect(keys.size).toBe(2850);
  });

  it('cuts each device’s stream into posts of one session each, sent in flush order, with times in the window and never ahead', () => {
    const windowStart = now - 8 * 86_400_000;
    for (const [i, b] of traffic.batches.entries()) {
      expect(b.records.length).toBeGreaterThan(0);
      expect(b.records.length).toBeLessThanOrEqual(50);
      if (i) expect(b.flushTime).toBeGreaterThanOrEqual(traffic.batches[i - 1]!.flushTime);
      const mine = b.records.filter((r) => !isMalformedRecord(r)) as SensorsRecord[];
      for (const r of mine) {
        expect(r.time).toBeGreaterThan(windowStart);
        expect(r.time).toBeLessThan(now);
        expect(r._flush_time).toBe(b.flushTime);
        expect(r.anonymous_id).toBe(mine[0]!.anonymous_id);
      }
      expect(mine.map((r) => r.time)).toEqual([...mine.map((r) => r.time)].sort((x, y) => x - y));
      // One session a post: the SDK flushes when the app or page goes away.
      mine.forEach((r, j) => j && expect(r.time - mine[j - 1]!.time).toBeLessThanOrEqual(30 * 60_000));
    }
    const sizes = traffic.batches.map((b) => b.records.length);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeGreaterThan(5);
  });

  it('plays insurance customers: products of six lines, calculators, check-ins, activities, shares, profiles, and visitors who log in', () => {
    const names = new Set(good.map((r) => r.event ?? r.type));
    for (const n of ['$pageview', '$MPViewScreen', '$AppViewScreen', '$AppStart', '$AppEnd', '$MPLaunch', 'view_product', 'use_calculator', 'request_proposal', 'check_in', 'activity_view', 'activity_signup', 'share', 'referral_success', '$SignUp', 'profile_set']) {
      expect(names).toContain(n);
    }
    const lines = new Set(good.filter((r) => r.event === 'view_product').map((r) => r.properties.product_line));
    expect([...lines].sort()).toEqual(['accident', 'annuity', 'critical_illness', 'education', 'life', 'medical']);
    expect(new Set(good.filter((r) => r.type !== 'profile_set').map((r) => r.properties.$lib))).toEqual(new Set(['js', 'MiniProgram', 'Android']));
    for (const r of good.filter((x) => x.type === 'track')) {
      expect(r.properties).toHaveProperty('$screen_width');
      expect(r.properties).toHaveProperty('$is_first_day');
    }
    const demo = good.filter((r) => /^d-\d{6}$/.test(r.distinct_id));
    expect(demo.every((r) => Number(r.distinct_id.slice(2)) >= 1 && Number(r.distinct_id.slice(2)) <= 200)).toBe(true);
    const profiles = good.filter((r) => r.type === 'profile_set');
    expect(profiles.every((r) => typeof r.properties.city === 'string' && typeof r.properties.occupation === 'string' && /^d-/.test(r.distinct_id))).toBe(true);
    // A signup names the visitor's earlier anonymous id; the visitor's later events carry the login id.
    const signups = good.filter((r) => r.type === 'track_signup');
    expect(signups.length).toBeGreaterThan(0);
    for (const s of signups) {
      expect(good.some((r) => r.distinct_id === s.original_id && r.time <= s.time)).toBe(true);
      expect(s.identities.$identity_login_id).toBe(s.distinct_id);
      const after = good.filter((r) => r.anonymous_id === s.original_id && r.time > s.time);
      expect(after.every((r) => r.distinct_id === s.distinct_id)).toBe(true);
    }
    const retiree = good.filter((r) => r.event === 'check_in' && r.properties.$lib === 'MiniProgram');
    expect(retiree.length).toBeGreaterThan(0);
    expect(retiree.every((r) => r.identities.$identity_mp_openid === `oSandbox${r.distinct_id.slice(2)}`)).toBe(true);
  });

  it('posts what the server decodes back, and a retry has the same dedupe keys', () => {
    const batch = traffic.batches.find((b) => b.records.length > 5 && Object.keys(b.malformed).length === 0)!;
    const form = Object.fromEntries(new URLSearchParams(sensorsForm(batch.records, { project: 'default' })));
    expect(form.gzip).toBe('1');
    const decoded = decodeSensors(form);
    expect(decoded).toEqual({ ok: true, project: 'default', records: batch.records });
    const retried = retryOf(batch.records, batch.flushTime + 30_000);
    expect(retried.map((r) => (r as SensorsRecord)._flush_time)).toEqual(batch.records.map(() => batch.flushTime + 30_000));
    const key = (r: unknown) => {
      const m = map(r);
      return m.ok ? m.event.key : m.rejection.reason;
    };
    expect(retried.map(key)).toEqual(batch.records.map(key));
  });

  it('packs batches into posts of about a given size without losing a record or a reason', () => {
    const posts = pack(traffic.batches, 100);
    expect(posts.flatMap((p) => p.records)).toEqual(records);
    expect(posts.every((p) => p.records.length <= 100)).toBe(true);
    const total: Record<string, number> = {};
    for (const p of posts) for (const [k, v] of Object.entries(p.malformed)) total[k] = (total[k] ?? 0) + (v ?? 0);
    expect(total).toEqual(traffic.malformed);
  });

  it('refuses options that make no sense', () => {
    expect(() => generateSensorsTraffic({ events: 10, malformed: 2 })).toThrow(/share/);
    expect(() => generateSensorsTraffic({ events: 10, days: 0 })).toThrow(/days/);
  });
});

import type { UpstreamIncidentView, UpstreamNow, UpstreamStatus } from '@lodestar/shared';
import { nextPollIn, upstreamAlerts, upstreamPollMs } from './upstream-alerts';

const at = Date.parse('2026-03-02T10:00:00Z');
const iso = (minutesFromAt: number): string => new Date(at + minutesFromAt * 60_000).toISOString();

const closed: UpstreamNow = { upstream: 'wecom', state: 'closed', failuresInRow: 0, refused: 0, lastError: null, lastSuccessAt: iso(-1), openedAt: null, retryAfter: null };
const incident = (o: Partial<UpstreamIncidentView>): UpstreamIncidentView => ({
  id: 'i1',
  upstream: 'wecom',
  owner: 'host:1:abc',
  openedAt: iso(-10),
  closedAt: null,
  lastSeenAt: iso(-9),
  failures: 5,
  refused: 2,
  lastError: '/cgi-bin/user/list: HTTP 503',
  ...o,
});
const status = (o: Partial<UpstreamStatus>): UpstreamStatus => ({ now: [closed], incidents: [], failing: [], ...o });

describe('the console banner for failing outside services', () => {
  it('says nothing when every circuit is closed and nothing happened in the last hour', () => {
    expect(upstreamAlerts(status({}), at)).toEqual([]);
    // An incident that ended 61 minutes ago is history, not news.
    expect(upstreamAlerts(status({ incidents: [incident({ openedAt: iso(-70), lastSeenAt: iso(-65), closedAt: iso(-61) })] }), at)).toEqual([]);
  });

  it('says WeCom is paused, since when and until when, while this process’s circuit is open', () => {
    const open: UpstreamNow = { ...closed, state: 'open', failuresInRow: 5, refused: 3, lastError: { message: 'HTTP 503', at: iso(-1) }, openedAt: iso(-1), retryAfter: iso(0.5) };
    const [a, ...rest] = upstreamAlerts(status({ now: [open], incidents: [incident({ openedAt: iso(-1), lastSeenAt: iso(-1) })], failing: ['wecom'] }), at);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ upstream: 'wecom', kind: 'paused', theme: 'error', title: '企业微信接口暂停调用', since: iso(-1), until: iso(0.5), lastError: 'HTTP 503', failures: 5, refused: 3 });
    expect(a!.incidents).toHaveLength(1);
  });

  it('says a trial call is out while half open', () => {
    const half: UpstreamNow = { ...closed, state: 'half_open', failuresInRow: 5, openedAt: iso(-2), retryAfter: null };
    expect(upstreamAlerts(status({ now: [half] }), at)[0]).toMatchObject({ kind: 'probing', theme: 'warning', title: '企业微信接口正在试探恢复', since: iso(-2), until: null });
  });

  it('reports another process’s open incident when this one’s circuit is closed', () => {
    const open = incident({ owner: 'other:2:def', openedAt: iso(-20), lastSeenAt: iso(-2) });
    expect(upstreamAlerts(status({ incidents: [open], failing: ['wecom'] }), at)[0]).toMatchObject({ kind: 'failing', theme: 'error', title: '企业微信接口调用异常', since: iso(-20), failures: 5, refused: 2 });
  });

  it('shows a recovery within the hour, summing that hour’s incidents, and not a stale open incident of a stopped process', () => {
    const a = incident({ id: 'a', openedAt: iso(-30), lastSeenAt: iso(-29), closedAt: iso(-28), failures: 5, refused: 4 });
    const b = incident({ id: 'b', openedAt: iso(-50), lastSeenAt: iso(-49), closedAt: iso(-45), failures: 6, refused: 1 });
    const old = incident({ id: 'old', openedAt: iso(-200), lastSeenAt: iso(-190), closedAt: null }); // its process stopped
    const [alert, ...rest] = upstreamAlerts(status({ incidents: [a, b, old] }), at);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'recovered', theme: 'warning', title: '企业微信接口近一小时曾暂停调用，现已恢复', since: iso(-30), until: iso(-28), failures: 11, refused: 5 });
    expect(alert!.incidents.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('puts a failing service before a recovered one and names services it does not know', () => {
    const sms = incident({ id: 's', upstream: 'sms', closedAt: iso(-5), lastSeenAt: iso(-6) });
    const alerts = upstreamAlerts(status({ now: [closed, { ...closed, upstream: 'zz', state: 'open', openedAt: iso(-1), retryAfter: iso(1) }], incidents: [sms] }), at);
    expect(alerts.map((x) => [x.upstream, x.kind, x.title])).toEqual([
      ['zz', 'paused', '外部服务 zz暂停调用'],
      ['sms', 'recovered', '外部服务 sms近一小时曾暂停调用，现已恢复'],
    ]);
  });

  it('asks again soon after a pause ends, otherwise every 30 s', () => {
    const paused = upstreamAlerts(status({ now: [{ ...closed, state: 'open', openedAt: iso(-0.2), retryAfter: iso(0.2) }] }), at);
    expect(nextPollIn(paused, at)).toBe(12_000 + 1_500);
    expect(nextPollIn(paused, at + 60_000)).toBe(upstreamPollMs); // the pause is long over: the usual pace
    expect(nextPollIn([], at)).toBe(upstreamPollMs);
  });
});

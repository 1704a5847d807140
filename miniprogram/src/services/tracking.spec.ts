import { decodeSensors } from '../../../server/src/tracking/sensors-wire';
import { Reporter, type ReporterOptions, type SensorsRecord } from './tracking';

/** A reporter on a fake clock and timer queue, whose sends are captured (and answered with `status`). */
function harness(status = 200, over: Partial<ReporterOptions> = {}) {
  let now = 1_795_000_000_000;
  let id = 100;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const sent: Array<{ path: string; records: SensorsRecord[] }> = [];
  const reporter = new Reporter({
    transport: {
      async send(path, form) {
        const decoded = decodeSensors({ data_list: form.data_list, gzip: form.gzip });
        if (!decoded.ok) throw new Error(decoded.detail);
        sent.push({ path, records: decoded.records as SensorsRecord[] });
        return status;
      },
    },
    project: 'default',
    now: () => now,
    trackId: () => ++id,
    anonymousId: () => 'anon-device1',
    lib: 'js',
    version: '0.1.0',
    schedule: (fn, ms) => timers.push({ at: now + ms, fn }),
    ...over,
  });
  /** Moves the clock and runs the timers that fell due, then lets the sends settle. */
  const advance = async (ms: number) => {
    now += ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= now);
      if (!due.length) break;
      for (const t of due) timers.splice(timers.indexOf(t), 1);
      for (const t of due) t.fn();
      await reporter.idle();
    }
  };
  return { reporter, sent, advance, timers };
}

describe('the tracking reporter (Sensors wire format to /sa)', () => {
  it('holds records until the login, then sends them as the customer with $is_login_id', async () => {
    const h = harness();
    h.reporter.pageView('/pages/index/index', '首页', { r: 'abc123', $taroTimestamp: '1' });
    h.reporter.track('checkin', { streak: 1 });
    await h.advance(2000);
    expect(h.sent).toHaveLength(0); // no login yet and not waited long enough

    h.reporter.identify('cust-42');
    await h.advance(0);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.path).toBe('/sa?project=default');
    const [view, checkin] = h.sent[0]!.records;
    expect(view).toMatchObject({
      type: 'track',
      event: '$MPViewScreen',
      distinct_id: 'cust-42',
      login_id: 'cust-42',
      anonymous_id: 'anon-device1',
      lib: { $lib: 'js', $lib_method: 'code' },
      properties: { $is_login_id: true, $url_path: 'pages/index/index', $url_query: 'r=abc123', $title: '首页' },
    });
    expect(checkin).toMatchObject({ event: 'checkin', distinct_id: 'cust-42', properties: { streak: 1, $is_login_id: true } });
    expect(view!._track_id).not.toBe(checkin!._track_id);
  });

  it('sends anonymously when no login came within the wait', async () => {
    const h = harness(200, { loginWaitMs: 5000 });
    h.reporter.track('share');
    await h.advance(6000);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.records[0]).toMatchObject({ distinct_id: 'anon-device1', properties: { $is_login_id: false } });
    expect(h.sent[0]!.records[0]!.login_id).toBeUndefined();
  });

  it('batches: ten waiting records go at once, in one request', async () => {
    const h = harness();
    h.reporter.identify('cust-1');
    for (let i = 0; i < 10; i++) h.reporter.track('tap', { i });
    await h.advance(0);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.records.map((r) => r.properties.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps the records after a 503 and sends the same ones (same _track_id) again', async () => {
    let status = 503;
    const sent: SensorsRecord[][] = [];
    const h = harness(200, {
      transport: {
        async send(_path, form) {
          const decoded = decodeSensors({ data_list: form.data_list, gzip: '0' });
          if (decoded.ok) sent.push(decoded.records as SensorsRecord[]);
          return status;
        },
      },
    });
    h.reporter.identify('cust-1');
    h.reporter.track('signup', { activity_id: 'a1' });
    await h.advance(1500);
    expect(sent).toHaveLength(1);
    await h.advance(1000); // backing off: not yet
    expect(sent).toHaveLength(1);
    status = 200;
    await h.advance(1000);
    expect(sent).toHaveLength(2);
    await h.advance(10_000); // sent: nothing more goes out
    expect(sent).toHaveLength(2);
    expect(sent[1]![0]!._track_id).toBe(sent[0]![0]!._track_id);
    expect(sent[1]![0]!.time).toBe(sent[0]![0]!.time);
  });
});

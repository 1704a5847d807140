import { taroMock } from '../../test/unit/taro.mock';
import { createServerSource } from './server-source';
import { createSession } from './session';
import type { MpSource } from './source';

const customer = { id: 'c1', name: '访客 1', phoneMasked: null, timezone: 'Asia/Shanghai' };
const login = (token: string) => ({ statusCode: 200, data: { token, expiresAt: '2999-01-01T00:00:00Z', customer, isNew: true } });

function wire() {
  const holder: { source?: MpSource } = {};
  const session = createSession(() => holder.source!, 'mp_h5');
  const source = createServerSource(session);
  holder.source = source;
  return { session, source };
}

beforeEach(() => taroMock.reset());

describe('the session behind the services', () => {
  it('logs in once for concurrent calls, and sends the remembered referrer only on that login', async () => {
    const { session, source } = wire();
    session.rememberReferrer('ref123');
    taroMock.answer(login('t1'));
    taroMock.answer({ statusCode: 200, data: { items: [] } });
    taroMock.answer({ statusCode: 200, data: { items: [] } });
    await Promise.all([source.tickets(), source.products()]);
    const logins = taroMock.requests.filter((r) => r.url === '/api/mp/login');
    expect(logins).toHaveLength(1);
    expect(logins[0]!.data).toMatchObject({ referrer: 'ref123', channel: 'mp_h5' });
    expect(String(logins[0]!.data && (logins[0]!.data as { code: string }).code)).toMatch(/^user-/);
    expect(taroMock.requests.filter((r) => r.url !== '/api/mp/login').map((r) => r.header?.authorization)).toEqual(['Bearer t1', 'Bearer t1']);
    expect(taroMock.store.has('lodestar.referrer')).toBe(false);
    expect(session.customer()).toEqual(customer);
  });

  it('logs in again after a 401 and retries the call once with the new token', async () => {
    const { source } = wire();
    taroMock.answer(login('old'));
    taroMock.answer({ statusCode: 401, data: { error: { code: 'unauthorized', message: 'expired' } } });
    taroMock.answer(login('new'));
    taroMock.answer({ statusCode: 200, data: { balance: 5, entries: [] } });
    await expect(source.points()).resolves.toEqual({ balance: 5, entries: [] });
    expect(taroMock.requests.map((r) => `${r.method} ${r.url} ${r.header?.authorization ?? ''}`.trim())).toEqual([
      'POST /api/mp/login',
      'GET /api/mp/points Bearer old',
      'POST /api/mp/login',
      'GET /api/mp/points Bearer new',
    ]);
  });

  it('surfaces the server’s error code and message', async () => {
    const { source } = wire();
    taroMock.answer(login('t'));
    taroMock.answer({ statusCode: 409, data: { error: { code: 'conflict', message: '活动已满' } } });
    await expect(source.signup('a1', { requestId: 'req-12345678', form: { name: '王' } })).rejects.toMatchObject({ status: 409, code: 'conflict', message: '活动已满' });
  });
});

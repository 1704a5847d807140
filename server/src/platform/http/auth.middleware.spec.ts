import Koa from 'koa';
import request from 'supertest';
import { unauthorized } from '../errors';
import { createLogger } from '../logger';
import { authenticate, requireRole, type TokenVerifier } from './auth.middleware';
import { errorHandler } from './error-handler';

function app(verify: TokenVerifier) {
  const k = new Koa();
  k.use(errorHandler({ logger: createLogger('silent') }));
  k.use(authenticate({ verify }));
  k.use(requireRole({ roles: ['agent'] }));
  k.use((ctx) => {
    ctx.body = { ok: true };
  });
  return k.callback();
}

describe('authenticate', () => {
  it('lets a verified agent through', async () => {
    const res = await request(app(async () => ({ id: 's1', role: 'agent', corpId: 'c1', teamId: null, name: 'A' }))).get('/api/x').set('authorization', 'Bearer t');
    expect(res.status).toBe(200);
  });

  it('answers a token the verifier refuses with 401 and its reason', async () => {
    const res = await request(app(async () => Promise.reject(unauthorized('The session has ended; sign in again')))).get('/api/x').set('authorization', 'Bearer t');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('The session has ended; sign in again');
  });

  it('answers 503, not 401, when the token cannot be checked because the database is gone', async () => {
    const res = await request(app(async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })))).get('/api/x').set('authorization', 'Bearer t');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });
});

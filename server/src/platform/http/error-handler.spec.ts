import Koa from 'koa';
import request from 'supertest';
import { createLogger } from '../logger';
import { errorHandler } from './error-handler';

function appThrowing(error: unknown) {
  const app = new Koa();
  app.use(errorHandler({ logger: createLogger('silent') }));
  app.use(() => {
    throw error;
  });
  return app.callback();
}

const zlibError = (code: string) => Object.assign(new Error('incorrect header check'), { code, errno: -3 });

describe('errorHandler on inputs that fail below the routes', () => {
  it.each(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'ERR__ERROR_FORMAT_PADDING_2'])('answers a body that does not match its Content-Encoding (%s) with 400, not 500', async (code) => {
    const res = await request(appThrowing(zlibError(code))).post('/api/x');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/Content-Encoding/);
  });

  it("answers MySQL's 'data too long' as a 400 validation error, from the driver or from TypeORM's wrapper", async () => {
    for (const error of [Object.assign(new Error("Data too long for column 'x'"), { code: 'ER_DATA_TOO_LONG', errno: 1406 }), Object.assign(new Error('query failed'), { driverError: { code: 'ER_DATA_TOO_LONG' } }), Object.assign(new Error('Incorrect string value'), { code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' })]) {
      const res = await request(appThrowing(error)).post('/api/x');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).not.toMatch(/column/);
    }
  });

  it('still answers an unknown error with 500 and no detail', async () => {
    const res = await request(appThrowing(Object.assign(new Error('secret detail'), { code: 'ER_LOCK_DEADLOCK' }))).get('/api/x');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
    expect(JSON.stringify(res.body)).not.toMatch(/secret detail/);
  });

  it('answers a database that is gone or full with 503 and Retry-After, so senders try again', async () => {
    const gone = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }),
      Object.assign(new Error('query failed'), { driverError: { code: 'ER_SERVER_SHUTDOWN' } }),
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }),
    ];
    for (const error of gone) {
      const res = await request(appThrowing(error)).post('/sa');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toMatchObject({ code: 'unavailable', message: 'The database is unavailable right now: retry shortly' });
    }
    const full = await request(appThrowing(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).post('/wecom/callback');
    expect(full.status).toBe(503);
    expect(full.body.error.message).toMatch(/disk is full/);
  });
});

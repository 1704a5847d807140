import Koa from 'koa';
import request from 'supertest';
import { allowedOrigin, cors } from './cors';

function appWith(origins: string[]) {
  const app = new Koa();
  app.use(cors({ origins }));
  app.use((ctx) => {
    ctx.body = { ok: true, method: ctx.method };
  });
  return app.callback();
}

describe('allowedOrigin', () => {
  it('matches exact origins only, case-insensitively', () => {
    const list = ['https://console.example.com'];
    expect(allowedOrigin('https://console.example.com', list)).toBe('https://console.example.com');
    expect(allowedOrigin('https://CONSOLE.example.com', list)).toBe('https://CONSOLE.example.com');
    expect(allowedOrigin('https://console.example.com.evil.test', list)).toBeNull();
    expect(allowedOrigin('http://console.example.com', list)).toBeNull();
    expect(allowedOrigin('null', list)).toBeNull();
    expect(allowedOrigin('', list)).toBeNull();
  });
});

describe('cors middleware', () => {
  it('sends no CORS headers at all by default, not even to a preflight', async () => {
    const app = appWith([]);
    const res = await request(app).get('/api/x').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await request(app).options('/api/x').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    expect(pre.status).not.toBe(204);
  });

  it('answers an allowed origin, and its preflight with 204 and the methods and headers', async () => {
    const app = appWith(['https://console.example.com']);
    const res = await request(app).get('/api/x').set('Origin', 'https://console.example.com');
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example.com');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
    const pre = await request(app)
      .options('/api/x')
      .set('Origin', 'https://console.example.com')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://console.example.com');
    expect(pre.headers['access-control-allow-methods']).toContain('PATCH');
    expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });

  it('gives an origin off the list nothing, even when the list is not empty', async () => {
    const app = appWith(['https://console.example.com']);
    const res = await request(app).get('/api/x').set('Origin', 'https://evil.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
    const pre = await request(app).options('/api/x').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'DELETE');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
  });
});

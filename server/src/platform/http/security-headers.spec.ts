import Koa from 'koa';
import request from 'supertest';
import { securityHeaders, securityHeadersFor, surfaceOf } from './security-headers';

const csp = (path: string) => securityHeadersFor({ path, secure: false })['Content-Security-Policy']!;
const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('securityHeadersFor', () => {
  it('tells the surfaces apart by path prefix, not by substring', () => {
    expect(surfaceOf('/sidebar/')).toBe('sidebar');
    expect(surfaceOf('/sidebar/index.html')).toBe('sidebar');
    expect(surfaceOf('/console/leads')).toBe('console');
    expect(surfaceOf('/mp/')).toBe('mp');
    expect(surfaceOf('/api/sidebar/jssdk-config')).toBe('other');
    expect(surfaceOf('/sidebarx')).toBe('other');
  });

  it('lets WeCom frame the sidebar and nobody frame the console, the mini-program page or the API', () => {
    const sidebar = securityHeadersFor({ path: '/sidebar/', secure: false });
    expect(sidebar['X-Frame-Options']).toBeUndefined();
    expect(directive(csp('/sidebar/'), 'frame-ancestors')).toBe("frame-ancestors 'self' https://*.work.weixin.qq.com https://*.qq.com");
    for (const path of ['/console/', '/mp/', '/api/customers', '/healthz']) {
      expect(securityHeadersFor({ path, secure: false })['X-Frame-Options']).toBe('DENY');
      expect(directive(csp(path), 'frame-ancestors')).toBe("frame-ancestors 'none'");
    }
  });

  it('lets the built pages run their own bundles and inline styles, and nothing from elsewhere', () => {
    for (const path of ['/sidebar/', '/console/']) {
      expect(directive(csp(path), 'script-src')).toBe("script-src 'self'");
      expect(directive(csp(path), 'style-src')).toBe("style-src 'self' 'unsafe-inline'");
      expect(directive(csp(path), 'connect-src')).toBe("connect-src 'self'");
      expect(directive(csp(path), 'object-src')).toBe("object-src 'none'");
    }
    // Taro's H5 index.html inlines its rem script.
    expect(directive(csp('/mp/'), 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(csp('/api/customers')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('sends nosniff and a referrer policy everywhere', () => {
    for (const path of ['/sidebar/', '/assets/app-abc12345.js', '/api/auth/login', '/sa']) {
      const h = securityHeadersFor({ path, secure: false });
      expect(h['X-Content-Type-Options']).toBe('nosniff');
      expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('pins https only on https requests', () => {
    expect(securityHeadersFor({ path: '/console/', secure: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeadersFor({ path: '/console/', secure: true })['Strict-Transport-Security']).toBe('max-age=31536000');
  });

  it('keeps API answers out of caches, and only those', () => {
    expect(securityHeadersFor({ path: '/api/customers/1', secure: false })['Cache-Control']).toBe('no-store');
    expect(securityHeadersFor({ path: '/console/', secure: false })['Cache-Control']).toBeUndefined();
    expect(securityHeadersFor({ path: '/apiary', secure: false })['Cache-Control']).toBeUndefined();
  });
});

describe('securityHeaders middleware', () => {
  const app = new Koa({ proxy: true });
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch {
      ctx.status = 400;
      ctx.body = { error: 'bad' };
    }
  });
  app.use(securityHeaders());
  app.use((ctx) => {
    if (ctx.path === '/api/boom') throw new Error('boom');
    ctx.body = { ok: true };
  });
  const server = app.callback();

  it('puts the headers on answers and on error answers', async () => {
    const ok = await request(server).get('/api/x');
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.headers['x-frame-options']).toBe('DENY');
    const failed = await request(server).get('/api/boom');
    expect(failed.status).toBe(400);
    expect(failed.headers['x-content-type-options']).toBe('nosniff');
    expect(failed.headers['cache-control']).toBe('no-store');
  });

  it('trusts X-Forwarded-Proto behind the proxy for HSTS', async () => {
    expect((await request(server).get('/console/')).headers['strict-transport-security']).toBeUndefined();
    const https = await request(server).get('/console/').set('X-Forwarded-Proto', 'https');
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { serveStaticApps, type StaticApp } from './static-apps';

describe('serveStaticApps', () => {
  let root: string;
  let server: ReturnType<Koa['callback']>;
  const apps: StaticApp[] = [
    { prefix: '/console/', folder: 'ui/console', build: 'npm run build:ui' },
    { prefix: '/assets/', folder: 'ui/assets', build: 'npm run build:ui' },
    { prefix: '/mp/', folder: 'mp/h5', build: 'npm run build:mp' },
  ];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'static-apps-'));
    mkdirSync(join(root, 'ui/console'), { recursive: true });
    mkdirSync(join(root, 'ui/assets'), { recursive: true });
    writeFileSync(join(root, 'ui/console/index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'ui/assets/index-BdX93kLq.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    const app = new Koa();
    app.use(serveStaticApps({ root, apps }));
    app.use((ctx) => {
      ctx.body = 'api';
    });
    server = app.callback();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves a page with revalidation and hashed bundles for a year', async () => {
    const page = await request(server).get('/console/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>console</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const bundle = await request(server).get('/assets/index-BdX93kLq.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['cache-control']).toContain('immutable');
  });

  it('redirects the bare prefix and the root to the console', async () => {
    const bare = await request(server).get('/console?x=1');
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('/console/?x=1');
    const home = await request(server).get('/');
    expect(home.headers.location).toBe('/console/');
  });

  it('says which command builds a missing front end', async () => {
    const res = await request(server).get('/mp/index.html');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build:mp');
  });

  it('answers 404 for a missing file and never leaves the folder', async () => {
    expect((await request(server).get('/console/nope.js')).status).toBe(404);
    const escape = await request(server).get('/console/..%2F..%2Fsecret.txt');
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(escape.text).not.toContain('outside');
  });

  it('leaves other paths and methods to the rest of the app', async () => {
    expect((await request(server).get('/api/x')).text).toBe('api');
    expect((await request(server).post('/console/')).text).toBe('api');
  });
});

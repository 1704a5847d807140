/**
 * The load bench's baseline server (scripts/lib/load-bench.mjs): a bare Koa app that reads the body
 * (XML, form or JSON, as the real routes do) and answers at once, `success` on the callback path and
 * `{}` elsewhere. Run as its own process, as the real api processes are; prints `Baseline: <url>`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Koa = require('koa');
const { bodyParser } = require('@koa/bodyparser');

const app = new Koa();
app.use(bodyParser({ enableTypes: ['json', 'form', 'xml', 'text'], jsonLimit: '5mb', formLimit: '5mb' }));
app.use((ctx) => {
  if (ctx.path === '/wecom/callback') ctx.body = 'success';
  else {
    ctx.status = ctx.method === 'POST' && ctx.path.startsWith('/api/') ? 201 : 200;
    ctx.body = {};
  }
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`Baseline: http://127.0.0.1:${server.address().port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));

import Router from '@koa/router';
import type { DataSource } from 'typeorm';

/** GET /healthz for load balancers: 200 when the database answers within two seconds, 503 otherwise. */
export function healthRouter(ds: DataSource): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ds.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2000);
        }),
      ]);
      ctx.body = { status: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', failing: ['database'] };
    } finally {
      if (timer) clearTimeout(timer);
    }
  });
  return router;
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';

/** One built front end: the URL prefix it answers and the folder (relative to the repository) it is served from. */
export interface StaticApp {
  prefix: string;
  folder: string;
  /** What to build when the folder is missing, for the message. */
  build: string;
}

/** The repository root, from server/dist/app or server/src/app alike. */
export const repoRoot = resolve(__dirname, '../../..');

/**
 * The console and sidebar (one Vite build: `/console/`, `/sidebar/`, their shared `/assets/`) and the
 * mini-program's H5 build (`/mp/`). Hashed bundles are cached for a year; pages are revalidated.
 */
export const staticApps: StaticApp[] = [
  { prefix: '/console/', folder: 'sidebar/dist/console', build: 'npm run build:ui' },
  { prefix: '/sidebar/', folder: 'sidebar/dist/sidebar', build: 'npm run build:ui' },
  { prefix: '/assets/', folder: 'sidebar/dist/assets', build: 'npm run build:ui' },
  { prefix: '/mp/', folder: 'miniprogram/dist/h5', build: 'npm run build:mp' },
];

const yearMs = 365 * 24 * 3600 * 1000;
const hashed = /[.-][0-9A-Za-z_-]{8,}\.(js|css|woff2?|png|svg|jpg)$/;

/** Serves the built front ends; a missing build answers 503 with the command that makes it. */
export function serveStaticApps(options: { root?: string; apps?: StaticApp[] } = {}): Middleware {
  const root = options.root ?? repoRoot;
  const apps = options.apps ?? staticApps;
  return async function staticAppsMiddleware(ctx, next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/') return ctx.redirect('/console/');
    const bare = apps.find((a) => ctx.path === a.prefix.slice(0, -1));
    if (bare) return ctx.redirect(`${bare.prefix}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    const app = apps.find((a) => ctx.path.startsWith(a.prefix));
    if (!app) return next();
    const folder = join(root, app.folder);
    if (!existsSync(folder)) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = `This page has not been built yet: run \`${app.build}\` (npm start does it) and reload.\n`;
      return;
    }
    const rest = ctx.path.slice(app.prefix.length) || 'index.html';
    try {
      await send(ctx, rest, {
        root: folder,
        index: 'index.html',
        gzip: false,
        brotli: false,
        setHeaders: (res, path) => {
          res.setHeader('Cache-Control', hashed.test(path) ? `public, max-age=${yearMs / 1000}, immutable` : 'no-cache');
        },
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === undefined || status >= 500) throw error;
      ctx.status = status;
      ctx.type = 'text/plain';
      ctx.body = status === 404 ? 'Not found\n' : 'Bad path\n';
    }
  };
}

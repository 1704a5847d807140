import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** The Debian package's Chromium (.ci/run installs it); playwright-core brings no browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium that reaches nothing but the loopback servers a test starts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface StaticSite {
  /** http://127.0.0.1:<port>: another origin than the server under test, so browsers apply CORS. */
  url: string;
  /** Serves `html` at `path` (e.g. '/product-image.html') from now on. */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

/**
 * A tiny site for browser tests: the Sensors web SDK at /sensorsdata.min.js (from node_modules)
 * and whatever pages the test registers.
 */
export async function startStaticSite(): Promise<StaticSite> {
  const sdk = readFileSync(require.resolve('sa-sdk-javascript/sensorsdata.min.js'));
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    if (path === '/sensorsdata.min.js') {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' }).end(sdk);
      return;
    }
    const html = pages.get(path);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(path, html) {
      pages.set(path, html);
      return url + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Polls `probe` until it returns something other than null, undefined or false, or the deadline
 * passes; then fails with `what` and the last value seen. For state that arrives asynchronously
 * (a browser's beacons, an SDK's batch), instead of sleeping a fixed time.
 */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

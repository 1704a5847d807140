#!/usr/bin/env node
/**
 * Draws the tab bar icons (WeChat's tab bar takes PNG or JPG only, 81×81 recommended) from the SVG
 * sources below with headless Chromium, into src/assets/tabbar/<name>.png and <name>-on.png. The
 * PNGs are committed; run this again only after changing an icon.
 *
 *   node miniprogram/scripts/make-icons.mjs
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const out = fileURLToPath(new URL('../src/assets/tabbar/', import.meta.url));
mkdirSync(out, { recursive: true });

const stroke = (c) => `fill="none" stroke="${c}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"`;
const icons = {
  home: (c) => `<path ${stroke(c)} d="M3.5 10.5 12 3.5l8.5 7"/><path ${stroke(c)} d="M5.5 9v10.5h13V9"/><path ${stroke(c)} d="M10 19.5v-5h4v5"/>`,
  activity: (c) => `<path ${stroke(c)} d="M5 21V4"/><path ${stroke(c)} d="M5 4.5c3-2 6 2 9 0s4-1 5-.5v8c-1-.5-2-1.5-5 .5s-6-2-9 0"/>`,
  checkin: (c) => `<rect ${stroke(c)} x="3.5" y="5" width="17" height="15.5" rx="2.5"/><path ${stroke(c)} d="M3.5 10h17M8 3v4M16 3v4"/><path ${stroke(c)} d="m9 15 2 2 4-4"/>`,
  me: (c) => `<circle ${stroke(c)} cx="12" cy="8.5" r="4"/><path ${stroke(c)} d="M4.5 20.5c1.2-3.8 4-5.5 7.5-5.5s6.3 1.7 7.5 5.5"/>`,
};
const colours = { off: '#8a94a6', on: '#1f5fd1' };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 });
for (const [name, draw] of Object.entries(icons)) {
  for (const [state, colour] of Object.entries(colours)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81">${draw(colour)}</svg>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const file = join(out, `${name}${state === 'on' ? '-on' : ''}.png`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } });
    console.log(file);
  }
}
await browser.close();

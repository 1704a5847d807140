#!/usr/bin/env node
/**
 * Prints the size of the weapp build's main package and of each subpackage, against WeChat's
 * limit of 2 MB for each, and exits 1 when one is over. Subpackage roots come from app.json;
 * everything else in dist/weapp is the main package (as WeChat DevTools counts it on upload).
 *
 *   node scripts/size.mjs [dist/weapp]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const limit = 2 * 1024 * 1024;
const here = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(here, process.argv[2] ?? 'dist/weapp');
if (!existsSync(join(out, 'app.json'))) {
  console.error(`no weapp build at ${out}: run npm run build:weapp -w miniprogram`);
  process.exit(1);
}
const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])]);
let files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p);
    else {
      const rel = relative(out, p).split(sep).join('/');
      const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
      sizes.set(root, sizes.get(root) + s.size);
      files += 1;
    }
  }
};
walk(out);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let over = false;
for (const [name, size] of sizes) {
  const pct = ((size / limit) * 100).toFixed(1);
  const label = name === 'main' ? 'main package' : `subpackage ${name}`;
  console.log(`weapp ${label}: ${kb(size)} of 2048 KB (${pct}%)${size > limit ? '  OVER THE LIMIT' : ''}`);
  if (size > limit) over = true;
}
console.log(`weapp total: ${kb([...sizes.values()].reduce((a, b) => a + b, 0))} in ${files} files (${out})`);
process.exit(over ? 1 : 0);

#!/usr/bin/env node
/**
 * Builds the front ends the server serves: the console and sidebar (Vite, sidebar/dist) and the
 * mini-program's H5 build (Taro, miniprogram/dist/h5); with --weapp also the WeChat build and its
 * main-package size. A build whose sources have not changed since it was made is skipped (--force
 * rebuilds), so `npm start` costs seconds after the first time.
 *
 *   node scripts/build-fronts.mjs [--weapp] [--force] [--only ui|mp]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

/** Newest modification time under the given paths, skipping build output and dependencies. */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (!['node_modules', 'dist', 'test', '.swc', '.temp'].includes(name)) visit(join(p, name));
    } else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) visit(join(root, p));
  return max;
}

const targets = [
  { name: 'ui', label: 'console and sidebar', script: ['run', 'build', '-w', 'sidebar'], out: 'sidebar/dist', sources: ['sidebar', 'shared/src'] },
  { name: 'mp', label: 'mini-program (h5)', script: ['run', 'build:h5', '-w', 'miniprogram'], out: 'miniprogram/dist/h5', sources: ['miniprogram', 'shared/src'] },
  ...(args.includes('--weapp')
    ? [{ name: 'mp', label: 'mini-program (weapp)', script: ['run', 'build:weapp', '-w', 'miniprogram'], out: 'miniprogram/dist/weapp', sources: ['miniprogram', 'shared/src'] }]
    : []),
];

let failed = false;
for (const t of targets) {
  if (only && t.name !== only) continue;
  const pkg = join(root, t.script.at(-1), 'package.json');
  const scriptName = t.script[1];
  if (!JSON.parse(readFileSync(pkg, 'utf8')).scripts?.[scriptName]) {
    console.log(`- ${t.label}: no "${scriptName}" script yet, skipped`);
    continue;
  }
  const stamp = join(root, t.out, '.built-from');
  const sourcesAt = newest(t.sources);
  if (!force && existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= sourcesAt) {
    console.log(`- ${t.label}: up to date (${t.out})`);
    continue;
  }
  const started = performance.now();
  process.stdout.write(`- ${t.label}: building… `);
  const run = spawnSync('npm', t.script, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (run.status !== 0) {
    failed = true;
    console.log('FAILED');
    process.stderr.write(run.stdout.slice(-4000) + run.stderr.slice(-4000));
    continue;
  }
  writeFileSync(stamp, String(sourcesAt));
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s (${t.out})`);
  const sizeLine = run.stdout.split('\n').find((l) => /main package/i.test(l));
  if (sizeLine) console.log(`  ${sizeLine.trim()}`);
}
process.exit(failed ? 1 : 0);

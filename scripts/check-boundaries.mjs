#!/usr/bin/env node
/**
 * Enforces ARCHITECTURE.md's import rules on server/src and shared/src:
 * - imports point down the layers only;
 * - into another domain only through its index.ts;
 * - only routers (and platform/http, app) touch Koa; only entities, repositories, db/ and app/ touch TypeORM;
 * - shared imports nothing but zod.
 * Exits 1 with one line per violation.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = join(root, 'server', 'src');

const ports = ['platform', 'db', 'shared', 'wecom', 'chat', 'org'];
const core = [...ports, 'customers', 'tracking', 'playbook', 'auth'];
/** Which top-level folders each folder of server/src may import. */
export const allowed = {
  platform: ['platform', 'shared'],
  db: ['db', 'platform', 'shared'],
  wecom: ports,
  chat: ports,
  org: ports,
  customers: core,
  tracking: core,
  playbook: core,
  auth: core,
  leads: [...core, 'leads'],
  channels: [...core, 'channels'],
  journeys: [...core, 'leads', 'channels', 'journeys'],
  sop: [...core, 'leads', 'channels', 'sop'],
  /** The mini-program backend: login, check-ins, activities, referrals, content; it writes customers, events and leads. */
  miniapp: [...core, 'leads', 'channels', 'miniapp'],
  acquisition: [...core, 'acquisition'],
  analytics: ['analytics', 'platform', 'db', 'shared'],
  sandbox: [...core, 'leads', 'channels', 'journeys', 'sop', 'miniapp', 'analytics', 'acquisition', 'sandbox'],
  app: '*',
  'main.ts': ['app', 'platform'],
};
/** Not domains: their files may be imported directly. */
const infrastructure = new Set(['platform', 'db', 'app']);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function imports(file) {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

const problems = [];
const say = (file, msg) => problems.push(`${relative(root, file)}: ${msg}`);

for (const file of walk(serverSrc)) {
  const rel = relative(serverSrc, file).split(sep);
  const own = rel.length === 1 ? rel[0] : rel[0];
  const rule = allowed[own];
  if (!rule) {
    say(file, `folder "${own}" is not in the layer table of scripts/check-boundaries.mjs`);
    continue;
  }
  const isSpec = file.endsWith('.spec.ts');
  const base = file.split(sep).pop();
  for (const spec of imports(file)) {
    if (spec === 'koa' || spec.startsWith('@koa/')) {
      const ok = own === 'app' || base.endsWith('.router.ts') || rel.slice(0, 2).join('/') === 'platform/http' || isSpec;
      if (!ok) say(file, `imports ${spec}: only routers, platform/http and app touch Koa`);
    }
    if (spec === 'typeorm' || spec.startsWith('typeorm/')) {
      const ok = own === 'app' || own === 'db' || /\.(entity|repository)\.ts$/.test(base) || isSpec;
      if (!ok) say(file, `imports ${spec}: only entities, repositories, db/ and app/ touch TypeORM`);
    }
    let target;
    if (spec === '@lodestar/shared') target = ['shared'];
    else if (spec.startsWith('.')) {
      const abs = resolve(dirname(file), spec);
      if (!abs.startsWith(serverSrc + sep)) {
        say(file, `imports ${spec}: outside server/src`);
        continue;
      }
      target = relative(serverSrc, abs).split(sep);
    } else continue;
    const folder = target[0];
    if (folder === own) continue;
    if (rule !== '*' && !rule.includes(folder)) say(file, `${own} may not import ${folder} (${spec})`);
    const throughIndex = target.length === 1 || (target.length === 2 && target[1] === 'index');
    if (folder !== 'shared' && !infrastructure.has(folder) && own !== 'app' && !throughIndex && !isSpec) {
      say(file, `imports ${spec}: enter the ${folder} domain through its index.ts`);
    }
  }
}

for (const file of walk(join(root, 'shared', 'src'))) {
  for (const spec of imports(file)) {
    if (!spec.startsWith('.') && spec !== 'zod') say(file, `shared may import only zod, not ${spec}`);
  }
}

if (problems.length) {
  process.stderr.write(`Import boundaries broken (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Import boundaries hold.\n');

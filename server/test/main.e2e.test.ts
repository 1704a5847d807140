import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const mainJs = resolve(__dirname, '..', 'dist', 'main.js');

function run(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` first (npm test does)`);
  const r = spawnSync(process.execPath, [mainJs], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('starting the server with bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*\(got "abc"\)$/],
    [{ ROLE: 'boss' }, /^Invalid configuration: ROLE /],
    [{ DATABASE_URL: 'postgres://db/x' }, /^Invalid configuration: DATABASE_URL must be sqlite:/],
    [{ WECOM_CORP_ID: 'ww123' }, /^Invalid configuration: WECOM_CALLBACK_TOKEN is required when WECOM_CORP_ID is set$/],
  ])('%j stops with exit code 1 and one line naming the variable', (env, line) => {
    const r = run(env);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(r.stdout).toBe('');
  });

  it('says in one line why it cannot reach the database', () => {
    const r = run({ DATABASE_URL: 'mysql://nobody:wrong@127.0.0.1:1/lodestar', LOG_LEVEL: 'silent' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Lodestar could not start: .*ECONNREFUSED/);
  });
});

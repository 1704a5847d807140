#!/usr/bin/env node
// npm run wecom:sync -- [--url http://127.0.0.1:3000] [--username admin] [--password …]
// Starts (or resumes, or follows) the full WeCom sync of a running server and shows its progress.
import cliProgress from 'cli-progress';
import { Api, parseArgs } from './lib/api.mjs';

const opts = parseArgs(process.argv.slice(2), {
  url: process.env.LODESTAR_URL ?? 'http://127.0.0.1:3000',
  username: process.env.ADMIN_USERNAME ?? 'admin',
  password: process.env.ADMIN_PASSWORD ?? 'lodestar-demo',
  intervalMs: 500,
});

const api = new Api(opts.url);
try {
  await api.login(opts.username, opts.password);
  let run = await api.call('POST', '/api/wecom/sync');
  const bar = new cliProgress.SingleBar(
    { format: 'WeCom sync [{bar}] {percent}% | {phase} | agents {agentsDone}/{agentsTotal} | relationships {relationshipsSeen} | new customers {customersCreated} | groups {groupsSeen} {note}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const fields = (r) => ({ ...r, note: r.error ? `(retrying: ${r.error.slice(0, 60)})` : '' });
  bar.start(100, run.percent, fields(run));
  while (run.status === 'running') {
    await new Promise((r) => setTimeout(r, opts.intervalMs));
    run = await api.call('GET', `/api/wecom/sync/${run.id}`);
    bar.update(run.percent, fields(run));
  }
  bar.stop();
  if (run.status === 'failed') {
    console.error(`Sync failed: ${run.error}\nRun the command again to resume from where it stopped.`);
    process.exit(1);
  }
  console.log(`Done in ${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s: ${run.relationshipsSeen} relationships, ${run.customersCreated} new customers, ${run.groupsSeen} groups.`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

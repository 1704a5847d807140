import { startServer } from './app/server';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  const lines = [`Lodestar is running (ROLE=${config.role}, ${config.sandbox ? 'sandbox mode' : `corp ${config.wecom.corpId}`}, ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')})`];
  if (running.url) {
    lines.push(
      `  Console:       ${running.url}/console/`,
      `  Sidebar:       ${running.url}/sidebar/   (outside WeCom: a fake JS-SDK lets you pick a customer)`,
      `  Mini-program:  ${running.url}/mp/        (the H5 build; open at phone width)`,
    );
    lines.push(`  Health:        ${running.url}/healthz`, `  API document:  ${running.url}/api/openapi.json`, `  Sign in:       POST ${running.url}/api/auth/login`);
    if (config.sandbox) lines.push(`  Sandbox:       ${running.url}/api/sandbox/info`);
  }
  if (config.sandbox && config.admin) {
    lines.push(`  Admin login:   ${config.admin.username} / ${config.admin.password}${process.env.ADMIN_PASSWORD ? '' : ' (sandbox default)'}`);
    lines.push('  Demo agents:   agent001 … agent030, team leads lead01 … lead03, same password');
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Lodestar could not start: ${message}\n`);
  process.exit(1);
});

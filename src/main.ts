import 'dotenv/config';
import { startApp, type App } from '#src/app.js';
import { ConfigError, loadConfig, type Config } from '#src/config/index.js';
import { logDestination } from '#src/log-output.js';
import { createLogger } from '#src/logger.js';
import { StartupError } from '#src/startup/startup-error.js';

const SHUTDOWN_BUDGET_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`MarketDesk cannot start; fix these settings (see .env.example):\n`);
    for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel, {}, logDestination(config.logFormat));
let app: App | null = null;

// installed before the start, so Ctrl+C or `docker stop` ends a start that is still waiting
const shutdown = (signal: string) => {
  if (!app) {
    logger.info({ signal }, 'start-up interrupted');
    process.exit(0);
  }
  logger.info({ signal }, 'shutting down');
  const forced = setTimeout(() => {
    logger.error('shutdown took longer than 10 s; exiting anyway');
    process.exit(1);
  }, SHUTDOWN_BUDGET_MS);
  forced.unref();
  void app.stop(SHUTDOWN_BUDGET_MS - 2_000).then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

try {
  app = await startApp(config, { logger });
} catch (error) {
  if (error instanceof StartupError) {
    process.stderr.write(`MarketDesk cannot start: ${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'MarketDesk could not start');
  }
  process.exit(1);
}

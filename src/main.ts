import 'dotenv/config';
import { startApp } from '#src/app.js';
import { ConfigError, loadConfig, type Config } from '#src/config/index.js';
import { createLogger } from '#src/logger.js';

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
const logger = createLogger(config.logLevel);

try {
  const app = await startApp(config, { logger });
  const shutdown = (signal: string) => {
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
} catch (error) {
  logger.fatal({ err: error }, 'MarketDesk could not start');
  process.exit(1);
}

import 'dotenv/config';
import { ConfigError } from '#src/config/index.js';
import { startSandbox } from '#src/sandbox/sandbox.js';

/**
 * `npm run sandbox`: MarketDesk against local fake Prom and Rozetka shops that keep producing
 * orders and status changes, on a database of its own. Without BOT_TOKEN Telegram is faked too
 * and this terminal is the admin's chat.
 */
let sandbox;
try {
  sandbox = await startSandbox({ env: process.env, input: process.stdin, output: process.stdout });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`The sandbox cannot start; fix these settings (see .env.example):\n`);
  for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
  process.exit(1);
}

const shutdown = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

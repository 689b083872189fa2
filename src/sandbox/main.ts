import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import { startApp } from '#src/app.js';
import { ConfigError, loadConfig } from '#src/config/index.js';
import { createLogger } from '#src/logger.js';
import { FAKE_PROM_TOKEN, startFakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import { startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';

/**
 * `npm run sandbox`: MarketDesk against local fake Prom and Rozetka shops that keep producing
 * orders and status changes, so every feature can be tried with only a bot token. Without
 * BOT_TOKEN it also fakes Telegram and prints what the admin's chat shows.
 */
const TRAFFIC_EVERY_MS = Number(process.env.SANDBOX_TRAFFIC_MS ?? 15_000);

const prom = await startFakeProm({ seed: Date.now() % 100_000 });
const rozetka = await startFakeRozetka({ seed: Date.now() % 100_000, initialOrders: 5 });
const fakeTelegram = process.env.BOT_TOKEN ? null : await startFakeTelegram();
const demoAdmin = { id: 1, first_name: 'Sandbox admin', language_code: 'uk' };

let config;
try {
  config = loadConfig({
    ...process.env,
    PROM_API_URL: prom.url,
    ROZETKA_API_URL: rozetka.url,
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    ...(fakeTelegram
      ? {
          BOT_TOKEN: '1:sandbox-token-for-the-fake-telegram',
          TELEGRAM_API_ROOT: fakeTelegram.url,
          ADMIN_IDS: '1',
        }
      : {}),
    DATA_DIR: process.env.DATA_DIR ?? './data/sandbox',
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.problems.join('\n')}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const app = await startApp(config, { logger });

if ((await app.models.stores.countDocuments()) === 0) {
  await app.services.stores.create({
    name: 'Prom (sandbox)',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
  });
  await app.services.stores.create({
    name: 'Rozetka (sandbox)',
    credentials: { marketplace: 'rozetka', username: 'demo', password: 'demo' },
  });
  app.startPolling();
}

const stopPromTraffic = prom.startTraffic({ everyMs: TRAFFIC_EVERY_MS });
const rozetkaTraffic = setInterval(() => rozetka.simulateActivity(), TRAFFIC_EVERY_MS);
if (fakeTelegram) {
  fakeTelegram.sendText(demoAdmin, '/start');
  let shown = 0;
  setInterval(() => {
    for (const message of fakeTelegram.botMessages(demoAdmin.id).slice(shown)) {
      process.stdout.write(`\n--- chat of the sandbox admin ---\n${message.text}\n`);
    }
    shown = fakeTelegram.botMessages(demoAdmin.id).length;
  }, 1000);
}
logger.info(
  { prom: prom.url, rozetka: rozetka.url, telegram: fakeTelegram ? fakeTelegram.url : 'real Telegram' },
  'sandbox running: fake shops produce new orders; press Ctrl+C to stop',
);

const shutdown = async () => {
  stopPromTraffic();
  clearInterval(rozetkaTraffic);
  await app.stop();
  await Promise.all([prom.close(), rozetka.close(), fakeTelegram?.close()]);
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

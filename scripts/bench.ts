import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { startApp } from '#src/app.js';
import { loadConfig } from '#src/config/index.js';
import { createLogger } from '#src/logger.js';
import { FAKE_PROM_TOKEN, startFakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';

/**
 * `npm run bench`: order sync and card delivery through the fakes, on the MongoDB given by
 * MONGODB_URI (or TEST_MONGODB_URI). Prints one JSON line per figure.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const uri = process.env.MONGODB_URI ?? process.env.TEST_MONGODB_URI;
if (!uri) {
  process.stderr.write('set MONGODB_URI (or TEST_MONGODB_URI) to the server to measure against\n');
  process.exit(1);
}
const dbName = `bench_${randomBytes(3).toString('hex')}`;
const print = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

const prom = await startFakeProm({ seed: 5 });
const telegram = await startFakeTelegram();
const config = loadConfig({
  BOT_TOKEN: '1:bench-token-for-the-fake-telegram-api',
  TELEGRAM_API_ROOT: telegram.url,
  MONGODB_URI: uri,
  PROM_API_URL: prom.url,
  ADMIN_IDS: '1',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'silent',
});
const app = await startApp(config, { logger: createLogger('silent'), dbName });
await new Promise((resolve) => setTimeout(resolve, 2000));
print({ figure: 'idle_rss_mb', value: rssMb() });

await app.models.users.create({ telegramId: 1, name: 'Bench', role: 'admin' });
const store = await app.services.stores.create({
  name: 'Bench',
  credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
});
prom.addOrders(ORDERS, { status: 'pending' });

let started = Date.now();
const outcome = await app.services.orderSync.pollStore(store._id);
const syncMs = Date.now() - started;
print({
  figure: 'sync_orders',
  orders: outcome?.created,
  ms: syncMs,
  per_second: Math.round((ORDERS / syncMs) * 1000),
});

// one private chat takes about one message a second, so a sample is enough
const CARD_SAMPLE = Math.min(ORDERS, 20);
started = Date.now();
await telegram.waitFor(() => telegram.botMessages(1).length >= CARD_SAMPLE, 10 * 60_000);
const sendMs = Date.now() - started;
print({
  figure: 'cards_delivered_one_private_chat',
  cards: CARD_SAMPLE,
  ms: sendMs,
  peak_per_second_to_chat: telegram.peakCallsPerSecond(1),
});
print({ figure: 'peak_rss_mb_after_sync', value: rssMb() });

started = Date.now();
await app.services.orderSync.pollStore(store._id);
print({ figure: 'repoll_unchanged', orders: ORDERS, ms: Date.now() - started });

await app.stop();
const cleanup = await mongoose.createConnection(uri, { dbName }).asPromise();
await cleanup.dropDatabase();
await cleanup.close();
await Promise.all([prom.close(), telegram.close()]);

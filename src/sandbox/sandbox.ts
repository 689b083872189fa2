import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pino } from 'pino';
import { startApp } from '#src/app.js';
import type { Models } from '#src/db/models/index.js';
import { loadConfig } from '#src/config/index.js';
import { createLogger, type Logger } from '#src/logger.js';
import { FAKE_PROM_TOKEN, startFakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import { startFakeTelegram, type FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { startTerminalChat, TERMINAL_CHAT_HINT } from '#src/sandbox/terminal-chat.js';

/**
 * The sandbox's own database, on whatever server MONGODB_URI names (or the embedded one in its
 * own folder): it never opens the shop's real database, so it never polls a real store with a
 * fake marketplace's address.
 */
export const SANDBOX_DB_NAME = 'marketdesk_sandbox';
export const SANDBOX_BOT_TOKEN = '1:sandbox-token-for-the-fake-telegram';
const SANDBOX_ADMIN_ID = 1;

export interface SandboxOptions {
  env: Record<string, string | undefined>;
  /** the terminal that is the admin's chat when Telegram is faked (no BOT_TOKEN) */
  input: Readable;
  output: Writable;
  /** tests: a database of the test's own instead of SANDBOX_DB_NAME */
  dbName?: string;
  /** default: log lines go to `sandbox.log` in the sandbox's folder when the terminal is the chat */
  logger?: Logger;
}

/** `DATA_DIR/sandbox` (`./data/sandbox` by default): the embedded database, the key, saved files */
export const sandboxDataDir = (env: Record<string, string | undefined>) =>
  path.join(env.DATA_DIR || './data', 'sandbox');

/**
 * The sandbox encrypts the fake stores' credentials with a key of its own, made on the first run
 * and kept in its folder, so a second run opens what the first one saved.
 */
async function sandboxEncryptionKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'encryption-key');
  const saved = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (saved) return saved.trim();
  const key = randomBytes(32).toString('base64');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Past every order id stored so far, and never below the time in seconds. */
async function nextFreeOrderId(models: Models): Promise<number> {
  const stored = await models.orders.find().select({ marketplaceOrderId: 1 }).lean();
  const highest = stored.reduce((max, order) => Math.max(max, Number(order.marketplaceOrderId) || 0), 0);
  return Math.max(Math.floor(Date.now() / 1000), highest + 1);
}

export async function startSandbox(options: SandboxOptions) {
  const { env } = options;
  const dataDir = sandboxDataDir(env);
  const trafficEveryMs = Number(env.SANDBOX_TRAFFIC_MS || 15_000);
  const encryptionKey = await sandboxEncryptionKey(dataDir);
  const prom = await startFakeProm({ seed: Date.now() % 100_000 });
  const rozetka = await startFakeRozetka({ seed: Date.now() % 100_000 });
  const fakeTelegram = env.BOT_TOKEN ? null : await startFakeTelegram();
  const config = loadConfig({
    ...env,
    PROM_API_URL: prom.url,
    ROZETKA_API_URL: rozetka.url,
    // the sandbox's key alone: the shop's own keys never seal or open the sandbox's fake credentials
    ENCRYPTION_KEYS: encryptionKey,
    ENCRYPTION_KEY: '',
    DATA_DIR: dataDir,
    ...(fakeTelegram
      ? {
          BOT_TOKEN: SANDBOX_BOT_TOKEN,
          TELEGRAM_API_ROOT: fakeTelegram.url,
          ADMIN_IDS: String(SANDBOX_ADMIN_ID),
        }
      : {}),
  });
  const logFile = path.join(dataDir, 'sandbox.log');
  const logger =
    options.logger ??
    (fakeTelegram
      ? createLogger(config.logLevel, {}, pino.destination({ dest: logFile, mkdir: true }))
      : createLogger(config.logLevel));
  const app = await startApp(config, { logger, dbName: options.dbName ?? SANDBOX_DB_NAME });

  // the fakes start empty at every run while the database keeps the orders of earlier runs: each
  // run numbers its orders past every stored one (the fakes count on from the first id), so a new
  // order never lands on an old one's record, however soon a run follows the last
  const firstOrderId = await nextFreeOrderId(app.models);
  prom.addOrder({ id: firstOrderId, status: 'pending' });
  prom.addOrders(2, { status: 'pending' });
  rozetka.addOrder({ id: firstOrderId });
  for (let i = 0; i < 4; i++) rozetka.addOrder();

  // the sandbox's database holds only what the sandbox made: its two fake stores, made once
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

  const stopPromTraffic = prom.startTraffic({ everyMs: trafficEveryMs });
  const rozetkaTraffic = setInterval(() => rozetka.simulateActivity(), trafficEveryMs);
  const admin: FakeUser = {
    id: SANDBOX_ADMIN_ID,
    first_name: 'Sandbox admin',
    language_code: config.defaultLocale,
  };
  const terminal = fakeTelegram
    ? startTerminalChat({
        telegram: fakeTelegram,
        user: admin,
        input: options.input,
        output: options.output,
        filesDir: path.join(dataDir, 'files'),
      })
    : null;
  const say = (line: string) => options.output.write(`${line}\n`);
  say(
    `Sandbox: fake Prom at ${prom.url}, fake Rozetka at ${rozetka.url}; new orders every ${trafficEveryMs / 1000} s.`,
  );
  say(
    `Its database: "${options.dbName ?? SANDBOX_DB_NAME}" (${config.mongodbUri ? 'on MONGODB_URI' : `embedded, in ${dataDir}`}).`,
  );
  if (fakeTelegram) {
    if (!options.logger) say(`Its log: ${logFile}`);
    say(TERMINAL_CHAT_HINT);
    say('Ctrl+C stops the sandbox.');
    fakeTelegram.sendText(admin, '/start');
  } else {
    say(
      'Telegram: your bot (BOT_TOKEN). Put your Telegram id in ADMIN_IDS and send it /start. Ctrl+C stops.',
    );
  }

  let stopping: Promise<void> | null = null;
  return {
    app,
    prom,
    rozetka,
    telegram: fakeTelegram,
    terminal,
    admin,
    config,
    stop() {
      stopping ??= (async () => {
        terminal?.stop();
        stopPromTraffic();
        clearInterval(rozetkaTraffic);
        await app.stop();
        await Promise.all([prom.close(), rozetka.close(), fakeTelegram?.close()]);
      })();
      return stopping;
    },
  };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

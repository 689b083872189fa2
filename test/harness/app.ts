import os from 'node:os';
import path from 'node:path';
import type { StoreDoc } from '#src/db/models/store.js';
import { FAKE_PROM_TOKEN } from '#src/sandbox/fake-prom/server.js';
import { startApp, type App, type AppOptions } from '#src/app.js';
import { loadConfig } from '#src/config/index.js';
import { createLogger, type Logger } from '#src/logger.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';

export const TEST_BOT_TOKEN = '123456789:TEST-token-for-the-fake-telegram-api';
export const ADMIN: FakeUser = {
  id: 1001,
  first_name: 'Олена',
  username: 'olena_admin',
  language_code: 'uk',
};
/** the team's manager in most tests: a member with no store limits once `addManager` ran */
export const MANAGER: FakeUser = { id: 2002, first_name: 'Тарас', language_code: 'uk' };
export const STRANGER: FakeUser = { id: 6666, first_name: 'Stranger', language_code: 'en' };

export interface TestBed {
  telegram: FakeTelegram;
  database: TestDatabase;
  app: App;
  /** stops the app and starts it again on the same database (a process restart) */
  restart(): Promise<App>;
  /**
   * a second process on the same database and the same bot token; the caller stops it.
   * `env` overrides this bed's environment for it (e.g. ROLE, PORT).
   */
  launchAnother(options?: { env?: Record<string, string>; logger?: Logger }): Promise<App>;
  close(): Promise<void>;
}

export function testEnv(
  bed: { telegram: Pick<FakeTelegram, 'url'>; database: TestDatabase },
  extra: Record<string, string> = {},
) {
  return {
    BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: bed.telegram.url,
    MONGODB_URI: bed.database.uri,
    ADMIN_IDS: String(ADMIN.id),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // local files (the send journal) stay out of the working tree
    DATA_DIR: path.join(os.tmpdir(), 'marketdesk-test'),
    // health and metrics on a free port: test files run side by side
    PORT: '0',
    ...extra,
  };
}

/** The real bot, against the fake Telegram API and a real database of this file's own. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
/** marketplace retries without the production pauses */
export const FAST_HTTP = { baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 2000 };

export async function startTestBed(
  testFile: string,
  options: {
    env?: Record<string, string>;
    services?: AppOptions['services'];
    /** e.g. a logger writing into memory, to read what the app logged */
    logger?: Logger;
    telegram?: Parameters<typeof startFakeTelegram>[0];
    /** workers poll every active store in the background (default: only when a test polls) */
    pollOnStart?: boolean;
  } = {},
): Promise<TestBed> {
  const env = { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, ...options.env };
  const telegram = await startFakeTelegram({ maxLongPollMs: 500, ...options.telegram });
  const database = await createTestDatabase(testFile);
  const baseEnv = testEnv({ telegram, database }, env);
  const config = loadConfig(baseEnv);
  const logger = options.logger ?? createLogger(config.logLevel);
  // tests poll by hand unless they ask otherwise: background polls would race them
  const pollOnStart = options.pollOnStart ?? false;
  const launch = () => startApp(config, { logger, dbName: database.dbName, pollOnStart });
  const bed: TestBed = {
    telegram,
    database,
    app: await launch(),
    launchAnother: (another = {}) =>
      startApp(loadConfig({ ...baseEnv, ...another.env }), {
        logger: another.logger ?? logger,
        dbName: database.dbName,
        pollOnStart: false,
      }),
    async restart() {
      await bed.app.stop();
      bed.app = await launch();
      return bed.app;
    },
    async close() {
      await bed.app.stop();
      await database.drop();
      await telegram.close();
    },
  };
  return bed;
}

/** The admin's first /start, which makes them a team member (ADMIN_IDS alone does not). */
export async function greetAdmin(bed: TestBed): Promise<void> {
  const before = bed.telegram.botMessages(ADMIN.id).length;
  bed.telegram.sendText(ADMIN, '/start');
  await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > before);
}

/** A Prom store on the fake Prom's token. */
export function createPromStore(bed: TestBed, name: string, extra: Partial<StoreDoc> = {}) {
  return bed.app.services.stores.create({
    name,
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    ...extra,
  });
}

/** Makes MANAGER a team member (role manager, every store). */
export async function addManager(bed: TestBed): Promise<void> {
  await bed.app.models.users.create({
    telegramId: MANAGER.id,
    name: 'Тарас',
    role: 'manager',
    allStores: true,
  });
}

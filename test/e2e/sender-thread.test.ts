import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '#src/app.js';
import { loadConfig } from '#src/config/index.js';
import { createLogger } from '#src/logger.js';
import { enqueueMessage } from '#src/services/outbox.js';
import { ADMIN, TEST_ENCRYPTION_KEY, testEnv } from '#test/harness/app.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';
import { startFakeTelegramThread } from '#test/harness/telegram-thread.js';

let telegram: Awaited<ReturnType<typeof startFakeTelegramThread>>;
let database: TestDatabase;
let app: App;

beforeAll(async () => {
  telegram = await startFakeTelegramThread();
  database = await createTestDatabase(import.meta.filename);
  const config = loadConfig(
    testEnv({ telegram, database }, { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, ROLE: 'worker' }),
  );
  app = await startApp(config, {
    logger: createLogger('silent'),
    dbName: database.dbName,
    pollOnStart: false,
  });
});

afterAll(async () => {
  await app.stop();
  await database.drop();
  await telegram.close();
});

const holdMainThread = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('Running it: no order notified twice', () => {
  it("a worker's sender sends and records while its main thread is busy with polls and jobs", async () => {
    // a message is safe from a second send once recorded: a worker killed before that sends it
    // again, so the answer must not wait for whatever the main thread is doing
    const alert = { type: 'stale', storeName: 'Магазин', detail: null };
    await enqueueMessage(app.models, 'alert', 'busy-main-thread', alert, [{ chatId: ADMIN.id, threadId: 0 }]);
    const busyFrom = Date.now();
    holdMainThread(4000);
    const busyUntil = Date.now();

    const sends = (await telegram.calls()).filter((call) => call.method === 'sendMessage');
    expect(sends.filter((call) => call.at >= busyFrom && call.at <= busyUntil)).toHaveLength(1);
    const entry = await app.models.outbox.findOne({ chatId: ADMIN.id }).lean();
    expect(entry?.pending).toBe(false);
    expect(entry?.updatedAt.getTime()).toBeLessThanOrEqual(busyUntil);
  });
});

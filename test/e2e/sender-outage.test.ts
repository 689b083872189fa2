import { Writable } from 'node:stream';
import { Api } from 'grammy';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes } from '#src/db/connect.js';
import { modelsFor } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { startFakeTelegram, type FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { enqueueOrderCard } from '#src/services/outbox.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';
import { TEST_BOT_TOKEN } from '#test/harness/app.js';

let telegram: FakeTelegram;
let database: TestDatabase;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  database = await createTestDatabase(import.meta.filename);
});

afterAll(async () => {
  await database.drop();
  await telegram.close();
});

describe('J5 sends survive a database outage', () => {
  it('a sender whose database fails while it records a failed send keeps running', async () => {
    // no buffering: with the database gone, writes fail at once as they do when it drops
    const connection = await mongoose
      .createConnection(database.uri, { dbName: database.dbName, bufferCommands: false })
      .asPromise();
    await ensureIndexes(connection);
    const models = modelsFor(connection);
    await enqueueOrderCard(models, new mongoose.Types.ObjectId(), 1, [{ chatId: 42, threadId: 0 }]);

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const sender = createOutboxSender({
      models,
      api: new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url }),
      pacer: createSendPacer(),
      // the send fails, and the database is gone before the failure can be written down
      render: async () => {
        await connection.close();
        throw new Error('the card could not be rendered');
      },
      logger: createLogger('info', {}, sink),
      idleMs: 20,
    });
    sender.start();
    const deadline = Date.now() + 10_000;
    while (!lines.some((line) => line.includes('outbox claim failed')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(sender.stop()).resolves.toBeUndefined();
    expect(lines.some((line) => line.includes('outbox entry left for a later attempt'))).toBe(true);
    expect(lines.some((line) => line.includes('outbox claim failed'))).toBe(true);
  });
});

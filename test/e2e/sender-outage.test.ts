import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Api } from 'grammy';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes } from '#src/db/connect.js';
import { modelsFor } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createSendJournal } from '#src/notify/send-journal.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { startFakeTelegram, type FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { enqueueOrderCard } from '#src/services/outbox.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';
import { TEST_BOT_TOKEN } from '#test/harness/app.js';
import { memoryLogger } from '#test/harness/bad-input.js';

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

    const { logger, lines } = memoryLogger('info');
    const sender = createOutboxSender({
      models,
      api: new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url }),
      pacer: createSendPacer(),
      // the send fails, and the database is gone before the failure can be written down
      render: async () => {
        await connection.close();
        throw new Error('the card could not be rendered');
      },
      logger,
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

  it('a card Telegram took just before its worker lost the database is not sent again by the next worker', async () => {
    const journalDir = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    const open = () =>
      mongoose.createConnection(database.uri, { dbName: database.dbName, bufferCommands: false }).asPromise();
    const dying = await open();
    await ensureIndexes(dying);
    const chatId = 77;
    const orderId = new mongoose.Types.ObjectId();
    await enqueueOrderCard(modelsFor(dying), orderId, 1, [{ chatId, threadId: 0 }]);
    const render = () => Promise.resolve({ text: 'Замовлення №7', replyMarkup: { inline_keyboard: [] } });
    const quiet = createLogger('silent');

    // the moment a SIGKILL or an outage can fall in: Telegram has answered, nothing is written yet
    const api = new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url });
    api.config.use(async (previous, method, payload, signal) => {
      const answer = await previous(method, payload, signal);
      if (method === 'sendMessage') await dying.close();
      return answer;
    });
    const first = createOutboxSender({
      models: modelsFor(dying),
      api,
      pacer: createSendPacer(),
      render,
      journal: createSendJournal(journalDir, quiet),
      logger: quiet,
    });
    first.start();
    const noted = () =>
      readdirSync(journalDir).find((name) =>
        readFileSync(path.join(journalDir, name), 'utf8').includes('"entry"'),
      );
    await telegram.waitFor(() => noted());
    expect(telegram.botMessages(chatId)).toHaveLength(1);
    // the worker is gone for good: its journal is what a dead process leaves on the disk
    const deadPid = spawnSync('true').pid;
    renameSync(
      path.join(journalDir, noted()!),
      path.join(journalDir, `send-journal-${deadPid}-0-dead.jsonl`),
    );

    const next = await open();
    const second = createOutboxSender({
      models: modelsFor(next),
      api: new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url }),
      pacer: createSendPacer(),
      render,
      journal: createSendJournal(journalDir, quiet),
      logger: quiet,
    });
    expect(await second.recover()).toBe(1);
    second.start();
    const outbox = modelsFor(next).outbox;
    const deadline = Date.now() + 10_000;
    while ((await outbox.countDocuments({ chatId, pending: true })) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await second.stop();
    void first.stop(); // still retrying its write into the closed connection; nothing left to wait for

    expect(await outbox.countDocuments({ chatId, pending: true })).toBe(0);
    expect(telegram.botMessages(chatId)).toHaveLength(1);
    await next.close();
  });

  it('a card a killed worker had claimed but not sent goes out when the next worker starts, not when the lease runs out', async () => {
    const journalDir = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    const connection = await mongoose.createConnection(database.uri, { dbName: database.dbName }).asPromise();
    const models = modelsFor(connection);
    const chatId = 88;
    await enqueueOrderCard(models, new mongoose.Types.ObjectId(), 1, [{ chatId, threadId: 0 }]);
    const render = () => Promise.resolve({ text: 'Замовлення №8', replyMarkup: { inline_keyboard: [] } });
    const quiet = createLogger('silent');

    // the first worker stops dead in the send (what a SIGKILL leaves): Telegram never hears of it
    const frozen = new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url });
    frozen.config.use((previous, method, payload, signal) =>
      method === 'sendMessage' ? new Promise(() => undefined) : previous(method, payload, signal),
    );
    const first = createOutboxSender({
      models,
      api: frozen,
      pacer: createSendPacer(),
      render,
      journal: createSendJournal(journalDir, quiet),
      logger: quiet,
    });
    first.start();
    const entry = await models.outbox.findOne({ chatId }).lean();
    const leaseHeld = async () => (await models.leases.countDocuments({ key: `outbox:${entry?._id}` })) > 0;
    const deadline = Date.now() + 10_000;
    while (!(await leaseHeld()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    void first.stop(); // its loop in the send never returns, as a dead process's would not
    const [journal] = readdirSync(journalDir);
    renameSync(
      path.join(journalDir, journal!),
      path.join(journalDir, `send-journal-${spawnSync('true').pid}-0-dead.jsonl`),
    );

    const second = createOutboxSender({
      models,
      api: new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url }),
      pacer: createSendPacer(),
      render,
      journal: createSendJournal(journalDir, quiet),
      logger: quiet,
    });
    await second.recover();
    second.start();
    // the lease would run for 60 s
    await telegram.waitFor(() => telegram.botMessages(chatId).length > 0, 10_000);
    await second.stop();
    expect(telegram.botMessages(chatId)).toHaveLength(1);
    await connection.close();
  });
});

import { Api } from 'grammy';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes } from '#src/db/connect.js';
import { modelsFor, type Models } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import type { OutboxEntry, OutboxRenderer } from '#src/notify/delivery.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createOutboxSender, type SenderOptions } from '#src/notify/sender.js';
import { startFakeTelegram, type FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { enqueueMessage, enqueueOrderCard } from '#src/services/outbox.js';
import { TEST_BOT_TOKEN } from '#test/harness/app.js';
import { memoryLogger } from '#test/harness/bad-input.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';
import { scansWholeCollection } from '#test/harness/filters.js';

let telegram: FakeTelegram;
let database: TestDatabase;
let connection: mongoose.Connection;
let models: Models;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  database = await createTestDatabase(import.meta.filename);
  connection = await mongoose
    .createConnection(database.uri, { dbName: database.dbName, monitorCommands: true })
    .asPromise();
  await ensureIndexes(connection);
  models = modelsFor(connection);
});

afterAll(async () => {
  await connection.close();
  await database.drop();
  await telegram.close();
});

const quiet = createLogger('silent');
const noButtons = { inline_keyboard: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const textOf = (entry: OutboxEntry) =>
  Promise.resolve({ text: `card ${String(entry.orderId)}`, replyMarkup: noButtons });

function senderWith(options: Partial<SenderOptions> & { render: OutboxRenderer }) {
  return createOutboxSender({
    models,
    api: new Api(TEST_BOT_TOKEN, { apiRoot: telegram.url }),
    pacer: createSendPacer(),
    tooLarge: async () => 'too large',
    logger: quiet,
    idleMs: 20,
    ...options,
  });
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe('J5 per-chat mailboxes', () => {
  it('a group with a long backlog holds no other chat back', async () => {
    const group = -1001;
    const manager = 501;
    // a group takes one message every 3 s: this backlog is a minute of sending
    for (let index = 0; index < 20; index++)
      await enqueueMessage(models, 'summary', `group-${index}`, { html: `group ${index}` }, [
        { chatId: group, threadId: 0 },
      ]);
    const sender = senderWith({
      render: async (entry) => ({
        text: JSON.parse(entry.payload ?? '{}').html ?? 'card',
        replyMarkup: noButtons,
      }),
    });
    sender.start();
    await until(() => telegram.botMessages(group).length > 0);
    const askedAt = Date.now();
    await enqueueMessage(models, 'summary', 'manager', { html: 'for the manager' }, [
      { chatId: manager, threadId: 0 },
    ]);
    await until(() => telegram.botMessages(manager).length > 0);
    const waitedMs = Date.now() - askedAt;
    await sender.stop();

    expect(waitedMs).toBeLessThan(2_000);
    expect(telegram.botMessages(group).length).toBeLessThan(5);
    // the rest of the backlog is of no interest to the tests after this one
    await models.outbox.updateMany({ chatId: group }, { $set: { pending: false } });
  });

  it('two workers send each card of a chat once and in the order asked', async () => {
    const chatId = 502;
    const orders = Array.from({ length: 6 }, () => new mongoose.Types.ObjectId());
    for (const orderId of orders) await enqueueOrderCard(models, orderId, 1, [{ chatId, threadId: 0 }]);
    const workers = [senderWith({ render: textOf }), senderWith({ render: textOf })];
    workers.forEach((worker) => worker.start());
    await until(() => telegram.botMessages(chatId).length >= orders.length);
    await sleep(1_500);
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(telegram.botMessages(chatId).map((message) => message.text)).toEqual(
      orders.map((orderId) => `card ${String(orderId)}`),
    );
  });

  it('a card asked for again while it is being sent ends showing the last state', async () => {
    const chatId = 503;
    const orderId = new mongoose.Types.ObjectId();
    const state = connection.collection<{ _id: string; value: number }>('race_state');
    await state.insertOne({ _id: String(orderId), value: 0 });
    const sender = senderWith({
      render: async () => {
        const current = await state.findOne({ _id: String(orderId) });
        return { text: `state ${current?.value}`, replyMarkup: noButtons };
      },
    });
    sender.start();
    // every change is written, then asked for, while the sender draws and settles the card
    for (let version = 1; version <= 20; version++) {
      await state.updateOne({ _id: String(orderId) }, { $set: { value: version } });
      await enqueueOrderCard(models, orderId, version, [{ chatId, threadId: 0 }]);
      await sleep(Math.random() * 150);
    }
    await until(async () => (await models.outbox.countDocuments({ chatId, pending: true })) === 0);
    await sleep(300);
    await sender.stop();

    const [card] = telegram.botMessages(chatId);
    expect(telegram.botMessages(chatId)).toHaveLength(1);
    expect(card?.text).toBe('state 20');
  });

  it('settles cards together, and a worker killed before it settled them sends none again', async () => {
    const chatId = 506;
    const orders = Array.from({ length: 5 }, () => new mongoose.Types.ObjectId());
    for (const orderId of orders) await enqueueOrderCard(models, orderId, 1, [{ chatId, threadId: 0 }]);
    let outboxWrites = 0;
    const record = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'update' && event.command.update === 'outbox') outboxWrites++;
    };
    connection.getClient().on('commandStarted', record);
    const first = senderWith({ render: textOf });
    first.start();
    await until(async () => (await models.outbox.countDocuments({ chatId, pending: true })) === 0);
    await first.stop();
    connection.getClient().off('commandStarted', record);
    expect(outboxWrites).toBeLessThan(orders.length);

    // what a kill between the cards and their settle leaves: every card out, every request pending
    await models.outbox.updateMany({ chatId }, { $set: { pending: true } });
    const second = senderWith({ render: textOf });
    second.start();
    await until(async () => (await models.outbox.countDocuments({ chatId, pending: true })) === 0);
    await second.stop();

    expect(telegram.botMessages(chatId)).toHaveLength(orders.length);
  });

  it('a card asked for in this process goes out without waiting for the next look at the outbox', async () => {
    const chatId = 507;
    const sender = senderWith({ render: textOf, idleMs: 60_000 });
    sender.start();
    await sleep(300);
    const askedAt = Date.now();
    await enqueueOrderCard(models, new mongoose.Types.ObjectId(), 1, [{ chatId, threadId: 0 }]);
    await until(() => telegram.botMessages(chatId).length > 0, 5_000);
    const waitedMs = Date.now() - askedAt;
    await sender.stop();

    expect(waitedMs).toBeLessThan(2_000);
  });

  it('chats found due together are claimed together, not each after the one before', async () => {
    const chats = Array.from({ length: 8 }, (_, index) => 520 + index);
    for (const chatId of chats)
      await enqueueOrderCard(models, new mongoose.Types.ObjectId(), 1, [{ chatId, threadId: 0 }]);
    const claimsInFlight = new Set<number>();
    let mostAtOnce = 0;
    const started = (event: { commandName: string; command: Record<string, unknown>; requestId: number }) => {
      if (event.commandName !== 'insert' || event.command.insert !== models.leases.collection.name) return;
      claimsInFlight.add(event.requestId);
      mostAtOnce = Math.max(mostAtOnce, claimsInFlight.size);
    };
    const ended = (event: { requestId: number }) => claimsInFlight.delete(event.requestId);
    const client = connection.getClient();
    client.on('commandStarted', started).on('commandSucceeded', ended).on('commandFailed', ended);
    // one look at the outbox finds every chat: nothing signals them
    const sender = senderWith({ render: textOf, idleMs: 60_000 });
    sender.start();
    await until(() => chats.every((chatId) => telegram.botMessages(chatId).length > 0));
    await sender.stop();
    client.off('commandStarted', started).off('commandSucceeded', ended).off('commandFailed', ended);

    // a burst's last chat waited out the claims of all the others: its first card came seconds late
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('every read and write of a delivery narrows by an equality', async () => {
    const chatId = 503;
    const scans: string[] = [];
    const record = (event: { command: Record<string, unknown> }) =>
      scans.push(...scansWholeCollection(event.command));
    connection.getClient().on('commandStarted', record);
    const sender = senderWith({ render: textOf });
    sender.start();
    await enqueueOrderCard(models, new mongoose.Types.ObjectId(), 1, [{ chatId, threadId: 0 }]);
    await until(() => telegram.botMessages(chatId).length > 0);
    await until(async () => (await models.outbox.countDocuments({ chatId, pending: true })) === 0);
    await sender.stop();
    connection.getClient().off('commandStarted', record);

    // FerretDB v1 reads the whole outbox for a filter on `$in` alone: seconds per card once it held a few days of them
    expect(scans).toEqual([]);
  });
});

describe('J5 requests that cannot be sent', () => {
  it('a request that keeps failing is dead-lettered after its last attempt, not retried', async () => {
    const chatId = 504;
    const orderId = new mongoose.Types.ObjectId();
    await enqueueOrderCard(models, orderId, 1, [{ chatId, threadId: 0 }]);
    let renders = 0;
    const { logger, lines } = memoryLogger('info');
    const sender = senderWith({
      logger,
      maxAttempts: 3,
      render: async (entry) => {
        if (entry.chatId === chatId) renders++;
        throw new Error('the card cannot be drawn');
      },
    });
    // the earlier attempts failed already; their back-off is over
    await models.outbox.updateMany({ chatId }, { $set: { attempts: 2, notBefore: new Date(0) } });
    sender.start();
    await until(async () => Boolean(await models.outbox.exists({ chatId, dead: true })));
    await sleep(500);
    await sender.stop();

    expect(renders).toBe(1);
    const entry = await models.outbox.findOne({ chatId }).lean();
    expect(entry).toMatchObject({ pending: false, dead: true, lastError: 'the card cannot be drawn' });
    expect(lines.some((line) => line.includes('notification given up'))).toBe(true);
  });

  it('a sender whose database fails while it records a failed send keeps running', async () => {
    // no buffering: with the database gone, writes fail at once as they do when it drops
    const failing = await mongoose
      .createConnection(database.uri, { dbName: database.dbName, bufferCommands: false })
      .asPromise();
    const failingModels = modelsFor(failing);
    await enqueueOrderCard(failingModels, new mongoose.Types.ObjectId(), 1, [{ chatId: 505, threadId: 0 }]);
    const { logger, lines } = memoryLogger('info');
    const sender = senderWith({
      models: failingModels,
      logger,
      // the send fails, and the database is gone before the failure can be written down
      render: async () => {
        await failing.close();
        throw new Error('the card could not be rendered');
      },
    });
    sender.start();
    await until(() => lines.some((line) => line.includes('outbox read failed')), 10_000);

    await expect(sender.stop()).resolves.toBeUndefined();
    expect(lines.some((line) => line.includes('chat left for a later turn'))).toBe(true);
  });
});

import { scansWholeCollection } from '#test/harness/filters.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { App } from '#src/app.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { insertNewOrders } from '#src/services/order-records.js';
import type { StoreRecord } from '#src/services/stores.js';
import { loadConfig } from '#src/config/index.js';
import { modelsFor } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import { createServices } from '#src/services/index.js';
import {
  ADMIN,
  FAST_HTTP,
  greetAdmin,
  startTestBed,
  TEST_ENCRYPTION_KEY,
  testEnv,
  type TestBed,
} from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;

const GROUP_CHAT = -1001234567890;

// every test gets a shop and a database of its own, so counts are exact
beforeEach(async () => {
  prom = await startFakeProm({ seed: 51 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url },
    services: { httpOptions: FAST_HTTP },
  });
  await greetAdmin(bed);
});

afterEach(async () => {
  await bed?.close();
  await prom?.close();
});

async function newStore(name: string, extra: Partial<StoreRecord> = {}) {
  return bed.app.services.stores.create({
    name,
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    ...extra,
  });
}

/** every order of the store as the number of messages in the chat that mention it */
async function cardCounts(store: StoreRecord, chatId: number) {
  const orders = await bed.app.models.orders.find({ storeId: store._id }).lean();
  const messages = bed.telegram.botMessages(chatId);
  return orders.map((order) => messages.filter((m) => m.text.includes(`№${order.number}`)).length);
}

async function outboxDrained(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('O1 exactly-once delivery', { timeout: 60_000 }, () => {
  it('a process stopped between storing an order and queueing its card: the next poll queues it', async () => {
    const store = await newStore('Обрив');
    prom.addOrders(2, { status: 'pending' });
    const orders = await bed.app.services.stores.marketplaceFor(store).listChangedOrders(null);
    // what the killed process managed: the order written, its card not yet queued
    await insertNewOrders(
      bed.app.models,
      store._id,
      [{ order: orders[0]!, backfilled: false, autoAcceptAt: null }],
      {
        timeZone: 'Europe/Kyiv',
      },
    );
    expect(await bed.app.models.outbox.countDocuments({})).toBe(0);

    await bed.app.services.orderSync.pollStore(store._id);
    await outboxDrained();
    expect(await cardCounts(store, ADMIN.id)).toEqual([1, 1]);
    await bed.app.services.orderSync.pollStore(store._id);
    await outboxDrained();
    expect(await cardCounts(store, ADMIN.id)).toEqual([1, 1]);
  });

  it('restart between the upsert and the send: every card arrives once', async () => {
    const store = await newStore('Перезапуск');
    prom.addOrders(5, { status: 'pending' });
    await bed.app.sender?.stop();
    await bed.app.services.orderSync.pollStore(store._id);
    expect(await bed.app.models.outbox.countDocuments({ pending: true })).toBe(5);
    await bed.restart();
    await outboxDrained();
    expect(await cardCounts(store, ADMIN.id)).toEqual([1, 1, 1, 1, 1]);
  });

  it('two processes polling one store at once card each order exactly once', async () => {
    const store = await newStore('Два процеси');
    prom.addOrders(6, { status: 'pending' });
    const second: App = await bed.launchAnother();
    try {
      await Promise.all([
        bed.app.services.orderSync.pollStore(store._id),
        second.services.orderSync.pollStore(store._id),
      ]);
      await outboxDrained();
    } finally {
      await second.stop();
    }
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(6);
    expect(await cardCounts(store, ADMIN.id)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('loses no order when a fifth of the marketplace calls fail', async () => {
    const store = await newStore('Ненадійний');
    prom.addOrders(8, { status: 'pending' });
    prom.faults.setRate(0.2, ['http500', 'http503', 'html', 'malformed_json']);
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const outcome = await bed.app.services.orderSync.pollStore(store._id).catch(() => null);
        if (outcome) break;
      }
    } finally {
      prom.faults.clear();
    }
    await bed.app.services.orderSync.pollStore(store._id);
    await outboxDrained();
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(8);
    expect(await cardCounts(store, ADMIN.id)).toEqual(Array(8).fill(1));
    expect(Object.values(prom.faults.served).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

/**
 * The app's order sync on a connection of its own, and the database commands each call of
 * `run` sends on it, by collection (counted by the driver's command monitoring).
 */
async function countedOrderSync() {
  const connection = await mongoose
    .createConnection(bed.database.uri, { dbName: bed.database.dbName, monitorCommands: true })
    .asPromise();
  const config = loadConfig(testEnv(bed, { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PROM_API_URL: prom.url }));
  const models = modelsFor(connection);
  // the models' collection checks at start-up are not the poll's
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
  const services = createServices(config, models, createLogger('silent'), { httpOptions: FAST_HTTP });
  let counts: Record<string, number> = {};
  let scans: string[] = [];
  connection.getClient().on('commandStarted', (event) => {
    const target = String(event.command[event.commandName]);
    counts[target] = (counts[target] ?? 0) + 1;
    scans.push(...scansWholeCollection(event.command).map((filter) => `${target} ${filter}`));
  });
  return {
    orderSync: services.orderSync,
    async run(work: () => Promise<unknown>) {
      counts = {};
      await work();
      return counts;
    },
    /** the filters of the commands sent so far that name no field by equality */
    takeScans() {
      const taken = scans;
      scans = [];
      return taken;
    },
    close: () => connection.close(),
  };
}

const withoutOutbox = ({ outbox: _cards, orders: _orders, ...rest }: Record<string, number>) => rest;
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('O1 a page of new orders in a handful of commands', { timeout: 120_000 }, () => {
  it('stores 4 or 30 new orders with the same few commands, one card entry and one indexed read each', async () => {
    const store = await newStore('Сторінка');
    const counted = await countedOrderSync();
    const poll = () => counted.run(() => counted.orderSync.pollStore(store._id));
    prom.addOrders(4, { status: 'pending' });
    const few = await poll();
    prom.addOrders(30, { status: 'pending' });
    const many = await poll();

    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(34);
    expect(withoutOutbox(many)).toEqual(withoutOutbox(few));
    expect(total(withoutOutbox(many))).toBeLessThanOrEqual(14);
    // each order listed and not yet seen stored is read by its (store, id) equality; then the page's writes
    expect(many.orders).toBeLessThanOrEqual(34 + 2);
    // the overlap lists them all again: stored and announced as listed by this process, they cost no read
    expect((await poll()).orders ?? 0).toBe(0);
    // the cards' own entries: at most one command each (enqueueOrderCards batches them further)
    expect(many.outbox ?? 0).toBeLessThanOrEqual(30);
    expect(await bed.app.models.outbox.countDocuments({ kind: 'order_card' })).toBe(34);
    // FerretDB v1 narrows a read or write in PostgreSQL only by equalities: a filter on `$in`
    // alone read every order and customer, seconds per page once a shop had thousands
    expect(counted.takeScans()).toEqual([]);
    await counted.close();
  });

  it('two processes storing one page at once store each order, its status and its card entry once', async () => {
    const store = await newStore('Дві сторінки');
    prom.addOrders(12, { status: 'pending' });
    const second: App = await bed.launchAnother();
    try {
      await Promise.all([
        bed.app.services.orderSync.pollStore(store._id),
        second.services.orderSync.pollStore(store._id),
      ]);
    } finally {
      await second.stop();
    }
    const orders = await bed.app.models.orders.find({ storeId: store._id }).lean();
    expect(orders).toHaveLength(12);
    expect(orders.every((order) => order.version === 1 && order.announcedVersion === 1)).toBe(true);
    const ids = orders.map((order) => order._id);
    expect(await bed.app.models.statusChanges.countDocuments({ orderId: { $in: ids } })).toBe(12);
    const entries = await bed.app.models.outbox.find({ orderId: { $in: ids } }).lean();
    expect(entries.map((entry) => `${String(entry.orderId)}:${entry.chatId}`).sort()).toEqual(
      ids.map((id) => `${String(id)}:${ADMIN.id}`).sort(),
    );
  });
});

describe('J5 bursts', { timeout: 60_000 }, () => {
  it('delivers every card through a 429 storm within one message a second per chat', async () => {
    const store = await newStore('Шторм');
    prom.addOrders(6, { status: 'pending' });
    bed.telegram.faults.failNext(
      { kind: 'rate_limit', retryAfterSeconds: 1, pathIncludes: 'sendMessage' },
      4,
    );
    await bed.app.services.orderSync.pollStore(store._id);
    await outboxDrained();
    expect(await cardCounts(store, ADMIN.id)).toEqual(Array(6).fill(1));
    expect(bed.telegram.faults.served.rate_limit).toBeGreaterThanOrEqual(4);
    expect(bed.telegram.peakCallsPerSecond(ADMIN.id)).toBeLessThanOrEqual(2);
  });

  it('folds a backlog for a group into one digest, newest first, that opens cards', async () => {
    const store = await newStore('Груповий');
    await bed.app.models.stores.updateOne(
      { _id: store._id },
      {
        $set: { destinations: [{ chatId: GROUP_CHAT, threadId: 0, events: ['new_order', 'status_change'] }] },
      },
    );
    prom.addOrders(14, { status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    await outboxDrained();

    const groupMessages = bed.telegram.botMessages(GROUP_CHAT);
    expect(groupMessages.length).toBeLessThanOrEqual(3);
    const digest = groupMessages.find((m) => m.text.includes('найновіші першими'))!;
    expect(digest).toBeDefined();
    // each order shows exactly once, as a card or as a digest line
    expect(await cardCounts(store, GROUP_CHAT)).toEqual(Array(14).fill(1));
    const numbers = [...digest.text.matchAll(/№(\d+)/g)].map((match) => Number(match[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

    const open = digest.reply_markup!.inline_keyboard[0]![0]! as { text: string; callback_data: string };
    const before = groupMessages.length;
    bed.telegram.clickButton(ADMIN, digest, open.callback_data);
    const card = await bed.telegram.waitFor(() => bed.telegram.botMessages(GROUP_CHAT)[before], 8000);
    expect(card.text).toContain(open.text);
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('✅ Прийняти');
  });
});

describe('S3 imported statuses', () => {
  it('imports only the chosen statuses and keeps an order it has up to date whatever its status', async () => {
    const store = await newStore('Лише нові');
    const known = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { importedStatuses: ['pending'] } });
    const skipped = prom.addOrder({ status: 'delivered' });
    prom.updateOrder(known.id, { status: 'canceled' });
    await bed.app.services.orderSync.pollStore(store._id);

    const stored = await bed.app.models.orders.find({ storeId: store._id }).lean();
    expect(stored.map((order) => order.marketplaceOrderId)).toEqual([String(known.id)]);
    expect(stored[0]?.status).toBe('canceled');
    expect(skipped.id).not.toBe(known.id);
  });
});

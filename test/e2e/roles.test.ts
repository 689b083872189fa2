import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '#src/app.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, FAST_HTTP, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed | undefined;
let prom: FakeProm | undefined;
const others: App[] = [];

afterEach(async () => {
  for (const app of others.splice(0)) await app.stop();
  await bed?.close();
  await prom?.close();
  bed = undefined;
  prom = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startWith(env: Record<string, string>) {
  prom = await startFakeProm({ seed: 71 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url, ...env },
    services: { httpOptions: FAST_HTTP },
  });
  return { bed, prom };
}

async function launch(env: Record<string, string>) {
  if (!bed) throw new Error('no test bed');
  const app = await bed.launchAnother({ env });
  others.push(app);
  return app;
}

/** a Prom store whose cards go straight to the admin's chat (no team lookup needed) */
async function newStore(app: App, name: string): Promise<StoreRecord> {
  const store = await app.services.stores.create({
    name,
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
  });
  await app.models.stores.updateOne(
    { _id: store._id },
    { $set: { destinations: [{ chatId: ADMIN.id, threadId: 0, events: ['new_order', 'status_change'] }] } },
  );
  return store;
}

/** every order of the store as the number of admin messages that mention it */
async function cardCounts(app: App, bed: TestBed, store: StoreRecord) {
  const orders = await app.models.orders.find({ storeId: store._id }).lean();
  const messages = bed.telegram.botMessages(ADMIN.id);
  return orders.map((order) => messages.filter((m) => m.text.includes(`№${order.number}`)).length);
}

const orderListings = (fake: FakeProm) => fake.calls.filter((call) => call.path.startsWith('/orders')).length;
const getUpdatesCalls = (b: TestBed) =>
  b.telegram.calls.filter((call) => call.method === 'getUpdates').length;

describe('Running it: roles', () => {
  it('a worker sends the cards of new orders but takes no Telegram updates', async () => {
    const { bed, prom } = await startWith({ ROLE: 'worker' });
    expect(bed.app.bot).toBeNull();
    const store = await newStore(bed.app, 'Лише воркер');
    prom.addOrders(2, { status: 'pending' });
    bed.app.startPolling();
    await waitUntil(async () => (await cardCounts(bed.app, bed, store)).join() === '1,1', 10_000);

    const cards = bed.telegram.botMessages(ADMIN.id).length;
    bed.telegram.sendText(ADMIN, '/start');
    await sleep(1_000);
    expect(bed.telegram.botMessages(ADMIN.id)).toHaveLength(cards);
    expect(getUpdatesCalls(bed)).toBe(0);
  });

  it('a bot answers /start but polls no store', async () => {
    const { bed, prom } = await startWith({ ROLE: 'bot' });
    expect(bed.app.sender).toBeNull();
    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);

    const store = await newStore(bed.app, 'Лише бот');
    prom.addOrders(2, { status: 'pending' });
    const listingsBefore = orderListings(prom);
    bed.app.startPolling();
    await sleep(3_000); // a worker would have polled the new store by now
    expect(orderListings(prom)).toBe(listingsBefore);
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(0);
  });

  it('one bot and two workers on one database card each order exactly once', async () => {
    const { bed, prom } = await startWith({ ROLE: 'bot' });
    const workers = [await launch({ ROLE: 'worker' }), await launch({ ROLE: 'worker' })];
    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
    const replies = bed.telegram.botMessages(ADMIN.id).length;

    const store = await newStore(bed.app, 'Спільний');
    prom.addOrders(5, { status: 'pending' });
    for (const worker of workers) worker.startPolling();
    await waitUntil(async () => {
      const counts = await cardCounts(bed.app, bed, store);
      return counts.length === 5 && counts.every((n) => n >= 1);
    }, 15_000);
    await sleep(1_000); // a double would have arrived by now
    expect(await cardCounts(bed.app, bed, store)).toEqual([1, 1, 1, 1, 1]);
    expect(bed.telegram.botMessages(ADMIN.id).length).toBe(replies + 5);
  });
});

describe('O1 polling shared by workers', () => {
  it('two workers poll a store once per interval between them, and a paused store not at all', async () => {
    const { bed, prom } = await startWith({ ROLE: 'worker' });
    const second = await launch({ ROLE: 'worker' });
    const store = await newStore(bed.app, 'Щосекунди');
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { pollIntervalSeconds: 1 } });
    const listingsBefore = orderListings(prom);
    const startedAt = Date.now();
    bed.app.startPolling();
    second.startPolling();
    await sleep(6_000);
    const slots = Math.ceil((Date.now() - startedAt) / 1000) + 1;
    const polls = orderListings(prom) - listingsBefore;
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(slots);

    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { status: 'paused' } });
    await sleep(1_500); // a poll that had begun before the pause ends
    const pausedAt = orderListings(prom);
    await sleep(2_000);
    expect(orderListings(prom)).toBe(pausedAt);
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('waited too long');
    await sleep(100);
  }
}

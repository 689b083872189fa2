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
    await bed.app.schedulePolling(store);
    await waitUntil(async () => (await cardCounts(bed.app, bed, store)).join() === '1,1', 10_000);

    const cards = bed.telegram.botMessages(ADMIN.id).length;
    bed.telegram.sendText(ADMIN, '/start');
    await sleep(1_000);
    expect(bed.telegram.botMessages(ADMIN.id)).toHaveLength(cards);
    expect(getUpdatesCalls(bed)).toBe(0);
  });

  it('a bot answers /start and queues store polling but runs no job', async () => {
    const { bed, prom } = await startWith({ ROLE: 'bot' });
    expect(bed.app.sender).toBeNull();
    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);

    const store = await newStore(bed.app, 'Лише бот');
    prom.addOrders(2, { status: 'pending' });
    const listingsBefore = orderListings(prom);
    await bed.app.schedulePolling(store);
    await sleep(3_000); // longer than a worker's processEvery (2 s)
    const jobs = bed.app.connection.db?.collection('jobs');
    const queued = await jobs?.find({ 'data.storeId': String(store._id) }).toArray();
    expect(queued?.length).toBe(2);
    expect(queued?.every((job) => !job.lastRunAt)).toBe(true);
    expect(orderListings(prom)).toBe(listingsBefore);
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(0);
  });

  it('one bot and two workers on one database card each order exactly once', async () => {
    const { bed, prom } = await startWith({ ROLE: 'bot' });
    await launch({ ROLE: 'worker' });
    await launch({ ROLE: 'worker' });
    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
    const replies = bed.telegram.botMessages(ADMIN.id).length;

    const store = await newStore(bed.app, 'Спільний');
    prom.addOrders(5, { status: 'pending' });
    await bed.app.schedulePolling(store);
    await waitUntil(async () => {
      const counts = await cardCounts(bed.app, bed, store);
      return counts.length === 5 && counts.every((n) => n >= 1);
    }, 15_000);
    await sleep(1_000); // a double would have arrived by now
    expect(await cardCounts(bed.app, bed, store)).toEqual([1, 1, 1, 1, 1]);
    expect(bed.telegram.botMessages(ADMIN.id).length).toBe(replies + 5);
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('waited too long');
    await sleep(100);
  }
}

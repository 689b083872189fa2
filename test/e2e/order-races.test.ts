import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#src/app.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { STATUS_NAMES } from '#src/sandbox/fake-prom/catalog.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { FAST_HTTP, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let second: App;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 23 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url },
    services: { httpOptions: FAST_HTTP },
  });
  // the harness's other processes start once the admin is in (S5)
  await greetAdmin(bed);
  second = await bed.launchAnother();
});

afterAll(async () => {
  await second?.stop();
  await bed?.close();
  await prom?.close();
});

const ROUNDS = 20;

describe('O1 one stored change per order version, whoever writes', { timeout: 120_000 }, () => {
  it('two processes storing the same change at once bump the version once, and the last state stays', async () => {
    const store: StoreRecord = await bed.app.services.stores.create({
      name: 'Перегони',
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    });
    const placed = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    const stored = async () =>
      (await bed.app.models.orders
        .findOne({ storeId: store._id, marketplaceOrderId: String(placed.id) })
        .lean<OrderDoc>())!;
    const first = await stored();

    const rounds: { version: number; status: string; rows: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const status = round % 2 === 1 ? 'received' : 'pending';
      prom.updateOrder(placed.id, { status, status_name: STATUS_NAMES[status] ?? status });
      // two writers of one order at once: the two processes' polls (each also its own second poll)
      await Promise.all(
        [bed.app, second, bed.app, second].map((app) => app.services.orderSync.pollStore(store._id)),
      );
      const order = await stored();
      const rows = await bed.app.models.statusChanges.countDocuments({ orderId: first._id });
      rounds.push({ version: order.version, status: order.status, rows });
    }

    // each round changed the order once: one version and one status row per change, none lost
    expect(rounds).toEqual(
      Array.from({ length: ROUNDS }, (_, index) => ({
        version: first.version + index + 1,
        status: index % 2 === 0 ? 'received' : 'pending',
        rows: index + 2,
      })),
    );
    const history = await bed.app.models.statusChanges.find({ orderId: first._id }).sort({ at: 1 }).lean();
    expect(history.map((row) => row.from)).toEqual([null, ...history.slice(0, -1).map((row) => row.to)]);
  });

  it('an order placed since the last poll, polled by two processes at once, is stored once with its customer counted once', async () => {
    const store: StoreRecord = await bed.app.services.stores.create({
      name: 'Новинки',
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    });
    await bed.app.services.orderSync.pollStore(store._id);
    // Prom's times have whole seconds: the new order is placed a second after the last change seen
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const placed = prom.addOrder({ status: 'pending' });
    await Promise.all(
      [bed.app, second, bed.app, second].map((app) => app.services.orderSync.pollStore(store._id)),
    );

    const orders = await bed.app.models.orders
      .find({ storeId: store._id, marketplaceOrderId: String(placed.id) })
      .lean<OrderDoc[]>();
    expect(orders).toHaveLength(1);
    expect(await bed.app.models.statusChanges.countDocuments({ orderId: orders[0]!._id })).toBe(1);
    const customer = await bed.app.models.customers.findById(orders[0]!.customerId).lean();
    const theirs = await bed.app.models.orders.countDocuments({ customerId: orders[0]!.customerId });
    expect(customer?.orderCount).toBe(theirs);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import type { FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { startTwoShops, type TwoShops } from '#test/harness/two-shops.js';
import { ADMIN, type TestBed } from '#test/harness/app.js';
import { hasButton } from '#test/harness/chat.js';

let shops: TwoShops | undefined;
let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
let promStore: StoreRecord;
let rozetkaStore: StoreRecord;

beforeAll(async () => {
  shops = await startTwoShops(import.meta.filename, { seed: 181, pollIntervalSeconds: 1800 });
  ({ bed, prom, rozetka, promStore, rozetkaStore } = shops);
});

afterAll(async () => {
  await shops?.close();
});

const pollOrders = (store: StoreRecord) => bed.app.services.orderSync.pollStore(store._id);
const pollMessages = (store: StoreRecord) => bed.app.services.buyerMessages.pollStore(store._id);

const messageCard = (text: string, probe: (m: FakeMessage) => boolean = () => true) =>
  bed.telegram.waitFor(
    () =>
      bed.telegram
        .botMessages(ADMIN.id)
        .find((m) => m.text.includes(text) && hasButton(m, /Відповісти/) && probe(m)),
    8000,
  );

const OPEN_ORDER = /🔗 Замовлення/;

/** the card of the message shows the order's status and opens it; its thread knows the order */
async function expectLinked(store: StoreRecord, marketplaceOrderId: string, text: string) {
  const order = await vi.waitFor(async () => {
    const found = await bed.app.models.orders.findOne({ storeId: store._id, marketplaceOrderId }).lean();
    expect(found).toBeTruthy();
    return found;
  });
  const status = order?.data.statusLabel ?? '';
  const card = await messageCard(text, (m) => m.text.includes(`— ${status}`) && hasButton(m, OPEN_ORDER));
  expect(card.text).toContain(`№${marketplaceOrderId} — ${status}`);
  await vi.waitFor(async () => {
    const thread = await bed.app.models.messageThreads
      .findOne({ storeId: store._id, marketplaceOrderId })
      .lean();
    expect(String(thread?.orderId)).toBe(String(order?._id));
  });
  expect(bed.telegram.botMessages(ADMIN.id).filter((m) => m.text.includes(text))).toHaveLength(1);
}

describe('M1 a buyer message that arrives before its order', () => {
  it('Prom: the order list fails, the message card waits, then the stored order links and redraws it', async () => {
    const order = prom.addOrder({ status: 'pending' });
    prom.addChatMessage({ body: 'Чи можна змінити колір?', contextOrderId: order.id });
    prom.faults.failNext({ kind: 'http500', pathIncludes: '/orders/list' }, 4);
    await expect(pollOrders(promStore)).rejects.toThrow();
    await pollMessages(promStore);
    const waiting = await messageCard('Чи можна змінити колір?');
    expect(waiting.text).toContain(`№${order.id}`);
    expect(hasButton(waiting, OPEN_ORDER)).toBe(false);

    await pollOrders(promStore);
    await expectLinked(promStore, String(order.id), 'Чи можна змінити колір?');
  });

  it('Rozetka: the order search fails, the message card waits, then the stored order links and redraws it', async () => {
    const order = rozetka.addOrder();
    rozetka.addChatMessage({ orderId: order.id, body: 'Коли буде відправка?' });
    rozetka.faults.failNext({ kind: 'http500', pathIncludes: '/orders/search' }, 4);
    await expect(pollOrders(rozetkaStore)).rejects.toThrow();
    await pollMessages(rozetkaStore);
    const waiting = await messageCard('Коли буде відправка?');
    expect(waiting.text).toContain(`№${order.id}`);
    expect(hasButton(waiting, OPEN_ORDER)).toBe(false);

    await pollOrders(rozetkaStore);
    await expectLinked(rozetkaStore, String(order.id), 'Коли буде відправка?');
  });

  // a slot polls orders and messages side by side; here the message poll finishes first
  it('Prom: order and message arriving in one poll end linked', async () => {
    const order = prom.addOrder({ status: 'pending' });
    prom.addChatMessage({ body: 'Одна хвиля: Prom', contextOrderId: order.id });
    await pollMessages(promStore);
    await pollOrders(promStore);
    await expectLinked(promStore, String(order.id), 'Одна хвиля: Prom');
  });

  it('Rozetka: order and message arriving in one poll end linked', async () => {
    const order = rozetka.addOrder();
    rozetka.addChatMessage({ orderId: order.id, body: 'Одна хвиля: Rozetka' });
    await pollMessages(rozetkaStore);
    await pollOrders(rozetkaStore);
    await expectLinked(rozetkaStore, String(order.id), 'Одна хвиля: Rozetka');
  });

  it('redraws a linked message card when the order status changes', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await pollOrders(promStore);
    prom.addChatMessage({ body: 'Статус змінився?', contextOrderId: order.id });
    await pollMessages(promStore);
    await expectLinked(promStore, String(order.id), 'Статус змінився?');
    prom.updateOrder(order.id, { status: 'received', status_name: 'Прийнято' });
    await pollOrders(promStore);
    await messageCard('Статус змінився?', (m) => m.text.includes('— Прийнято'));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, greetAdmin, startTestBed, type TestBed, MANAGER, addManager } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
let promStore: StoreRecord;
let rozetkaStore: StoreRecord;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 11 });
  rozetka = await startFakeRozetka({ seed: 12 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url, ROZETKA_API_URL: rozetka.url },
  });
  await addManager(bed);
  await greetAdmin(bed);
  promStore = await bed.app.services.stores.create({
    name: 'Туристичний Prom',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    pollIntervalSeconds: 15,
  });
  rozetkaStore = await bed.app.services.stores.create({
    name: 'Гаджети Rozetka',
    credentials: { marketplace: 'rozetka', username: 'demo', password: 'demo' },
    pollIntervalSeconds: 15,
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
  await rozetka?.close();
});

const poll = async (store: StoreRecord) => bed.app.services.orderSync.pollStore(store._id);

const cardsFor = (chatId: number, number: string | number) =>
  bed.telegram.botMessages(chatId).filter((m) => m.text.includes(String(number)) && m.reply_markup);

const waitForCard = (
  chatId: number,
  number: string | number,
  probe: (m: FakeMessage) => boolean = () => true,
) => bed.telegram.waitFor(() => cardsFor(chatId, number).find(probe), 8000);

const buttonData = (message: FakeMessage, label: RegExp) => {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));
  if (!button || !('callback_data' in button)) throw new Error(`no button ${label} on the card`);
  return button.callback_data as string;
};

describe('O1 polling and O2 live order card', () => {
  it('sends one card per order to every team member and nothing twice on repeated polls', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    await waitForCard(MANAGER.id, order.id);
    expect(card.text).toContain('Туристичний Prom');
    expect(card.html).toContain(`${order.id}`);
    await poll(promStore);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(cardsFor(ADMIN.id, order.id)).toHaveLength(1);
    expect(cardsFor(MANAGER.id, order.id)).toHaveLength(1);
    const stored = await bed.app.models.orders.countDocuments({ marketplaceOrderId: String(order.id) });
    expect(stored).toBe(1);
  });

  it('catches an order that Prom-payment moved out of pending within seconds', async () => {
    const order = prom.addOrder({ status: 'pending' });
    prom.payOrder(order.id);
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    expect(card.text).toMatch(/Оплачено|paid/i);
  });

  it('O4 edits the same card in place when the marketplace changes the order', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    prom.updateOrder(order.id, { status: 'received', status_name: 'Прийнято' });
    await poll(promStore);
    await bed.telegram.waitFor(() => card.edits > 0 && card.text.includes('Прийнято'), 8000);
    expect(cardsFor(ADMIN.id, order.id)).toHaveLength(1);
    const history = await bed.app.models.statusChanges
      .find({ orderId: (await bed.app.models.orders.findOne({ marketplaceOrderId: String(order.id) }))?._id })
      .lean();
    expect(history.map((h) => h.to)).toEqual(['pending', 'received']);
  });

  it('keeps card message ids across a restart: no second card after restarting', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    await waitForCard(ADMIN.id, order.id);
    await bed.restart();
    prom.updateOrder(order.id, { client_notes: 'Подзвоніть після обіду' });
    await bed.app.services.orderSync.pollStore(promStore._id);
    await waitForCard(ADMIN.id, order.id, (m) => m.text.includes('Подзвоніть після обіду'));
    expect(cardsFor(ADMIN.id, order.id)).toHaveLength(1);
  });

  it('sends a Rozetka order card with its allowed transitions only', async () => {
    const order = rozetka.addOrder({ status: 1 } as never);
    await poll(rozetkaStore);
    const card = await waitForCard(ADMIN.id, order.id);
    expect(card.text).toContain('Гаджети Rozetka');
    expect(() => buttonData(card, /Прийняти/)).not.toThrow();
  });
});

describe('Rozetka session', () => {
  it('logs in once and keeps the token across polls, though every poll updates the store', async () => {
    await poll(rozetkaStore);
    const loginsBefore = rozetka.logins;
    await poll(rozetkaStore);
    await poll(rozetkaStore);
    expect(rozetka.logins).toBe(loginsBefore);
  });
});

describe('O3 status from Telegram', () => {
  it('accepts from the card: one marketplace call, every copy edited with the audit line', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const adminCard = await waitForCard(ADMIN.id, order.id);
    const managerCard = await waitForCard(MANAGER.id, order.id);
    const accept = buttonData(adminCard, /Прийняти/);
    const callsBefore = prom.calls.filter((c) => c.path.endsWith('/orders/set_status')).length;

    const clicks = [
      bed.telegram.clickButton(ADMIN, adminCard, accept),
      bed.telegram.clickButton(MANAGER, managerCard, accept),
    ].map((click) => click.callback_query?.id);

    const auditLine = /прийнято — (Олена|Тарас)/;
    await bed.telegram.waitFor(
      () => auditLine.test(managerCard.text) && auditLine.test(adminCard.text),
      8000,
    );
    // each tap's own answer, whenever it came (the card may be redrawn before the winner's answer)
    const answers = await bed.telegram.waitFor(() => {
      const found = clicks.map((id) => bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === id));
      return found.every(Boolean) ? found.map((a) => a?.text) : null;
    }, 8000);
    // the later tap finds the order busy, or, once the first is done, its card changed
    expect([...answers].sort()).toEqual([
      'Готово ✅',
      expect.stringMatching(/вже обробляється|картка змінилася/),
    ]);
    const setStatusCalls =
      prom.calls.filter((c) => c.path.endsWith('/orders/set_status')).length - callsBefore;
    expect(setStatusCalls).toBe(1);
    expect(prom.getOrder(order.id)?.status).toBe('received');
    expect(() => buttonData(adminCard, /Прийняти/)).toThrow();
  });

  it('shows a marketplace refusal in plain words and leaves the card true', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    prom.overrideNext('/orders/set_status', { json: { error: 'This status value is not allowed' } });
    const click = bed.telegram.clickButton(ADMIN, card, buttonData(card, /Прийняти/));
    const answer = await bed.telegram.waitFor(() =>
      bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
    );
    expect(answer.text).toContain('Маркетплейс відмовив');
    expect(answer.text).toContain('This status value is not allowed');
    expect(prom.getOrder(order.id)?.status).toBe('pending');
    expect(() => buttonData(card, /Прийняти/)).not.toThrow();
  });

  it('answers a forged button with a short note and no action', async () => {
    const card = bed.telegram.botMessages(ADMIN.id).find((m) => m.reply_markup) as FakeMessage;
    const callsBefore = prom.calls.length;
    const click = bed.telegram.clickButton(ADMIN, card, 'oa:ffffffffffffffffffffffff:1');
    const answer = await bed.telegram.waitFor(() =>
      bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
    );
    expect(answer.text).toContain('не знайдено');
    expect(prom.calls.length).toBe(callsBefore);
  });

  it('O9 saves a TTN typed after tapping the TTN button', async () => {
    const order = prom.addOrder({ status: 'received' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /ТТН/));
    const prompt = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(`ТТН для замовлення №${order.id}`)),
    );
    bed.telegram.sendText(ADMIN, '20450000000001', { replyTo: prompt.message_id });
    await bed.telegram.waitFor(
      () => bed.telegram.botMessages(ADMIN.id).at(-1)?.text.includes('Готово'),
      8000,
    );
    const saved = prom.calls.find((c) => c.path.endsWith('/delivery/save_declaration_id'));
    expect(saved?.body).toMatchObject({ order_id: order.id, declaration_id: '20450000000001' });
  });
});

describe('O2 cancel with the marketplace reason menu', () => {
  it('cancels a Prom order with a reason that needs a note, typed as the next message', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Скасувати/));
    await bed.telegram.waitFor(() =>
      card.reply_markup?.inline_keyboard.flat().some((b) => /Назад/.test(b.text)),
    );
    const reason = card.reply_markup?.inline_keyboard
      .flat()
      .find((b) => 'callback_data' in b && String(b.callback_data).endsWith(':another'));
    expect(reason).toBeDefined();
    bed.telegram.clickButton(ADMIN, card, (reason as { callback_data: string }).callback_data);
    await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(`скасування замовлення №${order.id}`)),
    );
    bed.telegram.sendText(ADMIN, 'Покупець передумав');
    await bed.telegram.waitFor(() => prom.getOrder(order.id)?.status === 'canceled', 8000);
    const call = prom.calls.find(
      (c) => c.path.endsWith('/orders/set_status') && JSON.stringify(c.body).includes('another'),
    );
    expect(call?.body).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'another',
      cancellation_text: 'Покупець передумав',
    });
  });
});

describe('O7 customers', () => {
  it('matches a returning buyer by phone and keeps the order count and total', async () => {
    const phone = '+380671112233';
    const first = prom.addOrder({ status: 'pending', phone } as never);
    const second = prom.addOrder({ status: 'pending', phone } as never);
    await poll(promStore);
    const orders = await bed.app.models.orders
      .find({ marketplaceOrderId: { $in: [String(first.id), String(second.id)] } })
      .lean();
    const customer = await bed.app.models.customers.findOne({ matchKey: 'phone:380671112233' }).lean();
    expect(customer?.orderCount).toBe(2);
    expect(customer?.totalKop).toBe(orders.reduce((sum, order) => sum + order.totalKop, 0));
    expect(orders.every((order) => String(order.customerId) === String(customer?._id))).toBe(true);
  });
});

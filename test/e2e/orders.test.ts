import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.js';
import { createOrderSync } from '#src/services/order-sync.js';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import type { FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { startTwoShops, type TwoShops } from '#test/harness/two-shops.js';
import { ADMIN, type TestBed, MANAGER } from '#test/harness/app.js';

let shops: TwoShops | undefined;
let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
let promStore: StoreRecord;
let rozetkaStore: StoreRecord;

beforeAll(async () => {
  shops = await startTwoShops(import.meta.filename, { seed: 11, pollIntervalSeconds: 15, withManager: true });
  ({ bed, prom, rozetka, promStore, rozetkaStore } = shops);
});

afterAll(async () => {
  await shops?.close();
});

const poll = async (store: StoreRecord) => bed.app.services.orderSync.pollStore(store._id);

const cardsFor = (chatId: number, number: string | number) =>
  bed.telegram.botMessages(chatId).filter((m) => m.text.includes(String(number)) && m.reply_markup);

const waitForCard = (
  chatId: number,
  number: string | number,
  probe: (m: FakeMessage) => boolean = () => true,
) => bed.telegram.waitFor(() => cardsFor(chatId, number).find(probe), 8000);

const answerFor = (click: { callback_query?: { id: string } }) =>
  bed.telegram.waitFor(
    () => bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
    8000,
  );

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

  it('finds an order committed late, behind the watermark, when a poll reaches back for late changes', async () => {
    /** a process's order polling as it starts: its first poll of a store reaches back for late changes */
    const startedSync = () =>
      createOrderSync(bed.app.models, bed.app.services.stores, createLogger('silent'), {
        clock: { timeZone: 'Europe/Kyiv' },
      });
    const sync = startedSync();
    await sync.pollStore(promStore._id);
    const { orderWatermark } = (await bed.app.models.stores.findById(promStore._id).lean<StoreRecord>())!;
    const late = prom.state.addOrder({ status: 'pending' }, new Date(orderWatermark!.getTime() - 60_000));
    const stored = () => bed.app.models.orders.countDocuments({ marketplaceOrderId: String(late.json.id) });

    await sync.pollStore(promStore._id);
    expect(await stored()).toBe(0);

    await startedSync().pollStore(promStore._id);
    expect(await stored()).toBe(1);
    await waitForCard(ADMIN.id, late.json.id);
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

  it("names the order source in words, after the store's own source label", async () => {
    await bed.app.models.stores.updateOne({ _id: promStore._id }, { $set: { sourceLabel: 'Prom основний' } });
    try {
      const order = prom.addOrder({ status: 'pending', source: 'portal' });
      await poll(promStore);
      const card = await waitForCard(ADMIN.id, order.id);
      expect(card.text).toContain('🔗 Джерело: Prom основний · каталог Prom.ua');
      expect(card.text).not.toContain('portal');
    } finally {
      await bed.app.models.stores.updateOne({ _id: promStore._id }, { $set: { sourceLabel: '' } });
    }
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
  it('accepts from the card: one marketplace call, every copy edited, the manager tapping at once told who accepted', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const adminCard = await waitForCard(ADMIN.id, order.id);
    const managerCard = await waitForCard(MANAGER.id, order.id);
    const accept = buttonData(adminCard, /Прийняти/);
    const callsBefore = prom.calls.filter((c) => c.path.endsWith('/orders/set_status')).length;

    const taps = [
      { name: 'Олена', click: bed.telegram.clickButton(ADMIN, adminCard, accept) },
      { name: 'Тарас', click: bed.telegram.clickButton(MANAGER, managerCard, accept) },
    ];

    const auditLine = /прийнято — (Олена|Тарас)/;
    await bed.telegram.waitFor(
      () => auditLine.test(managerCard.text) && auditLine.test(adminCard.text),
      8000,
    );
    // the second tap waits for the first one's result and says who did what
    const answers = await Promise.all(
      taps.map(async ({ name, click }) => ({
        name,
        text: (await answerFor(click)).text,
      })),
    );
    const winner = answers.find((answer) => answer.text === 'Готово ✅');
    const loser = answers.find((answer) => answer !== winner);
    expect(winner).toBeDefined();
    expect(loser?.text).toBe(`Замовлення вже прийнято — ${winner?.name}. Картку оновлено.`);
    // a late tap on the same stale button hears the same, not a bare "no longer available"
    const late = bed.telegram.clickButton(MANAGER, managerCard, accept);
    expect((await answerFor(late)).text).toBe(`Замовлення вже прийнято — ${winner?.name}. Картку оновлено.`);
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

  it('asks to choose the reason in the card text, and Back takes the prompt away', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    expect(card.text).not.toContain('Оберіть причину скасування');
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Скасувати/));
    await bed.telegram.waitFor(() => card.text.includes('Оберіть причину скасування'));
    expect(card.text).toContain(`№${order.id}`);
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Назад/));
    await bed.telegram.waitFor(() => !card.text.includes('Оберіть причину скасування'));
    expect(() => buttonData(card, /Прийняти/)).not.toThrow();
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

const ACTION_PREFIXES = /^(oa|oc|os|on):/;
const actionButtons = (message: FakeMessage) =>
  (message.reply_markup?.inline_keyboard.flat() ?? []).filter(
    (b) => 'callback_data' in b && ACTION_PREFIXES.test(String(b.callback_data)),
  );

describe('O4 Rozetka changes made on the marketplace reach the card', () => {
  it('the buyer cancels on Rozetka: the card shows the cancellation and loses its action buttons', async () => {
    const order = rozetka.addOrder({ status: 26 } as never);
    await poll(rozetkaStore);
    const card = await waitForCard(ADMIN.id, order.id);
    expect(actionButtons(card).length).toBeGreaterThan(0);

    rozetka.updateOrder(order.id, { status: 45 });
    await poll(rozetkaStore);

    await bed.telegram.waitFor(() => card.edits > 0 && card.text.includes('Скасовано покупцем'), 8000);
    expect(actionButtons(card)).toEqual([]);
    expect(cardsFor(ADMIN.id, order.id)).toHaveLength(1);
    const stored = await bed.app.models.orders.findOne({ marketplaceOrderId: String(order.id) }).lean();
    expect(stored?.statusGroup).toBe('cancelled');
  });

  it('a delivered order: the card shows it', async () => {
    const order = rozetka.addOrder({ status: 4, ttn: '20450000000777' } as never);
    await poll(rozetkaStore);
    const card = await waitForCard(ADMIN.id, order.id);

    rozetka.updateOrder(order.id, { status: 6 });
    await poll(rozetkaStore);

    await bed.telegram.waitFor(() => card.edits > 0 && card.text.includes('Замовлення виконано'), 8000);
    expect(actionButtons(card)).toEqual([]);
    const stored = await bed.app.models.orders.findOne({ marketplaceOrderId: String(order.id) }).lean();
    expect(stored?.statusGroup).toBe('done');
  });

  it('a Prom order cancelled on the marketplace: the card shows it and loses its action buttons', async () => {
    const order = prom.addOrder({ status: 'received' });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    prom.updateOrder(order.id, { status: 'canceled', status_name: 'Скасовано' });
    await poll(promStore);
    await bed.telegram.waitFor(() => card.edits > 0 && card.text.includes('Скасовано'), 8000);
    expect(actionButtons(card)).toEqual([]);
  });
});

describe('O9 TTN from the order’s own moves', () => {
  async function typeTtn(card: FakeMessage, number: string | number, ttn: string) {
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /🚚/));
    const prompt = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(`ТТН для замовлення №${number}`)),
    );
    const before = bed.telegram.botMessages(ADMIN.id).length;
    bed.telegram.sendText(ADMIN, ttn, { replyTo: prompt.message_id });
    return bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).slice(before).at(-1), 8000);
  }

  it('Rozetka after Accept: the TTN goes with 61, which 26 offers, and the card follows', async () => {
    const order = rozetka.addOrder({ status: 1 } as never);
    await poll(rozetkaStore);
    const card = await waitForCard(ADMIN.id, order.id);
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Прийняти/));
    await bed.telegram.waitFor(
      () => rozetka.getOrder(order.id)?.status === 26 && /🚚/.test(JSON.stringify(card.reply_markup)),
      8000,
    );

    const answer = await typeTtn(card, order.id, '20450000000123');

    expect(answer.text).toContain('Готово');
    expect(rozetka.getOrder(order.id)).toMatchObject({ status: 61, ttn: '20450000000123' });
    const puts = rozetka.calls.filter((c) => c.method === 'PUT' && c.path === `/orders/${order.id}`);
    expect(puts.map((c) => c.body)).toEqual([{ status: 26 }, { status: 61, ttn: '20450000000123' }]);
    await bed.telegram.waitFor(() => card.text.includes('Заплановано передачу перевізникові'), 8000);
  });

  it('Rozetka refuses a move the order no longer offers (1005): plain words, and the card shows what it offers now', async () => {
    const order = rozetka.addOrder({ status: 26 } as never);
    await poll(rozetkaStore);
    const card = await waitForCard(ADMIN.id, order.id);
    // the seller moved it on in the cabinet meanwhile; the card still offers "confirmed" (2)
    rozetka.updateOrder(order.id, { status: 61, ttn: '20450000000456' });
    const click = bed.telegram.clickButton(ADMIN, card, buttonData(card, /Комплектується/));
    const answer = await bed.telegram.waitFor(() =>
      bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
    );
    expect(answer.text).toBe(
      'Маркетплейс не дозволяє цей крок із поточного статусу замовлення. Картку оновлено — оберіть одну з дій, які там є зараз.',
    );
    expect(rozetka.getOrder(order.id)?.status).toBe(61);
    await bed.telegram.waitFor(() => card.text.includes('Заплановано передачу перевізникові'), 8000);
    expect(() => buttonData(card, /Комплектується/)).toThrow();
  });

  it('Prom: a waybill the order already has ("Этот ЭН уже добавлен") counts as saved', async () => {
    const waybill = (declaration: string | null) => ({
      provider: 'nova_poshta',
      type: 'W2W',
      sender_warehouse_id: null,
      recipient_warehouse_id: null,
      declaration_number: declaration,
    });
    const order = prom.addOrder({ status: 'received', delivery_provider_data: waybill(null) });
    await poll(promStore);
    const card = await waitForCard(ADMIN.id, order.id);
    // a colleague attached it in the cabinet after the card was drawn
    prom.updateOrder(order.id, { delivery_provider_data: waybill('20450000000999') });

    const answer = await typeTtn(card, order.id, '20450000000999');

    expect(answer.text).toContain('Готово');
    const saves = prom.calls.filter(
      (c) =>
        c.path.endsWith('/delivery/save_declaration_id') && JSON.stringify(c.body).includes('20450000000999'),
    );
    expect(saves).toHaveLength(1);
  });
});

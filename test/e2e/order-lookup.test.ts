import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, createPromStore, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;

const OTHER_STORE_MANAGER = { id: 2003, first_name: 'Ігор', language_code: 'uk' };

beforeAll(async () => {
  prom = await startFakeProm({ seed: 31 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await greetAdmin(bed);
  store = await createPromStore(bed, 'Пошуковий Prom');
  await bed.app.models.users.create({
    telegramId: OTHER_STORE_MANAGER.id,
    name: 'Ігор',
    role: 'manager',
    storeIds: ['0123456789abcdef01234567'],
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

/** polls the store and waits until its cards are out, so the chat holds only answers after it */
async function pollAndDeliver() {
  await bed.app.services.orderSync.pollStore(store._id);
  const deadline = Date.now() + 20_000;
  while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0) {
    if (Date.now() > deadline) throw new Error('cards were not delivered in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ask(text: string, from = ADMIN): Promise<FakeMessage> {
  const before = bed.telegram.botMessages(from.id).length;
  bed.telegram.sendText(from, text);
  return bed.telegram.waitFor(() => bed.telegram.botMessages(from.id)[before], 8000);
}

const buttons = (message: FakeMessage) =>
  (message.reply_markup?.inline_keyboard.flat() ?? []).map((b) => ({
    text: b.text,
    data: 'callback_data' in b ? (b.callback_data as string) : '',
  }));

const answerFor = (click: { callback_query?: { id: string } }) =>
  bed.telegram.waitFor(
    () => bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
    8000,
  );

const tap = (message: FakeMessage, label: RegExp) => {
  const button = buttons(message).find((b) => label.test(b.text));
  if (!button) throw new Error(`no button ${label}`);
  bed.telegram.clickButton(ADMIN, message, button.data);
};

describe('O8 lookup', () => {
  it('finds an order by number, by phone in any spelling and by name; the card it sends is the live one', async () => {
    const order = prom.addOrder({
      status: 'pending',
      client_first_name: 'Соломія',
      client_last_name: 'Крушельницька',
      phone: '+380671234567',
    });
    await pollAndDeliver();

    const byNumber = await ask(`/order ${order.id}`);
    expect(byNumber.text).toContain(`№${order.id}`);
    expect(buttons(byNumber).map((b) => b.text)).toContain('✅ Прийняти');

    let latest = byNumber;
    for (const query of ['/order 067 123 45 67', '/order крушельницька']) {
      latest = await ask(query);
      expect(latest.text, query).toContain(`№${order.id}`);
    }

    // a change on Prom edits the copy /order sent last; the older ones point at it, without buttons
    prom.updateOrder(order.id, { status: 'received' });
    await pollAndDeliver();
    await bed.telegram.waitFor(() => !buttons(latest).some((b) => b.text === '✅ Прийняти'), 8000);
    expect(buttons(byNumber)).toEqual([]);
    expect(byNumber.text).toContain('актуальна — нижче');
  });

  it('O2/O4 after a lookup and a change on Prom, no copy keeps stale buttons; a tap on each copy tells the truth', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await pollAndDeliver();
    const original = await bed.telegram.waitFor(
      () =>
        bed.telegram
          .botMessages(ADMIN.id)
          .find((m) => m.text.includes(`№${order.id}`) && buttons(m).length > 0),
      8000,
    );
    const staleAccept = buttons(original).find((b) => b.text === '✅ Прийняти')?.data ?? '';
    expect(staleAccept).not.toBe('');

    const live = await ask(`/order ${order.id}`);
    await bed.telegram.waitFor(() => buttons(original).length === 0, 8000);
    expect(original.text).toContain(`№${order.id}`);
    expect(original.text).toContain('Ця копія картки більше не оновлюється');

    // the status changes on Prom; Telegram holds back the card's edit, so the live copy lags
    prom.updateOrder(order.id, { status: 'received', status_name: 'Прийнято' });
    const heldBack = bed.telegram.faults.served.rate_limit ?? 0;
    bed.telegram.faults.failNext({
      kind: 'rate_limit',
      retryAfterSeconds: 8,
      pathIncludes: 'editMessageText',
    });
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.telegram.waitFor(() => (bed.telegram.faults.served.rate_limit ?? 0) > heldBack, 8000);
    expect(buttons(live).map((b) => b.text)).toContain('✅ Прийняти');
    const calls = prom.calls.length;

    // a tap on the replaced copy does nothing and says where the live one is
    const onOriginal = bed.telegram.clickButton(ADMIN, original, staleAccept);
    const originalAnswer = await answerFor(onOriginal);
    expect(originalAnswer.text).toContain('Ця копія застаріла');
    expect(buttons(original)).toEqual([]);

    // a tap on the live copy is refused and redraws it at once, not when Telegram lets the edit through
    const onLive = bed.telegram.clickButton(ADMIN, live, staleAccept);
    const liveAnswer = await answerFor(onLive);
    expect(liveAnswer.text).toContain('Ця картка змінилася');
    await bed.telegram.waitFor(() => live.text.includes('Статус: Прийнято'), 4000);
    expect(buttons(live).map((b) => b.text)).not.toContain('✅ Прийняти');
    expect(prom.calls.slice(calls).filter((c) => c.path.endsWith('/orders/set_status'))).toEqual([]);
    await pollAndDeliver();
  });

  it('says plainly when nothing matches and explains the command without a query', async () => {
    expect((await ask('/order Неіснуючий Покупець')).text).toContain('Нічого не знайдено');
    expect((await ask('/order')).text).toContain('/order 313748913');
  });

  it('/orders pages through a filtered list edited in place and opens a card from it', async () => {
    prom.addOrders(7, { status: 'pending' });
    prom.addOrders(2, { status: 'canceled' });
    await pollAndDeliver();
    const cancelled = await bed.app.models.orders.countDocuments({ statusGroup: 'cancelled' });
    const all = await bed.app.models.orders.countDocuments({});

    const list = await ask('/orders');
    expect(list.text).toContain(`усього ${all}`);
    expect(list.text).toContain('Сторінка 1 з 2');

    tap(list, /▶/);
    await bed.telegram.waitFor(() => list.text.includes('Сторінка 2 з 2'), 8000);

    for (const label of ['Нові', 'В роботі', 'Виконані', 'Скасовані']) {
      tap(list, /^📌/);
      await bed.telegram.waitFor(() => list.text.includes(`· ${label} ·`), 8000);
    }
    expect(list.text).toContain(`усього ${cancelled}`);
    expect(list.text).toContain('Сторінка 1 з 1');

    const first = buttons(list).find((b) => b.text.startsWith('№'))!;
    const before = bed.telegram.botMessages(ADMIN.id).length;
    bed.telegram.clickButton(ADMIN, list, first.data);
    const card = await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id)[before], 8000);
    expect(card.text).toContain(first.text);
  });

  it('shows a manager only the stores they work with', async () => {
    const list = await ask('/orders', OTHER_STORE_MANAGER);
    expect(list.text).toContain('замовлень немає');
    const order = await bed.app.models.orders.findOne({}).lean();
    expect((await ask(`/order ${order!.number}`, OTHER_STORE_MANAGER)).text).toContain('Нічого не знайдено');
  });
});

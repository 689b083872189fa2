import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketplaceError } from '#src/marketplaces/errors.js';
import type { Marketplace, Order } from '#src/marketplaces/port.js';
import { createRozetkaMarketplace, type RozetkaMarketplaceOptions } from '#src/marketplaces/rozetka/index.js';
import { formatKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import type { FaultKind } from '#src/sandbox/faults.js';
import {
  startFakeRozetka,
  type FakeRozetka,
  type FakeRozetkaOptions,
} from '#src/sandbox/fake-rozetka/index.js';
import { memoryLogger } from '#test/harness/bad-input.js';

const USERNAME = 'shop@example.com';
const PASSWORD = 'пароль-Secret1';
const ORDER_EXPAND = 'user,delivery,purchases,status_data,payment,status_available';

let fake: FakeRozetka | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setUp(
  fakeOptions: FakeRozetkaOptions = {},
  adapterOptions: Partial<RozetkaMarketplaceOptions> = {},
): Promise<{ fake: FakeRozetka; rozetka: Marketplace; sleeps: number[] }> {
  fake = await startFakeRozetka({
    seed: 7,
    seller: { username: USERNAME, password: PASSWORD },
    ...fakeOptions,
  });
  const sleeps: number[] = [];
  const rozetka = createRozetkaMarketplace({
    baseUrl: fake.url,
    credentials: { username: USERNAME, password: PASSWORD },
    ...adapterOptions,
    httpOptions: {
      retries: 3,
      baseDelayMs: 1,
      timeoutMs: 2_000,
      sleep: async (ms) => void sleeps.push(ms),
      ...adapterOptions.httpOptions,
    },
  });
  return { fake, rozetka, sleeps };
}

async function rejectionOf(promise: Promise<unknown>): Promise<MarketplaceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MarketplaceError);
  return error as MarketplaceError;
}

const callsTo = (server: FakeRozetka, method: string, pathPattern: RegExp) =>
  server.calls.filter((call) => call.method === method && pathPattern.test(call.path));

/** Logs in without the adapter, for talking to the fake directly. */
async function accessToken(server: FakeRozetka): Promise<string> {
  const login = await fetch(`${server.url}/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: Buffer.from(PASSWORD).toString('base64') }),
  });
  return ((await login.json()) as { content: { access_token: string } }).content.access_token;
}

describe('O1 polling — Rozetka adapter', () => {
  it('walks every page from the watermark minus the overlap, without duplicates', async () => {
    const { fake, rozetka } = await setUp();
    const watermark = new Date(Date.now() - 3_600_000);
    const at = (offsetMs: number) => formatKyiv(new Date(watermark.getTime() + offsetMs));
    const fresh = Array.from({ length: 43 }, (_, i) => fake.addOrder({ created: at(i * 1000) }));
    const inOverlap = fake.addOrder({ created: at(-3 * 60_000) });
    const tooOld = fake.addOrder({ created: at(-10 * 60_000) });

    const orders = await rozetka.listChangedOrders(watermark);

    const ids = orders.map((order) => order.marketplaceOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...fresh, inOverlap].map((order) => String(order.id)).sort());
    expect(ids).not.toContain(String(tooOld.id));
    const searches = callsTo(fake, 'GET', /^\/orders\/search$/);
    expect(searches.map((call) => call.query.page)).toEqual(['1', '2', '3']);
    for (const call of searches) {
      // polls and backfills alike: without types=1 Rozetka leaves out cancelled and completed orders
      expect(call.query.types).toBe('1');
      expect(call.query.changed_from).toBe(formatKyiv(new Date(watermark.getTime() - 5 * 60_000)));
      expect(call.query.expand).toBe(ORDER_EXPAND);
    }
  });

  it('sends Content-Language uk and the Bearer token on every call', async () => {
    const { fake, rozetka } = await setUp({ initialOrders: 3 });
    await rozetka.listChangedOrders(null);
    await rozetka.listNewMessages(null);
    const authedCalls = fake.calls.filter((call) => call.path !== '/sites');
    expect(authedCalls.length).toBeGreaterThanOrEqual(3);
    for (const call of fake.calls) expect(call.headers['content-language']).toBe('uk');
    for (const call of authedCalls) expect(call.headers.authorization).toMatch(/^Bearer rz-1-/);
  });

  it('drops the copy of an order that shifts onto the next page while walking', async () => {
    const { fake, rozetka } = await setUp();
    const watermark = new Date(Date.now() - 60_000);
    const placed = Array.from({ length: 30 }, () =>
      fake.addOrder({ id: 900_000_100 + fake.state.orders.size }),
    );
    fake.onCall((call) => {
      // an order with a lower id appears before page 2 is read: page 2 now starts with page 1's last row
      if (call.path === '/orders/search' && call.query.page === '2') fake.addOrder({ id: 900_000_001 });
    });

    const orders = await rozetka.listChangedOrders(watermark);

    const ids = orders.map((order) => order.marketplaceOrderId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids)).toEqual(new Set(placed.map((order) => String(order.id))));
  });

  it('asks for the last three days on a first run', async () => {
    const now = new Date('2025-07-01T09:00:00Z');
    const { fake, rozetka } = await setUp({}, { now: () => now });
    await rozetka.listChangedOrders(null);
    expect(callsTo(fake, 'GET', /^\/orders\/search$/)[0]?.query.changed_from).toBe('2025-06-28 12:00:00');
  });

  it('reads one order with the same expand and maps it fully', async () => {
    const { fake, rozetka } = await setUp();
    const placed = fake.addOrder({ comment: 'Подзвоніть після 18:00' });

    const order = await rozetka.getOrder(String(placed.id));

    expect(callsTo(fake, 'GET', /^\/orders\/\d+$/)[0]?.query.expand).toBe(ORDER_EXPAND);
    expect(order).toMatchObject({
      marketplaceOrderId: String(placed.id),
      status: '1',
      statusGroup: 'new',
      comment: 'Подзвоніть після 18:00',
      totalKop: Math.round(Number(placed.cost_with_discount) * 100),
      buyer: { fullName: placed.user_title.full_name, phone: `+${placed.user_phone}` },
    });
    expect(order.items).toHaveLength(placed.purchases.length);
    expect(order.transitions[0]).toEqual({
      kind: 'accept',
      status: '26',
      label: 'Обробляється менеджером',
      requiresTtn: false,
    });
    expect(formatKyiv(order.createdAt)).toBe(placed.created);
  });

  it('reports an unknown order as not found', async () => {
    const { rozetka } = await setUp();
    expect((await rejectionOf(rozetka.getOrder('1'))).kind).toBe('not_found');
  });
});

describe('O3 status from Telegram — Rozetka refusals', () => {
  async function orderIn(rozetka: Marketplace, id: number): Promise<Order> {
    return rozetka.getOrder(String(id));
  }

  it('moves an order 1 → 26 → 2 → 3 with a TTN', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder({ deliveryType: 0 });

    await rozetka.accept(String(id));
    expect(fake.getOrder(id)?.status).toBe(26);
    expect((await orderIn(rozetka, id)).transitions.map((t) => t.status)).toContain('2');
    await rozetka.setStatus(String(id), '2');
    const confirmed = await orderIn(rozetka, id);
    expect(confirmed.transitions.find((t) => t.status === '3')).toMatchObject({ requiresTtn: true });
    await rozetka.setStatus(String(id), '3', { ttn: '20450593818718' });

    expect(fake.getOrder(id)).toMatchObject({ status: 3, ttn: '20450593818718' });
    const puts = callsTo(fake, 'PUT', /^\/orders\/\d+$/).map((call) => call.body);
    expect(puts).toEqual([{ status: 26 }, { status: 2 }, { status: 3, ttn: '20450593818718' }]);
    expect((await orderIn(rozetka, id)).statusLabel).toBe('Передано до служби доставки');
  });

  it('refuses status 3 without a TTN before calling Rozetka', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder({ status: 2 });
    const error = await rejectionOf(rozetka.setStatus(String(id), '3'));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('"Передано до служби доставки" needs a TTN (waybill number)');
    expect(callsTo(fake, 'PUT', /^\/orders\//)).toHaveLength(0);
    expect(fake.getOrder(id)?.status).toBe(2);
  });

  it.each(['object', 'array'] as const)(
    'shows an invalid move refused by Rozetka with 1005 «Наступний статус недоступний» (errors as %s)',
    async (errorsShape) => {
      const { fake, rozetka } = await setUp({ settings: { errorsShape } });
      const { id } = fake.addOrder();
      const error = await rejectionOf(rozetka.setStatus(String(id), '2'));
      expect(error.kind).toBe('refused');
      expect(error.refusal).toBe('move_unavailable');
      expect(error.message).toBe(
        `Rozetka refused to move order ${id} to "Комплектується. Дані підтверджені" (2): ` +
          'Rozetka found the data incorrect ' +
          '(Зміна статусу «Нове замовлення» на «Комплектується. Дані підтверджені» недоступна)',
      );
      expect(error.detail).toMatch(/^1005 Наступний статус недоступний/);
      expect(fake.getOrder(id)?.status).toBe(1);
    },
  );

  it('the fake offers from 26 exactly the moves a real order had, and from 1 only 26 or a cancellation', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder({ deliveryType: 0 });
    const fresh = await rozetka.getOrder(String(id));
    expect(fresh.transitions.filter((t) => t.kind !== 'cancel').map((t) => t.status)).toEqual(['26']);
    await rozetka.accept(String(id));
    const raw = JSON.parse((await rozetka.getOrder(String(id))).rawJson) as {
      status_available: { child_id: number }[];
    };
    expect(raw.status_available.map((move) => move.child_id)).toEqual([
      55, 47, 2, 61, 42, 43, 28, 33, 40, 49, 20, 18, 29, 17, 37, 38,
    ]);
    const error = await rejectionOf(rozetka.setStatus(String(id), '3', { ttn: '20450000000001' }));
    expect(error.detail).toMatch(/^1005 Наступний статус недоступний/);
    expect(fake.getOrder(id)?.status).toBe(26);
  });

  it('the fake itself insists on a TTN for 3 and 61 and a duplicate id for 49', async () => {
    const { fake } = await setUp();
    const token = await accessToken(fake);
    const put = async (id: number, body: unknown) => {
      const response = await fetch(`${fake.url}/orders/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { success: boolean; errors?: { code: number; details: string[] } };
    };
    const confirmed = fake.addOrder({ status: 2 });
    expect(await put(confirmed.id, { status: 3 })).toMatchObject({
      success: false,
      errors: { code: 1001, details: ['ttn'] },
    });
    expect(await put(confirmed.id, { status: 61 })).toMatchObject({
      success: false,
      errors: { details: ['ttn'] },
    });
    expect(await put(fake.addOrder().id, { status: 49 })).toMatchObject({
      success: false,
      errors: { details: ['duplicate_order_id'] },
    });
    // a TTN sent with status 2 moves the order on to 61 (spec §4.4)
    expect(await put(confirmed.id, { status: 2, ttn: '59000123456789' })).toMatchObject({ success: true });
    expect(fake.getOrder(confirmed.id)).toMatchObject({ status: 61, ttn: '59000123456789' });
  });

  it('cancels with the reason as the status and the note as a seller comment', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder();
    const order = await rozetka.getOrder(String(id));
    const reasons = rozetka.cancelReasons(order);
    expect(reasons.map((reason) => reason.code)).toEqual([
      '18',
      '24',
      '28',
      '29',
      '33',
      '35',
      '37',
      '38',
      '40',
      '41',
      '42',
      '43',
      '44',
      '49',
    ]);
    expect(reasons.find((reason) => reason.code === '49')?.requiresText).toBe(true);

    await rozetka.cancel(String(id), '40', 'Покупець передумав по телефону');

    expect(fake.getOrder(id)).toMatchObject({
      status: 40,
      current_seller_comment: 'Покупець передумав по телефону',
    });
    expect((await rozetka.getOrder(String(id))).statusGroup).toBe('cancelled');
  });

  it('cancels as a duplicate only with the duplicated order number', async () => {
    const { fake, rozetka } = await setUp();
    const original = fake.addOrder();
    const duplicate = fake.addOrder();
    const missing = await rejectionOf(rozetka.cancel(String(duplicate.id), '49', null));
    expect(missing.message).toBe('Cancelling as a duplicate needs the number of the order it duplicates');
    expect(callsTo(fake, 'PUT', /^\/orders\//)).toHaveLength(0);

    await rozetka.cancel(String(duplicate.id), '49', ` ${original.id} `);

    expect(callsTo(fake, 'PUT', /^\/orders\//)[0]?.body).toEqual({
      status: 49,
      duplicate_order_id: original.id,
    });
    expect(fake.getOrder(duplicate.id)).toMatchObject({ status: 49, duplicate_order_id: original.id });
  });

  it('O9 sends a TTN after accepting with 61, the move 26 offers for a waybill, never a hard-coded 3', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder({ deliveryType: 0 });
    await rozetka.accept(String(id));
    await rozetka.saveTtn(await rozetka.getOrder(String(id)), ' 20450000000001 ');
    expect(callsTo(fake, 'PUT', /^\/orders\//).at(-1)?.body).toEqual({ status: 61, ttn: '20450000000001' });
    expect(fake.getOrder(id)).toMatchObject({ status: 61, ttn: '20450000000001' });
  });

  it('O9 sends the TTN with 2 where that is the only waybill move offered, and with 3 where only 3 is', async () => {
    const { fake, rozetka } = await setUp();
    const waiting = fake.addOrder({ status: 47 } as never);
    await rozetka.saveTtn(await rozetka.getOrder(String(waiting.id)), '20450000000002');
    expect(callsTo(fake, 'PUT', /^\/orders\//).at(-1)?.body).toEqual({ status: 2, ttn: '20450000000002' });
    // Rozetka turns "2 with a TTN" into 61 (spec §4.4)
    expect(fake.getOrder(waiting.id)).toMatchObject({ status: 61, ttn: '20450000000002' });

    const planned = fake.addOrder({ status: 61, ttn: null } as never);
    await rozetka.saveTtn(await rozetka.getOrder(String(planned.id)), '20450000000003');
    expect(callsTo(fake, 'PUT', /^\/orders\//).at(-1)?.body).toEqual({ status: 3, ttn: '20450000000003' });
    expect(fake.getOrder(planned.id)).toMatchObject({ status: 3, ttn: '20450000000003' });
  });

  it('O9 refuses a TTN in plain words when the order offers no waybill move, without a PUT', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder();
    const error = await rejectionOf(rozetka.saveTtn(await rozetka.getOrder(String(id)), '20450000000001'));
    expect(error).toMatchObject({ kind: 'refused', refusal: 'move_unavailable' });
    expect(error.message).toBe('Rozetka offers no move that takes a TTN from "Нове замовлення"');
    expect(callsTo(fake, 'PUT', /^\/orders\//)).toHaveLength(0);
  });
});

describe('S1 credentials — Rozetka token renewal', () => {
  it('logs in with the base64 password and returns the market title', async () => {
    const { fake, rozetka } = await setUp({ marketTitle: 'Кружки і Ко' });
    expect(await rozetka.checkCredentials()).toEqual({ shopName: 'Кружки і Ко' });
    expect(fake.calls[0]).toMatchObject({
      method: 'POST',
      path: '/sites',
      body: { username: USERNAME, password: Buffer.from(PASSWORD, 'utf8').toString('base64') },
    });
  });

  it.each(['code1004', 'misspelled'] as const)(
    'answers a wrong password with an auth error (%s)',
    async (style) => {
      const { fake, rozetka } = await setUp(
        { settings: { loginErrorStyle: style } },
        { credentials: { username: USERNAME, password: 'wrong' } },
      );
      const error = await rejectionOf(rozetka.checkCredentials());
      expect(error.kind).toBe('auth');
      expect(error.message).toBe('Rozetka rejected the login or password');
      expect((await rejectionOf(rozetka.listChangedOrders(null))).kind).toBe('auth');
      expect(fake.failedLogins).toBe(2);
    },
  );

  it.each(['code1020', 'code6001', 'code1018', 'http401'] as const)(
    'renews an expired token (%s) with exactly one login and repeats the call',
    async (mode) => {
      const { fake, rozetka } = await setUp({ initialOrders: 2 });
      await rozetka.listChangedOrders(null);
      expect(fake.logins).toBe(1);
      fake.expireTokens(mode);

      const orders = await rozetka.listChangedOrders(null);

      expect(orders).toHaveLength(2);
      expect(fake.logins).toBe(2);
      const searches = callsTo(fake, 'GET', /^\/orders\/search$/);
      expect(searches).toHaveLength(3);
      expect(searches[2]?.headers.authorization).not.toBe(searches[1]?.headers.authorization);
    },
  );

  it('coalesces 10 concurrent calls after expiry onto one login', async () => {
    const { fake, rozetka } = await setUp({ initialOrders: 3 });
    await rozetka.checkCredentials();
    fake.expireTokens('code1020');
    const ids = [...fake.state.orders.keys()];

    const orders = await Promise.all(
      Array.from({ length: 10 }, (_, i) => rozetka.getOrder(String(ids[i % 3]))),
    );

    expect(orders.map((order) => order.marketplaceOrderId)).toEqual(
      Array.from({ length: 10 }, (_, i) => String(ids[i % 3])),
    );
    expect(fake.logins).toBe(2);
    expect(callsTo(fake, 'POST', /^\/sites$/)).toHaveLength(2);
  });

  it('gives up with an auth error when the fresh token is rejected as well', async () => {
    const { fake, rozetka } = await setUp();
    fake.onCall((call) => {
      if (call.path === '/orders/search') fake.expireTokens('code6001');
    });
    const error = await rejectionOf(rozetka.listChangedOrders(null));
    expect(error.kind).toBe('auth');
    expect(error.detail).toBe('6001 session_expired');
    expect(fake.logins).toBe(2);
  });

  it('never writes the password or the token to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { fake, rozetka } = await setUp({ initialOrders: 1 }, { logger: pino({ level: 'debug' }, sink) });
    await rozetka.listChangedOrders(null);
    fake.expireTokens();
    await rozetka.listChangedOrders(null);
    const log = lines.join('');
    expect(log).toContain('rozetka login succeeded');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(log).not.toMatch(/rz-\d+-/);
  });
});

describe('M1 buyer messages — Rozetka', () => {
  it('lists buyer messages without opening or marking any chat read', async () => {
    const { fake, rozetka } = await setUp();
    const watermark = new Date(Date.now() - 60_000);
    const order = fake.addOrder();
    const asked = fake.addChatMessage({ orderId: order.id, body: 'Коли відправите?', sender: 'buyer' });
    fake.addChatMessage({ orderId: order.id, body: 'Сьогодні ввечері', sender: 'seller' });
    fake.addChatMessage({ orderId: order.id, body: 'Замовлення оплачено', sender: 'system' });
    const question = fake.addChatMessage({ itemId: undefined, body: 'Є чорного кольору?', sender: 'buyer' });
    fake.addChatMessage({
      orderId: order.id,
      body: 'Старе питання',
      created: formatKyiv(new Date(watermark.getTime() - 3_600_000)),
    });

    const messages = await rozetka.listNewMessages(watermark);

    expect(messages.map((message) => message.text).sort()).toEqual([
      'Є чорного кольору?',
      'Коли відправите?',
    ]);
    expect(messages.find((message) => message.text === 'Коли відправите?')).toMatchObject({
      marketplaceMessageId: String(asked.message.id),
      target: {
        channel: 'rozetka_order',
        threadId: String(asked.chat.id),
        peerId: String(order.user.id),
        messageId: String(asked.message.id),
      },
      buyerName: order.user.contact_fio,
      orderId: String(order.id),
    });
    expect(messages.find((message) => message.text === 'Є чорного кольору?')?.target).toMatchObject({
      channel: 'rozetka_item',
      threadId: String(question.chat.id),
      peerId: String(question.chat.user.id),
    });
    const searches = callsTo(fake, 'GET', /^\/messages\/search$/);
    expect(searches.map((call) => call.query.msgType)).toEqual(['orders', 'items']);
    expect(fake.calls.filter((call) => /^\/messages\/\d+/.test(call.path))).toEqual([]);
    expect(fake.state.chats.get(asked.chat.id)?.read_market).toBeNull();
    expect(fake.state.messages.find((message) => message.id === asked.message.id)?.read).toBeNull();
  });

  it('takes only unread buyer messages on a first run', async () => {
    const { fake, rozetka } = await setUp();
    const order = fake.addOrder();
    const seen = fake.addChatMessage({ orderId: order.id, body: 'Вже прочитане' });
    fake.state.markChatRead(seen.chat, formatKyiv(new Date()));
    fake.addChatMessage({ orderId: order.id, body: 'Нове питання' });

    const messages = await rozetka.listNewMessages(null);

    expect(messages.map((message) => message.text)).toEqual(['Нове питання']);
    expect(callsTo(fake, 'GET', /^\/messages\/search$/)[0]?.query.read).toBe('0');
  });

  it('replies to the right chat and buyer', async () => {
    const { fake, rozetka } = await setUp();
    const first = fake.addChatMessage({ orderId: fake.addOrder().id, body: 'Питання 1' });
    const second = fake.addChatMessage({ orderId: fake.addOrder().id, body: 'Питання 2' });
    const [, target] = (await rozetka.listNewMessages(new Date(Date.now() - 60_000))).map((m) => m.target);
    expect(target?.threadId).toBe(String(second.chat.id));

    await rozetka.reply(target!, 'Відправимо сьогодні');

    expect(callsTo(fake, 'POST', /^\/messages\/create$/)[0]?.body).toEqual({
      body: 'Відправимо сьогодні',
      chat_id: second.chat.id,
      receiver_id: second.chat.user.id,
    });
    const sent = fake.state.messages.filter((message) => message.sender === 2);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ chat_id: second.chat.id, receiver_id: second.chat.user.id });
    expect(fake.state.messagesOf(first.chat.id).some((message) => message.sender === 2)).toBe(false);
  });

  it('refuses a reply longer than the limit before calling Rozetka', async () => {
    const { fake, rozetka } = await setUp();
    const target = { channel: 'rozetka_order' as const, threadId: '1', peerId: '2', messageId: null };
    const error = await rejectionOf(rozetka.reply(target, 'я'.repeat(rozetka.replyMaxLength + 1)));
    expect(error.kind).toBe('refused');
    expect(fake.calls).toHaveLength(0);
  });

  it('marks a chat read only when asked', async () => {
    const { fake, rozetka } = await setUp();
    const { chat, message } = fake.addChatMessage({ orderId: fake.addOrder().id });
    const [listed] = await rozetka.listNewMessages(null);
    expect(fake.state.chats.get(chat.id)?.read_market).toBeNull();

    await rozetka.markRead(listed!.target);

    const put = callsTo(fake, 'PUT', /^\/messages\/\d+$/);
    expect(put).toHaveLength(1);
    expect(put[0]?.path).toBe(`/messages/${chat.id}`);
    expect((put[0]?.body as { read_market: string }).read_market).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    expect(fake.state.chats.get(chat.id)?.read_market).not.toBeNull();
    expect(fake.state.messages.find((m) => m.id === message.id)?.read).not.toBeNull();
  });
});

describe('P1 products — Rozetka goods', () => {
  it('yields pages of at most 100 items', async () => {
    const { fake, rozetka } = await setUp({ initialItems: 250 });
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of rozetka.listProducts()) {
      sizes.push(page.length);
      for (const product of page) ids.add(product.marketplaceProductId);
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(ids.size).toBe(250);
    expect(callsTo(fake, 'GET', /^\/goods\/all$/).map((call) => call.query.pageSize)).toEqual([
      '100',
      '100',
      '100',
    ]);
  });

  it('lists status, payment and delivery options', async () => {
    const { rozetka } = await setUp();
    const statuses = await rozetka.listStatusOptions();
    expect(statuses).toContainEqual({ id: '26', label: 'Обробляється менеджером' });
    expect(statuses.length).toBeGreaterThan(60);
    expect(await rozetka.listPaymentOptions()).toContainEqual({
      id: '1',
      label: 'Оплата під час отримання товару',
    });
    expect(await rozetka.listDeliveryOptions()).toContainEqual({ id: '5', label: 'Нова Пошта' });
  });
});

describe('Bad input — Rozetka over a flaky network', () => {
  it.each([
    'http500',
    'http502',
    'http503',
    'rate_limit',
    'html',
    'malformed_json',
    'timeout',
  ] as FaultKind[])('retries %s twice and then succeeds', async (kind) => {
    const { fake, rozetka, sleeps } = await setUp(
      { initialOrders: 2 },
      { httpOptions: { timeoutMs: kind === 'timeout' ? 150 : 2_000 } },
    );
    fake.faults.failNext({ kind, pathIncludes: '/orders/search', retryAfterSeconds: 2 }, 2);

    const orders = await rozetka.listChangedOrders(null);

    expect(orders).toHaveLength(2);
    expect(fake.faults.served[kind]).toBe(2);
    expect(sleeps).toHaveLength(2);
    if (kind === 'rate_limit') expect(sleeps).toEqual([2000, 2000]);
  });

  it.each([
    ['http500', 'unavailable'],
    ['rate_limit', 'rate_limited'],
    ['html', 'unavailable'],
    ['malformed_json', 'bad_response'],
    ['timeout', 'unavailable'],
  ] as [FaultKind, string][])('gives up on a persistent %s as %s', async (kind, errorKind) => {
    const { fake, rozetka } = await setUp({}, { httpOptions: { timeoutMs: 150 } });
    fake.faults.failNext({ kind, pathIncludes: '/orders/search' }, 10);
    const error = await rejectionOf(rozetka.listChangedOrders(null));
    expect(error.kind).toBe(errorKind);
    expect(fake.faults.served[kind]).toBe(4);
  });

  it('does not repeat a reply after a 500 (it may have been sent)', async () => {
    const { fake, rozetka } = await setUp();
    const { chat } = fake.addChatMessage({ orderId: fake.addOrder().id });
    fake.faults.failNext({ kind: 'http500', pathIncludes: '/messages/create' }, 1);
    const target = {
      channel: 'rozetka_order' as const,
      threadId: String(chat.id),
      peerId: String(chat.user.id),
      messageId: null,
    };
    expect((await rejectionOf(rozetka.reply(target, 'Дякуємо!'))).kind).toBe('unavailable');
    expect(fake.faults.served.http500).toBe(1);
  });

  it('skips an order in a broken shape with a logged reason and still reads the rest of its page', async () => {
    const { logger, lines } = memoryLogger('warn');
    const { fake, rozetka } = await setUp({}, { logger });
    const good = fake.addOrder();
    const broken = fake.addOrder({ created: 'не дата', changed: formatKyiv(new Date()) });
    const ids = (await rozetka.listChangedOrders(null)).map((order) => order.marketplaceOrderId);
    expect(ids).toContain(String(good.id));
    expect(ids).not.toContain(String(broken.id));
    expect(
      lines.some((line) => line.includes('skipped a malformed') && line.includes(`"${broken.id}"`)),
    ).toBe(true);
    expect((await rejectionOf(rozetka.getOrder(String(broken.id)))).kind).toBe('bad_response');
  });
});

describe('Sandbox — fake Rozetka', () => {
  it('builds the same shop from the same seed', async () => {
    const now = () => new Date('2025-07-01T09:00:00Z');
    const snapshot = async () => {
      const server = await startFakeRozetka({
        seed: 42,
        now,
        initialItems: 20,
        initialOrders: 10,
        initialActivity: 15,
      });
      const data = JSON.stringify([
        [...server.state.orders.values()],
        [...server.state.chats.values()],
        server.state.messages,
      ]);
      await server.close();
      return data;
    };
    const first = await snapshot();
    expect(await snapshot()).toBe(first);
    expect(first).toContain('2025-07-01 12:00:00');
  });

  it('sandbox life includes buyers cancelling, and a poll sees those orders cancelled', async () => {
    const { fake, rozetka } = await setUp({ initialOrders: 10 });
    const events = Array.from({ length: 150 }, () => fake.simulateActivity());
    const cancelledIds = new Set(
      events.flatMap((event) =>
        event.kind === 'order_changed' && event.status === 45 ? [event.orderId] : [],
      ),
    );
    expect(cancelledIds.size).toBeGreaterThan(0);
    const orders = await rozetka.listChangedOrders(new Date(Date.now() - 60_000));
    const cancelled = orders.filter((order) => order.status === '45');
    expect(new Set(cancelled.map((order) => Number(order.marketplaceOrderId)))).toEqual(cancelledIds);
    expect(
      cancelled.every((order) => order.statusGroup === 'cancelled' && order.transitions.length === 0),
    ).toBe(true);
  });

  it('pages by 20 and leaves out the extras nobody asked for', async () => {
    const { fake } = await setUp({ initialOrders: 21 });
    const token = await accessToken(fake);
    const response = await fetch(`${fake.url}/orders/search?page=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      content: { orders: Record<string, unknown>[]; _meta: unknown };
    };
    expect(body.content._meta).toEqual({ totalCount: 21, pageCount: 2, currentPage: 2, perPage: 20 });
    expect(body.content.orders).toHaveLength(1);
    expect(Object.keys(body.content.orders[0] ?? {})).not.toContain('purchases');
    expect(Object.keys(body.content.orders[0] ?? {})).not.toContain('user');
    const anonymous = await fetch(`${fake.url}/orders/search`);
    expect(await anonymous.json()).toEqual({
      success: false,
      errors: { code: 1020, message: 'incorrect_access_token', details: null },
    });
  });
});

describe('O1 polling — Rozetka as live integrations record it (spec §0)', () => {
  it('O4 the fake answers /orders/search without types with orders in processing only; polls send types=1 and see cancellations and deliveries', async () => {
    const { fake, rozetka } = await setUp();
    const open = fake.addOrder();
    const cancelled = fake.addOrder({ status: 45 } as never);
    const delivered = fake.addOrder({ status: 6 } as never);
    const token = await accessToken(fake);
    const search = async (query: string) => {
      const response = await fetch(`${fake.url}/orders/search?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { content: { orders: { id: number }[] } };
      return body.content.orders.map((order) => order.id).sort();
    };
    expect(await search('')).toEqual([open.id]);
    expect(await search('types=1')).toEqual([open.id, cancelled.id, delivered.id].sort());
    expect(await search('types=6')).toEqual([cancelled.id]);
    expect(await search('type=2')).toEqual([delivered.id]);

    const orders = await rozetka.listChangedOrders(new Date(Date.now() - 60_000));

    expect(callsTo(fake, 'GET', /^\/orders\/search$/).at(-1)?.query.types).toBe('1');
    const groups = Object.fromEntries(orders.map((order) => [order.marketplaceOrderId, order.statusGroup]));
    expect(groups).toEqual({
      [open.id]: 'new',
      [cancelled.id]: 'cancelled',
      [delivered.id]: 'done',
    });
  });

  it.each([
    [43, ['1', '2', '3']],
    [40, ['1', '2', '3']],
    [7, ['1', '2']],
  ] as const)(
    'stops paging on a short or empty page when _meta is missing (%i orders)',
    async (count, pages) => {
      const { fake, rozetka } = await setUp({ settings: { pageMeta: false } });
      for (let i = 0; i < count; i++) fake.addOrder();
      const orders = await rozetka.listChangedOrders(new Date(Date.now() - 60_000));
      expect(orders).toHaveLength(count);
      expect(callsTo(fake, 'GET', /^\/orders\/search$/).map((call) => call.query.page)).toEqual(pages);
    },
  );

  it('links an order to its page in the seller cabinet', async () => {
    const { fake, rozetka } = await setUp();
    const { id } = fake.addOrder();
    expect((await rozetka.getOrder(String(id))).url).toBe(
      `https://seller.rozetka.com.ua/main/orders/edit/${id}`,
    );
  });
});

describe('S1 credentials — Rozetka cabinet API token', () => {
  it('goes straight into Bearer with no /sites, and its check reaches orders and chats', async () => {
    const { fake } = await setUp({ initialOrders: 2 });
    const apiToken = fake.addApiToken();
    const { rozetka } = await withToken(fake, apiToken);
    expect(await rozetka.checkCredentials()).toEqual({ shopName: null });
    expect(await rozetka.listChangedOrders(null)).toHaveLength(2);
    expect(callsTo(fake, 'POST', /^\/sites$/)).toHaveLength(0);
    for (const call of fake.calls) expect(call.headers.authorization).toBe(`Bearer ${apiToken}`);
    expect(fake.calls.map((call) => call.path)).toEqual(
      expect.arrayContaining(['/orders/search', '/messages/search']),
    );
  });

  it.each(['code1020', 'code6001', 'code1018', 'http401'] as const)(
    'a refused token (%s) is an auth error at once: there is no login to fall back on',
    async (mode) => {
      const { fake } = await setUp();
      const { rozetka } = await withToken(fake, fake.addApiToken());
      fake.expireTokens(mode);
      const error = await rejectionOf(rozetka.listChangedOrders(null));
      expect(error.kind).toBe('auth');
      expect(error.message).toBe('Rozetka refused the cabinet API token');
      expect(callsTo(fake, 'POST', /^\/sites$/)).toHaveLength(0);
      expect(callsTo(fake, 'GET', /^\/orders\/search$/)).toHaveLength(1);
    },
  );

  it.each([
    [['correspondence'], 'orders', '/orders/search'],
    [['order_edit'], 'correspondence', '/messages/search'],
  ] as const)(
    'a role with only %j answers 1010 access_denied, reported as the missing %s permission',
    async (permissions, missing, path) => {
      const { fake } = await setUp();
      const { rozetka } = await withToken(fake, fake.addApiToken(permissions));
      const error = await rejectionOf(rozetka.checkCredentials());
      expect(error).toMatchObject({ kind: 'auth', permission: missing });
      expect(error.detail).toMatch(/^1010 access_denied/);
      expect(fake.calls.at(-1)?.path).toBe(path);
    },
  );

  it('a login whose role lacks a section is refused when connecting, naming it', async () => {
    const { fake } = await setUp();
    fake.state.addSeller('orders-only', 'пароль', 'Менеджер замовлень', ['order_edit']);
    const rozetka = createRozetkaMarketplace({
      baseUrl: fake.url,
      credentials: { username: 'orders-only', password: 'пароль' },
    });
    expect(await rejectionOf(rozetka.checkCredentials())).toMatchObject({
      kind: 'auth',
      permission: 'correspondence',
    });
  });
});

async function withToken(server: FakeRozetka, apiToken: string) {
  const rozetka = createRozetkaMarketplace({
    baseUrl: server.url,
    credentials: { apiToken },
    httpOptions: { retries: 0, baseDelayMs: 1, timeoutMs: 2_000 },
  });
  return { rozetka };
}

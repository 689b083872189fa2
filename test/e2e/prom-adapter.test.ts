import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketplaceError } from '#src/marketplaces/errors.js';
import type { Marketplace, Product } from '#src/marketplaces/port.js';
import { createPromMarketplace } from '#src/marketplaces/prom/adapter.js';
import {
  FAKE_PROM_TOKEN,
  startFakeProm,
  type FakeProm,
  type StartFakePromOptions,
} from '#src/sandbox/fake-prom/server.js';

const MINUTE = 60_000;

interface Harness {
  fake: FakeProm;
  prom: Marketplace;
  /** delays the HTTP client asked for (nothing really waits) */
  sleeps: number[];
}

let harness: Harness;

async function startHarness(options: StartFakePromOptions = {}, timeoutMs = 2000): Promise<Harness> {
  const fake = await startFakeProm({ seed: 7, ...options });
  const sleeps: number[] = [];
  const prom = createPromMarketplace({
    baseUrl: fake.url,
    token: FAKE_PROM_TOKEN,
    httpOptions: {
      minIntervalMs: 0,
      baseDelayMs: 1,
      retries: 3,
      timeoutMs,
      sleep: async (ms) => void sleeps.push(ms),
    },
  });
  return { fake, prom, sleeps };
}

async function expectMarketplaceError(promise: Promise<unknown>, kind: MarketplaceError['kind']) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MarketplaceError);
  expect((error as MarketplaceError).kind).toBe(kind);
  return error as MarketplaceError;
}

const callsTo = (fake: FakeProm, path: string) => fake.calls.filter((call) => call.path === path);
const ago = (ms: number) => new Date(Date.now() - ms);

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.fake.close();
});

describe.each(['inclusive', 'exclusive'] as const)('O1 polling — Prom adapter, last_id %s', (boundary) => {
  beforeEach(() => {
    harness.fake.behaviour.lastIdBoundary = boundary;
  });

  it('pages through 260 changed orders downward by last_id, each exactly once', async () => {
    const { fake, prom } = harness;
    const created = fake.addOrders(260);
    const orders = await prom.listChangedOrders(ago(MINUTE));

    expect(orders).toHaveLength(260);
    expect(new Set(orders.map((order) => order.marketplaceOrderId)).size).toBe(260);
    expect(new Set(orders.map((order) => Number(order.marketplaceOrderId)))).toEqual(
      new Set(created.map((order) => order.id)),
    );
    const pages = callsTo(fake, '/orders/list');
    expect(pages).toHaveLength(4);
    const newest = Math.max(...created.map((order) => order.id));
    expect(pages[0]?.query.last_id).toBeUndefined();
    expect(Number(pages[1]?.query.last_id)).toBe(newest - 99);
    for (const page of pages) {
      expect(page.query).toMatchObject({ limit: '100', sort_dir: 'desc' });
      expect(page.query.last_modified_from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(page.query.status).toBeUndefined();
    }
  });

  it('pages products as an async iterable of pages without duplicates', async () => {
    const { fake, prom } = harness;
    fake.addProducts(250);
    const pages: Product[][] = [];
    for await (const page of prom.listProducts()) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual(
      boundary === 'inclusive' ? [100, 99, 51] : [100, 100, 50],
    );
    const ids = pages.flat().map((product) => product.marketplaceProductId);
    expect(new Set(ids).size).toBe(250);
    expect(pages[0]?.[0]).toMatchObject({ currency: 'UAH', name: expect.stringMatching(/#/) });
  });
});

describe.each(['all', 'root_group'] as const)(
  'P1 products — the whole Prom catalogue when the plain list returns %s',
  (reading) => {
    it('pages the plain list, then every group, each product once', async () => {
      const { fake, prom } = harness;
      fake.behaviour.productsWithoutGroup = reading;
      fake.addProducts(250);
      const ids: string[] = [];
      for await (const page of prom.listProducts()) ids.push(...page.map((p) => p.marketplaceProductId));
      expect(ids).toHaveLength(250);
      expect(new Set(ids)).toEqual(new Set([...fake.state.products.keys()].map(String)));
      const groups = new Set([...fake.state.products.values()].map((p) => p.json.group.id));
      const groupWalks = new Set(callsTo(fake, '/products/list').map((call) => call.query.group_id));
      expect(groupWalks.size).toBe(groups.size);
    });
  },
);

describe('O2 Prom orders with what real orders carry', () => {
  it('keeps an unknown source and a seller-defined custom-<id> status', async () => {
    const { fake, prom } = harness;
    const created = fake.addOrder({
      source: 'mobile_catalog_app',
      status: 'custom-172548',
      status_name: 'Очікує оплату',
    });
    const order = await prom.getOrder(String(created.id));
    expect(order).toMatchObject({
      source: 'mobile_catalog_app',
      status: 'custom-172548',
      statusLabel: 'Очікує оплату',
      statusGroup: 'processing',
    });
  });
});

describe('O1 polling — Prom adapter watermark', () => {
  it.each([
    {
      reach: 'late',
      overlap: 'two and a half minutes',
      overlapMs: 150_000,
      beforeMs: 140_000,
      outsideMs: 10 * MINUTE,
    },
    { reach: 'recent', overlap: 'five seconds', overlapMs: 5000, beforeMs: 500, outsideMs: MINUTE },
  ] as const)(
    'reaching for $reach changes, re-reads $overlap before the watermark and nothing older',
    async ({ reach, overlapMs, beforeMs, outsideMs }) => {
      const { fake, prom } = harness;
      const watermark = ago(30_000);
      const outside = fake.state.addOrder({}, new Date(watermark.getTime() - outsideMs));
      const inOverlap = fake.state.addOrder({}, new Date(watermark.getTime() - beforeMs));
      const fresh = fake.state.addOrder({}, ago(1000));

      const ids = (await prom.listChangedOrders(watermark, reach)).map((order) =>
        Number(order.marketplaceOrderId),
      );

      expect(ids.sort()).toEqual([inOverlap.json.id, fresh.json.id].sort());
      expect(ids).not.toContain(outside.json.id);
      const sent = callsTo(fake, '/orders/list')[0]?.query.last_modified_from;
      expect(sent).toBe(new Date(watermark.getTime() - overlapMs).toISOString().slice(0, 19));
    },
  );

  it('catches an order that went pending → paid within seconds (no status=pending filter)', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending', status_name: 'Нове', payment_data: null });
    const firstPoll = await prom.listChangedOrders(ago(MINUTE));
    expect(firstPoll.find((o) => o.marketplaceOrderId === String(order.id))?.status).toBe('pending');

    const watermark = new Date();
    fake.payOrder(order.id);
    const paidNow = fake.addOrder({ status: 'pending', status_name: 'Нове', payment_data: null });
    fake.payOrder(paidNow.id);

    const secondPoll = await prom.listChangedOrders(watermark);
    const byId = new Map(secondPoll.map((o) => [o.marketplaceOrderId, o]));
    expect(byId.get(String(order.id))).toMatchObject({
      status: 'paid',
      statusGroup: 'new',
      payment: { status: 'paid' },
    });
    expect(byId.get(String(paidNow.id))?.transitions.map((t) => t.kind)).toEqual(['accept', 'cancel']);
    expect(callsTo(fake, '/orders/list').every((call) => call.query.status === undefined)).toBe(true);
  });

  it('looks back 72 hours on a first run', async () => {
    const { fake, prom } = harness;
    const recent = fake.state.addOrder({}, ago(71 * 60 * MINUTE));
    fake.state.addOrder({}, ago(73 * 60 * MINUTE));
    const orders = await prom.listChangedOrders(null);
    expect(orders.map((order) => order.marketplaceOrderId)).toEqual([String(recent.json.id)]);
  });

  it('reads one order, and an unknown one is not_found in both server readings', async () => {
    const { fake, prom } = harness;
    const created = fake.addOrder();
    const order = await prom.getOrder(String(created.id));
    expect(order).toMatchObject({ marketplaceOrderId: String(created.id), totalKop: expect.any(Number) });
    expect(order.totalKop).toBeGreaterThan(0);
    expect(order.items[0]?.name).toBe(created.products[0]?.name_multilang.uk);

    await expectMarketplaceError(prom.getOrder('999'), 'not_found');
    fake.behaviour.unknownOrder = 'error200';
    const error = await expectMarketplaceError(prom.getOrder('999'), 'not_found');
    expect(error.detail).toBe('Order not found');
  });

  it('reads naive response dates without an offset as UTC', async () => {
    const { fake, prom } = harness;
    fake.behaviour.responseDates = 'naive';
    const created = fake.state.addOrder({}, new Date('2026-09-30T10:15:04.523Z'));
    const order = await prom.getOrder(String(created.json.id));
    expect(order.createdAt.toISOString()).toBe('2026-09-30T10:15:04.000Z');
  });
});

describe('O3 status from Telegram — Prom refusals', () => {
  it('accepts with status "received" and the order is received on Prom', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    await prom.accept(String(order.id));
    expect(fake.getOrder(order.id)?.status).toBe('received');
    expect(callsTo(fake, '/orders/set_status')[0]?.body).toEqual({ ids: [order.id], status: 'received' });
  });

  it('a second accept gets an empty processed_ids and is a refusal', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    await prom.accept(String(order.id));
    const error = await expectMarketplaceError(prom.accept(String(order.id)), 'refused');
    expect(error.detail).toBe('{"processed_ids":[]}');
  });

  it('a status Prom does not allow is refused with its words', async () => {
    const { fake, prom } = harness;
    fake.behaviour.writableStatuses = ['delivered', 'paid', 'canceled'];
    const order = fake.addOrder({ status: 'pending' });
    const error = await expectMarketplaceError(prom.accept(String(order.id)), 'refused');
    expect(error.detail).toBe('This status value is not allowed');
    expect(fake.getOrder(order.id)?.status).toBe('pending');
  });

  it('cancels with a reason and the required text', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    await prom.cancel(String(order.id), 'another', 'Покупець передумав');
    expect(fake.getOrder(order.id)).toMatchObject({
      status: 'canceled',
      cancellation: { initiator: 'seller' },
    });
    expect(callsTo(fake, '/orders/set_status')[0]?.body).toEqual({
      ids: [order.id],
      status: 'canceled',
      cancellation_reason: 'another',
      cancellation_text: 'Покупець передумав',
    });
  });

  it.each(['price_changed', 'not_enough_fields', 'another'])(
    'refuses %s without text before calling Prom',
    async (reason) => {
      const { fake, prom } = harness;
      const order = fake.addOrder({ status: 'pending' });
      await expectMarketplaceError(prom.cancel(String(order.id), reason, '  '), 'refused');
      expect(callsTo(fake, '/orders/set_status')).toHaveLength(0);
    },
  );

  it('cancels "not_available" without text; the reason list is Prom\'s own', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'received' });
    const reasons = prom.cancelReasons(await prom.getOrder(String(order.id)));
    expect(reasons.map((reason) => reason.code)).toEqual([
      'not_available',
      'price_changed',
      'buyers_request',
      'not_enough_fields',
      'duplicate',
      'invalid_phone_number',
      'less_than_minimal_price',
      'another',
    ]);
    expect(reasons.filter((reason) => reason.requiresText).map((reason) => reason.code)).toEqual([
      'price_changed',
      'not_enough_fields',
      'another',
    ]);
    await prom.cancel(String(order.id), 'not_available', null);
    expect(fake.getOrder(order.id)?.status).toBe('canceled');
  });

  it("an unknown reason comes back as Prom's field error", async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    const error = await expectMarketplaceError(prom.cancel(String(order.id), 'bored', null), 'refused');
    expect(error.detail).toMatch(/^cancellation_reason: Must be one of/);
  });

  it('a processed id that comes with warning_message or errors is still a refusal', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    fake.overrideNext('/orders/set_status', {
      json: { processed_ids: [order.id], warning_message: 'Замовлення оплачене через Пром-оплату' },
    });
    const warned = await expectMarketplaceError(prom.accept(String(order.id)), 'refused');
    expect(warned.detail).toBe('Замовлення оплачене через Пром-оплату');
    fake.overrideNext('/orders/set_status', { json: { errors: { [order.id]: ['Order is locked'] } } });
    const errored = await expectMarketplaceError(prom.accept(String(order.id)), 'refused');
    expect(errored.detail).toBe(`${order.id}: Order is locked`);
  });

  it('moves a received order to delivered; canceled only through cancel()', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'received' });
    await expectMarketplaceError(prom.setStatus(String(order.id), 'canceled'), 'refused');
    await prom.setStatus(String(order.id), 'delivered');
    expect(fake.getOrder(order.id)?.status).toBe('delivered');
  });

  it('repeats set_status after a 500 because it is safe to repeat', async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({ status: 'pending' });
    fake.faults.failNext({ kind: 'http500', pathIncludes: 'set_status' });
    await prom.accept(String(order.id));
    expect(fake.faults.served.http500).toBe(1);
    expect(fake.getOrder(order.id)?.status).toBe('received');
  });
});

describe('O9 TTN — Prom save_declaration_id', () => {
  it('saves a TTN, and saving the same one again is a success', async () => {
    const { fake, prom } = harness;
    const created = fake.addOrder({
      delivery_provider_data: {
        provider: 'nova_poshta',
        type: 'W2W',
        sender_warehouse_id: null,
        recipient_warehouse_id: null,
        declaration_number: null,
      },
    });
    const order = await prom.getOrder(String(created.id));
    await prom.saveTtn(order, '2045 0000 0000 00');
    expect(fake.getOrder(created.id)?.delivery_provider_data?.declaration_number).toBe('20450000000000');
    await prom.saveTtn(order, '20450000000000');
    expect(callsTo(fake, '/delivery/save_declaration_id').map((call) => call.body)).toEqual([
      { order_id: created.id, declaration_id: '20450000000000', delivery_type: 'nova_poshta' },
      { order_id: created.id, declaration_id: '20450000000000', delivery_type: 'nova_poshta' },
    ]);
    expect((await prom.getOrder(String(created.id))).delivery.ttn).toBe('20450000000000');
  });

  it("setStatus with a TTN saves it for the order's own carrier first", async () => {
    const { fake, prom } = harness;
    const order = fake.addOrder({
      status: 'received',
      delivery_provider_data: {
        provider: 'ukrposhta',
        type: 'W2W',
        sender_warehouse_id: null,
        recipient_warehouse_id: null,
        declaration_number: null,
      },
    });
    await prom.setStatus(String(order.id), 'delivered', { ttn: '0503312345678' });
    expect(callsTo(fake, '/delivery/save_declaration_id')[0]?.body).toMatchObject({
      delivery_type: 'ukrposhta',
    });
    expect(fake.getOrder(order.id)).toMatchObject({
      status: 'delivered',
      delivery_provider_data: { declaration_number: '0503312345678' },
    });
  });

  it('a TTN Prom rejects is a refusal with its words', async () => {
    const { fake, prom } = harness;
    const order = await prom.getOrder(String(fake.addOrder().id));
    const error = await expectMarketplaceError(prom.saveTtn(order, '123'), 'refused');
    expect(error.detail).toBe('Некорректный номер ЭН');
  });
});

describe('M1 buyer messages — Prom chat', () => {
  it('lists incoming chat messages without marking anything read', async () => {
    const { fake, prom } = harness;
    const first = fake.addChatMessage({ body: 'Чи є в наявності?', sentAt: ago(3000) });
    fake.addChatMessage({ roomIdent: first.roomIdent, isSender: true, body: 'Так', sentAt: ago(2000) });
    fake.addChatMessage({
      roomIdent: first.roomIdent,
      type: 'context',
      body: null,
      contextOrderId: 1,
      sentAt: ago(1500),
    });
    const photo = fake.addChatMessage({ attachmentUrls: ['https://chat.prom.ua/a.jpg'], sentAt: ago(1000) });

    const messages = await prom.listNewMessages(null);

    expect(messages.map((message) => message.marketplaceMessageId)).toEqual([
      `chat-${first.id}`,
      `chat-${photo.id}`,
    ]);
    expect(messages[0]).toMatchObject({
      text: 'Чи є в наявності?',
      target: {
        channel: 'prom_chat',
        threadId: first.roomIdent,
        peerId: fake.state.rooms.get(first.roomIdent)?.uuid,
        messageId: String(first.id),
      },
    });
    expect(messages[1]?.attachments).toEqual(['https://chat.prom.ua/a.jpg']);
    expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(0);
    expect(fake.state.chatMessages.get(first.id)?.status).toBe('new');
    expect(callsTo(fake, '/chat/messages_history')[0]?.query).toMatchObject({
      status: 'new',
      project: 'promua',
    });
  });

  it('pages chat history by offset past 100 messages', async () => {
    const { fake, prom } = harness;
    for (let i = 0; i < 130; i++) fake.addChatMessage({ sentAt: ago(200_000 - i * 1000) });
    const messages = await prom.listNewMessages(ago(10 * MINUTE));
    expect(new Set(messages.map((message) => message.marketplaceMessageId)).size).toBe(130);
    expect(callsTo(fake, '/chat/messages_history').map((call) => call.query.offset)).toEqual([
      '0',
      '100',
      '130',
    ]);
  });

  it('replies into the right room', async () => {
    const { fake, prom } = harness;
    fake.addChatMessage();
    const asked = fake.addChatMessage();
    const [, target] = (await prom.listNewMessages(null)).map((message) => message.target);
    await prom.reply(target!, 'Так, є в наявності 👍');
    const replies = [...fake.state.chatMessages.values()].filter((message) => message.isSender);
    expect(replies).toMatchObject([{ roomIdent: asked.roomIdent, body: 'Так, є в наявності 👍' }]);
    expect(callsTo(fake, '/chat/send_message')[0]?.body).toEqual({
      room_ident: asked.roomIdent,
      body: 'Так, є в наявності 👍',
      project: 'promua',
    });
  });

  it('accepts a 2000-character reply and refuses 2001 characters without calling Prom', async () => {
    const { fake, prom } = harness;
    fake.addChatMessage();
    const [message] = await prom.listNewMessages(null);
    expect(prom.replyMaxLength).toBe(2000);
    await expectMarketplaceError(prom.reply(message!.target, 'я'.repeat(2001)), 'refused');
    expect(callsTo(fake, '/chat/send_message')).toHaveLength(0);
    await prom.reply(message!.target, 'я'.repeat(2000));
    expect(callsTo(fake, '/chat/send_message')).toHaveLength(1);
  });

  it('reads message_id at the top level of the send answer too', async () => {
    const { fake, prom } = harness;
    fake.behaviour.chatSendMessageId = 'top';
    fake.addChatMessage();
    const [message] = await prom.listNewMessages(null);
    await expect(prom.reply(message!.target, 'Дякуємо!')).resolves.toBeUndefined();
  });

  it('marks a chat message read with message_id and room_id', async () => {
    const { fake, prom } = harness;
    const incoming = fake.addChatMessage();
    const [message] = await prom.listNewMessages(null);
    await prom.markRead(message!.target);
    expect(fake.state.chatMessages.get(incoming.id)?.status).toBe('read');
    expect(callsTo(fake, '/chat/mark_message_read')[0]?.body).toEqual({
      message_id: incoming.id,
      room_id: fake.state.rooms.get(incoming.roomIdent)?.uuid,
    });
    expect(await prom.listNewMessages(null)).toEqual([]);
  });

  it('a chat refusal ("No such room_id") is reported, and a send is never repeated after a 500', async () => {
    const { fake, prom } = harness;
    fake.addChatMessage();
    const [message] = await prom.listNewMessages(null);
    await expectMarketplaceError(prom.markRead({ ...message!.target, peerId: 'other-room' }), 'not_found');
    fake.faults.failNext({ kind: 'http500', pathIncludes: 'send_message' });
    await expectMarketplaceError(prom.reply(message!.target, 'Привіт'), 'unavailable');
    expect(fake.faults.served.http500).toBe(1);
    expect([...fake.state.chatMessages.values()].filter((m) => m.isSender)).toHaveLength(0);
  });
});

describe.each(['processed_id', 'processed_ids'] as const)(
  'M1 buyer messages — Prom legacy (%s)',
  (replyKey) => {
    it('lists unread legacy messages, replies and marks read', async () => {
      const { fake, prom } = harness;
      fake.behaviour.legacyReplyKey = replyKey;
      const legacy = fake.addLegacyMessage({ message: 'Чи можна оптом?', subject: 'Опт' });
      fake.addLegacyMessage({ status: 'read' });

      const messages = await prom.listNewMessages(null);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        marketplaceMessageId: `legacy-${legacy.id}`,
        text: 'Опт\nЧи можна оптом?',
        target: { channel: 'prom_legacy', threadId: String(legacy.id) },
      });
      expect(callsTo(fake, '/messages/list')[0]?.query.status).toBe('unread');
      expect(fake.state.legacyMessages.get(legacy.id)?.status).toBe('unread');

      await prom.reply(messages[0]!.target, 'Так, від 10 штук');
      expect(fake.state.legacyMessages.get(legacy.id)?.replies).toEqual(['Так, від 10 штук']);
      await prom.markRead(messages[0]!.target);
      expect(fake.state.legacyMessages.get(legacy.id)?.status).toBe('read');
      await expectMarketplaceError(
        prom.reply({ ...messages[0]!.target, threadId: '1', messageId: '1' }, 'Привіт'),
        'refused',
      );
    });

    it('still reads legacy messages when chat is disabled for the shop', async () => {
      const { fake, prom } = harness;
      fake.behaviour.chatEnabled = false;
      fake.addChatMessage();
      const legacy = fake.addLegacyMessage();
      const messages = await prom.listNewMessages(null);
      expect(messages.map((message) => message.marketplaceMessageId)).toEqual([`legacy-${legacy.id}`]);
    });
  },
);

describe('P1 / S4 — Prom option lists', () => {
  it('lists status, payment and delivery options', async () => {
    const { prom } = harness;
    expect(await prom.listStatusOptions()).toContainEqual({ id: 'received', label: 'Прийнято' });
    expect(await prom.listStatusOptions()).toContainEqual({ id: 'custom-172548', label: 'Очікує оплату' });
    expect(await prom.listPaymentOptions()).toContainEqual({ id: '7547964', label: 'Пром-оплата' });
    expect(await prom.listDeliveryOptions()).toContainEqual({ id: '13013934', label: 'Нова Пошта' });
  });
});

describe('Bad input — Prom answering badly', () => {
  it.each([
    ['http500', { kind: 'http500' as const }],
    ['http503', { kind: 'http503' as const }],
    ['html 502', { kind: 'html' as const }],
    ['malformed JSON', { kind: 'malformed_json' as const }],
  ])('retries %s on a poll and then succeeds', async (_name, fault) => {
    const { fake, prom, sleeps } = harness;
    fake.addOrders(3);
    fake.faults.failNext({ ...fault, pathIncludes: '/orders/list' }, 2);
    const orders = await prom.listChangedOrders(ago(MINUTE));
    expect(orders).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    const { fake, prom, sleeps } = harness;
    fake.addOrders(2);
    fake.faults.failNext({ kind: 'rate_limit', retryAfterSeconds: 2, pathIncludes: '/orders/list' });
    expect(await prom.listChangedOrders(ago(MINUTE))).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('retries a timeout and then succeeds', async () => {
    await harness.fake.close();
    harness = await startHarness({}, 300);
    const { fake, prom } = harness;
    fake.addOrders(2);
    fake.faults.failNext({ kind: 'timeout', pathIncludes: '/orders/list' });
    expect(await prom.listChangedOrders(ago(MINUTE))).toHaveLength(2);
    expect(fake.faults.served.timeout).toBe(1);
  });

  it.each([
    ['unavailable', { kind: 'http503' as const }],
    ['rate_limited', { kind: 'rate_limit' as const, retryAfterSeconds: 1 }],
    ['bad_response', { kind: 'malformed_json' as const }],
  ] as const)('a persistent failure surfaces as %s after the retries', async (kind, fault) => {
    const { fake, prom } = harness;
    fake.faults.failNext({ ...fault, pathIncludes: '/orders/list' }, 10);
    await expectMarketplaceError(prom.listChangedOrders(ago(MINUTE)), kind);
    expect(Object.values(fake.faults.served).reduce((sum, count) => sum + count, 0)).toBe(4);
  });

  it('an HTML 404 (wrong path) is not_found', async () => {
    const prom = createPromMarketplace({
      baseUrl: harness.fake.url.replace('/api/v1', '/api/v2'),
      token: FAKE_PROM_TOKEN,
      httpOptions: { minIntervalMs: 0, baseDelayMs: 1 },
    });
    await expectMarketplaceError(prom.checkCredentials(), 'not_found');
  });
});

describe('S1 connect a store / J3 health — Prom credentials', () => {
  it('a valid token passes with one cheap call', async () => {
    const { fake, prom } = harness;
    await expect(prom.checkCredentials()).resolves.toEqual({ shopName: null });
    expect(fake.calls).toMatchObject([{ method: 'GET', path: '/orders/list', query: { limit: '1' } }]);
  });

  it('an expired token is auth', async () => {
    const { fake, prom } = harness;
    fake.tokens.delete(FAKE_PROM_TOKEN);
    await expectMarketplaceError(prom.checkCredentials(), 'auth');
    await expectMarketplaceError(prom.listChangedOrders(null), 'auth');
  });

  it('a token without the Orders block (403) is auth', async () => {
    const { fake, prom } = harness;
    fake.restrictToken(FAKE_PROM_TOKEN, ['chat', 'messages']);
    await expectMarketplaceError(prom.checkCredentials(), 'auth');
    await expect(prom.listNewMessages(null)).resolves.toEqual([]);
  });

  it('sends the token as Bearer with X-LANGUAGE: uk and never in the URL', async () => {
    const { fake, prom } = harness;
    await prom.checkCredentials();
    expect(fake.calls[0]?.language).toBe('uk');
    expect(JSON.stringify(fake.calls[0]?.query)).not.toContain(FAKE_PROM_TOKEN);
  });
});

import { describe, expect, it } from 'vitest';
import { orderSchema, buyerMessageSchema, productSchema } from '#src/marketplaces/port.js';
import {
  promChatMessageSchema,
  promLegacyMessageSchema,
  promOrderSchema,
  promProductSchema,
} from '#src/marketplaces/prom/schemas.js';
import {
  isIncomingChatMessage,
  promChatMessageToDomain,
  promLegacyMessageToDomain,
  promOrderToDomain,
  promProductToDomain,
  type PromMappingContext,
} from '#src/marketplaces/prom/to-domain.js';

const context: PromMappingContext = {
  cabinetUrl: 'https://my.prom.ua',
  defaultCurrency: 'UAH',
  now: new Date('2026-10-01T00:00:00Z'),
};

/** The spec's sample order (§3.8), with NBSP in the money strings as Prom sends them. */
const sampleOrder = {
  id: 421136171,
  date_created: '2026-09-30T10:15:04.523118+00:00',
  date_modified: '2026-09-30T10:16:41.002374+00:00',
  client_first_name: 'Олена',
  client_second_name: 'Петрівна',
  client_last_name: 'Коваленко',
  client_id: 98765432,
  client_notes: 'Передзвоніть після 18:00',
  phone: '+380671234567',
  email: 'olena.k@example.com',
  price: '1\u00a0713 грн',
  full_price: '1\u00a0713 грн',
  delivery_cost: 0,
  products: [
    {
      id: 1987654321,
      external_id: 'SO5912',
      sku: 'SO5912',
      name: 'Рюкзак туристичний 40 л, синий',
      name_multilang: { uk: 'Рюкзак туристичний 40 л, синій', ru: 'Рюкзак туристический 40 л, синий' },
      image: 'https://images.prom.ua/5123456789_w200_h200_ryukzak.jpg',
      url: 'https://prom.ua/ua/p1987654321-ryukzak-turistichnij.html',
      quantity: 1,
      price: '1\u00a0713 грн',
      total_price: '1\u00a0713 грн',
      measure_unit: 'шт.',
      cpa_commission: { amount: '85.65', is_refunded: false },
    },
  ],
  delivery_option: { id: 13013934, name: 'Нова Пошта' },
  delivery_address: 'Київ, Відділення №11 (до 30 кг): вул. Максима Чиженка, 33-б',
  delivery_provider_data: {
    provider: 'nova_poshta',
    type: 'W2W',
    sender_warehouse_id: null,
    recipient_warehouse_id: '1ec09d88-e1c2-11e3-8c4a-0050568002cf',
    declaration_number: null,
  },
  delivery_recipient: {
    first_name: 'Олена',
    last_name: 'Коваленко',
    second_name: null,
    phone: '+380671234567',
  },
  payment_option: { id: 7547964, name: 'Пром-оплата' },
  payment_data: { type: 'evopay', status: 'paid', status_modified: '2026-09-30T10:16:40.887001+00:00' },
  status: 'paid',
  status_name: 'Оплачено',
  source: 'portal',
  has_order_promo_free_delivery: false,
  cpa_commission: { amount: '85.65', is_refunded: false },
  utm: { source: null, medium: null, campaign: null },
  ps_promotion: null,
  cancellation: null,
};

const mapOrder = (raw: unknown) => promOrderToDomain(promOrderSchema.parse(raw), context);

describe('O2 live order card — Prom order mapping', () => {
  it('maps the spec sample order field by field', () => {
    const order = mapOrder(sampleOrder);
    expect(orderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      marketplace: 'prom',
      marketplaceOrderId: '421136171',
      number: '421136171',
      status: 'paid',
      statusLabel: 'Оплачено',
      statusGroup: 'new',
      totalKop: 171300,
      currency: 'UAH',
      buyer: {
        marketplaceClientId: '98765432',
        fullName: 'Коваленко Олена Петрівна',
        phone: '+380671234567',
        email: 'olena.k@example.com',
      },
      delivery: {
        methodId: '13013934',
        methodName: 'Нова Пошта',
        carrier: 'nova_poshta',
        city: 'Київ',
        address: 'Відділення №11 (до 30 кг): вул. Максима Чиженка, 33-б',
        recipientName: 'Коваленко Олена',
        recipientPhone: '+380671234567',
        ttn: null,
        costKop: 0,
      },
      payment: { methodId: '7547964', methodName: 'Пром-оплата', status: 'paid' },
      comment: 'Передзвоніть після 18:00',
      source: 'portal',
      url: 'https://my.prom.ua/cms/order/edit/421136171',
    });
    expect(order.createdAt.toISOString()).toBe('2026-09-30T10:15:04.523Z');
    expect(order.updatedAt.toISOString()).toBe('2026-09-30T10:16:41.002Z');
    expect(order.items).toEqual([
      {
        productId: '1987654321',
        sku: 'SO5912',
        name: 'Рюкзак туристичний 40 л, синій',
        quantity: 1,
        priceKop: 171300,
        totalKop: 171300,
        imageUrl: 'https://images.prom.ua/5123456789_w200_h200_ryukzak.jpg',
      },
    ]);
    expect(JSON.parse(order.rawJson)).toEqual(sampleOrder);
  });

  it.each([
    ['pending', 'new', 'Нове', ['accept:received', 'cancel:canceled']],
    ['paid', 'new', 'Оплачено', ['accept:received', 'cancel:canceled']],
    ['received', 'processing', 'Прийнято', ['status:delivered', 'cancel:canceled']],
    ['custom-172548', 'processing', 'custom-172548', ['status:delivered', 'cancel:canceled']],
    ['delivered', 'done', 'Виконано', []],
    ['canceled', 'cancelled', 'Скасовано', []],
  ])('status %s → group %s, label %s with transitions %j', (status, group, label, transitions) => {
    const order = mapOrder({ ...sampleOrder, status, status_name: null });
    expect(order.statusGroup).toBe(group);
    // without status_name the label falls back to the known Prom wording, then to the code itself
    expect(order.statusLabel).toBe(label);
    expect(order.transitions.map((t) => `${t.kind}:${t.status}`)).toEqual(transitions);
  });

  it('survives a bare order: nulls, a deleted product, string quantities, no city field', () => {
    const order = mapOrder({
      id: '5',
      date_created: '2026-01-15T10:30:00',
      price: '2 × 39 грн',
      full_price: null,
      products: [
        {
          id: null,
          sku: null,
          name: 'Видалений товар',
          quantity: '2 шт.',
          price: '39 грн',
          total_price: null,
        },
      ],
      delivery_option: null,
      delivery_provider_data: null,
      delivery_recipient: null,
      delivery_address: 'Самовивіз',
      payment_option: null,
      payment_data: null,
      client_notes: '',
    });
    expect(orderSchema.safeParse(order).success).toBe(true);
    expect(order.items[0]).toMatchObject({
      productId: null,
      sku: null,
      name: 'Видалений товар',
      quantity: 2,
      totalKop: 7800,
    });
    expect(order.delivery).toMatchObject({
      carrier: null,
      city: null,
      address: 'Самовивіз',
      recipientName: null,
    });
    expect(order.comment).toBeNull();
    expect(order.status).toBe('pending');
    expect(order.updatedAt.toISOString()).toBe('2026-01-15T10:30:00.000Z');
  });

  it('falls back to the Russian name only when there is no Ukrainian one, and reads the TTN', () => {
    const order = mapOrder({
      ...sampleOrder,
      products: [{ ...sampleOrder.products[0], name_multilang: { ru: 'Только русское' } }],
      delivery_provider_data: { ...sampleOrder.delivery_provider_data, declaration_number: 20450000000000 },
    });
    expect(order.items[0]?.name).toBe('Рюкзак туристичний 40 л, синий');
    expect(order.delivery.ttn).toBe('20450000000000');
  });
});

describe('M1 buyer messages — Prom chat and legacy mapping', () => {
  const chatMessage = {
    id: 123321,
    room_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    room_ident: '12332_321321_buyer',
    body: 'hello',
    date_sent: '2026-01-15T10:30:00',
    type: 'message',
    status: 'new',
    context_item_id: 421136171,
    context_item_type: 'order',
    attachments: null,
    user_name: 'John Wick',
    user_ident: '1233213',
    buyer_client_id: 312321,
    is_sender: false,
  };

  it('keeps what a reply and a mark-read need: room_ident, room_id and the message id', () => {
    const message = promChatMessageToDomain(promChatMessageSchema.parse(chatMessage), context);
    expect(buyerMessageSchema.parse(message)).toEqual({
      marketplaceMessageId: 'chat-123321',
      target: {
        channel: 'prom_chat',
        threadId: '12332_321321_buyer',
        peerId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
        messageId: '123321',
      },
      buyerName: 'John Wick',
      orderId: '421136171',
      productId: null,
      productName: null,
      text: 'hello',
      attachments: [],
      createdAt: new Date('2026-01-15T10:30:00Z'),
    });
  });

  it.each([
    [{ is_sender: false, type: 'message' }, true],
    [{ is_sender: false, type: 'attachment' }, true],
    [{ is_sender: true, type: 'message' }, false],
    [{ is_sender: false, type: 'context' }, false],
    [{ is_sender: false, type: 'system' }, false],
  ])('%j incoming: %s', (fields, incoming) => {
    expect(isIncomingChatMessage(promChatMessageSchema.parse({ ...chatMessage, ...fields }))).toBe(incoming);
  });

  it('maps a legacy message with its subject', () => {
    const message = promLegacyMessageToDomain(
      promLegacyMessageSchema.parse({
        id: 55001,
        date_created: '2026-09-30T10:15:04+00:00',
        client_full_name: 'Тарас Мельник',
        phone: '+380501112233',
        message: 'Чи є оптові ціни?',
        subject: 'Оптове замовлення',
        status: 'unread',
        product_id: 1987654321,
      }),
      context,
    );
    expect(message).toMatchObject({
      marketplaceMessageId: 'legacy-55001',
      target: { channel: 'prom_legacy', threadId: '55001', peerId: null, messageId: '55001' },
      buyerName: 'Тарас Мельник',
      productId: '1987654321',
      text: 'Оптове замовлення\nЧи є оптові ціни?',
    });
  });
});

describe('P1 import products — Prom product mapping', () => {
  it('maps a product with a numeric price and Ukrainian name', () => {
    const product = promProductToDomain(
      promProductSchema.parse({
        id: 3152118152,
        external_id: 'SO5912',
        sku: null,
        name: 'Рюкзак (ru)',
        name_multilang: { uk: 'Рюкзак (uk)' },
        price: 1713.5,
        currency: 'UAH',
        presence: 'available',
        quantity_in_stock: 16,
        group: { id: 1, name: 'Рюкзаки' },
        main_image: null,
        images: [{ url: 'https://images.prom.ua/1.jpg' }],
      }),
      context,
    );
    expect(productSchema.parse(product)).toEqual({
      marketplaceProductId: '3152118152',
      sku: 'SO5912',
      name: 'Рюкзак (uk)',
      priceKop: 171350,
      currency: 'UAH',
      quantity: 16,
      presence: 'available',
      group: 'Рюкзаки',
      imageUrl: 'https://images.prom.ua/1.jpg',
    });
  });
});

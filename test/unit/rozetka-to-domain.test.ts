import { describe, expect, it } from 'vitest';
import { rawChatSchema, rawGoodsItemSchema, rawOrderSchema } from '#src/marketplaces/rozetka/schemas.js';
import {
  plainMessageText,
  toBuyerMessage,
  toCancelReasons,
  toOrder,
  toProduct,
} from '#src/marketplaces/rozetka/to-domain.js';

/** The composed sample of spec §3.5, plus `status_available` as the API adds it on request. */
const SAMPLE_ORDER = {
  id: 123456789,
  created: '2025-03-14 10:21:07',
  changed: '2025-03-14 10:21:09',
  amount: '1598.00',
  amount_with_discount: '1498.00',
  cost: '1598.00',
  cost_with_discount: '1498.00',
  status: 1,
  status_group: 1,
  items_photos: [{ id: 400123456, url: 'https://content.rozetka.com.ua/goods/images/preview/1.jpg' }],
  seller_comment: [],
  comment: 'Подзвоніть після 18:00',
  user_phone: '380671112233',
  user_title: { first_name: 'Олена', last_name: 'Коваль', second_name: '', full_name: 'Коваль Олена' },
  ttn: '',
  callback_off: 0,
  duplicate_order_id: null,
  can_prolong: false,
  user: { id: 55501234, has_email: true, contact_fio: 'Коваль Олена', email: 'true' },
  delivery: {
    delivery_service_id: 5,
    delivery_service_name: 'Нова Пошта',
    delivery_method_id: 1,
    recipient_title: 'Коваль Олена',
    recipient_phone: '380671112233',
    place_street: 'вул. Хрещатик',
    place_number: '12',
    place_house: '22',
    place_flat: null,
    cost: null,
    city: { id: 1, uuid: '', city_name: 'Київ', title: 'Київ', region_title: 'Київська обл.', status: 1 },
    name_logo: 'nova-pochta',
  },
  purchases: [
    {
      id: 901000001,
      item_id: 400123456,
      item_name: 'Термокружка Steel 500 мл',
      quantity: 2,
      price: '799.00',
      price_with_discount: '749.00',
      cost: '1598.00',
      cost_with_discount: '1498.00',
      item: {
        id: 400123456,
        article: 'TK-500-S',
        price_offer_id: 'SKU-1001',
        price: '799.00',
        photo_preview: 'p.jpg',
      },
    },
  ],
  status_data: { id: 1, name: 'Новый заказ', name_uk: 'Нове замовлення', status_group: 1 },
  payment: {
    payment_method_id: 1,
    payment_method_name: 'Оплата під час отримання товару',
    payment_type: 'cash',
    payment_status: null,
    credit: null,
  },
  status_available: [
    { id: 1, parent_id: 1, child_id: 26, delivery_type: 0, market_group: 1 },
    { id: 2, parent_id: 1, child_id: 2, delivery_type: 0, market_group: 1 },
    { id: 3, parent_id: 1, child_id: 18, delivery_type: 0, market_group: 1 },
    { id: 4, parent_id: 1, child_id: 49, delivery_type: 0, market_group: 1 },
    { id: 5, parent_id: 1, child_id: 26, delivery_type: 1, market_group: 1 },
  ],
};

const CABINET = 'https://seller.rozetka.com.ua';

function orderFrom(json: Record<string, unknown>) {
  return toOrder(rawOrderSchema.parse(json), json, CABINET);
}

describe('O2 order card data — Rozetka order mapping', () => {
  it('maps the spec sample to the domain order', () => {
    const order = orderFrom(SAMPLE_ORDER);
    expect(order).toMatchObject({
      marketplace: 'rozetka',
      marketplaceOrderId: '123456789',
      number: '123456789',
      status: '1',
      statusLabel: 'Нове замовлення',
      statusGroup: 'new',
      totalKop: 149800,
      currency: 'UAH',
      buyer: {
        marketplaceClientId: '55501234',
        fullName: 'Коваль Олена',
        phone: '+380671112233',
        email: null,
      },
      delivery: {
        methodId: '5',
        methodName: 'Нова Пошта',
        carrier: 'nova_poshta',
        city: 'Київ',
        address: '№12, вул. Хрещатик 22',
        recipientName: 'Коваль Олена',
        recipientPhone: '+380671112233',
        ttn: null,
        costKop: null,
      },
      payment: { methodId: '1', methodName: 'Оплата під час отримання товару', status: null },
      items: [
        {
          productId: '400123456',
          sku: 'SKU-1001',
          name: 'Термокружка Steel 500 мл',
          quantity: 2,
          priceKop: 74900,
          totalKop: 149800,
          imageUrl: 'p.jpg',
        },
      ],
      comment: 'Подзвоніть після 18:00',
      url: 'https://seller.rozetka.com.ua/main/orders/edit/123456789',
    });
    expect(order.createdAt.toISOString()).toBe('2025-03-14T08:21:07.000Z');
    expect(order.updatedAt.toISOString()).toBe('2025-03-14T08:21:09.000Z');
    expect(JSON.parse(order.rawJson)).toEqual(SAMPLE_ORDER);
  });

  it('offers accept (1 → 26) first, other moves as status, cancellations folded into one cancel', () => {
    expect(orderFrom(SAMPLE_ORDER).transitions).toEqual([
      { kind: 'accept', status: '26', label: 'Обробляється менеджером', requiresTtn: false },
      { kind: 'status', status: '2', label: 'Комплектується. Дані підтверджені', requiresTtn: false },
      { kind: 'cancel', status: '18', label: 'Скасувати', requiresTtn: false },
    ]);
  });

  it('needs a TTN for 3 and 61 and offers no accept once the order is in work', () => {
    const order = orderFrom({
      ...SAMPLE_ORDER,
      status: 2,
      status_data: null,
      status_available: [2, 3, 61, 26, 40].map((child, index) => ({
        id: index,
        parent_id: 2,
        child_id: child,
      })),
    });
    expect(order.statusGroup).toBe('processing');
    expect(order.statusLabel).toBe('Комплектується. Дані підтверджені');
    expect(order.transitions.map((t) => [t.kind, t.status, t.requiresTtn])).toEqual([
      ['status', '3', true],
      ['status', '61', true],
      ['status', '26', false],
      ['cancel', '40', false],
    ]);
  });

  it.each([
    [6, 2, 'done'],
    [45, 3, 'cancelled'],
    [46, null, 'done'],
    [52, 1, 'new'],
    [4, null, 'processing'],
  ])('status %i (group %s) is %s', (status, group, domainGroup) => {
    expect(orderFrom({ ...SAMPLE_ORDER, status, status_group: group, status_data: null }).statusGroup).toBe(
      domainGroup,
    );
  });

  it('lists the cancellation statuses the order allows as cancel reasons; a duplicate needs its number', () => {
    expect(toCancelReasons(orderFrom(SAMPLE_ORDER))).toEqual([
      { code: '18', label: 'Скасування. Не вдалося зв’язатися з покупцем', requiresText: false },
      { code: '49', label: 'Скасування. Дубль замовлення', requiresText: true },
    ]);
  });

  it('falls back to the seller cancellation list when the order came without status_available', () => {
    const { status_available: _omitted, ...withoutMoves } = SAMPLE_ORDER;
    const reasons = toCancelReasons(orderFrom(withoutMoves));
    expect(reasons.map((reason) => reason.code)).toEqual([
      '18',
      '24',
      '28',
      '29',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '39',
      '40',
      '41',
      '42',
      '43',
      '44',
      '49',
    ]);
    expect(orderFrom(withoutMoves).transitions).toEqual([]);
  });

  it('reads a courier address and a seller-side TTN', () => {
    const order = orderFrom({
      ...SAMPLE_ORDER,
      ttn: '20450593818718',
      delivery: {
        ...SAMPLE_ORDER.delivery,
        delivery_method_id: 2,
        name_logo: null,
        place_flat: '7',
        cost: '70.00',
      },
    });
    expect(order.delivery).toMatchObject({
      carrier: 'nova_poshta',
      address: 'вул. Хрещатик 22, кв. 7',
      ttn: '20450593818718',
      costKop: 7000,
    });
  });

  it('calls an unreadable time a bad response', () => {
    expect(() => orderFrom({ ...SAMPLE_ORDER, created: 'вчора' })).toThrow(
      expect.objectContaining({ kind: 'bad_response' }),
    );
  });
});

describe('M1 buyer messages — Rozetka message mapping', () => {
  const chat = rawChatSchema.parse({
    id: 205143,
    type: 0,
    user: { id: 55501234, contact_fio: 'Коваль Олена' },
    order_id: 123456789,
    item_id: 0,
    messages: [],
  });

  it('targets the chat and the buyer for the reply', () => {
    const message = toBuyerMessage(chat, {
      id: '7001',
      chat_id: '205143',
      body: 'Добрий день!<br>Коли відправите?&nbsp;&amp; дякую',
      created: '2025-07-01 12:00:00',
      read: null,
      receiver_id: '3001',
      sender: 3,
      files: [{ name: 'photo.jpg' }],
    });
    expect(message).toEqual({
      marketplaceMessageId: '7001',
      target: { channel: 'rozetka_order', threadId: '205143', peerId: '55501234', messageId: '7001' },
      buyerName: 'Коваль Олена',
      orderId: '123456789',
      productId: null,
      productName: null,
      text: 'Добрий день!\nКоли відправите? & дякую',
      attachments: ['photo.jpg'],
      createdAt: new Date('2025-07-01T09:00:00Z'),
    });
  });

  it('marks item questions as rozetka_item', () => {
    const itemChat = rawChatSchema.parse({
      id: 9,
      type: 1,
      user_id: 77,
      item_id: 400123456,
      item: { name: 'Кружка' },
    });
    const message = toBuyerMessage(itemChat, {
      id: null,
      chat_id: null,
      body: 'Є чорна?',
      created: '2025-01-10 09:00:00',
      read: null,
      receiver_id: null,
      sender: 3,
      files: null,
    });
    expect(message.target).toEqual({
      channel: 'rozetka_item',
      threadId: '9',
      peerId: '77',
      messageId: '9:2025-01-10 09:00:00',
    });
    expect(message).toMatchObject({ productId: '400123456', productName: 'Кружка', orderId: null });
  });

  it('strips markup from bodies', () => {
    expect(plainMessageText('<b>Привіт</b><br/>світ &lt;3')).toBe('Привіт\nсвіт <3');
  });
});

describe('P1 products — Rozetka goods mapping', () => {
  it('maps a goods row (integer UAH price)', () => {
    const product = toProduct(
      rawGoodsItemSchema.parse({
        rz_item_id: 400123456,
        item_id: 11,
        price_offer_id: 'SKU-1001',
        name: 'Термокружка',
        name_ua: 'Термокружка Steel',
        price: 799,
        stock_quantity: '14',
        available: 1,
        rz_category: { id: 1, title: 'Термокружки' },
        photo_preview: ['https://img/1.jpg'],
      }),
    );
    expect(product).toEqual({
      marketplaceProductId: '400123456',
      sku: 'SKU-1001',
      name: 'Термокружка Steel',
      priceKop: 79900,
      currency: 'UAH',
      quantity: 14,
      presence: 'available',
      group: 'Термокружки',
      imageUrl: 'https://img/1.jpg',
    });
  });
});

import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { CancelReason, Order, OrderItem } from '#src/marketplaces/port.js';
import {
  ORDER_VERSION_MAX,
  acceptOrderCallback,
  cancelOrderCallback,
  openCancelMenuCallback,
  orderCardCallbacks,
  orderTtnCallback,
  setOrderStatusCallback,
  showOrderCardCallback,
  takeOrderCallback,
} from '#src/notify/cards/order-callbacks.js';
import { renderOrderCard, type OrderCardView } from '#src/notify/cards/order-card.js';
import { parseTelegramHtml } from '#src/sandbox/fake-telegram/html.js';
import { en, uk } from '#test/harness/card-views.js';

const ORDER_ID = '6571a3f2c9e77b0012ab34cd';
const NOW = new Date('2026-11-23T12:18:00Z');
const NBSP = '\u00a0';

function item(overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    productId: '1928374',
    sku: 'PLT-LN-042',
    name: 'Плаття лляне «Вишиванка», синє, розмір M',
    quantity: 1,
    priceKop: 85_000,
    totalKop: 85_000,
    imageUrl: null,
    ...overrides,
  };
}

function promPendingOrder(overrides: Partial<Order> = {}): Order {
  return {
    marketplace: 'prom',
    marketplaceOrderId: '313748913',
    number: '313748913',
    status: 'pending',
    statusLabel: 'Нове',
    statusGroup: 'new',
    createdAt: new Date('2026-11-23T12:05:00Z'),
    updatedAt: new Date('2026-11-23T12:05:00Z'),
    totalKop: 171_300,
    currency: 'UAH',
    buyer: { marketplaceClientId: '77123', fullName: 'Шевченко Оксана', phone: '+380671234567', email: null },
    delivery: {
      methodId: '13',
      methodName: 'Нова Пошта',
      carrier: 'nova_poshta',
      city: 'Київ',
      address: 'Відділення №12: вул. Велика Васильківська, 72',
      recipientName: 'Шевченко Оксана',
      recipientPhone: '+380671234567',
      ttn: null,
      costKop: null,
    },
    payment: { methodId: '7', methodName: 'Накладений платіж', status: null },
    items: [
      item({ quantity: 2, totalKop: 170_000 }),
      item({ productId: null, sku: null, name: 'Пакет подарунковий', priceKop: 1_300, totalKop: 1_300 }),
    ],
    comment: 'Зателефонуйте, будь ласка, після 18:00',
    source: 'Каталог Prom',
    url: 'https://my.prom.ua/cms/order/edit/313748913',
    transitions: [
      { kind: 'accept', status: 'received', label: 'Прийняти', requiresTtn: false },
      { kind: 'cancel', status: 'canceled', label: 'Скасувати', requiresTtn: false },
    ],
    rawJson: '{}',
    ...overrides,
  };
}

function rozetkaOrder(overrides: Partial<Order> = {}): Order {
  return {
    marketplace: 'rozetka',
    marketplaceOrderId: '851234567',
    number: '851234567',
    status: '26',
    statusLabel: 'Обробляється менеджером',
    statusGroup: 'processing',
    createdAt: new Date('2026-07-01T07:40:00Z'),
    updatedAt: new Date('2026-07-01T08:00:00Z'),
    totalKop: 459_900,
    currency: 'UAH',
    buyer: { marketplaceClientId: '5551', fullName: 'Коваленко Андрій', phone: '+380501112233', email: null },
    delivery: {
      methodId: '3',
      methodName: null,
      carrier: 'meest',
      city: 'Львів',
      address: 'вул. Городоцька 120, кв. 5',
      recipientName: 'Коваленко Марія',
      recipientPhone: '+380931234567',
      ttn: null,
      costKop: 7_000,
    },
    payment: { methodId: '2', methodName: 'Оплата карткою онлайн', status: 'paid' },
    items: [item({ sku: 'KB-MX-01', name: 'Клавіатура механічна', priceKop: 459_900, totalKop: 459_900 })],
    comment: null,
    source: 'Rozetka',
    url: 'https://seller.rozetka.com.ua/main/orders/851234567',
    transitions: [
      { kind: 'status', status: '2', label: 'Комплектується. Дані підтверджені', requiresTtn: false },
      { kind: 'status', status: '3', label: 'Передано до служби доставки', requiresTtn: true },
      { kind: 'cancel', status: '18', label: 'Скасувати', requiresTtn: false },
    ],
    rawJson: '{}',
    ...overrides,
  };
}

const PROM_CANCEL_REASONS: CancelReason[] = [
  { code: 'not_available', label: 'Немає в наявності', requiresText: false },
  { code: 'price_changed', label: 'Змінилась ціна', requiresText: true },
  { code: 'less_than_minimal_price', label: 'Сума менша за мінімальну', requiresText: false },
];

function view(order: Order, overrides: Partial<OrderCardView> = {}): OrderCardView {
  return {
    orderId: ORDER_ID,
    version: 3,
    order,
    storeName: 'Льон і Квітка',
    sourceLabel: 'Prom — основний',
    stageLabel: 'Новий',
    customerOrderCount: 4,
    assigneeName: null,
    autoAccept: { state: 'scheduled', at: new Date('2026-11-23T12:30:00Z') },
    audit: [],
    now: NOW,
    timeZone: 'Europe/Kyiv',
    locale: 'uk',
    ...overrides,
  };
}

function visibleText(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.text;
}

const labels = (markup: InlineKeyboardMarkup) => markup.inline_keyboard.map((row) => row.map((b) => b.text));

function callbackData(markup: InlineKeyboardMarkup): string[] {
  return markup.inline_keyboard
    .flat()
    .flatMap((button) => ('callback_data' in button ? [button.callback_data] : []));
}

function buttonLabelled(markup: InlineKeyboardMarkup, label: string): InlineKeyboardButton {
  const button = markup.inline_keyboard.flat().find((candidate) => candidate.text === label);
  if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(labels(markup))}`);
  return button;
}

function dataOf(markup: InlineKeyboardMarkup, label: string): string {
  const button = buttonLabelled(markup, label);
  return 'callback_data' in button ? button.callback_data : '';
}

describe('O2 live order card — Prom order waiting to be accepted', () => {
  const card = renderOrderCard(
    view(promPendingOrder(), {
      audit: [
        { at: new Date('2026-11-23T12:06:00Z'), by: null, action: 'created', detail: null },
        { at: new Date('2026-11-23T12:07:00Z'), by: 'Ірина', action: 'status', detail: 'Нове' },
        { at: new Date('2026-11-23T12:08:00Z'), by: 'Ірина', action: 'hold', detail: null },
        { at: new Date('2026-11-23T12:09:00Z'), by: 'Петро', action: 'take', detail: null },
      ],
    }),
    uk,
  );
  const text = visibleText(card.text);

  it('shows the order, the buyer, delivery, payment, items and what happened', () => {
    const expectedLines = [
      '🛒 Замовлення №313748913 · Prom.ua',
      '🏬 Льон і Квітка',
      '🔗 Джерело: Prom — основний · Каталог Prom',
      '📅 23.11.2026 14:05',
      '📌 Статус: Нове · Етап: Новий',
      '⏳ Автоприйняття о 23.11.2026 14:30 (через 12 хв)',
      '👤 Шевченко Оксана',
      '📞 +380671234567',
      '⭐ Постійний покупець, замовлень: 4',
      '🚚 Нова Пошта · Київ · Відділення №12: вул. Велика Васильківська, 72',
      '💳 Накладений платіж',
      '1. Плаття лляне «Вишиванка», синє, розмір M',
      `    PLT-LN-042 · 2 × 850,00${NBSP}грн = 1${NBSP}700,00${NBSP}грн`,
      '2. Пакет подарунковий',
      `    1 × 13,00${NBSP}грн`,
      `💰 Разом: 1${NBSP}713,00${NBSP}грн`,
      '💬 Коментар покупця',
      'Зателефонуйте, будь ласка, після 18:00',
      '🙋 Відповідальний: не призначено',
      '🕓 23.11.2026 14:07 · змінено статус: Нове — Ірина',
      '🕓 23.11.2026 14:08 · автоприйняття притримано — Ірина',
      '🕓 23.11.2026 14:09 · взято в роботу — Петро',
    ];
    expect(text.split('\n')).toEqual(expect.arrayContaining(expectedLines));
    expect(text).not.toContain('created');
    expect(text).not.toContain('👥');
  });

  it('leaves the phone as plain text so Telegram makes it tappable', () => {
    expect(card.text).toContain('\n📞 +380671234567\n');
  });

  it('offers accept, cancel, take, hold, details and the marketplace link', () => {
    expect(labels(card.replyMarkup)).toEqual([
      ['✅ Прийняти', '❌ Скасувати'],
      ['🙋 Беру в роботу', '⏸ Притримати автоприйняття'],
      ['ℹ️ Деталі', '🔗 Відкрити в Prom.ua'],
    ]);
    expect(buttonLabelled(card.replyMarkup, '🔗 Відкрити в Prom.ua')).toMatchObject({
      url: 'https://my.prom.ua/cms/order/edit/313748913',
    });
    expect(acceptOrderCallback.unpack(dataOf(card.replyMarkup, '✅ Прийняти'))).toEqual({
      orderId: ORDER_ID,
      version: 3,
    });
    expect(openCancelMenuCallback.unpack(dataOf(card.replyMarkup, '❌ Скасувати'))).not.toBeNull();
    expect(takeOrderCallback.unpack(dataOf(card.replyMarkup, '🙋 Беру в роботу'))).not.toBeNull();
  });

  it('renders in English from the same view', () => {
    const english = renderOrderCard(view(promPendingOrder(), { locale: 'en' }), en);
    const englishText = visibleText(english.text);
    expect(englishText).toContain('🛒 Order #313748913 · Prom.ua');
    expect(englishText).toContain('📅 23 Nov 2026, 14:05');
    expect(englishText).toContain(`💰 Total: UAH${NBSP}1,713.00`);
    expect(englishText).toContain('⏳ Auto-accept at 23 Nov 2026, 14:30 (in 12 min)');
    expect(labels(english.replyMarkup)[0]).toEqual(['✅ Accept', '❌ Cancel']);
  });
});

describe("O2 order source: the store's own label first, then the marketplace's code in words", () => {
  const sourceLine = (source: string | null, sourceLabel: string | null, t = uk) =>
    visibleText(renderOrderCard(view({ ...promPendingOrder(), source }, { sourceLabel }), t).text)
      .split('\n')
      .find((line) => line.startsWith('🔗')) ?? null;

  it('names the known Prom source codes in both languages', () => {
    expect(sourceLine('portal', 'Prom — основний')).toBe('🔗 Джерело: Prom — основний · каталог Prom.ua');
    expect(sourceLine('company_site', null)).toBe('🔗 Джерело: сайт магазину');
    expect(sourceLine('portal', null, en)).toBe('🔗 Source: Prom.ua catalogue');
    expect(sourceLine('mobile_app', 'Main', en)).toBe('🔗 Source: Main · Prom.ua app');
  });

  it('shows an unknown code as it came, and only the store label when there is no code', () => {
    expect(sourceLine('custom-7 <new>', null)).toBe('🔗 Джерело: custom-7 <new>');
    expect(sourceLine(null, 'Prom — основний')).toBe('🔗 Джерело: Prom — основний');
    expect(sourceLine(null, null)).toBeNull();
  });
});

describe('O2 live order card — Rozetka order in progress', () => {
  const card = renderOrderCard(
    view(rozetkaOrder(), {
      sourceLabel: null,
      stageLabel: null,
      customerOrderCount: 1,
      assigneeName: 'Петро Мельник',
      autoAccept: { state: 'none', at: null },
      now: new Date('2026-07-01T08:00:00Z'),
    }),
    uk,
  );
  const text = visibleText(card.text);

  it('shows the mapped carrier, the other recipient, payment status and the responsible manager', () => {
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '🛒 Замовлення №851234567 · Rozetka',
        '🏬 Льон і Квітка',
        '📅 01.07.2026 10:40',
        '📌 Статус: Обробляється менеджером',
        '🚚 Meest · Львів · вул. Городоцька 120, кв. 5',
        '👥 Отримувач: Коваленко Марія, +380931234567',
        '💳 Оплата карткою онлайн · оплачено',
        `💰 Разом: 4${NBSP}599,00${NBSP}грн`,
        '🙋 Відповідальний: Петро Мельник',
      ]),
    );
    expect(text).not.toContain('⭐');
    expect(text).not.toContain('Автоприйняття');
    expect(text).not.toContain('💬');
  });

  it('offers the allowed moves, a TTN move and cancel, but no take or hold', () => {
    expect(labels(card.replyMarkup)).toEqual([
      ['❌ Скасувати'],
      ['Комплектується. Дані підтверджені'],
      ['🚚 Передано до служби доставки'],
      ['ℹ️ Деталі', '🔗 Відкрити в Rozetka'],
    ]);
    expect(
      setOrderStatusCallback.unpack(dataOf(card.replyMarkup, 'Комплектується. Дані підтверджені')),
    ).toEqual({
      orderId: ORDER_ID,
      version: 3,
      status: '2',
    });
    expect(orderTtnCallback.unpack(dataOf(card.replyMarkup, '🚚 Передано до служби доставки'))).toEqual({
      orderId: ORDER_ID,
      version: 3,
      status: '3',
    });
  });
});

describe('O9 TTN button and O5 auto-accept states', () => {
  const acceptedProm = (ttn: string | null) =>
    promPendingOrder({
      status: 'received',
      statusLabel: 'Прийнято',
      statusGroup: 'processing',
      delivery: { ...promPendingOrder().delivery, ttn },
      transitions: [
        { kind: 'status', status: 'delivered', label: 'Виконано', requiresTtn: false },
        { kind: 'cancel', status: 'canceled', label: 'Скасувати', requiresTtn: false },
      ],
    });

  it('asks for a waybill on an accepted Prom order that has none', () => {
    const card = renderOrderCard(view(acceptedProm(null), { autoAccept: { state: 'done', at: null } }), uk);
    expect(orderTtnCallback.unpack(dataOf(card.replyMarkup, '🚚 Додати ТТН'))).toEqual({
      orderId: ORDER_ID,
      version: 3,
      status: null,
    });
    expect(visibleText(card.text)).toContain('🤖 Прийнято автоматично');
  });

  it('shows a saved waybill as copyable code and stops asking for it', () => {
    const card = renderOrderCard(view(acceptedProm('20450123456789')), uk);
    expect(card.text).toContain('📦 ТТН: <code>20450123456789</code>');
    expect(labels(card.replyMarkup).flat()).not.toContain('🚚 Додати ТТН');
  });

  it('offers no hold once auto-accept is held, and says when it is due', () => {
    const held = renderOrderCard(view(promPendingOrder(), { autoAccept: { state: 'held', at: null } }), uk);
    expect(visibleText(held.text)).toContain('⏸ Автоприйняття притримано');
    expect(labels(held.replyMarkup).flat()).not.toContain('⏸ Притримати автоприйняття');
    const overdue = renderOrderCard(
      view(promPendingOrder(), { autoAccept: { state: 'scheduled', at: new Date('2026-11-23T12:17:00Z') } }),
      uk,
    );
    expect(visibleText(overdue.text)).toContain('⏳ Автоприйняття ось-ось');
  });
});

describe('O2 cancel reason menu', () => {
  const card = renderOrderCard(
    view(promPendingOrder(), {
      mode: 'cancel-reasons',
      cancelReasons: [
        ...PROM_CANCEL_REASONS,
        { code: 'x'.repeat(30), label: 'Задовгий код', requiresText: false },
      ],
    }),
    uk,
  );

  it('lists the marketplace reasons one per row, then Back', () => {
    expect(labels(card.replyMarkup)).toEqual([
      ['Немає в наявності'],
      ['Змінилась ціна ✍️'],
      ['Сума менша за мінімальну'],
      ['← Назад'],
    ]);
    expect(cancelOrderCallback.unpack(dataOf(card.replyMarkup, 'Сума менша за мінімальну'))).toEqual({
      orderId: ORDER_ID,
      version: 3,
      reason: 'less_than_minimal_price',
    });
    expect(showOrderCardCallback.unpack(dataOf(card.replyMarkup, '← Назад'))).toEqual({ orderId: ORDER_ID });
    expect(visibleText(card.text)).toContain('Оберіть причину скасування');
  });

  it('falls back to the plain card when the order can no longer be cancelled', () => {
    const closed = renderOrderCard(
      view(promPendingOrder({ statusGroup: 'cancelled', transitions: [] }), {
        mode: 'cancel-reasons',
        cancelReasons: PROM_CANCEL_REASONS,
      }),
      uk,
    );
    expect(labels(closed.replyMarkup)).toEqual([['ℹ️ Деталі', '🔗 Відкрити в Prom.ua']]);
    expect(visibleText(closed.text)).not.toContain('Оберіть причину скасування');
  });
});

describe('O2 closed orders', () => {
  it.each(['cancelled', 'done'] as const)('a %s order offers only Details and Open', (statusGroup) => {
    const card = renderOrderCard(
      view(rozetkaOrder({ statusGroup, statusLabel: 'Скасовано адміністратором' }), {
        autoAccept: { state: 'scheduled', at: new Date('2026-11-23T12:30:00Z') },
      }),
      uk,
    );
    expect(labels(card.replyMarkup)).toEqual([['ℹ️ Деталі', '🔗 Відкрити в Rozetka']]);
  });

  it('leaves out a link that is not a web address', () => {
    const card = renderOrderCard(
      view(promPendingOrder({ url: 'javascript:alert(1)', statusGroup: 'done' })),
      uk,
    );
    expect(labels(card.replyMarkup)).toEqual([['ℹ️ Деталі']]);
  });
});

describe('What bad input gets — odd buyer text', () => {
  const hostileName = '<b>Іван</b> & Co </a> *_[`~ "лапки" \'апостроф\'';
  const rtl = 'مرحبا بالعالم שלום עולם';
  const longComment = `${rtl} ${'Привіт 👋🏽 <i>не курсив</i> & '.repeat(400)}`.slice(0, 10_000);
  const order = promPendingOrder({
    buyer: { marketplaceClientId: null, fullName: hostileName, phone: '+380 (67) 123-45-67', email: null },
    comment: longComment,
    items: [item({ name: '<script>alert("x")</script> [link](http://evil) **bold**', sku: '</code>&' })],
    delivery: { ...promPendingOrder().delivery, city: rtl, address: '&amp; <tg-spoiler>' },
  });
  const card = renderOrderCard(view(order, { storeName: '<Квітка & Ко>' }), uk);
  const text = visibleText(card.text);

  it('shows every value as escaped text that Telegram accepts', () => {
    expect(text).toContain(`👤 ${hostileName}`);
    expect(text).toContain('<script>alert("x")</script> [link](http://evil) **bold**');
    expect(text).toContain('</code>&');
    expect(text).toContain(`🚚 Нова Пошта · ${rtl} · &amp; <tg-spoiler>`);
    expect(text).toContain('🏬 <Квітка & Ко>');
    expect(card.text).not.toContain('<script>');
  });

  it('stays within 4096 characters with a 10 000-character comment', () => {
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('Привіт 👋🏽 <i>не курсив</i> &');
    expect(text).toContain('…');
    expect(text).toContain('💰 Разом');
  });

  it('survives every field being enormous', () => {
    const huge = 'Ж&<'.repeat(3000);
    const enormous = promPendingOrder({
      number: huge,
      statusLabel: huge,
      buyer: { marketplaceClientId: null, fullName: huge, phone: huge, email: null },
      items: Array.from({ length: 5 }, () => item({ name: huge, sku: huge })),
    });
    const enormousCard = renderOrderCard(
      view(enormous, {
        storeName: huge,
        assigneeName: huge,
        audit: [{ at: NOW, by: huge, action: huge, detail: huge }],
      }),
      uk,
    );
    expect(visibleText(enormousCard.text).length).toBeLessThanOrEqual(4096);
  });
});

describe('O2 card with many items', () => {
  const items = Array.from({ length: 200 }, (_, i) =>
    item({
      productId: String(i),
      sku: `SKU-${String(i).padStart(5, '0')}`,
      name: `Товар №${i + 1} — чохол для телефона`,
    }),
  );
  const card = renderOrderCard(view(promPendingOrder({ items, comment: 'Дякую!' })), uk);
  const text = visibleText(card.text);

  it('collapses the tail of the list and keeps everything else', () => {
    const shown = text.split('\n').filter((line) => /^\d+\. Товар/.test(line)).length;
    const hidden = /…і ще (\d+) товар/.exec(text)?.[1];
    expect(shown).toBeGreaterThan(10);
    expect(Number(hidden)).toBe(200 - shown);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).not.toMatch(/…$/);
    for (const kept of ['💰 Разом', '💬 Коментар покупця', 'Дякую!', '🙋 Відповідальний']) {
      expect(text).toContain(kept);
    }
  });

  it('fills the card before collapsing', () => {
    const oneItemLines = `\n200. ${items[199]?.name}\n    SKU-00199 · 1 × 850,00 грн`.length;
    expect(text.length).toBeGreaterThan(4096 - oneItemLines);
  });
});

describe('O2 callback data', () => {
  const longest = {
    orderId: 'f'.repeat(24),
    version: ORDER_VERSION_MAX,
    code: 'less_than_minimal_price_',
  };
  const longestOrder = promPendingOrder({
    transitions: [
      { kind: 'accept', status: 'received', label: 'Прийняти', requiresTtn: false },
      { kind: 'cancel', status: 'canceled', label: 'Скасувати', requiresTtn: false },
      { kind: 'status', status: longest.code, label: 'Довгий статус', requiresTtn: false },
      { kind: 'status', status: `${longest.code.slice(1)}9`, label: 'Довгий з ТТН', requiresTtn: true },
    ],
  });
  const cards = [
    renderOrderCard(view(longestOrder, { orderId: longest.orderId, version: longest.version }), uk),
    renderOrderCard(
      view(longestOrder, {
        orderId: longest.orderId,
        version: longest.version,
        mode: 'cancel-reasons',
        cancelReasons: [{ code: longest.code, label: 'Найдовший код', requiresText: true }],
      }),
      uk,
    ),
  ];
  const allData = cards.flatMap((card) => callbackData(card.replyMarkup));

  it('fits 64 bytes and round-trips with the longest values', () => {
    expect(allData).toHaveLength(9);
    for (const data of allData) {
      expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64);
      const codec = orderCardCallbacks.find((candidate) => candidate.filter.test(data));
      expect(codec?.unpack(data)).toMatchObject({ orderId: longest.orderId });
    }
    expect(cancelOrderCallback.unpack(allData.find((data) => data.startsWith('or:')) ?? '')).toEqual({
      orderId: longest.orderId,
      version: longest.version,
      reason: longest.code,
    });
  });

  it('uses a distinct prefix per button kind', () => {
    const prefixes = orderCardCallbacks.map((codec) => codec.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('rejects forged, oversized and foreign payloads', () => {
    const id = 'a'.repeat(24);
    const forged = [
      '',
      'oa',
      `oa:${id}`,
      `oa:${id}:1:extra`,
      `oa:${'A'.repeat(24)}:1`,
      `oa:${id.slice(1)}:1`,
      `oa:${id}:-1`,
      `oa:${id}:1e3`,
      `oa:${id}:1234567890`,
      `or:${id}:1:${'a'.repeat(25)}`,
      `or:${id}:1:`,
      `or:${id}:1:<b>`,
      `os:${id}:1:${'9'.repeat(100)}`,
      `on:${id}:1:a b`,
      'lang:uk',
      `od:${id}:1`,
    ];
    for (const data of forged) {
      for (const codec of orderCardCallbacks)
        expect(codec.unpack(data), `${codec.prefix} ← ${data}`).toBeNull();
    }
  });
});

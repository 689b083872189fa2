import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyChartSize } from '#src/notify/charts/daily-picture.js';
import { SERIES_KEYWORD } from '#src/notify/charts/render.js';
import { localDateKey } from '#src/services/local-time.js';
import { lastLocalDays } from '#src/services/charts/local-days.js';
import { buildDaySummary } from '#src/services/charts/day-summaries.js';
import { backfillOrderDays } from '#src/services/charts/order-day-backfill.js';
import { periodStats } from '#src/services/charts/period-stats.js';
import {
  BOT_API_PHOTO_LIMIT_BYTES,
  startFakeTelegram,
  type FakeMessage,
  type FakeUser,
} from '#src/sandbox/fake-telegram/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import {
  ADMIN,
  TEST_BOT_TOKEN,
  createPromStore,
  greetAdmin,
  startTestBed,
  type TestBed,
} from '#test/harness/app.js';
import { ask, tap } from '#test/harness/chat.js';
import { orderRecord } from '#test/harness/fixtures.js';
import { readPng } from '#test/harness/png.js';

const KYIV = 'Europe/Kyiv';
const ENGLISH_ADMIN: FakeUser = { id: 1003, first_name: 'Emma', language_code: 'en' };
const LIMITED: FakeUser = { id: 4101, first_name: 'Марія', language_code: 'uk' };
const NO_STORES: FakeUser = { id: 4102, first_name: 'Остап', language_code: 'uk' };
const FOLLOWER: FakeUser = { id: 4103, first_name: 'Дарина', language_code: 'uk' };

let bed: TestBed;
let coffee: StoreRecord;
let tea: StoreRecord;
let old: StoreRecord;

beforeAll(async () => {
  bed = await startTestBed(import.meta.filename);
  await greetAdmin(bed);
  coffee = await createPromStore(bed, 'Кава А', { status: 'paused' });
  tea = await createPromStore(bed, 'Чай В', { status: 'paused' });
  old = await createPromStore(bed, 'Старий Б', { status: 'paused' });
  await bed.app.models.users.create([
    { telegramId: ENGLISH_ADMIN.id, name: 'Emma', role: 'admin', locale: 'en' },
    {
      telegramId: LIMITED.id,
      name: 'Марія',
      role: 'manager',
      allStores: false,
      storeIds: [String(coffee._id)],
    },
    { telegramId: NO_STORES.id, name: 'Остап', role: 'manager', allStores: false, storeIds: [] },
  ]);
});

afterAll(async () => {
  await bed?.close();
});

const photosTo = (chatId: number) => bed.telegram.botMessages(chatId).filter((m) => m.photo);
const seriesOf = (message: FakeMessage) => {
  const png = readPng(message.photo!.data);
  return { png, series: JSON.parse(png.texts[SERIES_KEYWORD] ?? 'null') as Record<string, unknown> };
};

describe('J4 daily summary picture', () => {
  // Monday 31 March 2025, 20:00 in Kyiv; the clocks went forward on Sunday the 30th (UTC+2 → +3)
  const NOW = new Date('2025-03-31T17:00:00Z');
  const at = (iso: string, number: string, extra: { statusGroup?: 'cancelled' } = {}) => ({
    number,
    placedAt: new Date(iso),
    ...(extra.statusGroup ? { statusGroup: extra.statusGroup, status: 'canceled' } : {}),
  });

  beforeAll(async () => {
    const orders = [
      // today in Kyiv: 00:30 (still the 30th in UTC), 10:15, and 19:40 cancelled
      { storeId: coffee._id, ...at('2025-03-30T21:30:00Z', 'J4P-1') },
      { storeId: coffee._id, ...at('2025-03-31T07:15:00Z', 'J4P-2') },
      { storeId: coffee._id, ...at('2025-03-31T16:40:00Z', 'J4P-3', { statusGroup: 'cancelled' }) },
      // the same weekday a week earlier
      { storeId: coffee._id, ...at('2025-03-24T10:00:00Z', 'J4P-4') },
      { storeId: coffee._id, ...at('2025-03-24T11:00:00Z', 'J4P-5') },
      // 23:30 on Saturday the 29th in Kyiv
      { storeId: coffee._id, ...at('2025-03-29T21:30:00Z', 'J4P-6') },
      { storeId: tea._id, ...at('2025-03-28T07:00:00Z', 'J4P-7') },
      { storeId: tea._id, ...at('2025-03-28T07:30:00Z', 'J4P-8') },
      // twenty days back: the store is left out of the picture
      { storeId: old._id, ...at('2025-03-11T10:00:00Z', 'J4P-9') },
    ];
    await bed.app.models.orders.insertMany(orders.map((order) => orderRecord(order)));
    // stored straight into the database: their picture rows as the start-up backfill makes them
    await backfillOrderDays(bed.app.models, KYIV);
    await bed.app.runDailySummary(NOW);
    // the outbox sends the summaries: the picture is the last of each admin's messages
    await bed.telegram.waitFor(
      () => photosTo(ADMIN.id).length > 0 && photosTo(ENGLISH_ADMIN.id).length > 0,
      20_000,
    );
  });

  it('sends each admin one PNG whose size, dimensions and series match what was seeded', async () => {
    const photos = photosTo(ADMIN.id);
    expect(photos).toHaveLength(1);
    const { png, series } = seriesOf(photos[0]!);
    expect({ width: png.width, height: png.height }).toEqual(dailyChartSize(2));
    expect(photos[0]!.photo).toMatchObject({ width: png.width, height: png.height });
    expect(png.bytes).toBeGreaterThan(20_000);
    expect(png.bytes).toBeLessThan(1_000_000);

    const zeros = () => new Array<number>(14).fill(0);
    const coffeeOrders = zeros();
    coffeeOrders[6] = 2; // Monday the 24th
    coffeeOrders[11] = 1; // the 29th, by Kyiv's calendar
    coffeeOrders[13] = 3;
    const coffeeCancelled = zeros();
    coffeeCancelled[13] = 1;
    const teaOrders = zeros();
    teaOrders[10] = 2;
    const todayHours = new Array<number>(24).fill(0);
    todayHours[0] = 1;
    todayHours[10] = 1;
    todayHours[19] = 1;
    expect(series).toEqual({
      kind: 'daily',
      timeZone: KYIV,
      days: lastLocalDays(NOW, KYIV, 14).keys,
      stores: [
        { id: String(coffee._id), orders: coffeeOrders, cancelled: coffeeCancelled },
        { id: String(tea._id), orders: teaOrders, cancelled: zeros() },
      ],
      todayHours,
    });
    expect((series.days as string[])[0]).toBe('2025-03-18');
    expect((series.days as string[])[13]).toBe('2025-03-31');
    expect(photos[0]!.text).toBe('Замовлення за 14 днів по магазинах, до 31.03.2025 (Europe/Kyiv)');
  });

  it('leaves a store with nothing in the 14 days out of the picture', () => {
    const { series } = seriesOf(photosTo(ADMIN.id)[0]!);
    const ids = (series.stores as { id: string }[]).map((store) => store.id);
    expect(ids).not.toContain(String(old._id));
    expect(ids).toHaveLength(2);
  });

  it('says in the store’s summary how today compares with the same weekday last week', () => {
    const summary = bed.telegram.botMessages(ADMIN.id).find((m) => m.document && m.text.startsWith('Кава А'));
    expect(summary?.text).toContain('Замовлень: 3');
    expect(summary?.text).toContain('Тиждень тому (24.03.2025): 2 замовл., зміна +1 (+50%)');
  });

  it('draws the picture in each admin’s language, from the same series', () => {
    const photos = photosTo(ENGLISH_ADMIN.id);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.text).toBe('Orders over 14 days by store, up to 31.03.2025 (Europe/Kyiv)');
    expect(seriesOf(photos[0]!).series).toEqual(seriesOf(photosTo(ADMIN.id)[0]!).series);
    const summary = bed.telegram.botMessages(ENGLISH_ADMIN.id).find((m) => m.text.startsWith('Кава А'));
    expect(summary?.text).toContain('A week ago (24.03.2025): 2 orders, change +1 (+50%)');
  });
});

describe('J6 stats: /stats → period → one picture (issue 19)', () => {
  const now = new Date();
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const seeded: { store: StoreRecord; placedAt: Date; cancelled: boolean; totalKop: number }[] = [];

  beforeAll(async () => {
    const record = (
      store: StoreRecord,
      number: string,
      placedAt: Date,
      extra: Record<string, unknown> = {},
    ) => {
      const cancelled = extra.statusGroup === 'cancelled';
      seeded.push({ store, placedAt, cancelled, totalKop: 10_000 });
      return { ...orderRecord({ storeId: store._id, number, placedAt }), ...extra };
    };
    const cancelledBy = (reason: string) => ({
      statusGroup: 'cancelled',
      status: 'canceled',
      audit: [{ at: now, by: 'Тарас', action: 'cancel', detail: reason }],
    });
    const accepted = record(coffee, 'J6-1', hoursAgo(1), { autoAcceptState: 'done' });
    const acceptedLater = record(coffee, 'J6-2', hoursAgo(48));
    const firstSeenAccepted = record(coffee, 'J6-3', hoursAgo(5 * 24));
    const rozetkaTea = {
      ...record(tea, 'J6-5', hoursAgo(4 * 24), { statusGroup: 'cancelled', status: '40' }),
      marketplace: 'rozetka',
    };
    const promTea = record(tea, 'J6-6', hoursAgo(6 * 24), { statusGroup: 'cancelled', status: 'canceled' });
    promTea.data = {
      ...promTea.data,
      rawJson: JSON.stringify({ cancellation: { title: 'Покупець передумав', initiator: 'buyer' } }),
    };
    const inserted = await bed.app.models.orders.insertMany([
      accepted,
      acceptedLater,
      firstSeenAccepted,
      record(coffee, 'J6-4', hoursAgo(3 * 24), cancelledBy('not_available')),
      rozetkaTea,
      promTea,
      record(old, 'J6-7', hoursAgo(10 * 24)),
      // 40 days back: in the 90-day picture only
      record(coffee, 'J6-8', hoursAgo(40 * 24)),
    ]);
    const id = (number: string) => inserted.find((order) => order.number === number)!._id;
    const after = (order: { placedAt: Date }, minutes: number) =>
      new Date(order.placedAt.getTime() + minutes * 60_000);
    await bed.app.models.statusChanges.create([
      { orderId: id('J6-1'), from: null, to: 'pending', at: accepted.placedAt, by: 'marketplace' },
      { orderId: id('J6-1'), from: 'pending', to: 'received', at: after(accepted, 10), by: 'auto-accept' },
      { orderId: id('J6-2'), from: null, to: 'pending', at: acceptedLater.placedAt, by: 'marketplace' },
      { orderId: id('J6-2'), from: 'pending', to: 'received', at: after(acceptedLater, 30), by: 'Тарас' },
      // first seen already accepted: its accept time is not known
      {
        orderId: id('J6-3'),
        from: null,
        to: 'received',
        at: after(firstSeenAccepted, 600),
        by: 'marketplace',
      },
    ]);
    await backfillOrderDays(bed.app.models, KYIV);
  });

  /** what a member should see for the period: per day of the shop, from the seeded orders */
  function expectedSeries(days: number, stores: StoreRecord[]) {
    const keys = lastLocalDays(new Date(), KYIV, days).keys;
    const orders = new Array<number>(days).fill(0);
    const cancelled = new Array<number>(days).fill(0);
    const revenueKop = new Array<number>(days).fill(0);
    for (const order of seeded) {
      const day = keys.indexOf(localDateKey(order.placedAt, KYIV));
      if (day < 0 || !stores.includes(order.store)) continue;
      orders[day]! += 1;
      if (order.cancelled) cancelled[day]! += 1;
      else revenueKop[day]! += order.totalKop;
    }
    return { days: keys, orders, cancelled, revenueKop };
  }

  async function statsPicture(user: FakeUser, period: RegExp) {
    const menu = await ask(bed.telegram, user, '/stats', /За який період показати статистику/);
    const before = photosTo(user.id).length;
    await tap(bed.telegram, user, menu, period);
    const photo = await bed.telegram.waitFor(() => photosTo(user.id)[before], 15_000);
    expect(photo.reply_to_message_id).toBe(menu.message_id);
    return { photo, ...seriesOf(photo) };
  }

  it('gives an admin one picture of every store with its numbers in the caption', async () => {
    const { photo, png, series } = await statsPicture(ADMIN, /^30 днів$/);
    expect({ width: png.width, height: png.height }).toEqual({ width: 1080, height: 1350 });
    expect(png.bytes).toBeGreaterThan(20_000);
    expect(png.bytes).toBeLessThan(1_000_000);
    expect(series).toMatchObject({
      kind: 'stats',
      timeZone: KYIV,
      stores: [coffee, old, tea].map((store) => String(store._id)),
      ...expectedSeries(30, [coffee, tea, old]),
      totals: { orders: 7, cancelled: 3, revenueKop: 40_000, autoAccepted: 1 },
      acceptMs: { median: 20 * 60_000, observed: 2 },
    });
    expect((series.reasons as { reason: string | null }[]).map((r) => r.reason).sort()).toEqual(
      ['Немає в наявності', 'Покупець передумав', 'Скасування. Клієнт передумав'].sort(),
    );
    expect(photo.text).toContain('📊 30 днів · усі магазини');
    expect(photo.text).toContain('Замовлень: 7');
    expect(photo.text).toMatch(/Скасовано: 3 \(43%\): /);
    expect(photo.text).toContain('Від замовлення до прийняття (медіана): 20 хв');
    expect(photo.text).toContain('Прийнято автоматично: 1 (14%)');
  });

  it('counts an order 40 days back in the 90-day picture only', async () => {
    const { series } = await statsPicture(ADMIN, /^90 днів$/);
    expect(series).toMatchObject({ ...expectedSeries(90, [coffee, tea, old]), totals: { orders: 8 } });
  });

  it('shows a manager limited to one store only that store’s orders', async () => {
    const { photo, series } = await statsPicture(LIMITED, /^7 днів$/);
    expect(series).toMatchObject({
      stores: [String(coffee._id)],
      ...expectedSeries(7, [coffee]),
      totals: { orders: 4, cancelled: 1, revenueKop: 30_000, autoAccepted: 1 },
      reasons: [{ reason: 'Немає в наявності', count: 1 }],
    });
    expect(photo.text).toContain('📊 7 днів · Кава А');
    expect(photo.text).not.toContain('Чай');
  });

  it('follows an order’s later change: accepted, then cancelled, it counts as cancelled', async () => {
    const store = await createPromStore(bed, 'Нова Д', { status: 'paused' });
    await bed.app.models.users.create({
      telegramId: FOLLOWER.id,
      name: 'Дарина',
      role: 'manager',
      allStores: false,
      storeIds: [String(store._id)],
    });
    const placedAt = hoursAgo(2);
    const state = (status: string, statusGroup: 'new' | 'processing' | 'cancelled') =>
      orderRecord({ storeId: store._id, number: 'J6-F1', placedAt, status, statusGroup }).data;
    const { orderSync } = bed.app.services;
    await orderSync.storeHeldOrder(store, state('pending', 'new'));
    await orderSync.storeHeldOrder(store, state('received', 'processing'));
    const before = await statsPicture(FOLLOWER, /^7 днів$/);
    expect(before.series).toMatchObject({
      stores: [String(store._id)],
      totals: { orders: 1, cancelled: 0, revenueKop: 10_000, autoAccepted: 0 },
      reasons: [],
      acceptMs: { observed: 1 },
    });

    await orderSync.storeHeldOrder(store, {
      ...state('canceled', 'cancelled'),
      rawJson: JSON.stringify({ cancellation: { title: 'Покупець передумав', initiator: 'buyer' } }),
    });
    const after = await statsPicture(FOLLOWER, /^7 днів$/);
    expect(after.series).toMatchObject({
      totals: { orders: 1, cancelled: 1, revenueKop: 0 },
      reasons: [{ reason: 'Покупець передумав', count: 1 }],
      // the accept seen before the cancel still counts
      acceptMs: { observed: 1 },
    });
    expect(after.photo.text).toMatch(/Скасовано: 1 \(100%\): Покупець передумав — 1/);
  });

  it('tells a manager limited to no store that there is nothing to show', async () => {
    const menu = await ask(bed.telegram, NO_STORES, '/stats', /За який період/);
    await tap(bed.telegram, NO_STORES, menu, /^7 днів$/);
    await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(NO_STORES.id).find((m) => m.text.includes('Немає магазинів')),
    );
    expect(photosTo(NO_STORES.id)).toHaveLength(0);
  });
});

describe('J4/J6 a day’s summary holds while its stamp does (issue 19)', () => {
  let store: StoreRecord;
  const placedAt = new Date(Date.now() - 3 * 3_600_000);
  const day = localDateKey(placedAt, KYIV);
  const state = (number: string, status: string, statusGroup: 'processing' | 'done' | 'cancelled') =>
    orderRecord({ storeId: store._id, number, placedAt, status, statusGroup }).data;
  const stats = () =>
    periodStats(bed.app.models, { storeIds: [store._id], days: 7, now: new Date(), timeZone: KYIV });
  const stampOf = async () => (await bed.app.models.dayStamps.findById(day).lean())?.stamp;
  const summaryOf = () => bed.app.models.daySummaries.findById(day).lean();

  beforeAll(async () => {
    store = await createPromStore(bed, 'Зведення Е', { status: 'paused' });
  });

  it('reads a saved summary while the day is unchanged, and builds it again once an order of the day changes', async () => {
    const { orderSync } = bed.app.services;
    await orderSync.storeHeldOrder(store, state('J46-1', 'received', 'processing'));
    expect((await stats()).totals).toMatchObject({ orders: 1, cancelled: 0 });
    const saved = await summaryOf();
    expect(saved?.stampRead).toBe(await stampOf());

    // the saved summary is what the picture reads while the stamp holds
    const stores = JSON.parse(saved!.stores) as Record<string, { orders: number }>;
    stores[String(store._id)]!.orders = 99;
    await bed.app.models.daySummaries.updateOne({ _id: day }, { $set: { stores: JSON.stringify(stores) } });
    expect((await stats()).totals.orders).toBe(99);

    // delivered: a change the summary does not count leaves the stamp, and the summary, as they are
    const stamp = await stampOf();
    await orderSync.storeHeldOrder(store, state('J46-1', 'delivered', 'done'));
    expect(await stampOf()).toBe(stamp);
    expect((await stats()).totals.orders).toBe(99);

    // cancelled after the summary was built: the day's stamp moves, the summary is built again
    await orderSync.storeHeldOrder(store, state('J46-1', 'canceled', 'cancelled'));
    expect((await stats()).totals).toMatchObject({ orders: 1, cancelled: 1, revenueKop: 0 });
    expect((await summaryOf())?.stampRead).toBe(await stampOf());
  });

  it('does not trust a summary whose day changed while it was being built', async () => {
    const { orderSync } = bed.app.services;
    await orderSync.storeHeldOrder(store, state('J46-2', 'received', 'processing'));
    await bed.app.models.dayStamps.updateOne({ _id: day }, { $set: { stamp: 'moved-to-force-a-build' } });
    // a builder read the stamp, then the rows; the order is cancelled (row, then stamp): whenever
    // the builder's save lands, it holds the stamp read before the rows, which has moved since
    const stampBefore = await stampOf();
    await buildDaySummary(bed.app.models, day, stampBefore!);
    expect((await stats()).totals).toMatchObject({ orders: 2, cancelled: 1 });
    await orderSync.storeHeldOrder(store, state('J46-2', 'canceled', 'cancelled'));
    await buildDaySummary(bed.app.models, day, stampBefore!);
    expect((await summaryOf())?.stampRead).toBe(stampBefore);
    expect(await stampOf()).not.toBe(stampBefore);

    expect((await stats()).totals).toMatchObject({ orders: 2, cancelled: 2, revenueKop: 0 });
    expect((await summaryOf())?.stampRead).toBe(await stampOf());
  });
});

describe('J4/J6 the fake Telegram takes sendPhoto as the Bot API does', () => {
  /** a PNG signature and header of any size: all the fake reads of a photo */
  function pngOf(width: number, height: number, bytes = 64) {
    const png = Buffer.alloc(bytes);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(width, 16);
    png.writeUInt32BE(height, 20);
    return png;
  }

  it('refuses photos over 10 MB, over 10 000 px in width plus height, or longer than 20:1', async () => {
    const telegram = await startFakeTelegram();
    const send = async (photo: Buffer, name = 'chart.png') => {
      const form = new FormData();
      form.append('chat_id', String(ADMIN.id));
      form.append('photo', new Blob([new Uint8Array(photo)]), name);
      form.append('caption', 'Графік');
      const response = await fetch(`${telegram.url}/bot${TEST_BOT_TOKEN}/sendPhoto`, {
        method: 'POST',
        body: form,
      });
      return (await response.json()) as { ok: boolean; description?: string; result?: { photo: object[] } };
    };
    try {
      expect((await send(pngOf(5_000, 5_001))).description).toBe('Bad Request: PHOTO_INVALID_DIMENSIONS');
      expect((await send(pngOf(2_100, 100))).description).toBe('Bad Request: PHOTO_INVALID_DIMENSIONS');
      expect((await send(pngOf(1_080, 1_350, BOT_API_PHOTO_LIMIT_BYTES + 1))).description).toBe(
        'Bad Request: PHOTO_SAVE_FILE_INVALID',
      );
      expect((await send(Buffer.from('GIF89a not a png'))).description).toBe(
        'Bad Request: IMAGE_PROCESS_FAILED',
      );
      const taken = await send(pngOf(2_000, 100, BOT_API_PHOTO_LIMIT_BYTES));
      expect(taken.ok).toBe(true);
      expect(taken.result?.photo).toEqual([expect.objectContaining({ width: 2_000, height: 100 })]);
      expect(telegram.botMessages(ADMIN.id)).toEqual([
        expect.objectContaining({ text: 'Графік', photo: expect.objectContaining({ width: 2_000 }) }),
      ]);
    } finally {
      await telegram.close();
    }
  });
});

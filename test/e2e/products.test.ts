import { Types } from 'mongoose';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '#src/app.js';
import { loadConfig } from '#src/config/index.js';
import { DAILY_SUMMARY } from '#src/jobs/daily-summary.js';
import { createLogger } from '#src/logger.js';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { asLocalWallClock, localDayStart } from '#src/services/local-time.js';
import type { StoreRecord } from '#src/services/stores.js';
import { PROM_COLUMNS, PROM_SHEET_NAME } from '#src/services/xlsx/price-list.js';
import { DATE_TIME_FORMAT, MONEY_FORMAT } from '#src/services/xlsx/workbook.js';
import {
  ADMIN,
  createPromStore,
  greetAdmin,
  startTestBed,
  TEST_ENCRYPTION_KEY,
  type TestBed,
  testEnv,
  MANAGER,
  addManager,
} from '#test/harness/app.js';
import { item, orderRecord } from '#test/harness/fixtures.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;
let secondStore: StoreRecord;
const TZ = 'Europe/Kyiv';

beforeAll(async () => {
  prom = await startFakeProm({ seed: 21 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await addManager(bed);
  await greetAdmin(bed);
  store = await createPromStore(bed, 'Туристичний Prom');
  secondStore = await bed.app.services.stores.create({
    name: 'Гаджети Rozetka',
    credentials: { marketplace: 'rozetka', username: 'demo', password: 'demo' },
    // never polled: this test bed has no fake Rozetka
    status: 'paused',
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

function buttonData(message: FakeMessage, label: string | RegExp): string {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!button || !('callback_data' in button)) throw new Error(`no button ${String(label)}`);
  return button.callback_data as string;
}

/** sends a command, then taps the buttons in turn on the message it answered with */
async function tapThrough(command: string, labels: (string | RegExp)[]): Promise<FakeMessage> {
  const before = bed.telegram.botMessages(ADMIN.id).length;
  bed.telegram.sendText(ADMIN, command);
  const menu = await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id)[before]);
  for (const label of labels) {
    await bed.telegram.waitFor(() =>
      menu.reply_markup?.inline_keyboard
        .flat()
        .some((b) => (typeof label === 'string' ? b.text === label : label.test(b.text))),
    );
    bed.telegram.clickButton(ADMIN, menu, buttonData(menu, label));
  }
  return menu;
}

const nextDocument = async (prefix: string, after: number) =>
  bed.telegram.waitFor(
    () =>
      bed.telegram
        .botMessages(ADMIN.id)
        .slice(after)
        .find((m) => m.document?.filename.startsWith(prefix)),
    20_000,
  );

async function readWorkbook(message: FakeMessage) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(message.document!.data as unknown as ArrayBuffer);
  return workbook;
}

const headerRow = (sheet: ExcelJS.Worksheet) =>
  (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);

describe('P1 import products', () => {
  let ids: { byId: string; bySku: string; byName: string; skuTwin: string; takesOldSku: string };

  it('matches stored records by id, then SKU, then exact name, updates instead of duplicating and reports the counts', async () => {
    const p = (sku: string, uk: string, quantity: number | null = 10) =>
      String(
        prom.addProduct({
          sku,
          external_id: null,
          name: uk,
          name_multilang: { uk, ru: uk },
          quantity_in_stock: quantity,
          presence: 'available',
          price: 549,
        }).json.id,
      );
    ids = {
      byId: p('NEW-SKU-A', 'Термос сталевий 1 л'),
      bySku: p('SKU-B', 'Рюкзак 40 л'),
      byName: p('SKU-C-NEW', 'Ліхтарик налобний LED'),
      skuTwin: p('SKU-B', 'Рюкзак 40 л, двійник'),
      takesOldSku: p('OLD-SKU-A', 'Інший товар зі старим артикулом', 1),
    };
    const { products } = bed.app.models;
    const base = { storeId: store._id, marketplace: 'prom', priceKop: 100, currency: 'UAH' };
    await products.insertMany([
      { ...base, marketplaceProductId: ids.byId, sku: 'OLD-SKU-A', name: 'Стара назва A' },
      { ...base, marketplaceProductId: 'gone-b', sku: 'SKU-B', name: 'Будь-що' },
      { ...base, marketplaceProductId: 'gone-c', sku: null, name: 'Ліхтарик налобний LED' },
      { ...base, marketplaceProductId: 'gone-d', sku: 'SKU-D', name: 'Зниклий товар' },
    ]);

    const menu = await tapThrough('/products', [/Імпортувати/, store.name]);
    await bed.telegram.waitFor(() => menu.text.includes('завершено'), 15_000);
    expect(menu.text).toContain('Знайдено на маркетплейсі: 5');
    expect(menu.text).toContain('Нових: 2');
    expect(menu.text).toContain('Оновлено: 3');
    expect(menu.text).toContain('Немає більше на маркетплейсі: 1');
    expect(menu.edits).toBeGreaterThanOrEqual(3);

    const stored = await products.find({ storeId: store._id }).lean();
    expect(stored).toHaveLength(6);
    const byMarketplaceId = new Map(stored.map((s) => [s.marketplaceProductId, s]));
    expect(byMarketplaceId.get(ids.byId)).toMatchObject({
      name: 'Термос сталевий 1 л',
      sku: 'NEW-SKU-A',
      priceKop: 54_900,
    });
    expect(byMarketplaceId.get(ids.bySku)?.name).toBe('Рюкзак 40 л');
    expect(byMarketplaceId.get(ids.byName)?.sku).toBe('SKU-C-NEW');
    expect(byMarketplaceId.has('gone-b') || byMarketplaceId.has('gone-c')).toBe(false);
    expect(byMarketplaceId.get('gone-d')?.importRun).toBeNull();
    expect(byMarketplaceId.get(ids.skuTwin)).toBeDefined();
    expect(byMarketplaceId.get(ids.takesOldSku)).toBeDefined();
  });

  it('pages through a large catalogue and a second import updates every record without duplicates', async () => {
    prom.addProducts(1_200);
    const outcome = await bed.app.services.productImport.importStore(store._id);
    expect(outcome).toEqual({ ok: true, summary: { seen: 1_205, created: 1_200, updated: 5, unmatched: 1 } });
    const again = await bed.app.services.productImport.importStore(store._id);
    expect(again).toEqual({ ok: true, summary: { seen: 1_205, created: 0, updated: 1_205, unmatched: 1 } });
    expect(await bed.app.models.products.countDocuments({ storeId: store._id })).toBe(1_206);
  }, 120_000);

  it('gets the whole catalogue when Prom caps the plain list at the root group (the other live reading)', async () => {
    prom.behaviour.productsWithoutGroup = 'root_group';
    try {
      const outcome = await bed.app.services.productImport.importStore(store._id);
      expect(outcome).toEqual({
        ok: true,
        summary: { seen: 1_205, created: 0, updated: 1_205, unmatched: 1 },
      });
    } finally {
      prom.behaviour.productsWithoutGroup = 'all';
    }
  }, 120_000);

  it('refuses the import to a manager', async () => {
    bed.telegram.sendText(MANAGER, '/products');
    const answer = await bed.telegram.waitFor(() => bed.telegram.botMessages(MANAGER.id).at(-1));
    expect(answer.text).toContain('лише адміністратор');
  });
});

describe('P2 Prom price list', () => {
  it('sends an XLSX in Prom’s import layout with quantities less the units of accepted, unshipped orders', async () => {
    const p1 = (await bed.app.models.products.findOne({ storeId: store._id, sku: 'NEW-SKU-A' }).lean())!;
    const lastUnit = (await bed.app.models.products
      .findOne({ storeId: store._id, sku: 'OLD-SKU-A' })
      .lean())!;
    const placedAt = new Date(Date.now() - 3 * 86_400_000);
    const order = (
      number: string,
      fields: Parameters<typeof orderRecord>[0] extends infer F ? Partial<F> : never,
    ) => orderRecord({ storeId: store._id, number, placedAt, ...fields });
    await bed.app.models.orders.insertMany([
      order('P2-1', { items: [item(p1.marketplaceProductId, null, p1.name, 2)] }),
      order('P2-2', {
        items: [item(null, 'SKU-C-NEW', 'Ліхтарик', 1), item(lastUnit.marketplaceProductId, null, 'x', 1)],
      }),
      order('P2-3', { items: [item(p1.marketplaceProductId, null, p1.name, 5)], ttn: '20450000000001' }),
      order('P2-4', {
        items: [item(p1.marketplaceProductId, null, p1.name, 3)],
        statusGroup: 'new',
        status: 'pending',
      }),
      order('P2-5', {
        items: [item(p1.marketplaceProductId, null, p1.name, 4)],
        statusGroup: 'cancelled',
        status: 'canceled',
      }),
      order('P2-6', {
        items: [item(p1.marketplaceProductId, null, p1.name, 1)],
        statusGroup: 'done',
        status: 'delivered',
      }),
    ]);

    const before = bed.telegram.botMessages(ADMIN.id).length;
    await tapThrough('/products', [/Прайс-лист/, store.name]);
    const document = await nextDocument('prom-price-', before);
    expect(document.text).toMatch(/1\s206 товарів/);

    const sheet = (await readWorkbook(document)).getWorksheet(PROM_SHEET_NAME)!;
    expect(headerRow(sheet)).toEqual(PROM_COLUMNS.map((c) => c.header));
    expect(sheet.rowCount).toBe(1 + 1_206);
    const column = (header: string) => PROM_COLUMNS.findIndex((c) => c.header === header) + 1;
    const rowOf = (sku: string) => {
      for (let r = 2; r <= sheet.rowCount; r++)
        if (sheet.getRow(r).getCell(column('Код_товару')).value === sku) return sheet.getRow(r);
      throw new Error(`no row for ${sku}`);
    };
    const thermos = rowOf('NEW-SKU-A');
    expect(thermos.getCell(column('Кількість')).value).toBe(10 - 2);
    expect(thermos.getCell(column('Ціна')).value).toBe(549);
    expect(thermos.getCell(column('Ціна')).numFmt).toBe(MONEY_FORMAT);
    expect(thermos.getCell(column('Наявність')).value).toBe('+');
    expect(thermos.getCell(column('Назва_позиції_укр')).value).toBe('Термос сталевий 1 л');
    expect(thermos.getCell(column('Унікальний_ідентифікатор')).value).toBe(p1.marketplaceProductId);
    expect(rowOf('SKU-C-NEW').getCell(column('Кількість')).value).toBe(10 - 1);
    const soldOut = rowOf('OLD-SKU-A');
    expect(soldOut.getCell(column('Кількість')).value).toBe(0);
    expect(soldOut.getCell(column('Наявність')).value).toBe('-');
  });
});

describe('P3 orders report', () => {
  it('sends one sheet with a row per order of the period and a summary per store and status whose totals add up', async () => {
    const today = localDayStart(new Date(), TZ);
    const at = (hours: number) => new Date(today.getTime() + hours * 3_600_000);
    await bed.app.models.orders.insertMany([
      orderRecord({
        storeId: store._id,
        number: 'P3-1',
        placedAt: at(0.5),
        assigneeName: 'Тарас',
        items: [item('1', 'A', 'Термос', 2, 54_900)],
      }),
      orderRecord({
        storeId: store._id,
        number: 'P3-2',
        placedAt: at(0.6),
        statusGroup: 'new',
        status: 'pending',
        statusLabel: 'Нове',
      }),
      orderRecord({
        storeId: store._id,
        number: 'P3-3',
        placedAt: at(0.7),
        items: [item('2', 'B', 'Рюкзак', 1, 171_300)],
      }),
      orderRecord({
        storeId: secondStore._id,
        number: 'P3-4',
        placedAt: at(0.8),
        statusLabel: 'Обробляється менеджером',
      }),
      orderRecord({
        storeId: secondStore._id,
        number: 'P3-5',
        placedAt: at(0.9),
        statusGroup: 'cancelled',
        statusLabel: 'Скасовано',
        items: [item('3', 'C', 'Ліхтарик', 3, 32_950)],
      }),
      orderRecord({ storeId: store._id, number: 'P3-old', placedAt: new Date(today.getTime() - 3_600_000) }),
    ]);

    const before = bed.telegram.botMessages(ADMIN.id).length;
    await tapThrough('/report', ['Сьогодні', 'Усі магазини']);
    const document = await nextDocument('orders-today-', before);
    const workbook = await readWorkbook(document);
    const orders = workbook.getWorksheet('Замовлення')!;
    expect(headerRow(orders)).toEqual([
      'Номер',
      'Дата',
      'Магазин',
      'Покупець',
      'Телефон',
      'Статус',
      'Етап',
      'Оплата',
      'Доставка',
      'Товарів, шт.',
      'Сума, грн',
      'Менеджер',
    ]);
    const rows = Array.from({ length: orders.rowCount - 1 }, (_, i) => orders.getRow(i + 2));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['P3-1', 'P3-2', 'P3-3', 'P3-4', 'P3-5']);
    const first = rows[0]!;
    expect(first.getCell(2).numFmt).toBe(DATE_TIME_FORMAT);
    expect((first.getCell(2).value as Date).getTime()).toBe(asLocalWallClock(at(0.5), TZ).getTime());
    expect(first.getCell(3).value).toBe(store.name);
    expect(first.getCell(7).value).toBe('В роботі');
    expect(first.getCell(10).value).toBe(2);
    expect(first.getCell(11).value).toBe(1_098);
    expect(first.getCell(11).numFmt).toBe(MONEY_FORMAT);
    expect(first.getCell(12).value).toBe('Тарас');

    const summary = workbook.getWorksheet('Підсумок')!;
    const lines = Array.from({ length: summary.rowCount - 1 }, (_, i) => summary.getRow(i + 2)).map((r) => ({
      store: String(r.getCell(1).value),
      status: String(r.getCell(2).value ?? ''),
      orders: Number(r.getCell(3).value),
      total: Number(r.getCell(4).value),
      format: r.getCell(4).numFmt,
    }));
    const grand = lines.at(-1)!;
    const perStatus = lines.filter((l) => l.status !== 'Разом по магазину' && l !== grand);
    const storeTotals = lines.filter((l) => l.status === 'Разом по магазину');
    const sumOf = (list: typeof lines) => Math.round(list.reduce((s, l) => s + l.total, 0) * 100) / 100;
    const orderRowsTotal = Math.round(rows.reduce((s, r) => s + Number(r.getCell(11).value), 0) * 100) / 100;
    expect(grand).toMatchObject({ store: 'Разом', orders: 5, total: orderRowsTotal, format: MONEY_FORMAT });
    expect(sumOf(perStatus)).toBe(orderRowsTotal);
    expect(sumOf(storeTotals)).toBe(orderRowsTotal);
    for (const total of storeTotals) {
      expect(sumOf(perStatus.filter((l) => l.store === total.store))).toBe(total.total);
    }
    expect(perStatus.find((l) => l.store === 'Гаджети Rozetka' && l.status === 'Скасовано')).toMatchObject({
      orders: 1,
      total: 988.5,
    });
  });

  it('filters by store and by period', async () => {
    const before = bed.telegram.botMessages(ADMIN.id).length;
    await tapThrough('/report', ['Сьогодні', secondStore.name]);
    const document = await nextDocument('orders-today-', before);
    const orders = (await readWorkbook(document)).getWorksheet('Замовлення')!;
    expect(orders.rowCount).toBe(3);
    expect(document.text).toContain('Усього: 2');

    const yesterday = bed.telegram.botMessages(ADMIN.id).length;
    await tapThrough('/report', ['Вчора', 'Усі магазини']);
    const old = await nextDocument('orders-yesterday-', yesterday);
    const numbers = (await readWorkbook(old)).getWorksheet('Замовлення')!.getColumn(1).values.slice(2);
    expect(numbers).toContain('P3-old');
    expect(numbers).not.toContain('P3-1');
  });
});

describe('J4 daily summary', () => {
  let second: App | null = null;

  afterAll(async () => {
    await second?.stop();
  });

  const summaries = () =>
    bed.telegram.botMessages(ADMIN.id).filter((m) => m.document?.filename.startsWith('summary-'));

  it('goes to each admin once per day with a message and the report per store, even from two app instances', async () => {
    const now = new Date();
    await bed.app.models.orders.insertMany([
      orderRecord({
        storeId: store._id,
        number: 'J4-auto',
        placedAt: now,
        audit: [{ at: now, by: null, action: 'auto-accept', detail: null }],
      }),
      orderRecord({
        storeId: store._id,
        number: 'J4-cancelled',
        placedAt: new Date(now.getTime() - 5 * 86_400_000),
        statusGroup: 'cancelled',
        status: 'canceled',
      }),
    ]);
    const cancelled = await bed.app.models.orders.findOne({ number: 'J4-cancelled' }).lean();
    await bed.app.models.statusChanges.create({
      orderId: cancelled!._id,
      from: 'received',
      to: 'canceled',
      at: now,
      by: 'marketplace',
    });

    const thread = new Types.ObjectId();
    await bed.app.models.buyerMessages.create([
      { storeId: store._id, threadId: thread, marketplaceMessageId: 'J4-m1', sentAt: now },
      { storeId: store._id, threadId: thread, marketplaceMessageId: 'J4-m2', sentAt: now, answeredAt: now },
    ]);

    const config = loadConfig(testEnv(bed, { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PROM_API_URL: prom.url }));
    second = await startApp(config, { logger: createLogger('silent'), dbName: bed.database.dbName });

    await Promise.all([bed.app.agenda.now(DAILY_SUMMARY), second.agenda.now(DAILY_SUMMARY)]);
    await bed.telegram.waitFor(() => summaries().length >= 2, 20_000);
    await Promise.all([
      bed.app.runDailySummary(now),
      second.runDailySummary(now),
      bed.app.runDailySummary(now),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(summaries()).toHaveLength(2);
    expect(bed.telegram.botMessages(MANAGER.id).some((m) => m.document)).toBe(false);

    const promSummary = summaries().find((m) => m.text.includes(store.name))!;
    expect(promSummary.text).toContain('Замовлень: 4');
    expect(promSummary.text).toContain('Скасувань: 1');
    expect(promSummary.text).toContain('Прийнято автоматично: 1');
    expect(promSummary.text).toContain('Повідомлень без відповіді: 1');
    expect(promSummary.text).toMatch(/Виручка: 3\s011,00\sгрн/);
    const rows = (await readWorkbook(promSummary)).getWorksheet('Замовлення')!.getColumn(1).values.slice(2);
    expect(rows).toEqual(['P3-1', 'P3-2', 'P3-3', 'J4-auto']);
  });

  it('says so in one line on a day with nothing', async () => {
    const before = bed.telegram.botMessages(ADMIN.id).length;
    await bed.app.runDailySummary(new Date('2020-01-15T12:00:00Z'));
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > before, 15_000);
    while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const added = bed.telegram.botMessages(ADMIN.id).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]?.document).toBeNull();
    expect(added[0]?.text).toContain('15.01.2020');
    expect(added[0]?.text.split('\n')).toHaveLength(1);
  });
});

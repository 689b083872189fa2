import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { modelsFor } from '#src/db/models/index.js';
import type { OrderStatusGroup } from '#src/marketplaces/port.js';
import { localDayStart } from '#src/services/local-time.js';
import { buildOrdersReport } from '#src/services/xlsx/orders-report.js';
import { buildPromPriceList } from '#src/services/xlsx/price-list.js';
import { item, orderRecord } from '#test/harness/fixtures.js';

/**
 * `npm run bench:xlsx`: the P2 price list of BENCH_PRODUCTS (default 50 000) products and the
 * P3 report of BENCH_ORDERS (default 20 000) orders, on the MongoDB given by MONGODB_URI (or
 * TEST_MONGODB_URI) in a database of its own. One JSON line per figure: wall time and the peak
 * RSS of the process while each file is built (targets: 10 s and 300 MB each).
 */
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const TIME_ZONE = 'Europe/Kyiv';
const uri = process.env.MONGODB_URI ?? process.env.TEST_MONGODB_URI;
if (!uri) {
  process.stderr.write('set MONGODB_URI (or TEST_MONGODB_URI) to the server to measure against\n');
  process.exit(1);
}
const print = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function measure<T>(figure: string, task: () => Promise<T>, describe: (result: T) => object) {
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);
  const started = Date.now();
  const result = await task();
  const ms = Date.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  print({ figure, ms, rss_before_mb: before, peak_rss_mb: peak, ...describe(result) });
}

const dbName = `bench_xlsx_${randomBytes(3).toString('hex')}`;
const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
const models = modelsFor(connection);
try {
  for (const model of [models.products, models.orders, models.stores]) await model.createIndexes();
  const storeId = new Types.ObjectId();
  await models.stores.collection.insertOne({ _id: storeId, name: 'Bench', marketplace: 'prom' });

  let seeding = Date.now();
  for (let from = 0; from < PRODUCTS; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, PRODUCTS - from) }, (_, i) => {
      const n = from + i;
      return {
        storeId,
        marketplace: 'prom',
        marketplaceProductId: String(1_000_000 + n),
        sku: `SKU-${n}`,
        name: `Термос сталевий 1 л, варіант ${n}`,
        priceKop: 54_900 + (n % 100) * 100,
        currency: 'UAH',
        quantity: n % 50,
        presence: 'available',
        group: 'Посуд',
        imageUrl: `https://images.prom.ua/${n}_w640_h640.jpg`,
      };
    });
    await models.products.insertMany(batch, { lean: true });
  }
  print({ figure: 'seed_products', products: PRODUCTS, ms: Date.now() - seeding });

  seeding = Date.now();
  const today = localDayStart(new Date(), TIME_ZONE);
  // a shop's history: mostly done, some cancelled or new, one in twenty accepted and unshipped
  const groupOf = (n: number): OrderStatusGroup =>
    n % 20 === 0 ? 'processing' : n % 10 === 1 ? 'cancelled' : n % 10 < 4 ? 'new' : 'done';
  for (let from = 0; from < ORDERS; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, ORDERS - from) }, (_, i) => {
      const n = from + i;
      const product = n % PRODUCTS;
      return orderRecord({
        storeId,
        number: String(300_000_000 + n),
        // spread over today so one "today" report holds every order
        placedAt: new Date(today.getTime() + (n % 3_600) * 1_000),
        statusGroup: groupOf(n),
        items: [
          item(String(1_000_000 + product), `SKU-${product}`, `Термос ${product}`, 1 + (n % 3), 54_900),
        ],
        assigneeName: n % 2 ? 'Тарас' : null,
      });
    });
    await models.orders.insertMany(batch, { lean: true });
  }
  const reserving = await models.orders.countDocuments({ statusGroup: 'processing' });
  print({ figure: 'seed_orders', orders: ORDERS, reserving_orders: reserving, ms: Date.now() - seeding });

  await measure(
    'price_list_xlsx',
    () => buildPromPriceList(models, storeId),
    ({ rows, buffer }) => ({ rows, file_kb: Math.round(buffer.length / 1024) }),
  );
  await measure(
    'orders_report_xlsx',
    () =>
      buildOrdersReport(
        models,
        { period: { from: today, to: localDayStart(today, TIME_ZONE, 1) }, storeIds: null },
        { t: (key) => key, timeZone: TIME_ZONE },
      ),
    ({ orders, buffer }) => ({ orders, file_kb: Math.round(buffer.length / 1024) }),
  );
} finally {
  await connection.dropDatabase();
  await connection.close();
}

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import mongoose, { Types } from 'mongoose';
import { createI18n } from '#src/bot/i18n.js';
import { modelsFor, type Models } from '#src/db/models/index.js';
import { drawDailyChart } from '#src/notify/charts/daily-picture.js';
import { drawStatsChart } from '#src/notify/charts/stats-picture.js';
import { backfillOrderDays } from '#src/services/charts/order-day-backfill.js';
import { ordersPerStoreDay } from '#src/services/charts/order-days.js';
import { periodStats } from '#src/services/charts/period-stats.js';
import { localDayStart } from '#src/services/local-time.js';
import { SUMMARY_CHART_DAYS } from '#src/services/daily-summary.js';
import { orderRecord } from '#test/harness/fixtures.js';
import { peakRssMb } from './lib/stats.js';

/**
 * `npm run bench:charts`: BENCH_STORES (200) stores × BENCH_DAYS (90) days × BENCH_ORDERS_PER_DAY
 * (5) orders per store and day, with their status history, seeded straight into a database of
 * its own on MONGODB_URI (or TEST_MONGODB_URI), and their picture rows made by the start-up
 * backfill (timed: what an upgraded shop waits for once); then each picture is drawn twice, each
 * time in a fresh process: cold (no day summary saved: every day is built from its rows) and warm
 * (every day's summary holds): the J4 daily summary picture and the J6 /stats picture of 90 days of
 * every store. One JSON line per figure: wall time (data and drawing apart) and the process's
 * peak RSS (targets: 1 s and 150 MB per picture). BENCH_DB names a database to seed once and keep
 * for later runs (seeding is the slow part on FerretDB).
 */
const STORES = Number(process.env.BENCH_STORES ?? 200);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const PER_DAY = Number(process.env.BENCH_ORDERS_PER_DAY ?? 5);
const TIME_ZONE = 'Europe/Kyiv';
const print = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const uri = process.env.MONGODB_URI ?? process.env.TEST_MONGODB_URI;
if (!uri) {
  process.stderr.write('set MONGODB_URI (or TEST_MONGODB_URI) to the server to measure against\n');
  process.exit(1);
}

/** a working day's shape: most orders between 9:00 and 22:00 */
const minuteOfDay = (n: number) => (9 * 60 + ((n * 137) % (13 * 60)) + (n % 11 === 0 ? 600 : 0)) % 1_440;

async function seed(models: Models) {
  for (const model of [models.orders, models.statusChanges, models.stores]) await model.createIndexes();
  const stores = Array.from({ length: STORES }, (_, i) => ({
    _id: new Types.ObjectId(),
    name: `Магазин ${String(i + 1).padStart(3, '0')}`,
    marketplace: 'prom',
  }));
  await models.stores.collection.insertMany(stores);
  const today = localDayStart(new Date(), TIME_ZONE);
  const started = Date.now();
  let n = 0;
  for (let day = 0; day < DAYS; day++) {
    const dayStart = localDayStart(today, TIME_ZONE, -day);
    const orders = [];
    const moves = [];
    for (const store of stores) {
      for (let k = 0; k < PER_DAY; k++, n++) {
        const placedAt = new Date(dayStart.getTime() + minuteOfDay(n) * 60_000);
        const cancelled = n % 12 === 5;
        const order = orderRecord({
          storeId: store._id,
          number: `B${n}`,
          placedAt,
          ...(cancelled ? { status: 'canceled', statusGroup: 'cancelled' as const } : {}),
          ...(cancelled && n % 24 === 5
            ? { audit: [{ at: placedAt, by: 'Тарас', action: 'cancel', detail: 'not_available' }] }
            : {}),
        });
        const _id = new Types.ObjectId();
        orders.push({
          ...order,
          _id,
          autoAcceptState: n % 3 === 0 && !cancelled ? 'done' : 'none',
          data: {
            ...order.data,
            ...(cancelled && n % 24 !== 5
              ? {
                  rawJson: JSON.stringify({
                    id: n,
                    cancellation: { title: 'Покупець передумав', initiator: 'buyer' },
                  }),
                }
              : {}),
          },
        });
        const later = new Date(placedAt.getTime() + (5 + (n % 115)) * 60_000);
        moves.push(
          { orderId: _id, from: null, to: 'pending', at: placedAt, by: 'marketplace' },
          {
            orderId: _id,
            from: 'pending',
            to: cancelled ? 'canceled' : 'received',
            at: later,
            by: 'marketplace',
          },
        );
      }
    }
    await models.orders.collection.insertMany(orders);
    await models.statusChanges.collection.insertMany(moves);
  }
  print({
    figure: 'seed',
    stores: STORES,
    days: DAYS,
    orders: n,
    status_changes: 2 * n,
    ms: Date.now() - started,
  });
}

/** the picture rows of the seeded orders, as the first start of this version makes them */
async function backfill(models: Models) {
  await models.orderDays.createIndexes();
  const started = Date.now();
  const rows = await backfillOrderDays(models, TIME_ZONE);
  print({ figure: 'backfill', rows, ms: Date.now() - started, peak_rss_mb: await peakRssMb(process.pid) });
}

/** one picture, measured in this (fresh) process */
async function measure(
  models: Models,
  figure: 'daily_summary_picture' | 'stats_90_days_picture',
  run: 'cold' | 'warm',
) {
  const i18n = createI18n('uk');
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t('uk', key, vars);
  // Linux: "5" resets the peak (VmHWM), so each run's peak is its own
  await writeFile('/proc/self/clear_refs', '5').catch(() => undefined);
  const rssBefore = rssMb();
  const started = Date.now();
  let drawStarted: number;
  let dataPeak: number | null;
  let png: Buffer;
  let rows: Record<string, unknown>;
  if (figure === 'daily_summary_picture') {
    const data = await ordersPerStoreDay(models, {
      now: new Date(),
      timeZone: TIME_ZONE,
      days: SUMMARY_CHART_DAYS,
    });
    drawStarted = Date.now();
    dataPeak = await peakRssMb(process.pid);
    png = (await drawDailyChart(data, t, 'uk')).png;
    rows = {
      stores_drawn: data.stores.length,
      orders: data.stores.reduce((s, x) => s + x.orders.reduce((a, b) => a + b, 0), 0),
    };
  } else {
    const storeIds = (await models.stores.find().select({ _id: 1 }).lean()).map((s) => s._id);
    const stats = await periodStats(models, { storeIds, days: 90, now: new Date(), timeZone: TIME_ZONE });
    drawStarted = Date.now();
    dataPeak = await peakRssMb(process.pid);
    png = (await drawStatsChart(stats, { t, locale: 'uk', scope: t('stats-all-stores') })).png;
    rows = { orders: stats.totals.orders, accepts_seen: stats.acceptMs.observed };
  }
  const done = Date.now();
  print({
    figure,
    run,
    ms: done - started,
    data_ms: drawStarted - started,
    draw_ms: done - drawStarted,
    rss_before_mb: rssBefore,
    data_peak_rss_mb: dataPeak,
    peak_rss_mb: await peakRssMb(process.pid),
    png_kb: Math.round(png.length / 1024),
    ...rows,
  });
}

const [mode, figureArg, dbArg, runArg] = process.argv.slice(2);
if (mode === '--measure') {
  const connection = await mongoose.createConnection(uri, { dbName: dbArg }).asPromise();
  try {
    await measure(modelsFor(connection), figureArg as 'daily_summary_picture', runArg as 'cold');
  } finally {
    await connection.close();
  }
} else {
  const kept = process.env.BENCH_DB;
  const dbName = kept ?? `bench_charts_${randomBytes(3).toString('hex')}`;
  const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
  const run = (figure: string, temperature: 'cold' | 'warm') =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', import.meta.filename, '--measure', figure, dbName, temperature],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${figure} exited with ${code}`)),
      );
    });
  try {
    const models = modelsFor(connection);
    if (!kept || !(await models.stores.exists({}))) await seed(models);
    if (!(await models.orderDays.exists({}))) await backfill(models);
    for (const figure of ['daily_summary_picture', 'stats_90_days_picture']) {
      await models.daySummaries.deleteMany({});
      await run(figure, 'cold');
      await run(figure, 'warm');
    }
  } finally {
    if (!kept) await connection.dropDatabase();
    await connection.close();
  }
}

import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { ordersPerStoreDay } from '#src/services/charts/order-days.js';
import type { Period } from '#src/services/local-time.js';

/**
 * J4: what the daily summary counts per store. Each line is one entry here, so a new count
 * (e.g. unanswered buyer messages) is one more entry with its locale key and query.
 */
export interface DayMetric {
  /** locale key of the line; the value arrives as { $value } */
  key: string;
  kind: 'count' | 'money';
  measure(models: Models, storeId: Types.ObjectId, day: Period): Promise<number>;
}

const placedIn = (day: Period) => ({ placedAt: { $gte: day.from, $lt: day.to } });

async function revenueKop(models: Models, storeId: Types.ObjectId, day: Period): Promise<number> {
  let total = 0;
  const cursor = models.orders
    .find({ storeId, ...placedIn(day), statusGroup: { $ne: 'cancelled' } })
    .select({ totalKop: 1 })
    .lean<{ totalKop: number }[]>()
    .cursor();
  for await (const order of cursor) total += order.totalKop;
  return total;
}

/** orders of the store that became cancelled during the day (whenever they were placed) */
async function cancellations(models: Models, storeId: Types.ObjectId, day: Period): Promise<number> {
  const changed = await models.statusChanges.distinct('orderId', { at: { $gte: day.from, $lt: day.to } });
  if (changed.length === 0) return 0;
  return models.orders.countDocuments({ _id: { $in: changed }, storeId, statusGroup: 'cancelled' });
}

/**
 * Orders auto-accepted during the day. FerretDB v1's $elemMatch takes only operators, so the
 * audit is checked here, on the orders changed since the day began (an audit line bumps updatedAt).
 */
async function autoAccepted(models: Models, storeId: Types.ObjectId, day: Period): Promise<number> {
  let count = 0;
  const cursor = models.orders
    .find({ storeId, updatedAt: { $gte: day.from } })
    .select({ audit: 1 })
    .lean<{ audit: { action: string; at: Date }[] }[]>()
    .cursor();
  for await (const order of cursor) {
    const inDay = (at: Date) => at >= day.from && at < day.to;
    if (order.audit.some((line) => line.action === 'auto-accept' && inDay(new Date(line.at)))) count += 1;
  }
  return count;
}

export const DAILY_METRICS: readonly DayMetric[] = [
  {
    key: 'summary-orders',
    kind: 'count',
    measure: (models, storeId, day) => models.orders.countDocuments({ storeId, ...placedIn(day) }),
  },
  { key: 'summary-revenue', kind: 'money', measure: revenueKop },
  { key: 'summary-cancellations', kind: 'count', measure: cancellations },
  { key: 'summary-auto-accepted', kind: 'count', measure: autoAccepted },
  {
    key: 'summary-unanswered',
    kind: 'count',
    // buyer messages of the day still without an answer from the team
    measure: (models, storeId, day) =>
      models.buyerMessages.countDocuments({
        storeId,
        sentAt: { $gte: day.from, $lt: day.to },
        answeredAt: null,
      }),
  },
];

export interface StoreDay {
  storeId: Types.ObjectId;
  storeName: string;
  values: { metric: DayMetric; value: number }[];
  /** nothing at all happened in the store that day */
  quiet: boolean;
}

/** J4 picture: the days it covers, today last (two weeks: today and the same weekday before). */
export const SUMMARY_CHART_DAYS = 14;

export function createDailySummaryService(models: Models) {
  return {
    /** orders per store and day over the picture's days, for the picture and the week's change */
    chart: (now: Date, timeZone: string) =>
      ordersPerStoreDay(models, { now, timeZone, days: SUMMARY_CHART_DAYS }),

    async storeDays(day: Period): Promise<StoreDay[]> {
      const stores = await models.stores
        .find()
        .sort({ name: 1 })
        .select({ name: 1 })
        .lean<{ _id: Types.ObjectId; name: string }[]>();
      const result: StoreDay[] = [];
      for (const store of stores) {
        const values = [];
        for (const metric of DAILY_METRICS) {
          values.push({ metric, value: await metric.measure(models, store._id, day) });
        }
        result.push({
          storeId: store._id,
          storeName: store.name,
          values,
          quiet: values.every((v) => v.value === 0),
        });
      }
      return result;
    },

    /** admins get the summary: active admin records plus the ids named in the environment */
    async recipients(adminIds: readonly number[]): Promise<{ telegramId: number; locale: string | null }[]> {
      const admins = await models.users
        .find({ role: 'admin', active: true })
        .select({ telegramId: 1, locale: 1 })
        .lean<{ telegramId: number; locale: string | null }[]>();
      const known = new Set(admins.map((a) => a.telegramId));
      return [
        ...admins,
        ...adminIds.filter((id) => !known.has(id)).map((id) => ({ telegramId: id, locale: null })),
      ];
    },
  };
}

export type DailySummaryService = ReturnType<typeof createDailySummaryService>;

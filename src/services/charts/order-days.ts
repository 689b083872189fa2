import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { dayIndexOf, lastLocalDays, localHour, type LocalDays } from '#src/services/charts/local-days.js';

/** J4 picture: how many orders each store got per day, and how many of them are cancelled now. */
export interface StoreDays {
  storeId: string;
  storeName: string;
  orders: number[];
  cancelled: number[];
}

export interface DailyChartData {
  timeZone: string;
  days: LocalDays;
  /** stores with at least one order in the days, busiest first */
  stores: StoreDays[];
  /** today's orders of every store by the shop's hour, 0–23 */
  todayHours: number[];
}

interface PlacedOrder {
  storeId: Types.ObjectId;
  placedAt: Date;
  statusGroup: string;
}

/**
 * One query over the days (index `storeId, placedAt`: every store's range), three fields per
 * order, counted here by the shop's calendar: FerretDB v1 has no date operators to group by day.
 */
export async function ordersPerStoreDay(
  models: Models,
  options: { now: Date; timeZone: string; days: number },
): Promise<DailyChartData> {
  const { timeZone } = options;
  const days = lastLocalDays(options.now, timeZone, options.days);
  const today = options.days - 1;
  const stores = await models.stores
    .find()
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const byId = new Map<string, StoreDays>(
    stores.map((store) => [
      String(store._id),
      {
        storeId: String(store._id),
        storeName: store.name,
        orders: new Array<number>(options.days).fill(0),
        cancelled: new Array<number>(options.days).fill(0),
      },
    ]),
  );
  const todayHours = new Array<number>(24).fill(0);
  const cursor = models.orders
    .find({
      storeId: { $in: stores.map((store) => store._id) },
      placedAt: { $gte: days.bounds[0], $lt: days.bounds[options.days] },
    })
    .select({ _id: 0, storeId: 1, placedAt: 1, statusGroup: 1 })
    .lean<PlacedOrder[]>()
    .cursor({ batchSize: 2_000 });
  for await (const order of cursor) {
    const store = byId.get(String(order.storeId));
    const day = dayIndexOf(days, order.placedAt);
    if (!store || day < 0) continue;
    store.orders[day] = (store.orders[day] ?? 0) + 1;
    if (order.statusGroup === 'cancelled') store.cancelled[day] = (store.cancelled[day] ?? 0) + 1;
    if (day === today) {
      const hour = localHour(order.placedAt, timeZone);
      todayHours[hour] = (todayHours[hour] ?? 0) + 1;
    }
  }
  const total = (store: StoreDays) => store.orders.reduce((sum, n) => sum + n, 0);
  const active = [...byId.values()]
    .filter((store) => total(store) > 0)
    .sort((a, b) => total(b) - total(a) || a.storeName.localeCompare(b.storeName));
  return { timeZone, days, stores: active, todayHours };
}

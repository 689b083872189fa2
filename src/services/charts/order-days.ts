import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { lastLocalDays, type LocalDays } from '#src/services/charts/local-days.js';
import { readDaySummaries } from '#src/services/charts/day-summaries.js';

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

/** Each day's summary, its stores' counts taken as they arrive. */
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
  await readDaySummaries(models, days.keys, (summary, day) => {
    for (const [id, counts] of Object.entries(summary)) {
      const store = byId.get(id);
      if (!store) continue;
      store.orders[day] = (store.orders[day] ?? 0) + counts.orders;
      store.cancelled[day] = (store.cancelled[day] ?? 0) + counts.cancelled;
      if (day === today) counts.hours.forEach((n, hour) => (todayHours[hour] = (todayHours[hour] ?? 0) + n));
    }
  });
  const total = (store: StoreDays) => store.orders.reduce((sum, n) => sum + n, 0);
  const active = [...byId.values()]
    .filter((store) => total(store) > 0)
    .sort((a, b) => total(b) - total(a) || a.storeName.localeCompare(b.storeName));
  return { timeZone, days, stores: active, todayHours };
}

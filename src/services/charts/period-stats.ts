import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { MarketplaceKind } from '#src/marketplaces/port.js';
import { isAcceptMove, median } from '#src/services/charts/accept-time.js';
import { cancelReasonOf, type CancelledOrder } from '#src/services/charts/cancel-reasons.js';
import { dayIndexOf, lastLocalDays, type LocalDays } from '#src/services/charts/local-days.js';

export const STATS_PERIODS = ['7', '30', '90'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** J6: what /stats draws for a period and a set of stores. */
export interface PeriodStats {
  timeZone: string;
  /** the stores counted */
  storeIds: string[];
  days: LocalDays;
  orders: number[];
  cancelled: number[];
  /** orders not cancelled, as the daily summary counts revenue */
  revenueKop: number[];
  totals: { orders: number; cancelled: number; revenueKop: number; autoAccepted: number };
  /** most frequent first; `reason` null when nothing recorded why */
  reasons: { reason: string | null; count: number }[];
  /** from order to its recorded accept, over the orders whose accept we saw */
  acceptMs: { median: number | null; observed: number };
}

interface PeriodOrder {
  _id: Types.ObjectId;
  placedAt: Date;
  statusGroup: string;
  totalKop: number;
  marketplace: MarketplaceKind;
  autoAcceptState?: string;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

type Range = { storeId: { $in: Types.ObjectId[] }; placedAt: { $gte: Date; $lt: Date } };

/** per day: orders, cancelled, revenue; the auto-accepted count; when and where each was placed */
async function countOrders(models: Models, range: Range, days: LocalDays) {
  const blank = () => new Array<number>(days.keys.length).fill(0);
  const counts = { orders: blank(), cancelled: blank(), revenueKop: blank(), autoAccepted: 0 };
  const placed = new Map<string, { at: number; marketplace: MarketplaceKind }>();
  const cursor = models.orders
    .find(range)
    .select({ placedAt: 1, statusGroup: 1, totalKop: 1, marketplace: 1, autoAcceptState: 1 })
    .lean<PeriodOrder[]>()
    .cursor({ batchSize: 2_000 });
  for await (const order of cursor) {
    const day = dayIndexOf(days, order.placedAt);
    if (day < 0) continue;
    counts.orders[day] = (counts.orders[day] ?? 0) + 1;
    if (order.statusGroup === 'cancelled') counts.cancelled[day] = (counts.cancelled[day] ?? 0) + 1;
    else counts.revenueKop[day] = (counts.revenueKop[day] ?? 0) + order.totalKop;
    if (order.autoAcceptState === 'done') counts.autoAccepted += 1;
    placed.set(String(order._id), { at: order.placedAt.getTime(), marketplace: order.marketplace });
  }
  return { ...counts, placed };
}

async function countReasons(models: Models, range: Range) {
  const reasons = new Map<string | null, number>();
  const cursor = models.orders
    .find({ ...range, statusGroup: 'cancelled' })
    .select({ _id: 0, marketplace: 1, status: 1, audit: 1, 'data.rawJson': 1 })
    .lean<CancelledOrder[]>()
    .cursor({ batchSize: 500 });
  for await (const order of cursor) {
    const reason = cancelReasonOf(order);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || String(a.reason).localeCompare(String(b.reason)));
}

/**
 * The earliest recorded accept of every order since `from`, by the rules of either marketplace
 * (their waiting statuses differ: Prom's are words, Rozetka's numbers), read beside the orders.
 */
async function firstAccepts(models: Models, from: Date) {
  const first = { prom: new Map<string, number>(), rozetka: new Map<string, number>() };
  const cursor = models.statusChanges
    .find({ at: { $gte: from } })
    .select({ _id: 0, orderId: 1, from: 1, to: 1, at: 1 })
    .lean<{ orderId: Types.ObjectId; from: string | null; to: string; at: Date }[]>()
    .cursor({ batchSize: 2_000 });
  for await (const move of cursor) {
    for (const marketplace of ['prom', 'rozetka'] as const) {
      if (!isAcceptMove(marketplace, move.from, move.to)) continue;
      const seen = first[marketplace];
      const id = String(move.orderId);
      const at = move.at.getTime();
      if (at < (seen.get(id) ?? Infinity)) seen.set(id, at);
    }
  }
  return first;
}

/**
 * Three queries side by side, each on an index: the period's orders of the stores
 * (`storeId, placedAt`), the cancelled ones again with what tells their reason, and the status
 * moves since the period began (`at`). Counted here by the shop's calendar.
 */
export async function periodStats(
  models: Models,
  options: { storeIds: readonly Types.ObjectId[]; days: number; now: Date; timeZone: string },
): Promise<PeriodStats> {
  const days = lastLocalDays(options.now, options.timeZone, options.days);
  const from = days.bounds[0] as Date;
  const range: Range = {
    storeId: { $in: [...options.storeIds] },
    placedAt: { $gte: from, $lt: days.bounds[options.days] as Date },
  };
  const [counts, reasons, accepts] = await Promise.all([
    countOrders(models, range, days),
    countReasons(models, range),
    firstAccepts(models, from),
  ]);
  const acceptMs: number[] = [];
  for (const [id, order] of counts.placed) {
    const acceptedAt = accepts[order.marketplace].get(id);
    if (acceptedAt !== undefined) acceptMs.push(Math.max(0, acceptedAt - order.at));
  }
  const { orders, cancelled, revenueKop, autoAccepted } = counts;
  return {
    timeZone: options.timeZone,
    storeIds: options.storeIds.map(String),
    days,
    orders,
    cancelled,
    revenueKop,
    totals: { orders: sum(orders), cancelled: sum(cancelled), revenueKop: sum(revenueKop), autoAccepted },
    reasons,
    acceptMs: { median: median(acceptMs), observed: acceptMs.length },
  };
}

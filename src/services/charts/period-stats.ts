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

/** When each order of the period was placed (ms), and which of them are Rozetka's. */
interface Placed {
  at: Map<string, number>;
  rozetka: Set<string>;
}

/** per day: orders, cancelled, revenue; the auto-accepted count; when and where each was placed */
async function countOrders(models: Models, range: Range, days: LocalDays) {
  const blank = () => new Array<number>(days.keys.length).fill(0);
  const counts = { orders: blank(), cancelled: blank(), revenueKop: blank(), autoAccepted: 0 };
  const placed: Placed = { at: new Map(), rozetka: new Set() };
  const cursor = models.orders
    .find(range)
    .select({ placedAt: 1, statusGroup: 1, totalKop: 1, marketplace: 1, autoAcceptState: 1 })
    .lean<PeriodOrder[]>()
    .cursor({ batchSize: 1_000 });
  for await (const order of cursor) {
    const day = dayIndexOf(days, order.placedAt);
    if (day < 0) continue;
    counts.orders[day] = (counts.orders[day] ?? 0) + 1;
    if (order.statusGroup === 'cancelled') counts.cancelled[day] = (counts.cancelled[day] ?? 0) + 1;
    else counts.revenueKop[day] = (counts.revenueKop[day] ?? 0) + order.totalKop;
    if (order.autoAcceptState === 'done') counts.autoAccepted += 1;
    const id = order._id.toHexString();
    placed.at.set(id, order.placedAt.getTime());
    if (order.marketplace === 'rozetka') placed.rozetka.add(id);
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

/** From each order of the period to its earliest recorded accept (a retried sync may add a later one). */
async function acceptTimes(models: Models, from: Date, placed: Placed): Promise<number[]> {
  const acceptedAt = new Map<string, number>();
  const cursor = models.statusChanges
    .find({ at: { $gte: from } })
    .select({ _id: 0, orderId: 1, from: 1, to: 1, at: 1 })
    .lean<{ orderId: Types.ObjectId; from: string | null; to: string; at: Date }[]>()
    .cursor({ batchSize: 1_000 });
  for await (const move of cursor) {
    const id = move.orderId.toHexString();
    if (!placed.at.has(id)) continue;
    if (!isAcceptMove(placed.rozetka.has(id) ? 'rozetka' : 'prom', move.from, move.to)) continue;
    const at = move.at.getTime();
    if (at < (acceptedAt.get(id) ?? Infinity)) acceptedAt.set(id, at);
  }
  return [...acceptedAt].map(([id, at]) => Math.max(0, at - (placed.at.get(id) ?? at)));
}

/**
 * Three queries, each on an index: the period's orders of the stores (`storeId, placedAt`); then,
 * side by side, the cancelled ones again with what tells their reason, and the status moves since
 * the period began (`at`), kept only for the period's orders. Counted by the shop's calendar.
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
  const counts = await countOrders(models, range, days);
  const [reasons, acceptMs] = await Promise.all([
    countReasons(models, range),
    acceptTimes(models, from, counts.placed),
  ]);
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

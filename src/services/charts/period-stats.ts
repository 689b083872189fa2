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

/**
 * Three queries, each on an index: the period's orders of the stores (`storeId, placedAt`), the
 * cancelled ones again with what tells their reason, and the status moves since the period began
 * (`at`). Counted here by the shop's calendar.
 */
export async function periodStats(
  models: Models,
  options: { storeIds: readonly Types.ObjectId[]; days: number; now: Date; timeZone: string },
): Promise<PeriodStats> {
  const days = lastLocalDays(options.now, options.timeZone, options.days);
  const range = {
    storeId: { $in: [...options.storeIds] },
    placedAt: { $gte: days.bounds[0], $lt: days.bounds[options.days] },
  };
  const blank = () => new Array<number>(options.days).fill(0);
  const orders = blank();
  const cancelled = blank();
  const revenueKop = blank();
  let autoAccepted = 0;
  const placed = new Map<string, { at: number; marketplace: MarketplaceKind }>();

  const cursor = models.orders
    .find(range)
    .select({ placedAt: 1, statusGroup: 1, totalKop: 1, marketplace: 1, autoAcceptState: 1 })
    .lean<PeriodOrder[]>()
    .cursor({ batchSize: 2_000 });
  for await (const order of cursor) {
    const day = dayIndexOf(days, order.placedAt);
    if (day < 0) continue;
    orders[day] = (orders[day] ?? 0) + 1;
    if (order.statusGroup === 'cancelled') cancelled[day] = (cancelled[day] ?? 0) + 1;
    else revenueKop[day] = (revenueKop[day] ?? 0) + order.totalKop;
    if (order.autoAcceptState === 'done') autoAccepted += 1;
    placed.set(String(order._id), { at: order.placedAt.getTime(), marketplace: order.marketplace });
  }

  const reasons = new Map<string | null, number>();
  const cancelledCursor = models.orders
    .find({ ...range, statusGroup: 'cancelled' })
    .select({ _id: 0, marketplace: 1, status: 1, audit: 1, 'data.rawJson': 1 })
    .lean<CancelledOrder[]>()
    .cursor({ batchSize: 500 });
  for await (const order of cancelledCursor) {
    const reason = cancelReasonOf(order);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  // the earliest accept of each order (a retried sync may have recorded a later one too)
  const acceptedAt = new Map<string, number>();
  const moves = models.statusChanges
    .find({ at: { $gte: days.bounds[0] } })
    .select({ _id: 0, orderId: 1, from: 1, to: 1, at: 1 })
    .lean<{ orderId: Types.ObjectId; from: string | null; to: string; at: Date }[]>()
    .cursor({ batchSize: 2_000 });
  for await (const move of moves) {
    const id = String(move.orderId);
    const order = placed.get(id);
    if (!order || !isAcceptMove(order.marketplace, move.from, move.to)) continue;
    const at = move.at.getTime();
    if (at < (acceptedAt.get(id) ?? Infinity)) acceptedAt.set(id, at);
  }
  const acceptMs = [...acceptedAt].map(([id, at]) => Math.max(0, at - (placed.get(id)?.at ?? at)));

  return {
    timeZone: options.timeZone,
    storeIds: options.storeIds.map(String),
    days,
    orders,
    cancelled,
    revenueKop,
    totals: { orders: sum(orders), cancelled: sum(cancelled), revenueKop: sum(revenueKop), autoAccepted },
    reasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || String(a.reason).localeCompare(String(b.reason))),
    acceptMs: { median: median(acceptMs), observed: acceptMs.length },
  };
}

import type { Types } from 'mongoose';
import { upsertRetrying } from '#src/db/errors.js';
import { insertNew } from '#src/db/insert-new.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDayDoc } from '#src/db/models/order-day.js';
import type { MarketplaceKind, OrderStatusGroup } from '#src/marketplaces/port.js';
import { isAcceptMove } from '#src/services/charts/accept-time.js';
import { writeDayRows } from '#src/services/charts/day-stamps.js';
import { countedAs } from '#src/services/charts/day-summaries.js';
import { cancelReasonOf, type CancelledOrder } from '#src/services/charts/cancel-reasons.js';
import { localHour } from '#src/services/charts/local-days.js';
import { localDateKey } from '#src/services/local-time.js';

/** what an order's picture row is made of: its stored state */
export interface OrderState extends CancelledOrder {
  _id: Types.ObjectId;
  storeId: Types.ObjectId;
  placedAt: Date;
  totalKop: number;
  statusGroup: OrderStatusGroup;
  autoAcceptState?: string | null;
}

/** the fields of an order a row is made of, for a query that reads only those */
export const ORDER_STATE_FIELDS = {
  storeId: 1,
  placedAt: 1,
  totalKop: 1,
  status: 1,
  statusGroup: 1,
  marketplace: 1,
  audit: 1,
  autoAcceptState: 1,
  'data.rawJson': 1,
} as const;

export function orderDayRow(
  order: OrderState,
  timeZone: string,
  acceptedAfterMs: number | null,
): OrderDayDoc {
  const cancelled = order.statusGroup === 'cancelled';
  return {
    _id: order._id,
    storeId: order.storeId,
    day: localDateKey(order.placedAt, timeZone),
    hour: localHour(order.placedAt, timeZone),
    totalKop: order.totalKop,
    statusGroup: order.statusGroup,
    cancelReason: cancelled ? cancelReasonOf(order) : null,
    acceptedAfterMs,
    autoAccepted: order.autoAcceptState === 'done',
  };
}

interface Move {
  from: string | null;
  to: string;
  at: Date;
}

/** from placing to the earliest recorded accept among the moves (a retried sync may add a later one) */
export function acceptedAfter(
  order: { marketplace: MarketplaceKind; placedAt: Date },
  moves: readonly Move[],
): number | null {
  const accepts = moves
    .filter((move) => isAcceptMove(order.marketplace, move.from, move.to))
    .map((move) => new Date(move.at).getTime());
  if (accepts.length === 0) return null;
  return Math.max(0, Math.min(...accepts) - order.placedAt.getTime());
}

/**
 * Rows of orders just stored, in one insert: a new order's only status record is where we first
 * saw it, so no accept is known yet. A row someone else wrote first (a change under the order's
 * lock, or the start-up backfill) is newer or the same, and is left alone. Then the page's days
 * are stamped, so their summaries are built again.
 */
export async function insertOrderDays(
  models: Models,
  orders: readonly OrderState[],
  timeZone: string,
): Promise<void> {
  const rows = orders.map((order) => orderDayRow(order, timeZone, null));
  await writeDayRows(
    models,
    rows.map((row) => row.day),
    () => insertNew(models.orderDays, rows),
  );
}

/**
 * The row of a changed order, whole, from its state now; the caller holds the order's lock, so
 * the last write is the latest state. The accept time, once known, stays: the status history
 * it comes from is kept for fewer days than the orders. Then, when the row counts differently
 * now, its day (and the day it was on before, should that differ) is stamped, so the day's
 * summary is built again.
 */
export async function writeOrderDay(models: Models, order: OrderState, timeZone: string): Promise<void> {
  const prior = await models.orderDays.findById(order._id).lean<OrderDayDoc>();
  const acceptedAfterMs =
    prior?.acceptedAfterMs ??
    acceptedAfter(
      order,
      await models.statusChanges
        .find({ orderId: order._id })
        .select({ from: 1, to: 1, at: 1 })
        .lean<Move[]>(),
    );
  const next = orderDayRow(order, timeZone, acceptedAfterMs);
  const { _id, ...row } = next;
  const upsert = () =>
    upsertRetrying(() => models.orderDays.updateOne({ _id }, { $set: row }, { upsert: true }));
  // a change the summaries do not count (shipped, delivered, a new address) leaves its day's stamp
  if (prior && prior.day === next.day && countedAs(prior) === countedAs(next)) await upsert();
  else await writeDayRows(models, [next.day, prior?.day], upsert);
}

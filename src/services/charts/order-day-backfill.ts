import type { Types } from 'mongoose';
import { insertNew } from '#src/db/insert-new.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDayDoc } from '#src/db/models/order-day.js';
import { isAcceptMove } from '#src/services/charts/accept-time.js';
import { writeDayRows } from '#src/services/charts/day-stamps.js';
import {
  ORDER_STATE_FIELDS,
  acceptedAfter,
  orderDayRow,
  type OrderState,
} from '#src/services/charts/order-day-rows.js';

const BATCH = 1_000;

interface Move {
  orderId: Types.ObjectId;
  from: string | null;
  to: string;
  at: Date;
}

/** the recorded moves that are an accept on either marketplace, by order: one pass over the history */
async function acceptMovesByOrder(models: Models): Promise<Map<string, Move[]>> {
  const moves = new Map<string, Move[]>();
  const cursor = models.statusChanges
    .find()
    .select({ _id: 0, orderId: 1, from: 1, to: 1, at: 1 })
    .lean<Move[]>()
    .cursor({ batchSize: 2_000 });
  for await (const move of cursor) {
    if (!isAcceptMove('prom', move.from, move.to) && !isAcceptMove('rozetka', move.from, move.to)) continue;
    const id = move.orderId.toHexString();
    moves.set(id, [...(moves.get(id) ?? []), move]);
  }
  return moves;
}

/**
 * Picture rows of the orders that have none (stored before rows were kept), in batches of one
 * insert each: a full pass over the orders and the status history. Insert-only: a row already
 * there was written under the order's lock from a state at least as new; each batch's days are
 * stamped, so a summary built before its rows is built again. Returns the rows added.
 */
export async function backfillOrderDays(models: Models, timeZone: string): Promise<number> {
  const rows = await models.orderDays.find().select({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  const have = new Set(rows.map((row) => row._id.toHexString()));
  const accepts = await acceptMovesByOrder(models);
  let added = 0;
  let batch: OrderDayDoc[] = [];
  const flush = async () => {
    const inserted = await writeDayRows(
      models,
      batch.map((row) => row.day),
      () => insertNew(models.orderDays, batch),
    );
    added += inserted.length;
    batch = [];
  };
  const cursor = models.orders
    .find()
    .select(ORDER_STATE_FIELDS)
    .lean<OrderState[]>()
    .cursor({ batchSize: BATCH });
  for await (const order of cursor) {
    const id = order._id.toHexString();
    if (have.has(id)) continue;
    batch.push(orderDayRow(order, timeZone, acceptedAfter(order, accepts.get(id) ?? [])));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return added;
}

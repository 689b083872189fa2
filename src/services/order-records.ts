import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Order } from '#src/marketplaces/port.js';
import { customerMatchKey, customersFor, recountCustomers } from '#src/services/customers.js';
import { insertNew } from '#src/db/insert-new.js';
import { insertOrderDays, writeOrderDay } from '#src/services/charts/order-day-rows.js';

export type OrderChange = 'created' | 'status' | 'content' | 'none';

export interface UpsertResult {
  order: OrderDoc;
  change: OrderChange;
}

/** What a card shows; the raw payload and the marketplace's timestamps do not count as changes. */
export function orderContentHash(order: Order): string {
  const { rawJson: _raw, updatedAt: _updated, ...shown } = order;
  return createHash('sha1').update(JSON.stringify(shown)).digest('hex');
}

function fieldsOf(order: Order) {
  return {
    number: order.number,
    status: order.status,
    statusGroup: order.statusGroup,
    placedAt: order.createdAt,
    totalKop: order.totalKop,
    buyerPhone: order.buyer.phone,
    buyerName: order.buyer.fullName,
    data: order,
    contentHash: orderContentHash(order),
  };
}

/** a new order as a poll or an import stores it */
export interface NewOrder {
  order: Order;
  backfilled: boolean;
  autoAcceptAt: Date | null;
}

/** who wrote a change (its status record says so), and the shop's time zone (its day) */
export interface WrittenBy {
  timeZone: string;
  /** "marketplace" unless said */
  changedBy?: string;
}

/** a new order is stored at this version */
export const FIRST_VERSION = 1;

/**
 * Stores a page of new orders in a handful of commands: their customers (a returning one costs
 * one more update), the orders, their first status rows and their picture rows. An order is unique per (store,
 * marketplace id), so one another writer stored first is refused, not doubled; it is theirs
 * to announce. Returns the orders stored here.
 */
export async function insertNewOrders(
  models: Models,
  storeId: Types.ObjectId,
  items: NewOrder[],
  { timeZone, changedBy = 'marketplace' }: WrittenBy,
  /** runs once the orders and their customers' counts are in, beside the status and day rows (a card needs no more) */
  counted: (inserted: OrderDoc[]) => Promise<void> = async () => {},
): Promise<OrderDoc[]> {
  if (items.length === 0) return [];
  const customers = await customersFor(
    models,
    items.map(({ order }) => order),
  );
  const inserted = await insertNew<OrderDoc>(
    models.orders,
    items.map(({ order, backfilled, autoAcceptAt }) => ({
      storeId,
      marketplace: order.marketplace,
      marketplaceOrderId: order.marketplaceOrderId,
      version: FIRST_VERSION,
      backfilled,
      announcedVersion: 0,
      customerId: customers.ids.get(customerMatchKey(order.buyer) ?? '') ?? null,
      ...(autoAcceptAt ? { autoAcceptAt, autoAcceptState: 'scheduled' } : {}),
      ...fieldsOf(order),
    })),
  );
  const at = new Date();
  await Promise.all([
    insertNew(
      models.statusChanges,
      inserted.map((order) => ({ orderId: order._id, from: null, to: order.status, at, by: changedBy })),
    ),
    insertOrderDays(models, inserted, timeZone),
    recountCustomers(models, customers).then(() => (inserted.length > 0 ? counted(inserted) : undefined)),
  ]);
  return inserted;
}

/**
 * Writes what the marketplace says now about a stored order, read by a caller that holds the
 * order's claim (`withOrderLock`): the version goes up by a plain update, since a
 * compare-and-set is not atomic on FerretDB v1.
 */
export async function updateStoredOrder(
  models: Models,
  current: OrderDoc,
  order: Order,
  { timeZone, changedBy = 'marketplace' }: WrittenBy,
): Promise<UpsertResult> {
  const fields = fieldsOf(order);
  if (current.contentHash === fields.contentHash) return { order: current, change: 'none' };
  const version = current.version + 1;
  await models.orders.updateOne({ _id: current._id }, { $set: { ...fields, version } });
  const statusChanged = current.status !== order.status;
  if (statusChanged) {
    // the same observed change recorded twice (a retry after a crash) stays one row
    await insertNew(models.statusChanges, [
      { orderId: current._id, from: current.status, to: order.status, at: new Date(), by: changedBy },
    ]);
  }
  const updated = { ...current, ...fields, version };
  await writeOrderDay(models, updated, timeZone);
  return { order: updated, change: statusChanged ? 'status' : 'content' };
}

import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Order } from '#src/marketplaces/port.js';
import { linkCustomer } from '#src/services/customers.js';
import { isDuplicateKey } from '#src/db/errors.js';

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

async function recordStatusChange(
  models: Models,
  orderId: Types.ObjectId,
  from: string | null,
  to: string,
  by: string,
) {
  try {
    await models.statusChanges.create({ orderId, from, to, at: new Date(), by });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/**
 * Stores what the marketplace says about an order. Unique (store, marketplace id) makes a
 * second insert impossible; `version` is compared-and-set so two writers never lose a change.
 */
export async function upsertOrder(
  models: Models,
  storeId: Types.ObjectId,
  order: Order,
  options: { backfilled?: boolean; changedBy?: string; autoAcceptAt?: Date | null } = {},
): Promise<UpsertResult> {
  const hash = orderContentHash(order);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await models.orders
      .findOne({ storeId, marketplaceOrderId: order.marketplaceOrderId })
      .lean<OrderDoc>();
    if (!existing) {
      try {
        const created = await models.orders.create({
          storeId,
          marketplace: order.marketplace,
          marketplaceOrderId: order.marketplaceOrderId,
          backfilled: options.backfilled ?? false,
          announcedVersion: 0,
          ...(options.autoAcceptAt
            ? { autoAcceptAt: options.autoAcceptAt, autoAcceptState: 'scheduled' }
            : {}),
          ...fieldsOf(order),
        });
        await recordStatusChange(models, created._id, null, order.status, options.changedBy ?? 'marketplace');
        const customerId = await linkCustomer(models, created._id, order.buyer);
        return { order: { ...(created.toObject() as OrderDoc), customerId }, change: 'created' };
      } catch (error) {
        if (isDuplicateKey(error)) continue;
        throw error;
      }
    }
    if (existing.contentHash === hash) return { order: existing, change: 'none' };
    const result = await models.orders.updateOne(
      { _id: existing._id, version: existing.version },
      { $set: fieldsOf(order), $inc: { version: 1 } },
    );
    if (result.modifiedCount === 0) continue;
    const statusChanged = existing.status !== order.status;
    if (statusChanged) {
      await recordStatusChange(
        models,
        existing._id,
        existing.status,
        order.status,
        options.changedBy ?? 'marketplace',
      );
    }
    const stored = await models.orders.findById(existing._id).lean<OrderDoc>();
    return { order: stored as OrderDoc, change: statusChanged ? 'status' : 'content' };
  }
  throw new Error(`order ${order.marketplaceOrderId} kept changing under us; will retry on the next poll`);
}

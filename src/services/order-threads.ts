import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { OrderChange } from '#src/services/order-records.js';
import type { Types } from 'mongoose';
import { enqueueMessageCard, messageCardDestinations, messageCardQueue } from '#src/services/outbox.js';
import type { Destination } from '#src/services/routing.js';

/** where the message's card was queued or sits: a card sent long ago may have no entry left */
async function messageCardPlaces(models: Models, buyerMessageId: Types.ObjectId): Promise<Destination[]> {
  const places = [
    ...(await messageCardQueue(models, buyerMessageId)),
    ...(await messageCardDestinations(models, buyerMessageId)),
  ];
  return places.filter(
    (place, i) => places.findIndex((o) => o.chatId === place.chatId && o.threadId === place.threadId) === i,
  );
}

/** orders of one store */
type LinkableOrder = Pick<OrderDoc, '_id' | 'storeId' | 'marketplaceOrderId' | 'customerId'>;

/**
 * M1/M4: the buyer threads about orders of one store, whichever of the two arrived first, in
 * one read for a whole page. A thread stored before its order is linked once the order is
 * stored; its message cards are redrawn whenever they are linked or the order's status (which
 * they show) changes. Both the order's and the message's side call this after their own write,
 * so whichever writes last sees the other.
 */
export async function linkOrderThreads(
  models: Models,
  orders: LinkableOrder[],
  change: OrderChange,
): Promise<void> {
  const [first] = orders;
  if (!first) return;
  const byMarketplaceId = new Map(orders.map((order) => [order.marketplaceOrderId, order]));
  const threads = await models.messageThreads
    .find({ storeId: first.storeId, marketplaceOrderId: { $in: [...byMarketplaceId.keys()] } })
    .lean();
  for (const thread of threads) {
    const order = byMarketplaceId.get(thread.marketplaceOrderId ?? '');
    const linking = !thread.orderId;
    if (!order || (!linking && change !== 'status')) continue;
    const messages = await models.buyerMessages.find({ threadId: thread._id }).select({ _id: 1 }).lean();
    // cards first, the link last: a process stopped in between links and redraws next time
    for (const message of messages) {
      const destinations = await messageCardPlaces(models, message._id);
      if (destinations.length === 0) continue;
      await models.buyerMessages.updateOne({ _id: message._id }, { $inc: { version: 1 } });
      const bumped = await models.buyerMessages.findById(message._id).select({ version: 1 }).lean();
      await enqueueMessageCard(models, message._id, bumped?.version ?? 1, destinations);
    }
    if (linking) {
      await models.messageThreads.updateOne(
        { _id: thread._id },
        { $set: { orderId: order._id, ...(order.customerId ? { customerId: order.customerId } : {}) } },
      );
    }
  }
}

import type { Types } from 'mongoose';
import type { BuyerMessageDoc, MessageThreadDoc } from '#src/db/models/buyer-message.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import type { BuyerMessage, ReplyTarget } from '#src/marketplaces/port.js';
import { describeSyncError, syncErrorKind } from '#src/services/order-sync.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { linkOrderThreads } from '#src/services/order-threads.js';
import { enqueueMessageCard } from '#src/services/outbox.js';
import { destinationsFor } from '#src/services/routing.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';
import { isDuplicateKey } from '#src/db/errors.js';

export interface MessagePollOutcome {
  fetched: number;
  created: number;
}

/** What the marketplace needs to answer or mark read this message in its thread. */
export function replyTargetOf(thread: MessageThreadDoc, message: BuyerMessageDoc): ReplyTarget {
  return {
    channel: thread.channel,
    threadId: thread.threadKey,
    peerId: thread.peerId ?? null,
    messageId: message.targetMessageId ?? null,
  };
}

/** An order's conversation with its buyer, oldest first, both directions (M4). */
export interface OrderThreadEntry {
  at: Date;
  from: 'buyer' | 'shop';
  name: string;
  text: string;
}

const newestOf = (since: Date | null, messages: BuyerMessage[]): Date | null =>
  messages.reduce<Date | null>(
    (newest, message) => (newest === null || message.createdAt > newest ? message.createdAt : newest),
    since,
  );

export function createBuyerMessages(models: Models, stores: StoreService, logger: Logger) {
  /** The thread of a message, created on first sight and linked to its order and customer. */
  async function threadFor(store: StoreRecord, message: BuyerMessage): Promise<MessageThreadDoc> {
    const where = { storeId: store._id, channel: message.target.channel, threadKey: message.target.threadId };
    const order = message.orderId
      ? await models.orders.findOne({ storeId: store._id, marketplaceOrderId: message.orderId }).lean()
      : null;
    const links = {
      lastMessageAt: message.createdAt,
      ...(message.target.peerId ? { peerId: message.target.peerId } : {}),
      ...(message.buyerName ? { buyerName: message.buyerName } : {}),
      ...(message.orderId ? { marketplaceOrderId: message.orderId } : {}),
      ...(order ? { orderId: order._id } : {}),
      // the customer comes with the order: a buyer's name alone is too weak to match on
      ...(order?.customerId ? { customerId: order.customerId } : {}),
      ...(message.productId ? { productId: message.productId } : {}),
      ...(message.productName ? { productName: message.productName } : {}),
    };
    const existing = await models.messageThreads.findOne(where).lean<MessageThreadDoc>();
    if (existing) {
      await models.messageThreads.updateOne(where, { $set: links });
      return { ...existing, ...links } as MessageThreadDoc;
    }
    try {
      const created = await models.messageThreads.create({
        ...where,
        marketplace: store.marketplace,
        ...links,
      });
      return created.toObject() as MessageThreadDoc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await models.messageThreads.findOne(where).lean<MessageThreadDoc>()) as MessageThreadDoc;
    }
  }

  /** the order may have been stored while this thread was: then the order's side missed it */
  async function linkStoredOrder(store: StoreRecord, thread: MessageThreadDoc): Promise<void> {
    if (!thread.marketplaceOrderId) return;
    const order = await models.orders
      .findOne({ storeId: store._id, marketplaceOrderId: thread.marketplaceOrderId })
      .lean<OrderDoc>();
    if (order) await linkOrderThreads(models, [order], 'none');
  }

  async function queueCards(store: StoreRecord, message: BuyerMessageDoc): Promise<void> {
    const destinations = await destinationsFor(models, store, 'buyer_message');
    await enqueueMessageCard(models, message._id, message.version, destinations);
    await models.buyerMessages.updateOne({ _id: message._id }, { $set: { queued: true } });
  }

  /** Stores a message once; true when it is new (and so its cards are queued). */
  async function storeMessage(store: StoreRecord, message: BuyerMessage): Promise<boolean> {
    const where = { storeId: store._id, marketplaceMessageId: message.marketplaceMessageId };
    const seen = await models.buyerMessages.findOne(where).lean<BuyerMessageDoc>();
    if (seen) {
      if (!seen.queued) await queueCards(store, seen);
      return false;
    }
    const thread = await threadFor(store, message);
    try {
      const stored = await models.buyerMessages.create({
        ...where,
        threadId: thread._id,
        targetMessageId: message.target.messageId,
        buyerName: message.buyerName || thread.buyerName,
        text: message.text,
        attachments: message.attachments,
        sentAt: message.createdAt,
      });
      await queueCards(store, stored.toObject() as BuyerMessageDoc);
      if (!thread.orderId) await linkStoredOrder(store, thread);
      return true;
    } catch (error) {
      // a second poller stored it first, and queues its cards
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Messages of a poll already stored with their cards queued, in one query: the overlap re-reads them. */
  async function settledMessageIds(store: StoreRecord, messages: BuyerMessage[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const stored = await models.buyerMessages
      .find({
        storeId: store._id,
        marketplaceMessageId: { $in: messages.map((message) => message.marketplaceMessageId) },
        queued: true,
      })
      .select({ marketplaceMessageId: 1 })
      .lean<{ marketplaceMessageId: string }[]>();
    return new Set(stored.map((message) => message.marketplaceMessageId));
  }

  /** the watermark of a store polled before it was kept on the store: its newest message */
  async function newestStored(store: StoreRecord): Promise<Date | null> {
    const newest = await models.buyerMessages
      .findOne({ storeId: store._id })
      .sort({ sentAt: -1 })
      .lean<BuyerMessageDoc>();
    return newest?.sentAt ?? null;
  }

  /** J1: a row for a poll that failed or stored a message; a quiet poll writes nothing */
  const logPoll = async (
    store: StoreRecord,
    startedAt: Date,
    outcome: MessagePollOutcome,
    error: unknown,
  ) => {
    if (error === null && outcome.created === 0) return;
    await models.operationLog.create({
      storeId: store._id,
      kind: 'messages',
      at: startedAt,
      ok: error === null,
      durationMs: Date.now() - startedAt.getTime(),
      ...outcome,
      ...(error === null
        ? { error: null }
        : { error: describeSyncError(error), errorKind: syncErrorKind(error) }),
    });
  };

  return {
    storeMessage,

    /**
     * M1: one poll of one store's buyer messages. The watermark is the newest message stored,
     * kept on the store (the adapter re-reads an overlap before it); the unique message id
     * drops repeats. Reading never marks anything read on the marketplace.
     */
    async pollStore(storeOrId: StoreRecord | Types.ObjectId | string): Promise<MessagePollOutcome | null> {
      const store = await stores.recordOf(storeOrId);
      if (!store || store.status === 'paused') return null;
      const startedAt = new Date();
      const outcome: MessagePollOutcome = { fetched: 0, created: 0 };
      try {
        const since =
          store.messageWatermark !== undefined ? store.messageWatermark : await newestStored(store);
        const messages = await stores.marketplaceFor(store).listNewMessages(since);
        outcome.fetched = messages.length;
        const settled = await settledMessageIds(store, messages);
        for (const message of messages) {
          if (settled.has(message.marketplaceMessageId)) continue;
          if (await storeMessage(store, message)) outcome.created++;
        }
        // every message listed is stored now; a quiet poll writes nothing
        const newest = newestOf(since, messages);
        if (store.messageWatermark === undefined || newest?.getTime() !== since?.getTime())
          await models.stores.updateOne({ _id: store._id }, { $set: { messageWatermark: newest } });
        await logPoll(store, startedAt, outcome, null);
        return outcome;
      } catch (error) {
        const reason = describeSyncError(error);
        logger.warn({ store: String(store._id), err: reason }, 'message sync failed');
        await logPoll(store, startedAt, outcome, error);
        throw error;
      }
    },

    /** M4: the buyer conversation about an order (for `/order <n>` and the order details). */
    async threadForOrder(orderId: Types.ObjectId | string): Promise<OrderThreadEntry[]> {
      const order = await models.orders.findById(orderId).lean();
      if (!order) return [];
      const threads = await models.messageThreads
        .find({
          $or: [
            { orderId: order._id },
            { storeId: order.storeId, marketplaceOrderId: order.marketplaceOrderId },
          ],
        })
        .lean<MessageThreadDoc[]>();
      const threadIds = threads.map((thread) => thread._id);
      const [incoming, outgoing] = await Promise.all([
        models.buyerMessages.find({ threadId: { $in: threadIds } }).lean<BuyerMessageDoc[]>(),
        models.sentReplies.find({ threadId: { $in: threadIds }, state: 'sent' }).lean(),
      ]);
      return [
        ...incoming.map((m) => ({ at: m.sentAt, from: 'buyer' as const, name: m.buyerName, text: m.text })),
        ...outgoing.map((r) => ({ at: r.at, from: 'shop' as const, name: r.by, text: r.text })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}

export type BuyerMessages = ReturnType<typeof createBuyerMessages>;

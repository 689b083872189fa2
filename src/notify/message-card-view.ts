import type { Types } from 'mongoose';
import type { BuyerMessageDoc, MessageThreadDoc } from '#src/db/models/buyer-message.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { renderMessageCard } from '#src/notify/cards/message-card.js';
import { localeForChat, type CardRenderContext } from '#src/notify/order-card-view.js';
import type { RenderedMessage } from '#src/notify/delivery.js';
import type { StoreRecord } from '#src/services/stores.js';

/** The order a thread is about: linked already, or found now that polling may have stored it. */
async function orderOf(context: CardRenderContext, thread: MessageThreadDoc): Promise<OrderDoc | null> {
  const { orders } = context.models;
  if (thread.orderId) return orders.findById(thread.orderId).lean<OrderDoc>();
  if (!thread.marketplaceOrderId) return null;
  return orders
    .findOne({ storeId: thread.storeId, marketplaceOrderId: thread.marketplaceOrderId })
    .lean<OrderDoc>();
}

/** Later messages of a thread answer the thread's first card in the same chat, not float apart. */
async function threadHeadCard(
  context: CardRenderContext,
  message: BuyerMessageDoc,
  chatId: number,
  topicId: number,
): Promise<number | null> {
  const { buyerMessages, messageCards } = context.models;
  const earlier = await buyerMessages
    .find({ threadId: message.threadId, sentAt: { $lte: message.sentAt }, _id: { $ne: message._id } })
    .select({ _id: 1 })
    .lean();
  if (earlier.length === 0) return null;
  const head = await messageCards
    .findOne({ buyerMessageId: { $in: earlier.map((m) => m._id) }, chatId, threadId: topicId })
    .sort({ createdAt: 1 })
    .lean();
  return head?.messageId ?? null;
}

export async function renderStoredMessageCard(
  context: CardRenderContext,
  buyerMessageId: Types.ObjectId,
  chatId: number,
  topicId: number,
): Promise<RenderedMessage | null> {
  const { models } = context;
  const message = await models.buyerMessages.findById(buyerMessageId).lean<BuyerMessageDoc>();
  const thread = message
    ? await models.messageThreads.findById(message.threadId).lean<MessageThreadDoc>()
    : null;
  const store = message ? await models.stores.findById(message.storeId).lean<StoreRecord>() : null;
  if (!message || !thread || !store) return null;
  const order = await orderOf(context, thread);
  const locale = await localeForChat(context, chatId);
  const card = renderMessageCard(
    {
      buyerMessageId: String(message._id),
      storeName: store.name,
      marketplace: store.marketplace,
      buyerName: message.buyerName || thread.buyerName,
      order: order
        ? { number: order.number, statusLabel: order.data.statusLabel, url: order.data.url }
        : thread.marketplaceOrderId
          ? { number: thread.marketplaceOrderId, statusLabel: null, url: null }
          : null,
      product:
        thread.productId || thread.productName
          ? { id: thread.productId ?? null, name: thread.productName ?? null }
          : null,
      text: message.text,
      attachments: message.attachments,
      sentAt: message.sentAt,
      answered:
        message.answeredBy && message.answeredAt ? { by: message.answeredBy, at: message.answeredAt } : null,
      read: message.readBy && message.readAt ? { by: message.readBy, at: message.readAt } : null,
      hasTemplates: store.replyTemplates.length > 0,
      timeZone: context.timeZone,
      locale,
    },
    (key, vars) => context.translate(locale, key, vars),
  );
  return { ...card, replyToMessageId: await threadHeadCard(context, message, chatId, topicId) };
}

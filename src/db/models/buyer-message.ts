import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { marketplaceKindSchema, messageChannelSchema } from '#src/marketplaces/port.js';

/**
 * M4: one conversation with one buyer on the marketplace (a Prom chat room, a legacy message,
 * a Rozetka chat), linked to the order and customer it is about.
 */
export const messageThreadSchema = new Schema(
  {
    storeId: { type: Schema.Types.ObjectId, required: true },
    marketplace: { type: String, enum: marketplaceKindSchema.options, required: true },
    channel: { type: String, enum: messageChannelSchema.options, required: true },
    /** Prom `room_ident` / legacy message id; Rozetka `chat_id` */
    threadKey: { type: String, required: true },
    /** Prom chat room id (mark-read); Rozetka `receiver_id` (the buyer) */
    peerId: { type: String, default: null },
    buyerName: { type: String, default: '' },
    /** the marketplace's order id, kept so the link holds even when the order is polled later */
    marketplaceOrderId: { type: String, default: null },
    orderId: { type: Schema.Types.ObjectId, default: null },
    customerId: { type: Schema.Types.ObjectId, default: null },
    productId: { type: String, default: null },
    productName: { type: String, default: null },
    lastMessageAt: { type: Date, required: true },
  },
  { timestamps: true, collection: 'message_threads' },
);
messageThreadSchema.index({ storeId: 1, channel: 1, threadKey: 1 }, { unique: true });
messageThreadSchema.index({ storeId: 1, marketplaceOrderId: 1 });
messageThreadSchema.index({ orderId: 1 });

export type MessageThreadDoc = InferSchemaType<typeof messageThreadSchema> & { _id: Types.ObjectId };

/**
 * One buyer message. The unique (store, marketplace message id) is the "seen" list: a message
 * the marketplace keeps reporting as new is stored, and therefore pushed, once.
 */
export const buyerMessageSchema = new Schema(
  {
    storeId: { type: Schema.Types.ObjectId, required: true },
    threadId: { type: Schema.Types.ObjectId, required: true },
    marketplaceMessageId: { type: String, required: true },
    /** the marketplace's own id of the message, used to mark it read */
    targetMessageId: { type: String, default: null },
    buyerName: { type: String, default: '' },
    text: { type: String, default: '' },
    attachments: { type: [String], default: [] },
    sentAt: { type: Date, required: true },
    /** its cards were queued; a crash between storing and queueing is repaired by the next poll */
    queued: { type: Boolean, default: false },
    /** bumped on every change the card must show; outbox entries carry it */
    version: { type: Number, default: 1 },
    answeredBy: { type: String, default: null },
    answeredAt: { type: Date, default: null },
    readBy: { type: String, default: null },
    readAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'buyer_messages' },
);
buyerMessageSchema.index({ storeId: 1, marketplaceMessageId: 1 }, { unique: true });
buyerMessageSchema.index({ threadId: 1, sentAt: 1 });
buyerMessageSchema.index({ storeId: 1, sentAt: -1 });

export type BuyerMessageDoc = InferSchemaType<typeof buyerMessageSchema> & { _id: Types.ObjectId };

/** Where a buyer message's card sits in one destination; a reply to it finds the message. */
export const messageCardSchema = new Schema(
  {
    buyerMessageId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Number, required: true },
    /** forum topic; 0 for none so the unique key never holds a null */
    threadId: { type: Number, default: 0 },
    messageId: { type: Number, required: true },
    version: { type: Number, required: true },
    textHash: { type: String, default: '' },
    /** how many parts of a long text followed the card so far */
    partsSent: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'message_cards' },
);
messageCardSchema.index({ buyerMessageId: 1, chatId: 1, threadId: 1 }, { unique: true });
messageCardSchema.index({ chatId: 1, messageId: 1 });

/** M2: an answer being prepared by one manager; it stays until sent or cancelled. */
export const replyDraftSchema = new Schema(
  {
    buyerMessageId: { type: Schema.Types.ObjectId, required: true },
    telegramId: { type: Number, required: true },
    text: { type: String, required: true },
  },
  { timestamps: true, collection: 'reply_drafts' },
);
replyDraftSchema.index({ telegramId: 1, buyerMessageId: 1 });
replyDraftSchema.index({ updatedAt: 1 });

export type ReplyDraftDoc = InferSchemaType<typeof replyDraftSchema> & { _id: Types.ObjectId };

/**
 * Answers sent to buyers (M4 keeps both directions of a thread). The row is written before the
 * marketplace is called, keyed by the draft: a double tap or a second manager cannot send the
 * same draft twice.
 */
export const sentReplySchema = new Schema(
  {
    draftId: { type: Schema.Types.ObjectId, required: true },
    buyerMessageId: { type: Schema.Types.ObjectId, required: true },
    threadId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    by: { type: String, required: true },
    telegramId: { type: Number, required: true },
    state: { type: String, enum: ['sending', 'sent'], default: 'sending' },
    at: { type: Date, required: true },
  },
  { collection: 'sent_replies' },
);
sentReplySchema.index({ draftId: 1 }, { unique: true });
sentReplySchema.index({ threadId: 1, at: 1 });

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * order_card and message_card: live cards, edited in place; alert and digest: one-off notices
 * (J3, S7); summary: a daily-summary text (J4); file: a document or photo; progress: an edit of
 * a message already in the chat (O6's import progress).
 */
export const outboxKinds = [
  'order_card',
  'message_card',
  'alert',
  'digest',
  'summary',
  'file',
  'progress',
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/**
 * One request for something to show in one chat. Requests are only ever inserted by those who
 * ask (a unique `key` makes a repeated ask a no-op) and only updated by the worker holding the
 * chat's mailbox claim, so no two writers ever race on one row. A card's requests carry the
 * subject's version; the worker draws the subject as it is when the turn comes, so a burst of
 * changes becomes one edit.
 */
export const outboxSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: outboxKinds, required: true },
    orderId: { type: Schema.Types.ObjectId, default: null },
    buyerMessageId: { type: Schema.Types.ObjectId, default: null },
    /** JSON of what a one-off message says; cards render from their order or buyer message */
    payload: { type: String, default: null },
    /** a file's bytes until it is sent (Telegram takes up to 50 MB; a document holds up to 16 MB) */
    file: { type: Buffer, default: null },
    chatId: { type: Number, required: true },
    threadId: { type: Number, default: 0 },
    version: { type: Number, default: 1 },
    pending: { type: Boolean, default: true },
    /** given up after too many failed attempts: counted in /status and the metrics, never retried */
    dead: { type: Boolean, default: false },
    silent: { type: Boolean, default: false },
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, default: () => new Date(0) },
    lastError: { type: String, default: null },
  },
  { timestamps: true, collection: 'outbox' },
);
outboxSchema.index({ key: 1 }, { unique: true });
// which chats have due requests, and a chat's due requests in order
outboxSchema.index({ pending: 1, notBefore: 1 });
outboxSchema.index({ chatId: 1, pending: 1, createdAt: 1 });
// a buyer message's cards are redrawn when its order arrives later (M1)
outboxSchema.index({ buyerMessageId: 1 });
// the retention sweep of delivered requests; the dead-letter count
outboxSchema.index({ pending: 1, updatedAt: 1 });
outboxSchema.index({ dead: 1, updatedAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema>;

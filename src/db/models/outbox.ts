import { Schema, type InferSchemaType } from 'mongoose';

/** order_card and message_card: live cards edited in place; the others are one-off messages (J3 alerts, S7 digests) */
export const outboxKinds = ['order_card', 'message_card', 'alert', 'digest'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/**
 * Every send to Telegram that must not be lost or doubled. One entry per (subject, destination):
 * a later change of the same order bumps `version` on the same entry, so a burst of changes
 * becomes one edit, and a retried sync cannot create a second entry.
 */
export const outboxSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: outboxKinds, required: true },
    orderId: { type: Schema.Types.ObjectId, default: null },
    /** JSON of what a one-off message (alert, digest) says; order cards render from the order */
    payload: { type: String, default: null },
    buyerMessageId: { type: Schema.Types.ObjectId, default: null },
    chatId: { type: Number, required: true },
    threadId: { type: Number, default: 0 },
    /** the subject version this entry must bring the chat up to */
    version: { type: Number, required: true },
    /** the version last delivered; the entry is pending while it is below `version` */
    deliveredVersion: { type: Number, default: 0 },
    pending: { type: Boolean, default: true },
    silent: { type: Boolean, default: false },
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, default: () => new Date(0) },
    lastError: { type: String, default: null },
  },
  { timestamps: true, collection: 'outbox' },
);
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ pending: 1, notBefore: 1 });
// a buyer message's cards are redrawn when its order arrives later (M1)
outboxSchema.index({ buyerMessageId: 1 });
// the retention sweep of delivered entries
outboxSchema.index({ pending: 1, updatedAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema>;

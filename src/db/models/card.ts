import { Schema, type InferSchemaType } from 'mongoose';

/** Where an order's live card sits in one destination; survives restarts. */
export const cardSchema = new Schema(
  {
    orderId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Number, required: true },
    /** 0 for "no forum topic" so the unique key never holds a null */
    threadId: { type: Number, default: 0 },
    messageId: { type: Number, required: true },
    /** version of the order the card shows */
    version: { type: Number, required: true },
    textHash: { type: String, default: '' },
    /**
     * Earlier messages of this card in the chat (a lookup sent a new live copy): each was edited
     * to point at the live one and lost its buttons; a tap that still comes from one is turned away.
     */
    retiredMessageIds: { type: [Number], default: [] },
  },
  { timestamps: true, collection: 'cards' },
);
cardSchema.index({ orderId: 1, chatId: 1, threadId: 1 }, { unique: true });
cardSchema.index({ chatId: 1, messageId: 1 });

export type CardDoc = InferSchemaType<typeof cardSchema>;

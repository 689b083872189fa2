import { Schema, type InferSchemaType } from 'mongoose';

/**
 * S1: a chat that is expected to send a secret next. The message is caught before the
 * conversation records it, sealed here (AES-256-GCM) and deleted from the chat, so the
 * secret never sits in a conversation's replay log.
 */
export const secretInputSchema = new Schema(
  {
    chatId: { type: Number, required: true },
    userId: { type: Number, required: true },
    sealed: { type: String, default: null },
  },
  { timestamps: true, collection: 'secret_inputs' },
);
secretInputSchema.index({ chatId: 1 }, { unique: true });

export type SecretInputDoc = InferSchemaType<typeof secretInputSchema>;

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * grammY conversation replay state, one document per chat. Stored as a JSON string
 * because replay logs hold Telegram keyboards (nested arrays FerretDB v1 rejects).
 */
export const conversationStateSchema = new Schema(
  {
    key: { type: String, required: true },
    json: { type: String, required: true },
  },
  { timestamps: true, collection: 'conversation_states' },
);
conversationStateSchema.index({ key: 1 }, { unique: true });

export type ConversationStateDoc = InferSchemaType<typeof conversationStateSchema>;

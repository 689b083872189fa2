import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A chat Telegram refuses to let the bot write to (the user blocked it, the account is gone,
 * the bot was removed from the group). Its notifications are skipped until anything arrives
 * from that chat again; the unique chat id makes marking it idempotent.
 */
export const blockedChatSchema = new Schema(
  {
    chatId: { type: Number, required: true },
    /** Telegram's words, e.g. "Forbidden: bot was blocked by the user" */
    reason: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { collection: 'blocked_chats' },
);
blockedChatSchema.index({ chatId: 1 }, { unique: true });

export type BlockedChatDoc = InferSchemaType<typeof blockedChatSchema>;

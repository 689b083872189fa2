import { Schema } from 'mongoose';

/**
 * Webhook mode: one row per Telegram update taken in. Telegram re-sends an update it saw no
 * answer to, maybe to another instance behind the load balancer; the unique update_id makes
 * the first taker the only one. FerretDB v1 has no TTL index, so old rows are swept in code.
 */
export const telegramUpdateSchema = new Schema(
  {
    updateId: { type: Number, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'telegram_updates', versionKey: false },
);
telegramUpdateSchema.index({ updateId: 1 }, { unique: true });
telegramUpdateSchema.index({ receivedAt: 1 });

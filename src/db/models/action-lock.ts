import { Schema } from 'mongoose';

/**
 * Single-flight guard for actions on one order. A unique index is the one guarantee
 * FerretDB v1 gives atomically (its conditional updates are not), so the lock is a row.
 */
export const actionLockSchema = new Schema(
  {
    orderId: { type: Schema.Types.ObjectId, required: true },
    owner: { type: String, required: true },
    by: { type: String, default: null },
    until: { type: Date, required: true },
  },
  { collection: 'order_action_locks' },
);
actionLockSchema.index({ orderId: 1 }, { unique: true });

import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { orderStatusGroupSchema } from '#src/marketplaces/port.js';

/**
 * What the pictures (J4, J6) need of one order, keyed by the order's own `_id` and found by
 * its shop-local day: FerretDB v1 pushes only equalities down to PostgreSQL, so a picture reads
 * one `{day}` per day of its period instead of every order of a store and time range.
 * Written whole from the order's current state wherever the order is stored or changed.
 */
export const orderDaySchema = new Schema(
  {
    /** the order's _id */
    _id: { type: Schema.Types.ObjectId, required: true },
    storeId: { type: Schema.Types.ObjectId, required: true },
    /** the shop's calendar day the order was placed on, "2026-12-03" (config TZ) */
    day: { type: String, required: true },
    /** the shop's hour it was placed at, 0–23 */
    hour: { type: Number, required: true },
    totalKop: { type: Number, required: true },
    statusGroup: { type: String, enum: orderStatusGroupSchema.options, required: true },
    /** a cancelled order's reason in the marketplace's words; null when nothing says (or not cancelled) */
    cancelReason: { type: String, default: null },
    /** from placing to the first recorded move out of a waiting status; null when not seen */
    acceptedAfterMs: { type: Number, default: null },
    autoAccepted: { type: Boolean, required: true },
  },
  { collection: 'order_days', versionKey: false },
);
orderDaySchema.index({ day: 1, storeId: 1 });

export type OrderDayDoc = InferSchemaType<typeof orderDaySchema> & { _id: Types.ObjectId };

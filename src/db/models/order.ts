import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { marketplaceKindSchema, orderStatusGroupSchema, type Order } from '#src/marketplaces/port.js';

const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    /** a person's name, or null when the bot did it (auto-accept) */
    by: { type: String, default: null },
    action: { type: String, required: true },
    detail: { type: String, default: null },
  },
  { _id: false },
);

/**
 * One order of one store. The normalised marketplace order is kept under `data` exactly as
 * the port's zod schema describes it; MarketDesk's own state sits beside it.
 */
export const orderSchema = new Schema(
  {
    storeId: { type: Schema.Types.ObjectId, required: true },
    marketplace: { type: String, enum: marketplaceKindSchema.options, required: true },
    marketplaceOrderId: { type: String, required: true },
    number: { type: String, required: true },
    status: { type: String, required: true },
    statusGroup: { type: String, enum: orderStatusGroupSchema.options, required: true },
    placedAt: { type: Date, required: true },
    totalKop: { type: Number, required: true },
    buyerPhone: { type: String, default: null },
    buyerName: { type: String, default: '' },
    data: { type: Schema.Types.Mixed, required: true },
    /** hash of `data` without volatile fields: a change means the card must be redrawn */
    contentHash: { type: String, required: true },
    /** bumped on every change; outbox entries carry it so stale sends are skipped */
    version: { type: Number, default: 1 },
    /**
     * the version whose cards were queued: lower after a crash between storing and queueing,
     * so the next poll queues them (absent on orders stored before it was kept: done)
     */
    announcedVersion: { type: Number },
    customerId: { type: Schema.Types.ObjectId, default: null },
    assigneeId: { type: Number, default: null },
    assigneeName: { type: String, default: null },
    audit: { type: [auditEntrySchema], default: [] },
    autoAcceptAt: { type: Date, default: null },
    autoAcceptState: { type: String, enum: ['none', 'scheduled', 'held', 'done'], default: 'none' },
    backfilled: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'orders' },
);
orderSchema.index({ storeId: 1, marketplaceOrderId: 1 }, { unique: true });
orderSchema.index({ number: 1 });
orderSchema.index({ buyerPhone: 1 });
orderSchema.index({ storeId: 1, placedAt: -1 });
orderSchema.index({ autoAcceptState: 1, autoAcceptAt: 1 });
orderSchema.index({ customerId: 1 });

export type OrderDoc = Omit<InferSchemaType<typeof orderSchema>, 'data'> & {
  _id: Types.ObjectId;
  data: Order;
};

export const statusChangeSchema = new Schema(
  {
    orderId: { type: Schema.Types.ObjectId, required: true },
    from: { type: String, default: null },
    to: { type: String, required: true },
    at: { type: Date, required: true },
    /** "marketplace", "auto-accept" or the manager's name */
    by: { type: String, required: true },
  },
  { collection: 'order_status_history' },
);
statusChangeSchema.index({ orderId: 1, at: 1 });
// the daily summary's day and the retention sweep
statusChangeSchema.index({ at: 1 });
// the same observed change recorded twice (a retried sync) stays one row
statusChangeSchema.index({ orderId: 1, from: 1, to: 1, at: 1 }, { unique: true });

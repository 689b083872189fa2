import { Schema, type InferSchemaType } from 'mongoose';

export const storeAlertKinds = ['auth', 'stale', 'undecryptable'] as const;
export type StoreAlertKind = (typeof storeAlertKinds)[number];

/**
 * J3: one row per (store, alert kind, episode). An episode is the time since the store's
 * last good sync, so a store alerts at most once per kind until it syncs again; the unique
 * key is what keeps an alert from being raised twice.
 */
export const storeAlertSchema = new Schema(
  {
    key: { type: String, required: true },
    storeId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: storeAlertKinds, required: true },
    /** ms of the last good sync (or of the store's creation) that the episode started from */
    episode: { type: Number, required: true },
    detail: { type: String, default: null },
    openedAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
  },
  { collection: 'store_alerts' },
);
storeAlertSchema.index({ key: 1 }, { unique: true });
storeAlertSchema.index({ storeId: 1, resolvedAt: 1 });
storeAlertSchema.index({ resolvedAt: 1 });

export type StoreAlertDoc = InferSchemaType<typeof storeAlertSchema>;

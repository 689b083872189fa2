import { Schema, type InferSchemaType } from 'mongoose';

/** J1 operation log: one row per sync or action, with counts and the error in plain words. */
export const syncLogSchema = new Schema(
  {
    storeId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    ok: { type: Boolean, required: true },
    durationMs: { type: Number, default: 0 },
    fetched: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    /** the failure in plain words for the log; never shown in a chat */
    error: { type: String, default: null },
    /** what /status shows of it, in the reader's language: a MarketplaceErrorKind or `internal` */
    errorKind: { type: String, default: null },
  },
  { collection: 'operation_log' },
);
// /status's last failure of a store, and the retention sweep
syncLogSchema.index({ storeId: 1, ok: 1, at: -1 });
syncLogSchema.index({ at: 1 });

export type SyncLogDoc = InferSchemaType<typeof syncLogSchema>;

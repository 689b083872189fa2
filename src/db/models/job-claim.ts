import { Schema } from 'mongoose';

/**
 * "This is mine" rows for work that must happen once across processes (a daily summary per
 * admin, one import per store at a time). The unique key is the one atomic guarantee
 * FerretDB v1 gives; `until` lets a lock left by a crashed process be taken over.
 */
export const jobClaimSchema = new Schema(
  {
    key: { type: String, required: true },
    owner: { type: String, required: true },
    /** null = kept for good (a summary that went out) */
    until: { type: Date, default: null },
  },
  { timestamps: true, collection: 'job_claims' },
);
jobClaimSchema.index({ key: 1 }, { unique: true });
jobClaimSchema.index({ createdAt: 1 });

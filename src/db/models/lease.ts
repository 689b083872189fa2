import { Schema } from 'mongoose';

/**
 * A short-lived exclusive claim on something by key ("order:<id>", "outbox:<id>"). A unique
 * index is the one guarantee FerretDB v1 gives atomically (its conditional updates are not),
 * so a claim is a row; an expired row may be taken over.
 */
export const leaseSchema = new Schema(
  {
    key: { type: String, required: true },
    owner: { type: String, required: true },
    /** who holds it, for logs: a manager's name, "auto-accept", a sender process */
    holder: { type: String, default: null },
    until: { type: Date, required: true },
  },
  { collection: 'leases' },
);
leaseSchema.index({ key: 1 }, { unique: true });
leaseSchema.index({ until: 1 });

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * S5: the one-time owner link a bot without an admin logs at start. Codes are numbered: at most
 * one is live (the latest, while unclaimed), and two processes starting at once agree on it
 * because only one of them can insert the next number.
 */
export const ownerCodeSchema = new Schema(
  {
    generation: { type: Number, required: true },
    code: { type: String, required: true },
  },
  { timestamps: true, collection: 'owner_codes' },
);
ownerCodeSchema.index({ generation: 1 }, { unique: true });
ownerCodeSchema.index({ code: 1 }, { unique: true });

/** The claim that makes a code single use: the first `/start` with it inserts the row, any other hits the index. */
export const ownerClaimSchema = new Schema(
  {
    generation: { type: Number, required: true },
    telegramId: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'owner_claims' },
);
ownerClaimSchema.index({ generation: 1 }, { unique: true });

export type OwnerCodeDoc = InferSchemaType<typeof ownerCodeSchema>;

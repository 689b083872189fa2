import { Schema, type InferSchemaType } from 'mongoose';
import { userRoles } from '#src/db/models/user.js';

/**
 * S5: a one-time, expiring invitation. It is a draft while the admin is still choosing the
 * role and stores, and can be redeemed only once it is ready and before `expiresAt` (checked
 * in code: FerretDB has no TTL indexes).
 */
export const inviteSchema = new Schema(
  {
    code: { type: String, required: true },
    state: { type: String, enum: ['draft', 'ready'], default: 'draft' },
    role: { type: String, enum: userRoles, default: 'manager' },
    /** as a member's scope: every store, or only `storeIds` (empty = none) */
    allStores: { type: Boolean, default: false },
    storeIds: { type: [String], default: [] },
    createdBy: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    redeemedBy: { type: Number, default: null },
    redeemedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'invites' },
);
inviteSchema.index({ code: 1 }, { unique: true });
inviteSchema.index({ expiresAt: 1 });
inviteSchema.index({ redeemedAt: 1 });

/**
 * The claim that makes an invite one-time: the first redemption inserts the row, a second
 * (even at the same instant) hits the unique index.
 */
export const inviteClaimSchema = new Schema(
  {
    code: { type: String, required: true },
    telegramId: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'invite_claims' },
);
inviteClaimSchema.index({ code: 1 }, { unique: true });

/** Failed redemptions, counted per Telegram user to slow down guessing. */
export const inviteAttemptSchema = new Schema(
  {
    telegramId: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'invite_attempts' },
);
inviteAttemptSchema.index({ telegramId: 1, at: -1 });
inviteAttemptSchema.index({ at: 1 });

export type InviteDoc = InferSchemaType<typeof inviteSchema>;

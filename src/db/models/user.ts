import { Schema, type InferSchemaType } from 'mongoose';
import { supportedLocales } from '#src/config/locales.js';

export const userRoles = ['admin', 'manager'] as const;
export type UserRole = (typeof userRoles)[number];

export const userSchema = new Schema(
  {
    telegramId: { type: Number, required: true },
    name: { type: String, default: '' },
    username: { type: String, default: null },
    role: { type: String, enum: userRoles, required: true },
    locale: { type: String, enum: supportedLocales, default: null },
    /** true: every store, now and future; false: only `storeIds`, where an empty list means none */
    allStores: { type: Boolean, default: false },
    storeIds: { type: [String], default: [] },
    active: { type: Boolean, default: true },
    /** an admin because ADMIN_IDS names them: taken out of it, they are demoted */
    adminFromEnvironment: { type: Boolean, default: false },
    /** S7 quiet hours of this member's private chat, "HH:MM" local time (config TZ) */
    quietFrom: { type: String, default: null },
    quietTo: { type: String, default: null },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ telegramId: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema>;

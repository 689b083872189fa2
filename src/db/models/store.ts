import { Schema, type InferSchemaType } from 'mongoose';
import { marketplaceKindSchema } from '#src/marketplaces/port.js';

export const storeStatuses = ['active', 'paused', 'failing'] as const;
export const eventKinds = ['new_order', 'status_change', 'buyer_message', 'alert'] as const;
export type EventKind = (typeof eventKinds)[number];

const replyTemplateSchema = new Schema(
  {
    title: { type: String, required: true },
    text: { type: String, required: true },
  },
  { _id: false },
);

const destinationSchema = new Schema(
  {
    chatId: { type: Number, required: true },
    /** forum topic, when the destination is a topic of a group */
    threadId: { type: Number, default: null },
    events: { type: [String], enum: eventKinds, default: () => [...eventKinds] },
    /** the group's title when it was registered (S6), for the routing menu */
    title: { type: String, default: '' },
    /** S7 quiet hours, "HH:MM" local time (config TZ); both null = never quiet */
    quietFrom: { type: String, default: null },
    quietTo: { type: String, default: null },
  },
  { _id: false },
);

export const storeSchema = new Schema(
  {
    marketplace: { type: String, enum: marketplaceKindSchema.options, required: true },
    name: { type: String, required: true },
    status: { type: String, enum: storeStatuses, default: 'active' },
    /** AES-256-GCM sealed JSON of the credentials (see services/secrets.ts) */
    sealedCredentials: { type: String, required: true },
    credentialsHint: { type: String, default: '' },
    sourceLabel: { type: String, default: '' },
    responsibleManagerId: { type: Number, default: null },
    /** minutes after which a still-new order is accepted automatically; null = off */
    autoAcceptDelayMinutes: { type: Number, default: null },
    /** "HH:MM" local time (config TZ); both null = around the clock */
    workingHoursFrom: { type: String, default: null },
    workingHoursTo: { type: String, default: null },
    pollIntervalSeconds: { type: Number, default: 30, min: 15, max: 1800 },
    destinations: { type: [destinationSchema], default: [] },
    /** appended to every answer sent to a buyer (M2) */
    replySignature: { type: String, default: '' },
    /** M3: saved answers offered as buttons */
    replyTemplates: { type: [replyTemplateSchema], default: [] },
    /** S3: marketplace status codes whose orders are imported; empty = all */
    importedStatuses: { type: [String], default: [] },
    orderWatermark: { type: Date, default: null },
    /** the newest buyer message stored (M1); absent on stores polled before it was kept here */
    messageWatermark: { type: Date, default: null },
    lastSyncAt: { type: Date, default: null },
    lastSyncOkAt: { type: Date, default: null },
    lastSyncError: { type: String, default: null },
    /** what the J3 alerts say of that error, in the reader's language (locale `sync-error`) */
    lastSyncErrorKind: { type: String, default: null },
  },
  { timestamps: true, collection: 'stores' },
);

export type StoreDoc = InferSchemaType<typeof storeSchema>;

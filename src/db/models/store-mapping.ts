import { Schema, type InferSchemaType } from 'mongoose';

export const mappingKinds = ['status', 'payment', 'delivery'] as const;
export type MappingKind = (typeof mappingKinds)[number];

/**
 * S4: one marketplace value of one store mapped to an item of the shop's list
 * (status → stage, payment method → shop payment method, delivery method → carrier).
 */
export const storeMappingSchema = new Schema(
  {
    storeId: { type: String, required: true },
    kind: { type: String, enum: mappingKinds, required: true },
    /** the marketplace's id of the status / payment / delivery method */
    code: { type: String, required: true },
    label: { type: String, default: '' },
    /** id of the shop list item */
    target: { type: String, required: true },
  },
  { timestamps: true, collection: 'store_mappings' },
);
storeMappingSchema.index({ storeId: 1, kind: 1, code: 1 }, { unique: true });

export type StoreMappingDoc = InferSchemaType<typeof storeMappingSchema>;

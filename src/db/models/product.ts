import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { marketplaceKindSchema } from '#src/marketplaces/port.js';

/** P1: one product of one store as the marketplace last reported it (money in kopiykas). */
export const productSchema = new Schema(
  {
    storeId: { type: Schema.Types.ObjectId, required: true },
    marketplace: { type: String, enum: marketplaceKindSchema.options, required: true },
    marketplaceProductId: { type: String, required: true },
    sku: { type: String, default: null },
    name: { type: String, required: true },
    priceKop: { type: Number, required: true },
    currency: { type: String, required: true },
    quantity: { type: Number, default: null },
    presence: { type: String, default: null },
    group: { type: String, default: null },
    imageUrl: { type: String, default: null },
    /** the import run that last saw the product; older runs mean it is gone from the marketplace */
    importRun: { type: String, default: null },
  },
  { timestamps: true, collection: 'products' },
);
productSchema.index({ storeId: 1, marketplaceProductId: 1 }, { unique: true });
productSchema.index({ storeId: 1, sku: 1 });
productSchema.index({ storeId: 1, name: 1 });
productSchema.index({ storeId: 1, importRun: 1 });

export type ProductDoc = InferSchemaType<typeof productSchema> & { _id: Types.ObjectId };

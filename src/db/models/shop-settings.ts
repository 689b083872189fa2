import { Schema, type InferSchemaType } from 'mongoose';

const shopListItemSchema = new Schema(
  {
    /** short and stable, so mappings survive a rename */
    id: { type: String, required: true },
    name: { type: String, required: true },
  },
  { _id: false },
);

/**
 * S4: the shop's own lists (pipeline stages, payment methods, carriers), one document per
 * shop. Lists are arrays of small objects, never arrays of arrays (FerretDB v1).
 */
export const shopSettingsSchema = new Schema(
  {
    key: { type: String, required: true },
    stages: { type: [shopListItemSchema], default: [] },
    payments: { type: [shopListItemSchema], default: [] },
    carriers: { type: [shopListItemSchema], default: [] },
  },
  { timestamps: true, collection: 'shop_settings' },
);
shopSettingsSchema.index({ key: 1 }, { unique: true });

export type ShopSettingsDoc = InferSchemaType<typeof shopSettingsSchema>;

import { Schema, type InferSchemaType } from 'mongoose';

/** Buyers matched across orders by phone, then e-mail, then name (`matchKey`). */
export const customerSchema = new Schema(
  {
    matchKey: { type: String, required: true },
    name: { type: String, default: '' },
    phone: { type: String, default: null },
    email: { type: String, default: null },
    orderCount: { type: Number, default: 0 },
    totalKop: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'customers' },
);
customerSchema.index({ matchKey: 1 }, { unique: true });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;

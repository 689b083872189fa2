import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Buyers matched across orders by phone, then e-mail, then name (`matchKey`); their order count
 * and total are counted from their orders when shown.
 */
export const customerSchema = new Schema(
  {
    matchKey: { type: String, required: true },
    name: { type: String, default: '' },
    phone: { type: String, default: null },
    email: { type: String, default: null },
  },
  { timestamps: true, collection: 'customers' },
);
customerSchema.index({ matchKey: 1 }, { unique: true });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;

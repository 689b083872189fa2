import { Schema } from 'mongoose';

/**
 * A shop-local day's stamp (J4, J6): a fresh random value written after every write of one of
 * that day's `order_days` rows. A summary built after reading stamp S and then the day's rows
 * holds every row written before S; a row written later moves the stamp off S.
 */
export const dayStampSchema = new Schema(
  {
    /** the day, "2026-12-03" */
    _id: { type: String, required: true },
    stamp: { type: String, required: true },
  },
  { collection: 'day_stamps', versionKey: false },
);

/**
 * A day's `order_days` rows counted per store, trusted while the day's stamp is still the one read
 * before its rows were. Its own collection: a reader saving a summary and a writer moving a stamp
 * never write the same document (FerretDB v1 updates are a read, then a write).
 */
export const daySummarySchema = new Schema(
  {
    /** the day, "2026-12-03" */
    _id: { type: String, required: true },
    /** the day's stamp read before its rows were */
    stampRead: { type: String, required: true },
    /** the layout of `stores`; a summary of another layout is built again */
    format: { type: Number, required: true },
    /**
     * the counts per store as one JSON string: FerretDB v1 turns a document into BSON value by
     * value, and a day of 200 stores as nested fields read 20–40 times slower than as one string
     */
    stores: { type: String, required: true },
  },
  { collection: 'day_summaries', versionKey: false },
);

import { Schema } from 'mongoose';

/**
 * A one-time start-up step that ran to its end, by name: a step that reads a whole collection
 * (FerretDB v1 has no cheap count to tell there is nothing left to do) runs once, not per start.
 */
export const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    doneAt: { type: Date, required: true },
  },
  { collection: 'migrations', versionKey: false },
);

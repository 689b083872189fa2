import { randomBytes } from 'node:crypto';
import { upsertRetrying } from '#src/db/errors.js';
import type { Models } from '#src/db/models/index.js';

export const freshStamp = () => randomBytes(9).toString('base64url');

/**
 * Moves the stamp of each day given (once per distinct day, side by side), after that day's
 * `order_days` rows were written: a summary read before is no longer trusted.
 */
async function stampDays(models: Models, days: Iterable<string | null | undefined>): Promise<void> {
  const distinct = [...new Set(days)].filter((day): day is string => typeof day === 'string');
  await Promise.all(
    distinct.map((day) =>
      upsertRetrying(() =>
        models.dayStamps.updateOne({ _id: day }, { $set: { stamp: freshStamp() } }, { upsert: true }),
      ),
    ),
  );
}

/**
 * Runs a write of `order_days` rows of the days given, then stamps those days, even when the
 * write failed part way: some rows may be written all the same.
 */
export async function writeDayRows<T>(
  models: Models,
  days: Iterable<string | null | undefined>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } finally {
    await stampDays(models, days);
  }
}

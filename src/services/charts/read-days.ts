import type { Models } from '#src/db/models/index.js';

/** day reads in flight at once: enough to keep the server busy, few enough that rows never pile up */
const DAYS_AT_ONCE = 4;

/**
 * The picture rows of each day (`order_days` by `day`, an equality FerretDB v1 pushes down to
 * PostgreSQL), a few days side by side, each day's rows handed to `visit` as they arrive and
 * then let go: 90 days of a busy shop are tens of thousands of rows.
 */
export async function readDays<Row>(
  models: Models,
  keys: readonly string[],
  fields: Record<string, 0 | 1>,
  visit: (rows: Row[], dayIndex: number) => void,
): Promise<void> {
  let next = 0;
  const reader = async () => {
    while (next < keys.length) {
      const dayIndex = next++;
      visit(await models.orderDays.find({ day: keys[dayIndex] }, fields).lean<Row[]>(), dayIndex);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DAYS_AT_ONCE, keys.length) }, reader));
}

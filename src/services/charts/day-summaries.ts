import type { Types } from 'mongoose';
import { isDuplicateKey } from '#src/db/errors.js';
import { insertNew } from '#src/db/insert-new.js';
import type { Models } from '#src/db/models/index.js';
import { freshStamp } from '#src/services/charts/day-stamps.js';

/** one store's orders of one shop-local day, as the pictures count them */
export interface StoreDaySummary {
  orders: number;
  cancelled: number;
  /** orders not cancelled */
  revenueKop: number;
  autoAccepted: number;
  /** orders by the shop's hour they were placed at, 0–23 */
  hours: number[];
  /** cancelled orders by reason (null: nothing says why) */
  reasons: [string | null, number][];
  /** each accept seen, from placing to accept */
  acceptMs: number[];
}

/** a day's summary: by store id (hex) */
export type DaySummary = Record<string, StoreDaySummary>;

/** bumped when `StoreDaySummary` changes: summaries of another layout are built again */
const FORMAT = 1;

/** saved summaries checked at once: two small reads by `_id` each */
const CHECKS_AT_ONCE = 12;
/** days built at once: enough to keep the server busy, few enough that rows never pile up */
const BUILDS_AT_ONCE = 4;

export interface CountedRow {
  storeId: Types.ObjectId;
  hour: number;
  statusGroup: string;
  totalKop: number;
  cancelReason?: string | null;
  acceptedAfterMs?: number | null;
  autoAccepted: boolean;
}

const ROW_FIELDS = {
  _id: 0,
  storeId: 1,
  hour: 1,
  statusGroup: 1,
  totalKop: 1,
  cancelReason: 1,
  acceptedAfterMs: 1,
  autoAccepted: 1,
} as const;

/** what a summary counts of a row: rows alike in it leave the day's summary as it is */
export const countedAs = (row: CountedRow) =>
  JSON.stringify([
    row.storeId.toHexString(),
    row.hour,
    row.statusGroup === 'cancelled',
    row.totalKop,
    row.cancelReason ?? null,
    row.acceptedAfterMs ?? null,
    row.autoAccepted,
  ]);

export function summarize(rows: readonly CountedRow[]): DaySummary {
  const summary: DaySummary = {};
  const reasons = new Map<string, Map<string | null, number>>();
  for (const row of rows) {
    const id = row.storeId.toHexString();
    const store = (summary[id] ??= {
      orders: 0,
      cancelled: 0,
      revenueKop: 0,
      autoAccepted: 0,
      hours: new Array<number>(24).fill(0),
      reasons: [],
      acceptMs: [],
    });
    store.orders += 1;
    store.hours[row.hour] = (store.hours[row.hour] ?? 0) + 1;
    if (row.statusGroup === 'cancelled') {
      store.cancelled += 1;
      const byReason = reasons.get(id) ?? new Map<string | null, number>();
      const reason = row.cancelReason ?? null;
      reasons.set(id, byReason.set(reason, (byReason.get(reason) ?? 0) + 1));
    } else store.revenueKop += row.totalKop;
    if (row.autoAccepted) store.autoAccepted += 1;
    if (typeof row.acceptedAfterMs === 'number') store.acceptMs.push(row.acceptedAfterMs);
  }
  for (const [id, byReason] of reasons) (summary[id] as StoreDaySummary).reasons = [...byReason];
  return summary;
}

/** a day that never had a stamp (its rows are older than stamps, or it has none): one is made */
async function firstStamp(models: Models, day: string): Promise<string> {
  await insertNew(models.dayStamps, [{ _id: day, stamp: freshStamp() }]);
  const stamp = await models.dayStamps.findById(day).lean<{ stamp: string }>();
  return (stamp as { stamp: string }).stamp;
}

/**
 * The day's summary from its rows, saved with the stamp read before them. Two readers building
 * the same day both save; whichever is last may hold an older stamp, and is built again next time.
 */
export async function buildDaySummary(models: Models, day: string, stampRead: string): Promise<DaySummary> {
  const summary = summarize(await models.orderDays.find({ day }, ROW_FIELDS).lean<CountedRow[]>());
  const save = () =>
    models.daySummaries.updateOne(
      { _id: day },
      { $set: { stampRead, format: FORMAT, stores: JSON.stringify(summary) } },
      { upsert: true },
    );
  await save().catch((error: unknown) => (isDuplicateKey(error) ? undefined : Promise.reject(error)));
  return summary;
}

/** the day's stamp, and its saved summary when that stamp is still the one it was built after */
async function savedSummary(
  models: Models,
  day: string,
): Promise<{ stamp: string | null; summary?: DaySummary }> {
  const [stamp, saved] = await Promise.all([
    models.dayStamps.findById(day).lean<{ stamp: string }>(),
    models.daySummaries.findById(day).lean<{ stampRead: string; format: number; stores: string }>(),
  ]);
  if (stamp && saved?.format === FORMAT && saved.stampRead === stamp.stamp)
    return { stamp: stamp.stamp, summary: JSON.parse(saved.stores) as DaySummary };
  return { stamp: stamp?.stamp ?? null };
}

/** runs `work` on each of `count` indexes, `width` at a time */
async function each(count: number, width: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

/**
 * The summary of each day (J4, J6), each handed to `visit` as it arrives: two reads by `_id` per
 * day whose saved summary holds, many days side by side; then the day's `order_days` rows (by
 * `day`, an equality FerretDB v1 pushes down) for each day whose summary does not, a few at once.
 */
export async function readDaySummaries(
  models: Models,
  keys: readonly string[],
  visit: (summary: DaySummary, dayIndex: number) => void,
): Promise<void> {
  const stale: { dayIndex: number; stamp: string | null }[] = [];
  await each(keys.length, CHECKS_AT_ONCE, async (dayIndex) => {
    const { stamp, summary } = await savedSummary(models, keys[dayIndex] as string);
    if (summary) visit(summary, dayIndex);
    else stale.push({ dayIndex, stamp });
  });
  await each(stale.length, BUILDS_AT_ONCE, async (i) => {
    const { dayIndex, stamp } = stale[i] as (typeof stale)[number];
    const day = keys[dayIndex] as string;
    visit(await buildDaySummary(models, day, stamp ?? (await firstStamp(models, day))), dayIndex);
  });
}

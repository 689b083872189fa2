import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { writeOrderDay } from '#src/services/charts/order-day-rows.js';
import { cardDestinations, enqueueOrderCard } from '#src/services/outbox.js';

/**
 * Writes who did what to the order (by = null: the bot) and brings every copy of its card, and
 * its picture row (a cancel's reason, an auto-accept), up to date with it. The caller holds the
 * order's lock, so the version goes up once.
 */
export async function recordAudit(
  models: Models,
  order: OrderDoc,
  entry: { by: string | null; action: string; detail?: string | null },
  how: { timeZone: string; fields?: Record<string, unknown> },
): Promise<OrderDoc> {
  await models.orders.updateOne(
    { _id: order._id },
    {
      $push: { audit: { at: new Date(), by: entry.by, action: entry.action, detail: entry.detail ?? null } },
      $inc: { version: 1 },
      $set: how.fields ?? {},
    },
  );
  const updated = (await models.orders.findById(order._id).lean<OrderDoc>()) as OrderDoc;
  await writeOrderDay(models, updated, how.timeZone);
  await enqueueOrderCard(models, order._id, updated.version, await cardDestinations(models, order._id));
  return updated;
}

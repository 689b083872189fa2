import type { Types } from 'mongoose';
import { withLease } from '#src/db/leases.js';
import type { Models } from '#src/db/models/index.js';

const ORDER_LOCK_MS = 60_000;

/** One action per order at a time, across processes; null when the order is busy. */
export function withOrderLock<T>(
  models: Models,
  orderId: Types.ObjectId,
  by: string,
  work: () => Promise<T>,
): Promise<T | null> {
  return withLease(models, `order:${String(orderId)}`, by, ORDER_LOCK_MS, work);
}

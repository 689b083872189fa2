import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { exclusiveMany, isClaimed, withExclusive } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';

const ORDER_LOCK_MS = 60_000;

export const orderClaimKey = (orderId: Types.ObjectId) => `order:${String(orderId)}`;

/** One action per order at a time, across processes; null when the order is busy. */
export function withOrderLock<T>(
  models: Models,
  orderId: Types.ObjectId,
  by: string,
  work: () => Promise<T>,
): Promise<T | null> {
  return withExclusive(models, orderClaimKey(orderId), { ttlMs: ORDER_LOCK_MS, holder: by }, work);
}

/**
 * Locks orders just inserted, in one write, and runs `work` on those it could lock (another
 * writer may already hold one), holding them.
 */
export async function withNewOrderLocks<T>(
  models: Models,
  orderIds: Types.ObjectId[],
  by: string,
  work: (locked: Types.ObjectId[]) => Promise<T>,
): Promise<T> {
  const claims = await exclusiveMany(models, orderIds.map(orderClaimKey), {
    ttlMs: ORDER_LOCK_MS,
    holder: by,
  });
  const taken = new Set(claims.taken);
  try {
    return await work(orderIds.filter((id) => taken.has(orderClaimKey(id))));
  } finally {
    await claims.release();
  }
}

const LOCK_CHECK_MS = 150;

/** Waits until no live lock holds the order; false when it is still held after `timeoutMs`. */
export async function waitForOrderLock(
  models: Models,
  orderId: Types.ObjectId,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isClaimed(models, orderClaimKey(orderId)))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(LOCK_CHECK_MS);
  }
}

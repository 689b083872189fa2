import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { claimNewLeases, releaseLeasesOwnedBy, withLease } from '#src/db/leases.js';
import type { Models } from '#src/db/models/index.js';

const ORDER_LOCK_MS = 60_000;

const lockKey = (orderId: Types.ObjectId) => `order:${String(orderId)}`;

/** One action per order at a time, across processes; null when the order is busy. */
export function withOrderLock<T>(
  models: Models,
  orderId: Types.ObjectId,
  by: string,
  work: () => Promise<T>,
): Promise<T | null> {
  return withLease(models, lockKey(orderId), by, ORDER_LOCK_MS, work);
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
  const owner = randomUUID();
  const taken = new Set(await claimNewLeases(models, orderIds.map(lockKey), by, ORDER_LOCK_MS, owner));
  try {
    return await work(orderIds.filter((id) => taken.has(lockKey(id))));
  } finally {
    if (taken.size > 0) await releaseLeasesOwnedBy(models, [owner]);
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
  const key = lockKey(orderId);
  for (;;) {
    if (!(await models.leases.exists({ key, until: { $gte: new Date() } }))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(LOCK_CHECK_MS);
  }
}

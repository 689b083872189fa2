import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';

const ACTION_LOCK_MS = 60_000;

/**
 * One action per order at a time, across processes: the lock is a row under a unique index
 * (FerretDB v1 has no atomic find-and-modify). Returns the owner token, or null when someone
 * else holds a live lock.
 */
export async function claimActionLock(
  models: Models,
  orderId: Types.ObjectId,
  by: string,
): Promise<string | null> {
  const owner = randomUUID();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await models.actionLocks.create({ orderId, owner, by, until: new Date(Date.now() + ACTION_LOCK_MS) });
      return owner;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // a lock left by a crashed process expires; a live one wins
      const expired = await models.actionLocks.deleteOne({ orderId, until: { $lt: new Date() } });
      if (expired.deletedCount === 0) return null;
    }
  }
  return null;
}

export async function releaseActionLock(models: Models, orderId: Types.ObjectId, owner: string) {
  await models.actionLocks.deleteOne({ orderId, owner });
}

/** Runs `work` under the order's lock; null when the order is busy. */
export async function withActionLock<T>(
  models: Models,
  orderId: Types.ObjectId,
  by: string,
  work: () => Promise<T>,
): Promise<T | null> {
  const owner = await claimActionLock(models, orderId, by);
  if (!owner) return null;
  try {
    return await work();
  } finally {
    await releaseActionLock(models, orderId, owner);
  }
}

import { randomUUID } from 'node:crypto';
import type { Models } from '#src/db/models/index.js';
import { isDuplicateKey } from '#src/db/errors.js';
import { insertNew } from '#src/db/insert-new.js';

/**
 * Takes the lease on `key` for `ms`, across processes. Returns the owner token, or null when
 * someone else holds a live lease. `owner` is for a caller that notes the token before the claim.
 */
export async function claimLease(
  models: Models,
  key: string,
  holder: string,
  ms: number,
  owner: string = randomUUID(),
): Promise<string | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await models.leases.create({ key, owner, holder, until: new Date(Date.now() + ms) });
      return owner;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // a lease left by a crashed process expires; a live one wins
      const expired = await models.leases.deleteOne({ key, until: { $lt: new Date() } });
      if (expired.deletedCount === 0) return null;
    }
  }
  return null;
}

export async function releaseLease(models: Models, key: string, owner: string): Promise<void> {
  await models.leases.deleteOne({ key, owner });
}

/** Releases the leases still held under these owner tokens, in one write (tokens are unique). */
export async function releaseLeasesOwnedBy(models: Models, owners: string[]): Promise<void> {
  await models.leases.deleteMany({ owner: { $in: owners } });
}

/**
 * Takes the leases on many keys no one has held before (new orders), in one insert under one
 * owner token; returns the keys taken. A key someone holds stays theirs; run
 * `releaseLeasesOwnedBy` with the token when done.
 */
export async function claimNewLeases(
  models: Models,
  keys: string[],
  holder: string,
  ms: number,
  owner: string = randomUUID(),
): Promise<string[]> {
  const until = new Date(Date.now() + ms);
  const taken = await insertNew<{ key: string }>(
    models.leases,
    keys.map((key) => ({ key, owner, holder, until })),
  );
  return taken.map((lease) => lease.key);
}

/** Runs `work` holding the lease on `key`; null when someone else holds it. */
export async function withLease<T>(
  models: Models,
  key: string,
  holder: string,
  ms: number,
  work: () => Promise<T>,
): Promise<T | null> {
  const owner = await claimLease(models, key, holder, ms);
  if (!owner) return null;
  try {
    return await work();
  } finally {
    await releaseLease(models, key, owner);
  }
}

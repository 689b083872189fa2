import { randomUUID } from 'node:crypto';
import type { Models } from '#src/db/models/index.js';
import { isDuplicateKey } from '#src/db/errors.js';
import { insertNew } from '#src/db/insert-new.js';

/** Something this process holds alone until it releases it or the claim runs out. */
export interface Claim {
  readonly key: string;
  /**
   * Pushes the end out by the claim's ttl once half of it is gone (cheap to call before every
   * step); false when the claim was lost: it ran out, and may be someone else's.
   */
  heartbeat(): Promise<boolean>;
  /** true while the claim has not run out locally; a holder checks it before a write it cannot undo */
  live(): boolean;
  release(): Promise<void>;
}

export interface ClaimOptions {
  ttlMs: number;
  /** who holds it, for logs and sweeps: a manager's name, "sender", "poll-slot" */
  holder?: string;
}

/**
 * The one claim primitive: a row under a unique key. An insert is the only write FerretDB v1
 * makes atomic (its conditional updates are read-then-write), so whatever must happen once
 * (a chat's mailbox, a poll slot, an order action, an import) is done by whoever inserted the
 * row. A row left by a crashed process runs out after `ttlMs` and may then be taken over.
 */
export async function exclusive(models: Models, key: string, options: ClaimOptions): Promise<Claim | null> {
  const owner = randomUUID();
  const { ttlMs } = options;
  let until = Date.now() + ttlMs;
  const insert = () =>
    models.leases.create({ key, owner, holder: options.holder ?? null, until: new Date(until) });
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const expired = await models.leases.deleteOne({ key, until: { $lt: new Date() } });
    if (expired.deletedCount === 0) return null;
    try {
      await insert();
    } catch (retryError) {
      if (isDuplicateKey(retryError)) return null;
      throw retryError;
    }
  }
  return {
    key,
    live: () => Date.now() < until,
    async heartbeat() {
      // a claim that already ran out may be someone else's by now: extending it would steal it
      const now = Date.now();
      if (now >= until) return false;
      if (until - now > ttlMs / 2) return true;
      const next = now + ttlMs;
      const done = await models.leases.updateOne({ key, owner }, { $set: { until: new Date(next) } });
      if (done.matchedCount === 0) return false;
      until = next;
      return true;
    },
    async release() {
      until = 0;
      await models.leases.deleteOne({ key, owner });
    },
  };
}

/** Runs `work` holding `key`; null when someone else holds it. */
export async function withExclusive<T>(
  models: Models,
  key: string,
  options: ClaimOptions,
  work: (claim: Claim) => Promise<T>,
): Promise<T | null> {
  const claim = await exclusive(models, key, options);
  if (!claim) return null;
  try {
    return await work(claim);
  } finally {
    await claim.release();
  }
}

/**
 * Claims many fresh keys in one write (a poll page's new orders): the ones somebody else holds
 * are left out of `taken`. Released together.
 */
export async function exclusiveMany(
  models: Models,
  keys: string[],
  options: ClaimOptions,
): Promise<{ taken: string[]; release(): Promise<void> }> {
  const owner = randomUUID();
  const until = new Date(Date.now() + options.ttlMs);
  const rows = keys.map((key) => ({ key, owner, holder: options.holder ?? null, until }));
  const taken = (await insertNew<{ key: string }>(models.leases, rows)).map((row) => row.key);
  return {
    taken,
    async release() {
      if (taken.length > 0) await models.leases.deleteMany({ owner });
    },
  };
}

/** Whether a live claim holds `key` (a reader that waits for a holder to finish). */
export async function isClaimed(models: Models, key: string): Promise<boolean> {
  return Boolean(await models.leases.exists({ key, until: { $gte: new Date() } }));
}

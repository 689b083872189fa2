import { randomUUID } from 'node:crypto';
import type { Models } from '#src/db/models/index.js';
import { isDuplicateKey } from '#src/db/errors.js';

/** Once-only work and short locks across bot processes, built on a unique index. */
export function createClaims(models: Models) {
  return {
    /** true for exactly one caller per key, ever (the row stays) */
    async once(key: string): Promise<boolean> {
      try {
        await models.jobClaims.create({ key, owner: randomUUID(), until: null });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },

    /** the lock's owner token, or null while someone else holds a live lock */
    async lock(key: string, ttlMs: number): Promise<string | null> {
      const owner = randomUUID();
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await models.jobClaims.create({ key, owner, until: new Date(Date.now() + ttlMs) });
          return owner;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const expired = await models.jobClaims.deleteOne({ key, until: { $ne: null, $lt: new Date() } });
          if (expired.deletedCount === 0) return null;
        }
      }
      return null;
    },

    async unlock(key: string, owner: string): Promise<void> {
      await models.jobClaims.deleteOne({ key, owner });
    },
  };
}

export type Claims = ReturnType<typeof createClaims>;

import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import { isDuplicateKey } from '#src/db/errors.js';

/** Telegram keeps an undelivered update for 24 hours; a claim outlives that with room to spare. */
const KEEP_CLAIMS_MS = 48 * 60 * 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Webhook mode: an update is handled by whichever instance claims its update_id first, so a
 * re-sent update that reaches another instance is handled once.
 */
export function createUpdateClaims(models: Models, logger: Logger) {
  let lastSweep = 0;

  async function sweepOld(now: number) {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    try {
      await models.telegramUpdates.deleteMany({ receivedAt: { $lt: new Date(now - KEEP_CLAIMS_MS) } });
    } catch (error) {
      logger.warn({ err: error }, 'could not delete old Telegram update claims; will try again later');
    }
  }

  return {
    /** true when this process is the first to take the update */
    async claim(updateId: number): Promise<boolean> {
      const now = Date.now();
      try {
        await models.telegramUpdates.create({ updateId, receivedAt: new Date(now) });
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
      await sweepOld(now);
      return true;
    },
  };
}

export type UpdateClaims = ReturnType<typeof createUpdateClaims>;

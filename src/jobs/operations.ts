import type { JobScheduler } from '#src/jobs/agenda.js';
import type { QuietDigest } from '#src/services/quiet-digest.js';
import type { StoreHealth } from '#src/services/store-health.js';

export const CHECK_STORE_HEALTH = 'check-store-health';
export const SEND_QUIET_DIGESTS = 'send-quiet-digests';

/**
 * J3 stale-store alerts and S7 morning digests: one job each, once a minute, on whichever
 * instance locks it; the services key every message, so a rerun sends nothing twice.
 */
export async function startOperationJobs(
  agenda: JobScheduler,
  services: { health: StoreHealth; quietDigest: QuietDigest },
): Promise<void> {
  agenda.define(CHECK_STORE_HEALTH, async () => {
    await services.health.checkStaleStores();
  });
  agenda.define(SEND_QUIET_DIGESTS, async () => {
    await services.quietDigest.sendDue();
  });
  await agenda.every('1 minute', CHECK_STORE_HEALTH);
  await agenda.every('1 minute', SEND_QUIET_DIGESTS);
}

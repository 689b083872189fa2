import type { JobScheduler } from '#src/jobs/agenda.js';
import type { Logger } from '#src/logger.js';
import type { Retention } from '#src/services/retention.js';

export const SWEEP_RETENTION = 'sweep-retention';

/** Bounded data: once an hour, on whichever worker locks it; a rerun deletes nothing twice. */
export async function startRetentionJob(
  agenda: JobScheduler,
  retention: Retention,
  logger: Logger,
): Promise<void> {
  agenda.define(SWEEP_RETENTION, async () => {
    const deleted = await retention.sweep();
    if (Object.values(deleted).some((n) => n > 0)) logger.info({ deleted }, 'old records deleted');
  });
  await agenda.every('1 hour', SWEEP_RETENTION);
}

import type { JobScheduler } from '#src/jobs/agenda.js';
import type { AutoAccept } from '#src/services/auto-accept.js';

export const AUTO_ACCEPT_DUE = 'auto-accept-due';

/** O5: one sweep for all stores; every order is accepted under its own lock. */
export async function scheduleAutoAccept(agenda: JobScheduler, autoAccept: AutoAccept): Promise<void> {
  agenda.define(AUTO_ACCEPT_DUE, async () => {
    await autoAccept.runDue();
  });
  await agenda.every('10 seconds', AUTO_ACCEPT_DUE);
}

import type { JobScheduler } from '#src/jobs/agenda.js';

export const DAILY_SUMMARY = 'daily-summary';

/** J4: one Agenda job fires at the configured local hour; claims inside keep it to one copy. */
export function defineDailySummary(agenda: JobScheduler, run: () => Promise<unknown>) {
  agenda.define(DAILY_SUMMARY, async () => {
    await run();
  });
}

export async function scheduleDailySummary(agenda: JobScheduler, hour: number, timezone: string) {
  await agenda.every(`0 ${hour} * * *`, DAILY_SUMMARY, undefined, { timezone, skipImmediate: true });
}

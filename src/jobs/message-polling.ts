import type { JobScheduler } from '#src/jobs/agenda.js';
import type { BuyerMessages } from '#src/services/buyer-messages.js';
import type { StoreRecord } from '#src/services/stores.js';

export const POLL_STORE_MESSAGES = 'poll-store-messages';

interface PollJobData {
  storeId: string;
}

/** M1: one repeating job per store, beside its order polling; a failing store fails only its own job. */
export function defineMessagePolling(agenda: JobScheduler, buyerMessages: BuyerMessages) {
  agenda.define<PollJobData>(
    POLL_STORE_MESSAGES,
    async (job) => {
      await buyerMessages.pollStore(job.attrs.data.storeId);
    },
    { concurrency: 10, lockLifetime: 5 * 60_000 },
  );
}

export async function scheduleMessagePolling(agenda: JobScheduler, store: StoreRecord): Promise<void> {
  const storeId = String(store._id);
  await agenda
    .create<PollJobData>(POLL_STORE_MESSAGES, { storeId })
    .unique({ 'data.storeId': storeId })
    .repeatEvery(`${store.pollIntervalSeconds} seconds`)
    .schedule(new Date())
    .save();
}

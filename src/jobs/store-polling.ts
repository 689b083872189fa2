import type { JobScheduler } from '#src/jobs/agenda.js';
import type { BuyerMessages } from '#src/services/buyer-messages.js';
import type { OrderSync } from '#src/services/order-sync.js';
import type { StoreRecord } from '#src/services/stores.js';

export const POLL_STORE_ORDERS = 'poll-store-orders';
export const POLL_STORE_MESSAGES = 'poll-store-messages';
const POLL_JOBS = [POLL_STORE_ORDERS, POLL_STORE_MESSAGES] as const;

interface PollJobData {
  storeId: string;
}

/**
 * O1 and M1: each store has a repeating job for its orders and one for its buyer messages,
 * so a failing store, or a slow message listing, only holds up its own job.
 */
export function defineStorePolling(
  agenda: JobScheduler,
  pollers: { orderSync: OrderSync; buyerMessages: BuyerMessages },
) {
  const options = { concurrency: 10, lockLifetime: 5 * 60_000 };
  agenda.define<PollJobData>(
    POLL_STORE_ORDERS,
    async (job) => void (await pollers.orderSync.pollStore(job.attrs.data.storeId)),
    options,
  );
  agenda.define<PollJobData>(
    POLL_STORE_MESSAGES,
    async (job) => void (await pollers.buyerMessages.pollStore(job.attrs.data.storeId)),
    options,
  );
}

export async function scheduleStorePolling(agenda: JobScheduler, store: StoreRecord): Promise<void> {
  const storeId = String(store._id);
  for (const name of POLL_JOBS) {
    await agenda
      .create<PollJobData>(name, { storeId })
      .unique({ 'data.storeId': storeId })
      .repeatEvery(`${store.pollIntervalSeconds} seconds`)
      .schedule(new Date())
      .save();
  }
}

/** A paused or deleted store is polled no more. */
export async function cancelStorePolling(agenda: JobScheduler, storeId: string): Promise<void> {
  for (const name of POLL_JOBS) await agenda.cancel({ name, data: { storeId } });
}

/** What the admin features need to start and stop a store's polling. */
export interface StorePolling {
  schedule(store: StoreRecord): Promise<void>;
  cancel(storeId: string): Promise<void>;
}

import type { JobScheduler } from '#src/jobs/agenda.js';
import type { OrderSync } from '#src/services/order-sync.js';
import type { StoreRecord } from '#src/services/stores.js';

export const POLL_STORE_ORDERS = 'poll-store-orders';

interface PollJobData {
  storeId: string;
}

/** O1: one repeating job per store; a failing store only fails its own job. */
export function defineOrderPolling(agenda: JobScheduler, orderSync: OrderSync) {
  agenda.define<PollJobData>(
    POLL_STORE_ORDERS,
    async (job) => {
      await orderSync.pollStore(job.attrs.data.storeId);
    },
    { concurrency: 10, lockLifetime: 5 * 60_000 },
  );
}

export async function scheduleOrderPolling(agenda: JobScheduler, store: StoreRecord): Promise<void> {
  const storeId = String(store._id);
  await agenda
    .create<PollJobData>(POLL_STORE_ORDERS, { storeId })
    .unique({ 'data.storeId': storeId })
    .repeatEvery(`${store.pollIntervalSeconds} seconds`)
    .schedule(new Date())
    .save();
}

/** A paused or deleted store is polled no more. */
export async function cancelOrderPolling(agenda: JobScheduler, storeId: string): Promise<void> {
  await agenda.cancel({ name: POLL_STORE_ORDERS, data: { storeId } });
}

/** What the admin features need to start and stop a store's polling. */
export interface StorePolling {
  schedule(store: StoreRecord): Promise<void>;
  cancel(storeId: string): Promise<void>;
}

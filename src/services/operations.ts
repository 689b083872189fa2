import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
// the name only: reading when Agenda runs a store's poll next, not scheduling anything
import { POLL_STORE_ORDERS } from '#src/jobs/store-polling.js';
import type { StoreRecord } from '#src/services/stores.js';

export interface StoreStatus {
  storeId: string;
  name: string;
  marketplace: string;
  status: string;
  lastGoodSyncAt: Date | null;
  lastError: { at: Date; error: string } | null;
  /** true while the latest sync is the failing one */
  failingNow: boolean;
  nextRunAt: Date | null;
  openAlerts: string[];
}

/** J1: what /status shows per store, from the store, the operation log and Agenda's jobs. */
export function createOperations(models: Models) {
  async function nextRunOf(storeId: string): Promise<Date | null> {
    const job = await models.stores.db
      .collection<{ nextRunAt?: Date | null }>('jobs')
      .findOne({ name: POLL_STORE_ORDERS, 'data.storeId': storeId });
    return job?.nextRunAt ?? null;
  }

  async function statusOf(store: StoreRecord): Promise<StoreStatus> {
    const storeId = String(store._id);
    const lastFailure = await models.operationLog
      .findOne({ storeId: store._id, ok: false })
      .sort({ at: -1 })
      .lean();
    const alerts = await models.storeAlerts.find({ storeId: store._id, resolvedAt: null }).lean();
    return {
      storeId,
      name: store.name,
      marketplace: store.marketplace,
      status: store.status ?? 'active',
      lastGoodSyncAt: store.lastSyncOkAt ?? null,
      lastError: lastFailure ? { at: lastFailure.at, error: lastFailure.error ?? '' } : null,
      failingNow: Boolean(store.lastSyncError),
      nextRunAt: store.status === 'paused' ? null : await nextRunOf(storeId),
      openAlerts: alerts.map((alert) => alert.kind),
    };
  }

  return {
    async overview(): Promise<StoreStatus[]> {
      const stores = await models.stores.find().sort({ name: 1 }).lean<StoreRecord[]>();
      return Promise.all(stores.map(statusOf));
    },
    async storeStatus(storeId: Types.ObjectId | string): Promise<StoreStatus | null> {
      const store = await models.stores.findById(storeId).lean<StoreRecord>();
      return store ? statusOf(store) : null;
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;

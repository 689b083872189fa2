import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { StoreRecord } from '#src/services/stores.js';

export interface StoreStatus {
  storeId: string;
  name: string;
  marketplace: string;
  status: string;
  lastGoodSyncAt: Date | null;
  /** `kind` names a locale variant of `sync-error`; null for a row logged before kinds were */
  lastError: { at: Date; kind: string | null } | null;
  /** true while the latest sync is the failing one */
  failingNow: boolean;
  nextRunAt: Date | null;
  openAlerts: string[];
}

/** When the workers poll the store next: an interval after its last sync, or now. */
function nextRunOf(store: StoreRecord, now = new Date()): Date {
  const last = store.lastSyncAt ? new Date(store.lastSyncAt).getTime() : 0;
  return new Date(Math.max(now.getTime(), last + store.pollIntervalSeconds * 1000));
}

/** J1: what /status shows per store, from the store and the operation log. */
export function createOperations(models: Models) {
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
      lastError: lastFailure ? { at: lastFailure.at, kind: lastFailure.errorKind ?? null } : null,
      failingNow: Boolean(store.lastSyncError),
      nextRunAt: store.status === 'paused' ? null : nextRunOf(store),
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

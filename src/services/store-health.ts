import type { Models } from '#src/db/models/index.js';
import type { StoreAlertKind } from '#src/db/models/store-alert.js';
import type { Logger } from '#src/logger.js';
import { isMarketplaceError } from '#src/marketplaces/errors.js';
import { syncErrorKind } from '#src/services/order-sync.js';
import type { AlertNotice } from '#src/services/notices.js';
import { enqueueMessage } from '#src/services/outbox.js';
import { destinationsFor, type RoutingClock } from '#src/services/routing.js';
import { isCredentialsUnreadable, type StoreRecord } from '#src/services/stores.js';
import { isDuplicateKey } from '#src/db/errors.js';

/** J3: a store without a good sync for this many poll intervals alerts the admins. */
export const STALE_AFTER_INTERVALS = 10;

type StoreWithTimes = StoreRecord & { createdAt?: Date };

/**
 * An alert is raised only for a store whose sync failed (its error stays until a good sync) or
 * that went STALE_AFTER_INTERVALS without a good one; any other store has none open.
 */
const mayHaveOpenAlerts = (store: StoreWithTimes, now: number) =>
  store.lastSyncError != null ||
  now - episodeOf(store) > STALE_AFTER_INTERVALS * store.pollIntervalSeconds * 1000;

/** The episode is the time of the last good sync: one alert per kind until the store syncs again. */
const episodeOf = (store: StoreWithTimes) => new Date(store.lastSyncOkAt ?? store.createdAt ?? 0).getTime();

/**
 * J3 health rules: credentials refused → the store is paused and the admins are told once;
 * a store that has not synced for a long time → told once; the first good sync after either
 * → the recovery is announced. Every message goes through the outbox under a key made of
 * (store, alert kind, episode), so no alert is ever doubled.
 */
export function createStoreHealth(models: Models, logger: Logger, clock: RoutingClock) {
  async function announce(store: StoreRecord, subject: string, notice: AlertNotice) {
    const destinations = await destinationsFor(models, store, 'alert', clock);
    await enqueueMessage(models, 'alert', subject, notice, destinations);
  }

  /** true when this call raised the alert, false when the episode already had it */
  async function raise(
    store: StoreWithTimes,
    kind: StoreAlertKind,
    detail: string | null,
    errorKind: string | null,
  ) {
    const episode = episodeOf(store);
    const key = `${String(store._id)}:${kind}:${episode}`;
    if (await models.storeAlerts.exists({ key })) return false;
    logger.warn({ store: String(store._id), kind }, 'store health alert');
    // the detail stays in the alert's row and the log; the chats get its kind in their language
    await announce(store, key, { type: kind, storeName: store.name, detail: null, errorKind });
    await models.storeAlerts
      .create({ key, storeId: store._id, kind, episode, detail, openedAt: new Date() })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    return true;
  }

  /** closes the store's open alerts and announces the recovery once */
  async function resolveOpenAlerts(store: StoreRecord) {
    const open = await models.storeAlerts
      .find({ storeId: store._id, resolvedAt: null })
      .sort({ openedAt: 1 })
      .lean();
    const first = open[0];
    if (!first) return;
    await announce(store, `${first.key}:recovered`, {
      type: 'recovered',
      storeName: store.name,
      detail: null,
    });
    await models.storeAlerts.updateMany(
      { _id: { $in: open.map((alert) => alert._id) } },
      { $set: { resolvedAt: new Date() } },
    );
    logger.info({ store: String(store._id) }, 'store recovered');
  }

  return {
    /** called after every failed sync */
    async syncFailed(store: StoreRecord, error: unknown, reason: string): Promise<void> {
      // no configured key opens the credentials: every poll would fail the same way until an admin acts
      const kind = isCredentialsUnreadable(error)
        ? 'undecryptable'
        : isMarketplaceError(error) && error.kind === 'auth'
          ? 'auth'
          : null;
      if (!kind) return;
      // the adapter has already renewed the token once (Rozetka); more polls cannot help
      await models.stores.updateOne({ _id: store._id }, { $set: { status: 'paused' } });
      await raise(store, kind, reason, syncErrorKind(error));
    },

    /**
     * Called after every good sync, with the store as the poll read it: closes open alerts and
     * says so once. A store whose last sync was good and recent has none to close, so a quiet
     * poll reads no alerts.
     */
    async syncSucceeded(store: StoreRecord): Promise<void> {
      if (!mayHaveOpenAlerts(store, Date.now())) return;
      await resolveOpenAlerts(store);
    },

    /** the periodic check: polled stores whose last good sync is too long ago; returns new alerts */
    async checkStaleStores(now = new Date()): Promise<number> {
      const stores = await models.stores.find({ status: { $ne: 'paused' } }).lean<StoreWithTimes[]>();
      let raised = 0;
      for (const store of stores) {
        const since = episodeOf(store);
        if (now.getTime() - since <= STALE_AFTER_INTERVALS * store.pollIntervalSeconds * 1000) continue;
        if (!(await raise(store, 'stale', store.lastSyncError ?? null, store.lastSyncErrorKind ?? null)))
          continue;
        raised++;
        // a good sync that read the store before this alert existed did not look for it
        const current = await models.stores.findById(store._id).lean<StoreWithTimes>();
        if (current && episodeOf(current) !== since) await resolveOpenAlerts(current);
      }
      return raised;
    },
  };
}

export type StoreHealth = ReturnType<typeof createStoreHealth>;

import type { Logger } from '#src/logger.js';
import type { OrderSync } from '#src/services/order-sync.js';
import type { StoreService } from '#src/services/stores.js';

export interface BackfillProgress {
  fetched: number;
  stored: number;
  created: number;
  updated: number;
}

export type BackfillResult =
  { ok: true; progress: BackfillProgress } | { ok: false; reason: 'not_found' | 'failed' };

/** orders stored together: a few commands for each page instead of several per order */
const PAGE = 100;

/** O6: imports a past period of one store; updates what exists, cards nothing new. */
export function createOrderBackfill(stores: StoreService, orderSync: OrderSync, logger: Logger) {
  return {
    async run(
      storeId: string,
      since: Date,
      onProgress: (progress: BackfillProgress) => Promise<void>,
    ): Promise<BackfillResult> {
      const store = await stores.get(storeId);
      if (!store) return { ok: false, reason: 'not_found' };
      const progress: BackfillProgress = { fetched: 0, stored: 0, created: 0, updated: 0 };
      try {
        const orders = await stores.marketplaceFor(store).listChangedOrders(since);
        progress.fetched = orders.length;
        await onProgress(progress);
        const inPeriod = orders.filter((order) => order.createdAt >= since);
        for (let start = 0; start < inPeriod.length; start += PAGE) {
          const page = inPeriod.slice(start, start + PAGE);
          // an order someone else holds right now is theirs to store
          const { created, updated } = await orderSync.importPage(store, page);
          progress.stored += page.length;
          progress.created += created;
          progress.updated += updated;
          await onProgress(progress);
        }
        return { ok: true, progress };
      } catch (error) {
        logger.warn({ store: storeId, err: error }, 'backfill failed');
        return { ok: false, reason: 'failed' };
      }
    },
  };
}

export type OrderBackfill = ReturnType<typeof createOrderBackfill>;

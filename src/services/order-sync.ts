import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Logger } from '#src/logger.js';
import { isMarketplaceError } from '#src/marketplaces/errors.js';
import type { Order } from '#src/marketplaces/port.js';
import { upsertOrder, type OrderChange } from '#src/services/order-records.js';
import { enqueueOrderCard } from '#src/services/outbox.js';
import { destinationsFor } from '#src/services/routing.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';

export interface SyncOutcome {
  fetched: number;
  created: number;
  updated: number;
}

/** Plain words for the operation log and /status; never a token or a stack. */
export function describeSyncError(error: unknown): string {
  if (isMarketplaceError(error)) return error.detail ? `${error.message}: ${error.detail}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

export function createOrderSync(models: Models, stores: StoreService, logger: Logger) {
  /** Brings every copy of the order's card up to date (or sends it, for a new order). */
  async function announce(store: StoreRecord, order: OrderDoc, change: OrderChange): Promise<void> {
    if (change === 'none' || order.backfilled) return;
    const event = change === 'created' ? 'new_order' : 'status_change';
    const targets = await destinationsFor(models, store, event);
    const existingCards = await models.cards.find({ orderId: order._id }).lean();
    const known = existingCards.map((card) => ({ chatId: card.chatId, threadId: card.threadId }));
    const all = [...targets, ...known].filter(
      (d, i, list) => list.findIndex((o) => o.chatId === d.chatId && o.threadId === d.threadId) === i,
    );
    await enqueueOrderCard(models, order._id, order.version, change === 'created' ? targets : all);
  }

  /** J1: one operation-log row per sync */
  const logSync = (store: StoreRecord, startedAt: Date, outcome: SyncOutcome, error: string | null) =>
    models.operationLog.create({
      storeId: store._id,
      kind: 'orders',
      at: startedAt,
      ok: error === null,
      durationMs: Date.now() - startedAt.getTime(),
      ...outcome,
      error,
    });

  async function storeOrder(store: StoreRecord, order: Order, changedBy?: string) {
    const result = await upsertOrder(models, store._id, order, changedBy ? { changedBy } : {});
    await announce(store, result.order, result.change);
    return result;
  }

  return {
    storeOrder,

    /** O1: one poll of one store. Throws after logging, so the job scheduler records the failure. */
    async pollStore(storeId: Types.ObjectId | string): Promise<SyncOutcome | null> {
      const store = await stores.get(storeId);
      if (!store || store.status === 'paused') return null;
      const startedAt = new Date();
      const outcome: SyncOutcome = { fetched: 0, created: 0, updated: 0 };
      try {
        const orders = await stores.marketplaceFor(store).listChangedOrders(store.orderWatermark ?? null);
        outcome.fetched = orders.length;
        let watermark = store.orderWatermark ? new Date(store.orderWatermark) : null;
        for (const order of orders) {
          const { change } = await storeOrder(store, order);
          if (change === 'created') outcome.created++;
          else if (change !== 'none') outcome.updated++;
          if (!watermark || order.updatedAt > watermark) watermark = order.updatedAt;
        }
        await models.stores.updateOne(
          { _id: store._id },
          {
            $set: {
              orderWatermark: watermark,
              lastSyncAt: startedAt,
              lastSyncOkAt: startedAt,
              lastSyncError: null,
            },
          },
        );
        await logSync(store, startedAt, outcome, null);
        return outcome;
      } catch (error) {
        const reason = describeSyncError(error);
        logger.warn({ store: String(store._id), err: reason }, 'order sync failed');
        await models.stores.updateOne(
          { _id: store._id },
          { $set: { lastSyncAt: startedAt, lastSyncError: reason } },
        );
        await logSync(store, startedAt, outcome, reason);
        throw error;
      }
    },
  };
}

export type OrderSync = ReturnType<typeof createOrderSync>;

import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Logger } from '#src/logger.js';
import {
  isMarketplaceError,
  type MarketplaceErrorKind,
  type MarketplacePermission,
} from '#src/marketplaces/errors.js';
import type { Order } from '#src/marketplaces/port.js';
import { autoAcceptDueAt } from '#src/services/auto-accept.js';
import { linkOrderThreads } from '#src/services/order-threads.js';
import { orderContentHash, upsertOrder, type OrderChange } from '#src/services/order-records.js';
import { cardDestinations, enqueueOrderCard } from '#src/services/outbox.js';
import { destinationsFor, type Destination, type RoutingClock } from '#src/services/routing.js';
import type { EventKind } from '#src/db/models/store.js';
import { isCredentialsUnreadable, type StoreRecord, type StoreService } from '#src/services/stores.js';

/** what a poll needs to know of a stored order to pass over it */
type StoredSummary = Pick<
  OrderDoc,
  '_id' | 'marketplaceOrderId' | 'contentHash' | 'version' | 'announcedVersion'
>;

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

/**
 * L1: what /status says about a failure, in the reader's language (locale `sync-error`); the
 * detail stays in the log.
 */
export type SyncErrorKind =
  MarketplaceErrorKind | `no_permission_${MarketplacePermission}` | 'undecryptable' | 'internal';

export function syncErrorKind(error: unknown): SyncErrorKind {
  if (isCredentialsUnreadable(error)) return 'undecryptable';
  if (!isMarketplaceError(error)) return 'internal';
  return error.permission ? `no_permission_${error.permission}` : error.kind;
}

/** how an order poll ended: it stored nothing, stored something, or failed */
export type OrderPollOutcome = 'quiet' | 'changed' | 'failed';

/** J3: told about every sync's outcome (health alerts, pausing a store). */
export interface SyncObserver {
  syncSucceeded(store: StoreRecord): Promise<void>;
  syncFailed(store: StoreRecord, error: unknown, reason: string): Promise<void>;
}

export function createOrderSync(
  models: Models,
  stores: StoreService,
  logger: Logger,
  options: { clock: RoutingClock; observer?: SyncObserver; polled?: (outcome: OrderPollOutcome) => void },
) {
  // a health alert that could not be written is retried by the next sync or check
  const observerFailed = (error: unknown) => logger.warn({ err: error }, 'sync observer failed');

  /** Routing looked up once per store and event for a whole poll, not once per order. */
  function routingFor(store: StoreRecord) {
    const cache = new Map<EventKind, Promise<Destination[]>>();
    return (event: EventKind) => {
      let targets = cache.get(event);
      if (!targets) cache.set(event, (targets = destinationsFor(models, store, event, options.clock)));
      return targets;
    };
  }

  /**
   * Sends a new order's card, or brings every copy of an existing one up to date. A backfill
   * only edits cards already out: old orders must not flood the chats (O6).
   */
  async function announce(
    order: OrderDoc,
    change: OrderChange,
    routing: ReturnType<typeof routingFor>,
    backfill: boolean,
  ): Promise<void> {
    if (change === 'none') return;
    await linkOrderThreads(models, order, change);
    if (backfill || order.backfilled) {
      await enqueueOrderCard(models, order._id, order.version, await cardDestinations(models, order._id));
      return;
    }
    if (change === 'created') {
      await enqueueOrderCard(models, order._id, order.version, await routing('new_order'));
      return;
    }
    const all = [...(await routing('status_change')), ...(await cardDestinations(models, order._id))].filter(
      (d, i, list) => list.findIndex((o) => o.chatId === d.chatId && o.threadId === d.threadId) === i,
    );
    await enqueueOrderCard(models, order._id, order.version, all);
  }

  /**
   * S3: a store may import only some statuses; an order it already has is always kept up to
   * date, whatever its status becomes.
   */
  function wanted(store: StoreRecord, order: Order, known: boolean): boolean {
    const imported = store.importedStatuses ?? [];
    return known || imported.length === 0 || imported.includes(order.status);
  }

  /**
   * What is stored of a page of orders, in one query: the watermark's overlap brings back
   * every recent order on each poll, and an unchanged one must cost nothing.
   */
  async function storedOrdersOf(store: StoreRecord, orders: Order[]): Promise<Map<string, StoredSummary>> {
    if (orders.length === 0) return new Map();
    const stored = await models.orders
      .find({ storeId: store._id, marketplaceOrderId: { $in: orders.map((o) => o.marketplaceOrderId) } })
      .select({ marketplaceOrderId: 1, contentHash: 1, version: 1, announcedVersion: 1 })
      .lean<StoredSummary[]>();
    return new Map(stored.map((order) => [order.marketplaceOrderId, order]));
  }

  const markAnnounced = (order: OrderDoc) =>
    models.orders.updateOne(
      { _id: order._id, version: order.version },
      { $set: { announcedVersion: order.version } },
    );

  /** cards of a stored order that were never queued: the process stopped between the two writes */
  async function announceAgain(stored: StoredSummary, routing: ReturnType<typeof routingFor>) {
    const order = await models.orders.findById(stored._id).lean<OrderDoc>();
    if (!order) return;
    await announce(order, stored.announcedVersion === 0 ? 'created' : 'content', routing, false);
    await markAnnounced(order);
  }

  /**
   * J1: one operation-log row per sync that failed or stored something. A quiet poll leaves
   * only the store's lastSyncAt/lastSyncOkAt behind: a row for each would be over a million a
   * day at 200 stores.
   */
  const logSync = async (store: StoreRecord, startedAt: Date, outcome: SyncOutcome, error: unknown) => {
    if (error === null && outcome.created === 0 && outcome.updated === 0) return;
    await models.operationLog.create({
      storeId: store._id,
      kind: 'orders',
      at: startedAt,
      ok: error === null,
      durationMs: Date.now() - startedAt.getTime(),
      ...outcome,
      ...(error === null
        ? { error: null }
        : { error: describeSyncError(error), errorKind: syncErrorKind(error) }),
    });
  };

  async function storeOrder(
    store: StoreRecord,
    order: Order,
    how: { changedBy?: string; routing?: ReturnType<typeof routingFor>; backfill?: boolean } = {},
  ) {
    const backfill = how.backfill ?? false;
    const result = await upsertOrder(models, store._id, order, {
      ...(how.changedBy ? { changedBy: how.changedBy } : {}),
      backfilled: backfill,
      autoAcceptAt: backfill ? null : autoAcceptDueAt(store, order, options.clock.timeZone),
    });
    await announce(result.order, result.change, how.routing ?? routingFor(store), backfill);
    if (result.change !== 'none') await markAnnounced(result.order);
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
        const routing = routingFor(store);
        const storedOrders = await storedOrdersOf(store, orders);
        for (const order of orders) {
          if (watermark === null || order.updatedAt > watermark) watermark = order.updatedAt;
          const stored = storedOrders.get(order.marketplaceOrderId);
          if (stored?.contentHash === orderContentHash(order)) {
            if ((stored.announcedVersion ?? stored.version) < stored.version)
              await announceAgain(stored, routing);
            continue;
          }
          if (!wanted(store, order, stored !== undefined)) continue;
          const { change } = await storeOrder(store, order, { routing });
          if (change === 'created') outcome.created++;
          else if (change !== 'none') outcome.updated++;
        }
        await models.stores.updateOne(
          { _id: store._id },
          {
            $set: {
              orderWatermark: watermark,
              lastSyncAt: startedAt,
              lastSyncOkAt: startedAt,
              lastSyncError: null,
              lastSyncErrorKind: null,
            },
          },
        );
        await logSync(store, startedAt, outcome, null);
        await options.observer?.syncSucceeded(store).catch(observerFailed);
        options.polled?.(outcome.created + outcome.updated > 0 ? 'changed' : 'quiet');
        return outcome;
      } catch (error) {
        const reason = describeSyncError(error);
        logger.warn({ store: String(store._id), err: reason }, 'order sync failed');
        await models.stores.updateOne(
          { _id: store._id },
          { $set: { lastSyncAt: startedAt, lastSyncError: reason, lastSyncErrorKind: syncErrorKind(error) } },
        );
        await logSync(store, startedAt, outcome, error);
        await options.observer?.syncFailed(store, error, reason).catch(observerFailed);
        options.polled?.('failed');
        throw error;
      }
    },
  };
}

export type OrderSync = ReturnType<typeof createOrderSync>;

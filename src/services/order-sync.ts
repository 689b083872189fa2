import type { Types } from 'mongoose';
import { findEach } from '#src/db/find-each.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Logger } from '#src/logger.js';
import {
  isMarketplaceError,
  type MarketplaceErrorKind,
  type MarketplacePermission,
} from '#src/marketplaces/errors.js';
import { LATE_CHANGES_EVERY_MS, type Order, type WatermarkReach } from '#src/marketplaces/port.js';
import { autoAcceptDueAt } from '#src/services/auto-accept.js';
import { linkOrderThreads } from '#src/services/order-threads.js';
import {
  FIRST_VERSION,
  insertNewOrders,
  orderContentHash,
  updateStoredOrder,
  type OrderChange,
  type UpsertResult,
} from '#src/services/order-records.js';
import { withNewOrderLocks, withOrderLock } from '#src/services/order-lock.js';
import { cardDestinations, enqueueOrderCard, enqueueOrderCards } from '#src/services/outbox.js';
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

/**
 * Where the next poll starts: the newest change seen, but never past an order left for later
 * (another writer held it), so the next poll lists that one again.
 */
function nextWatermark(previous: Date | null, orders: Order[], leftForLater: Order[]): Date | null {
  const times = (list: Order[]) => list.map((order) => order.updatedAt.getTime());
  const newest = Math.max(previous?.getTime() ?? 0, ...times(orders));
  const until = Math.min(newest, ...times(leftForLater));
  const next = Math.max(previous?.getTime() ?? 0, until);
  return next === 0 ? null : new Date(next);
}

/**
 * A good poll that moved nothing leaves the store's sync times as they are while they are
 * younger than this many intervals: the health check waits ten, /status shows minutes, and
 * a write per poll was a third of a quiet poll's database commands.
 */
const SYNC_MARK_INTERVALS = 2;

function syncMarkedRecently(store: StoreRecord, watermark: Date | null, now: Date): boolean {
  const markedAt = store.lastSyncOkAt ? new Date(store.lastSyncOkAt).getTime() : null;
  return (
    markedAt !== null &&
    !store.lastSyncError &&
    (watermark?.getTime() ?? null) ===
      (store.orderWatermark ? new Date(store.orderWatermark).getTime() : null) &&
    now.getTime() - markedAt < SYNC_MARK_INTERVALS * store.pollIntervalSeconds * 1000
  );
}

/**
 * An order placed after the newest change the store's last poll saw cannot be stored from a
 * poll, so it is not looked up: a writer that stored it meanwhile (an action, another worker)
 * makes the insert refuse it, and it is then treated as known.
 */
function placedSince(store: StoreRecord, order: Order): boolean {
  return store.orderWatermark != null && order.createdAt.getTime() > new Date(store.orderWatermark).getTime();
}

/** orders remembered per store: more than a watermark's overlap holds at a busy hour */
const SEEN_PER_STORE = 2_000;
/** how long a seen order goes unread: a writer stopped between an order's change and its cards is caught within it */
const SEEN_FOR_MS = 60_000;

/**
 * The orders this process found stored, announced and as the marketplace lists them now, by
 * store: the watermark's overlap lists each recent order again on every poll, and one listed
 * as it was when seen a moment ago needs no read. Any change at the marketplace changes the
 * order's hash, and it is read again.
 */
function createSeenOrders() {
  const byStore = new Map<string, Map<string, { hash: string; at: number }>>();
  return {
    has(storeId: Types.ObjectId, order: Order): boolean {
      const seen = byStore.get(String(storeId))?.get(order.marketplaceOrderId);
      return (
        seen !== undefined && Date.now() - seen.at < SEEN_FOR_MS && seen.hash === orderContentHash(order)
      );
    },
    remember(storeId: Types.ObjectId, order: Order) {
      const key = String(storeId);
      const orders = byStore.get(key) ?? new Map<string, { hash: string; at: number }>();
      byStore.set(key, orders);
      orders.delete(order.marketplaceOrderId);
      orders.set(order.marketplaceOrderId, { hash: orderContentHash(order), at: Date.now() });
      const oldest = orders.keys().next().value;
      if (orders.size > SEEN_PER_STORE && oldest !== undefined) orders.delete(oldest);
    },
  };
}

/** who holds an order's claim while a poll or an import writes it */
const SYNC_HOLDER = 'sync';

type Routing = (event: EventKind) => Promise<Destination[]>;

export function createOrderSync(
  models: Models,
  stores: StoreService,
  logger: Logger,
  options: { clock: RoutingClock; observer?: SyncObserver; polled?: (outcome: OrderPollOutcome) => void },
) {
  const seen = createSeenOrders();
  /**
   * When this process's next poll of each store reaches back for late changes: its first one
   * does, then one every half to whole LATE_CHANGES_EVERY_MS, at random, so stores polled
   * since start-up do not all re-read minutes of orders in the same second.
   */
  const lateReachDueAt = new Map<string, number>();
  const reachFor = (store: StoreRecord): WatermarkReach =>
    Date.now() >= (lateReachDueAt.get(String(store._id)) ?? 0) ? 'late' : 'recent';
  const reachedLate = (store: StoreRecord, startedAt: Date) =>
    lateReachDueAt.set(
      String(store._id),
      startedAt.getTime() + LATE_CHANGES_EVERY_MS * (0.5 + Math.random() / 2),
    );
  // a health alert that could not be written is retried by the next sync or check
  const observerFailed = (error: unknown) => logger.warn({ err: error }, 'sync observer failed');

  /** Routing looked up once per store and event for a whole poll, not once per order. */
  function routingFor(store: StoreRecord): Routing {
    const cache = new Map<EventKind, Promise<Destination[]>>();
    return (event: EventKind) => {
      let targets = cache.get(event);
      if (!targets) cache.set(event, (targets = destinationsFor(models, store, event, options.clock)));
      return targets;
    };
  }

  /** The chats a change of a stored order goes to. A backfill only edits cards already out (O6). */
  async function changeDestinations(
    order: OrderDoc,
    change: Exclude<OrderChange, 'none'>,
    routing: Routing,
    backfill: boolean,
  ): Promise<Destination[]> {
    if (backfill || order.backfilled) return cardDestinations(models, order._id);
    if (change === 'created') return routing('new_order');
    const all = [...(await routing('status_change')), ...(await cardDestinations(models, order._id))];
    return all.filter(
      (d, i, list) => list.findIndex((o) => o.chatId === d.chatId && o.threadId === d.threadId) === i,
    );
  }

  /** the order's cards show its version now; the caller holds the order's claim */
  async function announce(order: OrderDoc, change: OrderChange, routing: Routing, backfill: boolean) {
    if (change === 'none') return;
    await linkOrderThreads(models, [order], change);
    await enqueueOrderCard(
      models,
      order._id,
      order.version,
      await changeDestinations(order, change, routing, backfill),
    );
    await models.orders.updateOne({ _id: order._id }, { $set: { announcedVersion: order.version } });
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
    const stored = await findEach<StoredSummary>(
      models.orders,
      'marketplaceOrderId',
      orders.map((order) => order.marketplaceOrderId),
      { marketplaceOrderId: 1, contentHash: 1, version: 1, announcedVersion: 1 },
      { storeId: store._id },
    );
    return new Map(stored.map((order) => [order.marketplaceOrderId, order]));
  }

  /**
   * A page's new orders, whatever its size, in a handful of commands: stored (with customers
   * and first status rows), carded unless imported (O6), linked to buyer threads that came
   * first (M1), then marked announced. Returns the orders stored here, those of them marked
   * announced here, and those another writer stored first.
   */
  async function storeNew(
    store: StoreRecord,
    orders: Order[],
    how: { routing: Routing; backfill: boolean; changedBy?: string },
  ): Promise<{ created: OrderDoc[]; announced: Order[]; taken: Order[] }> {
    // an imported order sends no card, and a new one has none out to edit; where a new one's
    // card goes is read beside the inserts
    const routed = how.backfill || orders.length === 0 ? null : how.routing('new_order');
    routed?.catch(() => undefined);
    const created = await insertNewOrders(
      models,
      store._id,
      orders.map((order) => ({
        order,
        backfilled: how.backfill,
        autoAcceptAt: how.backfill ? null : autoAcceptDueAt(store, order, options.clock.timeZone),
      })),
      { timeZone: options.clock.timeZone, changedBy: how.changedBy },
      async (inserted) => {
        if (!routed) return;
        const destinations = await routed;
        await enqueueOrderCards(
          models,
          inserted.map((order) => ({ orderId: order._id, version: order.version, destinations })),
        );
      },
    );
    const stored = new Set(created.map((order) => order.marketplaceOrderId));
    const taken = orders.filter((order) => !stored.has(order.marketplaceOrderId));
    if (created.length === 0) return { created, announced: [], taken };
    await linkOrderThreads(models, created, 'created');
    // under the orders' locks; one another writer holds is theirs to announce (or, if they
    // leave it as it is, the next poll queues its cards again, which changes nothing)
    const announced = await withNewOrderLocks(
      models,
      created.map((order) => order._id),
      SYNC_HOLDER,
      async (locked) => {
        if (locked.length === 0) return [];
        // the equalities narrow the write to the page's fresh orders: FerretDB v1 reads the
        // whole collection for a filter on `$in` alone
        await models.orders.updateMany(
          { storeId: store._id, announcedVersion: 0, _id: { $in: locked } },
          { $set: { announcedVersion: FIRST_VERSION } },
        );
        const marked = new Set(locked.map(String));
        const markedIds = new Set(
          created.filter(({ _id }) => marked.has(String(_id))).map((order) => order.marketplaceOrderId),
        );
        return orders.filter((order) => markedIds.has(order.marketplaceOrderId));
      },
    );
    return { created, announced, taken };
  }

  /** a stored order's change, written and announced by a caller holding the order's claim */
  async function storeHeld(
    current: OrderDoc,
    order: Order,
    how: { routing: Routing; backfill: boolean; changedBy?: string },
  ): Promise<UpsertResult> {
    const result = await updateStoredOrder(models, current, order, {
      timeZone: options.clock.timeZone,
      changedBy: how.changedBy,
    });
    if (result.change === 'none') await announcePending(current, how.routing);
    else await announce(result.order, result.change, how.routing, how.backfill);
    return result;
  }

  /**
   * A stored order's change under its claim (`order:<id>`): polls, imports, actions and
   * auto-accept change a stored order only while holding it, so two of them never both bump
   * its version. Null when someone else holds it: they store the order's state themselves,
   * and the watermark's overlap brings it back to the next poll.
   */
  function storeKnown(
    orderId: Types.ObjectId,
    order: Order,
    how: { routing: Routing; backfill: boolean; changedBy?: string },
  ): Promise<UpsertResult | null> {
    return withOrderLock(models, orderId, SYNC_HOLDER, async () => {
      const current = await models.orders.findById(orderId).lean<OrderDoc>();
      if (!current) throw new Error(`order ${String(orderId)} is gone`);
      return storeHeld(current, order, how);
    });
  }

  /**
   * Cards of a stored order that were never queued: its writer stopped between the two writes
   * (or is still on its way; queueing twice changes nothing). The caller holds its claim.
   */
  async function announcePending(order: OrderDoc, routing: Routing) {
    if ((order.announcedVersion ?? order.version) >= order.version) return;
    await announce(order, order.announcedVersion === 0 ? 'created' : 'content', routing, false);
  }

  const announceAgain = (stored: StoredSummary, routing: Routing) =>
    withOrderLock(models, stored._id, SYNC_HOLDER, async () => {
      const order = await models.orders.findById(stored._id).lean<OrderDoc>();
      if (order) await announcePending(order, routing);
    });

  /**
   * A page of orders, each new or changed: the new ones together, the known ones one by one.
   * Returns what was written, the orders stored and announced here as listed (`settled`), and
   * the orders someone else held (left for a later poll).
   */
  async function storePage(
    store: StoreRecord,
    fresh: Order[],
    changed: { id: Types.ObjectId; order: Order }[],
    how: { routing: Routing; backfill: boolean },
  ): Promise<{ created: number; updated: number; settled: Order[]; busy: Order[] }> {
    const { created, announced, taken } = await storeNew(store, fresh, how);
    const known = [...changed];
    // stored by another writer a moment ago: this state may still be newer than theirs
    if (taken.length > 0) {
      const ids = await storedOrdersOf(store, taken);
      for (const order of taken) known.push({ id: ids.get(order.marketplaceOrderId)!._id, order });
    }
    const page = { created: created.length, updated: 0, settled: [...announced], busy: [] as Order[] };
    for (const { id, order } of known) {
      const result = await storeKnown(id, order, how);
      if (!result) {
        page.busy.push(order);
        continue;
      }
      page.settled.push(order);
      if (result.change !== 'none') page.updated++;
    }
    return page;
  }

  /**
   * One order as the marketplace has it now, stored by a caller that holds the order's claim
   * (an action, auto-accept); a new one is stored as a poll would.
   */
  async function storeHeldOrder(
    store: StoreRecord,
    order: Order,
    how: { changedBy?: string } = {},
  ): Promise<UpsertResult> {
    const write = { routing: routingFor(store), backfill: false, ...how };
    const current = await models.orders
      .findOne({ storeId: store._id, marketplaceOrderId: order.marketplaceOrderId })
      .lean<OrderDoc>();
    if (current) return storeHeld(current, order, write);
    const { created } = await storeNew(store, [order], write);
    // none: another writer stored it a moment ago
    return created[0] ? { order: created[0], change: 'created' } : storeHeldOrder(store, order, how);
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

  return {
    storeHeldOrder,

    /** O6: a page of a past period: new orders stored without cards, known ones brought up to date */
    async importPage(store: StoreRecord, orders: Order[]) {
      const stored = await storedOrdersOf(store, orders);
      const fresh: Order[] = [];
      const changed: { id: Types.ObjectId; order: Order }[] = [];
      for (const order of orders) {
        const known = stored.get(order.marketplaceOrderId);
        if (!known) fresh.push(order);
        else if (known.contentHash !== orderContentHash(order)) changed.push({ id: known._id, order });
      }
      return storePage(store, fresh, changed, { routing: routingFor(store), backfill: true });
    },

    /**
     * O1: one poll of one store (the poll scheduler hands over the store it has just read).
     * Throws after logging, so the scheduler records the failure.
     */
    async pollStore(storeOrId: StoreRecord | Types.ObjectId | string): Promise<SyncOutcome | null> {
      const store = await stores.recordOf(storeOrId);
      if (!store || store.status === 'paused') return null;
      const startedAt = new Date();
      const outcome: SyncOutcome = { fetched: 0, created: 0, updated: 0 };
      try {
        const reach = reachFor(store);
        const orders = await stores
          .marketplaceFor(store)
          .listChangedOrders(store.orderWatermark ?? null, reach);
        outcome.fetched = orders.length;
        const routing = routingFor(store);
        const unseen = orders.filter((order) => !seen.has(store._id, order));
        const storedOrders = await storedOrdersOf(
          store,
          unseen.filter((order) => !placedSince(store, order)),
        );
        const fresh: Order[] = [];
        const changed: { id: Types.ObjectId; order: Order }[] = [];
        for (const order of unseen) {
          const stored = storedOrders.get(order.marketplaceOrderId);
          if (stored?.contentHash === orderContentHash(order)) {
            if ((stored.announcedVersion ?? stored.version) < stored.version)
              await announceAgain(stored, routing);
            else seen.remember(store._id, order);
            continue;
          }
          if (!wanted(store, order, stored !== undefined)) continue;
          if (stored) changed.push({ id: stored._id, order });
          else fresh.push(order);
        }
        const page = await storePage(store, fresh, changed, { routing, backfill: false });
        // the overlap lists them again on the next polls: as they are now, they need no read
        for (const order of page.settled) seen.remember(store._id, order);
        outcome.created = page.created;
        outcome.updated = page.updated;
        const watermark = nextWatermark(store.orderWatermark ?? null, orders, page.busy);
        if (!syncMarkedRecently(store, watermark, startedAt)) {
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
        }
        if (reach === 'late') reachedLate(store, startedAt);
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
